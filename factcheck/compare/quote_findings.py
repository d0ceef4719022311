"""What is wrong with the quotes: empty, missing, altered and misattributed ones."""

from __future__ import annotations

from factcheck.compare.names import fullest, is_named, same_speaker, speaker_matches
from factcheck.compare.quotes import ALTERED, SPEAKER_WINDOW, QuoteAlignment
from factcheck.compare.severity import severity
from factcheck.compare.side import Side, excerpt, is_empty_quote, same_language, words
from factcheck.models import RULES, Discrepancy

FRAGMENT_WORDS = 4  # an unattributed quote shorter than this is a term or a scare quote


def changed_words(a: str, b: str, context: int = 2) -> tuple[str, str]:
    """The part of two quotes that differs, with `context` words either side ("…" elsewhere)."""
    ta, tb = a.split(), b.split()
    na, nb = [words(t) for t in ta], [words(t) for t in tb]
    head = 0
    while head < min(len(na), len(nb)) and na[head] == nb[head]:
        head += 1
    tail = 0
    while tail < min(len(na), len(nb)) - head and na[-1 - tail] == nb[-1 - tail]:
        tail += 1

    def cut(tokens: list[str]) -> str:
        start, end = max(head - context, 0), len(tokens) - max(tail - context, 0)
        shown = " ".join(tokens[start:end])
        return f"{'…' if start else ''}{shown}{'…' if end < len(tokens) else ''}"

    return excerpt(cut(ta), 80), excerpt(cut(tb), 80)


def _speaker_name(speaker: str, side: Side) -> str:
    names = [q.speaker for q in side.quotes if q.speaker] + side.persons()
    return fullest(speaker, names)


def empty_quotes(ref: Side, cand: Side) -> list[Discrepancy]:
    """Every empty quote: the candidate's are high, the reference's own are low."""
    found = []
    for quote in cand.quotes:
        if is_empty_quote(quote):
            who = _speaker_name(quote.speaker, cand) if quote.speaker else None
            named = f"attributed to {who}" if who else "with no speaker named"
            message = f"The candidate prints empty quotation marks {quote.text} {named}."
            found.append(
                Discrepancy(
                    "empty_quote",
                    severity("empty_quote", "candidate"),
                    message,
                    candidate=cand.evidence(quote),
                    source=quote.source,
                )
            )
    for quote in ref.quotes:
        if is_empty_quote(quote):
            who = _speaker_name(quote.speaker, ref) if quote.speaker else "no speaker named"
            found.append(
                Discrepancy(
                    "empty_quote",
                    severity("empty_quote", "reference"),
                    f"The reference itself prints empty quotation marks {quote.text} ({who}).",
                    reference=ref.evidence(quote),
                    source=quote.source,
                )
            )
    return found


def quote_findings(ref: Side, cand: Side, alignment: QuoteAlignment) -> list[Discrepancy]:
    """Altered, misattributed and missing quotes, from an alignment."""
    found: list[Discrepancy] = []
    ref_persons, cand_persons = ref.persons(), cand.persons()
    monolingual = same_language(ref, cand)
    for match in alignment.matches:
        r, c = match.reference, match.candidate
        r_evidence, c_evidence = ref.evidence(r), cand.evidence(c)
        if (
            match.how == "words"
            and r.speaker
            and is_named(r.speaker, ref_persons, ref.orgs())
            and is_named(c.speaker, cand_persons, cand.orgs())
            and not speaker_matches(r.speaker, c.speaker)
            and not cand.names_before(r.speaker, c, SPEAKER_WINDOW)
        ):
            said_by = _speaker_name(str(r.speaker), ref)
            given_to = _speaker_name(str(c.speaker), cand)
            found.append(
                Discrepancy(
                    "misattributed_quote",
                    severity("misattributed_quote"),
                    f"The candidate gives {given_to} the words the reference attributes to"
                    f" {said_by}: “{excerpt(str(r.value))}”.",
                    reference=r_evidence,
                    candidate=c_evidence,
                )
            )
            continue
        reason = match.altered
        similarity = match.similarity
        if reason is None and similarity is not None:
            reason = "rules" if ALTERED <= similarity < 100 else None
        if reason is not None:
            who = _speaker_name(str(r.speaker or c.speaker or "the speaker"), ref)
            before, after = changed_words(str(r.value), str(c.value))
            change = (
                f"The candidate changes the words of {who}'s quote: “{before}” became “{after}”."
                if reason == "rules"
                else f"The candidate's quote of {who} does not say what the reference's does:"
                f" {reason.rstrip('.')}."
            )
            found.append(
                Discrepancy(
                    "altered_quote",
                    severity("altered_quote"),
                    change,
                    reference=r_evidence,
                    candidate=c_evidence,
                    source=match.source,
                )
            )

    all_ref = [q for q in ref.quotes if not is_empty_quote(q)]
    all_cand = [q for q in cand.quotes if not is_empty_quote(q)]
    for quote in alignment.reference:
        judged = alignment.judged_missing.get(quote.start)
        speaker = quote.speaker
        quoted_in_cand = bool(speaker) and any(
            speaker_matches(speaker, c.speaker) for c in all_cand
        )
        named = is_named(speaker, ref_persons)
        who = _speaker_name(speaker, ref) if speaker else ""
        case = "default"
        if quoted_in_cand and not monolingual and judged is None:
            continue  # another quote of the same speaker may well be its translation
        if quoted_in_cand:
            case = "default"
            message = (
                f"The candidate quotes {who} but not these words: “{excerpt(str(quote.value))}”."
            )
        elif named and who:
            total = sum(1 for q in all_ref if same_speaker(speaker, q.speaker))
            case = "only_named" if total == 1 else "default"
            which = "" if total == 1 else f" (“{excerpt(str(quote.value), 40)}”)"
            message = (
                f"The reference quotes {who}{which}; the candidate quotes no one by that name."
            )
        elif who:
            case = "default"
            message = (
                f"The reference quotes {who} (“{excerpt(str(quote.value))}”); the candidate"
                " carries no matching quote."
            )
        else:
            short = len(words(str(quote.value)).split()) < FRAGMENT_WORDS
            case = "fragment" if short else "default"
            message = (
                f"The reference quotes “{excerpt(str(quote.value))}” without naming a speaker;"
                " the candidate carries no matching quote."
            )
        found.append(
            Discrepancy(
                "missing_quote",
                severity("missing_quote", case),
                message,
                reference=ref.evidence(quote),
                source=judged or RULES,
            )
        )
    return found
