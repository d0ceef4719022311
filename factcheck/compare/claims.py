"""Claims the rules can check: a sentence the candidate copies from the reference with a name
swapped, a negation added or dropped, or a word replaced by its opposite.

Retellings in one language often keep a sentence nearly word for word. Where they do, the words
they change say what changed: "U.K. activists dumped paint" retold as "U.S. activists dumped paint"
gives the act to someone else; "the council approved the plan" retold as "the council did not
approve the plan" says the opposite. Ordinary paraphrase changes common words ("protesters" for
"activists", "spilled" for "dumped") and is not reported: only a proper name replaced by another
name in the same place, a negation that one sentence has and the other lacks, or a word whose
opposite (`opposites`) the other sentence has in the same phrase, is. Words inside a quote, a
figure or a date are left to the findings that compare those.

Only sentences that share at least half their words are compared (`MIN_OVERLAP`), within one
language, and only a change of a few words with shared words on both sides: two independent
reports rarely write the same sentence, so this check stays silent between them (no finding on
the 136 Wikinews article-source pairs of `make bench`). A word and its opposite are looked for in
looser retellings (a summary condensing a sentence: `OPPOSITE_OVERLAP`), but only with a word
other than a stop word beside both: "illegally hiring her" and "the board fired her" are two acts.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz.fuzz import ratio

from factcheck.compare.align import split_sentences
from factcheck.compare.names import same_name
from factcheck.compare.opposites import known as opposites_known
from factcheck.compare.opposites import opposite
from factcheck.compare.polarity import known, negations, negative_meaning
from factcheck.compare.severity import severity
from factcheck.compare.side import Side, same_language
from factcheck.compare.story import stop_words
from factcheck.models import Discrepancy, Evidence

MIN_OVERLAP = 0.5  # Dice share of words two sentences need to be the same sentence retold
MIN_WORDS = 6  # a sentence this short is too generic to be a copy ("The vote was close.")
NEGATION_OVERLAP = (
    0.7  # a negation flip needs a closer copy: independent reports negate in paraphrase
)
OPPOSITE_OVERLAP = 0.35  # a word and its opposite in sentences sharing this share of their words
NEIGHBOURS = 2  # ... and a word (not a stop word) this close to both
MAX_NEGATED = 6  # words on either side of a change holding a negation; more is a rewrite
MAX_CHANGE = 3  # words on each side of one change: a longer change is a rewrite, not a swap
SPELLING = 80  # rapidfuzz ratio above which two names are one name spelt two ways
INDEX_LETTERS = 4  # words this long find the reference sentences worth comparing
RARE_SENTENCES = 8  # ... when in at most this many sentences (or a 20th of the article)
SHORTLIST = 3  # reference sentences sharing the most such words, compared in full

_MEANING = {
    "negation": ": one of the two is negated.",
    "opposite": ": the two words say the opposite.",
}
_TOKEN = re.compile(r"\w+(?:[.'’\-]\w+)*")


@dataclass(frozen=True, slots=True)
class _Sentence:
    start: int
    end: int
    tokens: tuple[tuple[str, int, int], ...]  # (word, start, end) in the document
    folded: tuple[str, ...]  # the tokens' words as compared (`_fold`), computed once


def _fold(word: str) -> str:
    """A word compared across two sentences: case and a possessive ("Binance's") aside."""
    word = word.casefold()
    word = word[:-2] if word.endswith(("'s", "’s")) else word
    return word.replace("'", "").replace("’", "")  # "I’m" typed as "Im"


def _acronym_for_words(a: list[str], b: list[str]) -> bool:
    """One side an acronym, the other several capitalised words ("EC", "European Union"):
    a name spelt out or shortened more often than a name replaced."""
    return (len(a) == 1 and a[0].isupper() and len(b) > 1) or (
        len(b) == 1 and b[0].isupper() and len(a) > 1
    )


def claim_sentences(side: Side) -> list[_Sentence]:
    """The side's sentences with their words (found once per side)."""
    cached = side.memo.get("claim_sentences")
    if cached is None:
        text = side.document.text
        cached = side.memo["claim_sentences"] = []
        for start, end in split_sentences(text):
            tokens = tuple(
                (m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)
            )
            cached.append(_Sentence(start, end, tokens, tuple(_fold(w) for w, _, _ in tokens)))
    return cached


def _protected(side: Side) -> list[tuple[int, int]]:
    """Spans whose words other findings compare: quotes, figures, dates (found once per side)."""
    found = side.memo.get("claim_protected")
    if found is None:
        facts = (*side.quotes, *side.numbers, *side.dates)
        found = side.memo["claim_protected"] = sorted((f.start, f.end) for f in facts)
    return found


def quoted_spans(side: Side) -> list[tuple[int, int]]:
    """The spans of the side's quotes (found once per side)."""
    found = side.memo.get("claim_quoted")
    if found is None:
        found = side.memo["claim_quoted"] = sorted((f.start, f.end) for f in side.quotes)
    return found


def overlaps(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    """Whether the span from `start` to `end` overlaps one of `spans`."""
    return any(s < end and start < e for s, e in spans)


def _dice(a: Sequence[str], b: Sequence[str]) -> float:
    sa, sb = set(a), set(b)
    return 2 * len(sa & sb) / (len(sa) + len(sb)) if sa and sb else 0.0


def _best_partners(
    ref: list[_Sentence], cand: list[_Sentence], least: float = MIN_OVERLAP
) -> list[tuple[_Sentence, _Sentence]]:
    """Each candidate sentence with the reference sentence it copies, if any. Candidates come
    from the words the two share that are rare in the reference (a copy shares many), so a long
    article is not compared sentence by sentence with every other."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, sentence in enumerate(ref):
        if len(sentence.tokens) >= MIN_WORDS:
            for word in set(sentence.folded):
                if len(word) >= INDEX_LETTERS:
                    postings[word].append(i)
    common = max(RARE_SENTENCES, len(ref) // 20)
    pairs = []
    for sentence in cand:
        words = sentence.folded
        if len(words) < MIN_WORDS:
            continue
        hits: Counter[int] = Counter()
        for word in set(words):
            found = postings.get(word, ())
            if len(found) <= common:
                hits.update(found)
        scored = [(_dice(words, ref[i].folded), i) for i, _ in hits.most_common(SHORTLIST)]
        if scored:
            score, i = max(scored)
            if score >= least:
                pairs.append((ref[i], sentence))
    return pairs


def _same_or_spelt(a: str, b: str) -> bool:
    """One name, or one name spelt two ways ("Daiwei", "Dawei")."""
    return same_name(a, b) or ratio(a.casefold(), b.casefold()) >= SPELLING


def _all_names(tokens: tuple[tuple[str, int, int], ...], first: int) -> bool:
    """Every word capitalised, and not only for opening the sentence."""
    return first > 0 and all(w[:1].isupper() for w, _, _ in tokens)


def _span(text: str, tokens: tuple[tuple[str, int, int], ...]) -> Evidence:
    return Evidence.of(text, tokens[0][1], tokens[-1][2])


def claim_findings(ref: Side, cand: Side) -> list[Discrepancy]:
    """Sentences copied with a name swapped, a negation flipped or a word replaced by its
    opposite (one language only)."""
    if not same_language(ref, cand):
        return []
    protected = _protected(cand)
    found: list[Discrepancy] = []
    rs, cs = claim_sentences(ref), claim_sentences(cand)
    for r, c in _best_partners(rs, cs):
        found.extend(_changes(ref, cand, r, c, protected) or _name_replaced(ref, cand, r, c))
    if opposites_known(ref.language):
        for r, c in _best_partners(rs, cs, OPPOSITE_OVERLAP):
            found.extend(_opposite(ref, cand, r, c, protected))
    return found


def _plain(word: str) -> str:
    """A folded word without its dots: "U.S." and "US" are one name."""
    return _fold(word).replace(".", "")


def _words_of(side: Side) -> set[str]:
    """Every word of the side, as `_plain` gives it (found once per side)."""
    found = side.memo.get("claim_words")
    if found is None:
        found = side.memo["claim_words"] = {
            w.replace(".", "") for s in claim_sentences(side) for w in s.folded
        }
    return found


def _names_in(
    side: Side, sentence: _Sentence, other: Side, partner: _Sentence
) -> list[tuple[str | None, tuple[tuple[str, int, int], ...]]]:
    """The names of `sentence` that `other` never writes, in any word, nor spells otherwise in
    the sentence `partner` ("Surinam" / "Suriname")."""
    elsewhere = _words_of(other)
    out = []
    for fact in side.entities:
        if fact.start < sentence.start or fact.end > sentence.end:
            continue
        tokens = tuple(t for t in sentence.tokens if fact.start <= t[1] and t[2] <= fact.end)
        if not tokens or any(_plain(w) in elsewhere for w, _, _ in tokens):
            continue
        if any(_same_or_spelt(w, p) for w, _, _ in tokens for p, _, _ in partner.tokens):
            continue
        out.append((fact.entity_type, tokens))
    return out


def _name_replaced(ref: Side, cand: Side, r: _Sentence, c: _Sentence) -> list[Discrepancy]:
    """A sentence retold with a name the reference never writes, where the reference's sentence
    has a name the candidate never writes: the act given to someone else, though the words
    around the names were rewritten (a summary's sentence, not a copy)."""
    came = _names_in(cand, c, ref, r)
    gone = _names_in(ref, r, cand, c)
    if len(came) != 1 or len(gone) != 1 or came[0][0] != gone[0][0]:
        return []  # one name for one name of the same kind (a place for a place), no more
    old, new = gone[0][1], came[0][1]
    if _acronym_for_words([w for w, _, _ in old], [w for w, _, _ in new]):
        return []
    i, j = r.tokens.index(old[0]), c.tokens.index(new[0])
    if not _same_neighbours(r.folded, i, c.folded, j, stop_words(ref.language)):
        return []  # the two names sit in different phrases: more told, not one name replaced
    return [_finding(ref, cand, old, new, "swap")]


def _opposite(
    ref: Side, cand: Side, r: _Sentence, c: _Sentence, protected: list[tuple[int, int]]
) -> list[Discrepancy]:
    """A word only the reference sentence has and a word only the candidate's has, of opposite
    meaning ("sales fell" / "sales rose"), outside quotes, figures and dates."""
    ref_quotes = quoted_spans(ref)
    gone = [
        (w, t) for w, t in zip(r.folded, r.tokens, strict=True)
        if w not in c.folded and not overlaps(ref_quotes, t[1], t[2])
    ]  # fmt: skip
    came = [
        (w, t) for w, t in zip(c.folded, c.tokens, strict=True)
        if w not in r.folded and not overlaps(protected, t[1], t[2])
    ]  # fmt: skip
    hit = opposite([w for w, _ in gone], [w for w, _ in came], r.folded, c.folded, ref.language)
    if hit is None:
        return []
    i, j = r.folded.index(hit[0]), c.folded.index(hit[1])
    if not _same_neighbours(r.folded, i, c.folded, j, stop_words(ref.language)):
        return []  # "illegally hiring her" / "the board fired her": two acts, not one retold
    return [_finding(ref, cand, (r.tokens[i],), (c.tokens[j],), "opposite")]


def _same_neighbours(
    a: Sequence[str], i: int, b: Sequence[str], j: int, stop: frozenset[str]
) -> bool:
    """Whether a word other than a stop word stands within `NEIGHBOURS` words of position `i`
    of `a` and of position `j` of `b`: the two words sit in one phrase, retold."""
    near_a = {w for w in a[max(i - NEIGHBOURS, 0) : i + NEIGHBOURS + 1] if w not in stop}
    near_b = {w for w in b[max(j - NEIGHBOURS, 0) : j + NEIGHBOURS + 1] if w not in stop}
    return bool((near_a & near_b) - {a[i], b[j]})


def _changes(
    ref: Side, cand: Side, r: _Sentence, c: _Sentence, protected: list[tuple[int, int]]
) -> list[Discrepancy]:
    out: list[Discrepancy] = []
    matcher = SequenceMatcher(None, r.folded, c.folded, autojunk=False)
    ops = matcher.get_opcodes()
    for n, (op, i1, i2, j1, j2) in enumerate(ops):
        if op != "replace" or not (0 < n < len(ops) - 1):
            continue  # a change with shared words on both sides, not at a sentence edge
        if i2 - i1 > MAX_CHANGE or j2 - j1 > MAX_CHANGE:
            continue
        old, new = r.tokens[i1:i2], c.tokens[j1:j2]
        if overlaps(protected, new[0][1], new[-1][2]):
            continue
        if not (_all_names(old, i1) and _all_names(new, j1)):
            continue  # "US says the" for "Christmas": a rewrite, not one name for another
        gone = [w for w, _, _ in old if _fold(w) not in c.folded]
        came = [w for w, _, _ in new if _fold(w) not in r.folded]  # tuples of a few dozen words
        if _acronym_for_words(gone, came):
            continue
        if gone and came and not any(_same_or_spelt(a, b) for a in gone for b in came):
            out.append(_finding(ref, cand, old, new, "swap"))
    close = _dice(r.folded, c.folded) >= NEGATION_OVERLAP
    flipped = _negation_flipped(ref, cand, r, c, ops) if close and known(ref.language) else None
    if flipped is not None:
        i1, i2, j1, j2 = flipped
        old = r.tokens[i1:i2] or r.tokens[max(i1 - 1, 0) : i1 + 1]
        new = c.tokens[j1:j2] or c.tokens[max(j1 - 1, 0) : j1 + 1]
        out.append(_finding(ref, cand, old, new, "negation"))
    return out


def _negation_flipped(
    ref: Side, cand: Side, r: _Sentence, c: _Sentence, ops: Sequence[tuple[str, int, int, int, int]]
) -> tuple[int, int, int, int] | None:
    """Where the words one sentence changes hold a negation and the other's change holds none
    (nor a word of negative meaning), outside quotes, and the two sentences negate a different
    number of times: (i1, i2, j1, j2)."""
    ref_quotes, cand_quotes = quoted_spans(ref), quoted_spans(cand)
    for op, i1, i2, j1, j2 in ops:
        if op == "equal":
            continue
        if max(i2 - i1, j2 - j1) > MAX_NEGATED:
            continue  # a rewritten clause ("no longer use …" for "be calculated using …")
        old, new = r.tokens[i1:i2], c.tokens[j1:j2]
        if any(overlaps(ref_quotes, s, e) for _, s, e in old) or any(
            overlaps(cand_quotes, s, e) for _, s, e in new
        ):
            continue
        said_old = negations(" ".join(w for w, _, _ in old), ref.language)
        said_new = negations(" ".join(w for w, _, _ in new), cand.language)
        if (said_old == 0) == (said_new == 0):
            continue
        plain = old if said_new else new  # the side without the negation word
        if negative_meaning(" ".join(w for w, _, _ in plain), ref.language):
            continue  # "failed" retold as "did not succeed"
        text_r = ref.document.text[r.start : r.end]
        text_c = cand.document.text[c.start : c.end]
        if negations(text_r, ref.language, heads=True) != negations(
            text_c, cand.language, heads=True
        ):
            return i1, i2, j1, j2
    return None


def _finding(
    ref: Side,
    cand: Side,
    old: tuple[tuple[str, int, int], ...],
    new: tuple[tuple[str, int, int], ...],
    how: str,
) -> Discrepancy:
    before, after = _span(ref.document.text, old), _span(cand.document.text, new)
    message = (
        f"The candidate writes “{after.text}” where the same sentence of the reference "
        f"writes “{before.text}”" + _MEANING.get(how, ".")
    )
    return Discrepancy(
        "contradicted_claim",
        severity("contradicted_claim", how),
        message,
        reference=before,
        candidate=after,
    )
