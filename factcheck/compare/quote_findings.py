"""What is wrong with the quotes: empty, missing, altered and misattributed ones."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from factcheck.compare.names import NameSet, is_named, key, same_speaker, speaker_matches
from factcheck.compare.polarity import negations, opposite
from factcheck.compare.quote_unquoted import unquoted_findings
from factcheck.compare.quotes import ALTERED, SPEAKER_WINDOW, QuoteAlignment, QuoteMatch
from factcheck.compare.severity import severity
from factcheck.compare.side import (
    Side,
    excerpt,
    is_empty_quote,
    same_language,
    title_case,
    title_words,
    words,
)
from factcheck.extract.rules.entities import title_modifiers
from factcheck.extract.rules.quotes_lexicon import single_word_roles
from factcheck.models import RULES, Discrepancy, Fact

FRAGMENT_WORDS = 4  # an unattributed quote shorter than this is a term or a scare quote
# ... and one this short in title case is the title of a work or a section. On Wikinews this
# removes 17 medium added_quote and 6 low missing_quote findings; the 3 of them judged were FALSE.
TITLE_WORDS = 12
SAME_NAME = 70  # fuzz.ratio of two name keys that are one name spelled in two languages
SAME_LENGTH = (0.6, 1.7)  # character ratio of a quote and its translation
LENGTH_SLACK = 15  # characters two short quotes may differ by whatever their ratio
CLOSE_LENGTH = (0.75, 1.45)  # ... of a pair found by a later sentence, by speaker or by cues
CLOSE_PLACE = 0.05  # share of the article: how far apart such a pair may stand
CARRIED_WORDS = 8  # a sentence this long carried verbatim makes a quote the reference's
_QUOTE_SENTENCE = re.compile(r"(?<=[.!?])\s+")
LOOSE_MATCH = 90  # fuzz.partial_ratio: the reference carries the quote's words, re-cut


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


def _term(value: str, said: str) -> bool:
    """Whether words in quotation marks that nobody is said to speak are a term, a scare quote
    or a title ("Make Love, Not Spam", "Terms of Settlement Agreement") rather than a quotation."""
    count = len(said.split())
    return count < FRAGMENT_WORDS or (
        count <= TITLE_WORDS and title_case(title_words(value), least=2)
    )


def _speaker_name(speaker: str, side: Side) -> str:
    return _known_speakers(side).fullest(speaker)


def _known_speakers(side: Side) -> NameSet:
    """The speakers of the quotes of `side`, then its persons, indexed once per side."""
    if "known_speakers" not in side.memo:
        speakers = [q.speaker for q in side.quotes if q.speaker]
        side.memo["known_speakers"] = NameSet([*speakers, *side.persons()])
    found: NameSet = side.memo["known_speakers"]
    return found


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


def _misattributed(ref: Side, cand: Side, match: QuoteMatch) -> bool:
    """Same quote, two different named speakers, and the reference's speaker is not the one
    named just before the candidate's quote ("X said:", where an extractor may take a later name).
    """
    r, c = match.reference, match.candidate
    if match.how not in ("words", "sentence") or not r.speaker or not c.speaker:
        return False
    # Both speakers must be people the extractor found as such: a capitalised word before a
    # quote ("También", "Former Rep") is not enough to accuse an article of misattribution;
    # nor are two spellings of one name across languages ("European Commissioner", "Europese
    # Commissie").
    return (
        _a_person(r.speaker, ref)
        and _a_person(c.speaker, cand)
        and not role_only(r.speaker)
        and not role_only(c.speaker)
        and fuzz.ratio(key(r.speaker), key(c.speaker)) < SAME_NAME
        and not speaker_matches(r.speaker, c.speaker)
        and not cand.names_before(r.speaker, c, SPEAKER_WINDOW)
        and not ref.names_before(str(c.speaker), r, SPEAKER_WINDOW)
    )


def _a_person(speaker: str | None, side: Side) -> bool:
    """Whether `speaker` is a person the extractor found in `side` (not only a capitalised word)."""
    return side.person_set().has_speaker(speaker)


def role_only(speaker: str) -> bool:
    """Whether a speaker is a role, not a name: "Secretary General", "Gregoire's spokesman" (a
    role phrase may name someone else, whose surname must not stand for its speaker)."""
    if "'s " in speaker or "’s " in speaker:
        return True
    roles = single_word_roles()
    words = speaker.split()
    return bool(words) and all(w.lower() in roles or w in title_modifiers() for w in words)


def _altered(ref: Side, cand: Side, match: QuoteMatch) -> str | None:
    """Why the candidate's words differ: "rules" (same language), "negation" (across), or None."""
    if match.altered is not None:
        return match.altered
    r, c = str(match.reference.value), str(match.candidate.value)
    if match.similarity is not None:
        if not ALTERED <= match.similarity < 100:
            return None
        # A term in marks ("technical errors") or words the reference itself writes elsewhere
        # are not a quotation changed.
        short = len(words(c).split()) < FRAGMENT_WORDS
        carried = f" {words(c)} " in f" {words(ref.document.text)} "
        return None if short or carried else "rules"
    # Negation is read on quotes that are one another's translation: of comparable length (a
    # short quote may grow by a few words in translation: "death grip", "agarre de la muerte"),
    # and either surely paired (the only quotes of two aligned sentences, or a speaker's only
    # quote in each) or paired otherwise and of closer length at about the same place.
    surely = (match.how == "sentence" and not match.later_sentence) or (
        match.how == "speaker" and _only_quotes(ref, cand, match)
    )
    length = len(c) / max(len(r), 1)
    short = abs(len(c) - len(r)) <= LENGTH_SLACK
    close = (short or CLOSE_LENGTH[0] <= length <= CLOSE_LENGTH[1]) and abs(
        ref.position(match.reference) - cand.position(match.candidate)
    ) <= CLOSE_PLACE
    if not ((short or SAME_LENGTH[0] <= length <= SAME_LENGTH[1]) and (surely or close)):
        return None
    if opposite(r, ref.language, c, cand.language):
        return "negation"
    return _changed_figure(r, c)


_FIGURE = re.compile(r"\d(?:[\d.,\u00a0\u202f ]*\d)?")


def _figures(quote: str) -> list[str]:
    """The figures of a quote written in digits, without their locale's separators."""
    return sorted(re.sub(r"\D", "", f).lstrip("0") or "0" for f in _FIGURE.findall(quote))


def _changed_figure(r: str, c: str) -> str | None:
    """Across languages, the evidence that a translated quote changed its meaning without a
    judge: it states as many figures in digits as the reference's, and one of them differs."""
    fr, fc = _figures(r), _figures(c)
    if not fr or len(fr) != len(fc) or fr == fc:
        return None
    lost = [f for f in fr if f not in fc]
    gained = [f for f in fc if f not in fr]
    return f"the figure {', '.join(lost)} became {', '.join(gained)}"


def _only_quotes(ref: Side, cand: Side, match: QuoteMatch) -> bool:
    """Whether the matched quotes are their speaker's only quote in each article."""
    r, c = match.reference, match.candidate

    def alone(side: Side, quote: Fact) -> bool:
        same = [
            q
            for q in side.quotes
            if not is_empty_quote(q) and same_speaker(q.speaker, quote.speaker)
        ]
        return len(same) == 1

    return bool(r.speaker and c.speaker) and alone(ref, r) and alone(cand, c)


def quote_findings(ref: Side, cand: Side, alignment: QuoteAlignment) -> list[Discrepancy]:
    """Altered, misattributed, missing and added quotes, from an alignment."""
    found: list[Discrepancy] = []
    for match in alignment.matches:
        r, c = match.reference, match.candidate
        r_evidence, c_evidence = ref.evidence(r), cand.evidence(c)
        if _misattributed(ref, cand, match):
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
        reason = _altered(ref, cand, match)
        if reason is None:
            continue
        who = _speaker_name(str(r.speaker or c.speaker or "the speaker"), ref)
        if reason == "rules":
            before, after = changed_words(str(r.value), str(c.value))
            change = (
                f"The candidate changes the words of {who}'s quote: “{before}” became “{after}”."
            )
        elif reason == "negation":
            negated = (
                "negates" if negations(str(c.value), cand.language) else "drops the negation of"
            )
            change = (
                f"The candidate {negated} {who}'s quote: “{excerpt(str(r.value))}” is retold as"
                f" “{excerpt(str(c.value))}”."
            )
        else:
            change = (
                f"The candidate's quote of {who} does not say what the reference's does:"
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
    unquoted = unquoted_findings(ref, cand, alignment.reference, alignment.candidate)
    found += unquoted.altered
    found += _missing(ref, cand, alignment, unquoted.carried)
    found += _added(ref, cand, alignment, unquoted.retold)
    return found


def _missing(
    ref: Side, cand: Side, alignment: QuoteAlignment, carried: set[int]
) -> list[Discrepancy]:
    """Reference quotes the candidate does not carry (`carried`: the starts of those it
    carries without quotation marks, in another language)."""
    all_ref = [q for q in ref.quotes if not is_empty_quote(q)]
    all_cand = [q for q in cand.quotes if not is_empty_quote(q)]
    monolingual = same_language(ref, cand)
    found = []
    cand_words = f" {words(cand.document.text)} " if monolingual else ""
    for quote in alignment.reference:
        judged = alignment.judged_missing.get(quote.start)
        if quote.start in carried and judged is None:
            continue
        said = words(str(quote.value))
        if (
            monolingual
            and judged is None
            # A term or scare quote nobody speaks ("a complete waste") is carried by its words
            # however short; a speaker's quote needs enough words not to match by chance.
            and (len(said.split()) >= FRAGMENT_WORDS or not quote.speaker)
            and f" {said} " in cand_words
        ):
            continue  # the candidate carries the same words without quotation marks
        speaker = quote.speaker
        if not speaker and _term(str(quote.value), said) and judged is None:
            continue  # a term, a title or a scare quote nobody is said to speak: no quotation
        quoted_in_cand = bool(speaker) and any(
            speaker_matches(speaker, c.speaker) for c in all_cand
        )
        if quoted_in_cand and not monolingual and judged is None:
            continue  # another quote of the same speaker may well be its translation
        named = is_named(speaker, ref.person_set())
        who = _speaker_name(speaker, ref) if speaker else ""
        case = "default"
        if quoted_in_cand:
            message = (
                f"The candidate quotes {who} but not these words: “{excerpt(str(quote.value))}”."
            )
        elif named and who:
            total = sum(1 for q in all_ref if same_speaker(speaker, q.speaker))
            which = "" if total == 1 else f" (“{excerpt(str(quote.value), 40)}”)"
            if _named_in(who, cand):
                message = (
                    f"The reference quotes {who}{which}; the candidate names them but carries"
                    " no quote of theirs."
                )
            else:
                case = "vanished"
                message = f"The reference quotes {who}{which}; the candidate never names them."
        elif who:
            message = (
                f"The reference quotes {who} (“{excerpt(str(quote.value))}”); the candidate"
                " carries no matching quote."
            )
        else:
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


def _named_in(name: str, side: Side) -> bool:
    """Whether `side` names the person `name` anywhere (entity, speaker, or surname in its
    text)."""
    if _known_speakers(side).has_speaker(name):
        return True
    return side.names_around(name, Fact("quote", "", 0, len(side.document.text)), 0)


def _added(ref: Side, cand: Side, alignment: QuoteAlignment, retold: set[int]) -> list[Discrepancy]:
    """Candidate quotes the reference does not carry: possible fabrication (`retold`: the starts of
    those it states without quotation marks, in another language).

    In one language the words are looked for in the whole reference (it may carry them without
    marks). Across languages words cannot be looked for, so only a quote whose named speaker the
    reference never names is reported: a new voice.
    """
    monolingual = same_language(ref, cand)
    reference_words = f" {words(ref.document.text)} " if monolingual else ""
    found = []
    for quote in alignment.candidate:
        if quote.start in retold:
            continue  # already read against the reference's unquoted sentences
        value = str(quote.value)
        said = words(value)
        speaker = quote.speaker
        who = _speaker_name(speaker, cand) if speaker else ""
        if monolingual:
            if f" {said} " in reference_words or _carried_loosely(said, reference_words):
                continue
            if _sentence_carried(value, reference_words):
                continue  # the reference quotes part of it: the same quotation, cut longer
        elif not (_a_person(speaker, cand) and who and not _named_in(who, ref)):
            continue
        short = len(said.split()) < FRAGMENT_WORDS
        if not speaker and _term(value, said):
            continue  # a term, a title or a scare quote nobody is said to speak: no quotation
        case = "fragment" if short else "default"
        by = f"{who}: " if who and _a_person(speaker, cand) else ""
        found.append(
            Discrepancy(
                "added_quote",
                severity("added_quote", case),
                f"The candidate quotes {by}“{excerpt(value)}”; the reference carries no such"
                " quote.",
                candidate=cand.evidence(quote),
                source=quote.source,
            )
        )
    return found


def _sentence_carried(quote: str, reference_words: str) -> bool:
    """Whether the reference carries one whole sentence of a quote, of CARRIED_WORDS words or
    more: a source quoting more of the same statement than the reference does."""
    for sentence in _QUOTE_SENTENCE.split(quote):
        said = words(sentence)
        if len(said.split()) >= CARRIED_WORDS and f" {said} " in reference_words:
            return True
    return False


def _carried_loosely(said: str, reference_words: str) -> bool:
    """Whether most of a quote's words appear as one run in the reference (trimmed, re-cut)."""
    if not said:
        return True
    return fuzz.partial_ratio(said, reference_words) >= LOOSE_MATCH
