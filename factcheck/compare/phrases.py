"""One word changed inside a phrase both articles write: "launching in Italy on Wednesday"
retold as "launching in Italy on Monday", "in response to the increased market availability" as
"in response to their decreased market availability".

A summary condenses: its sentence rarely keeps half the words of the reference's sentence, so
the sentence-level checks (`claims`) do not pair the two, but the phrase around the changed word
survives. Stop words set aside, a word of the candidate is compared with the word of the
reference that stands between the same words (`_framed`): `MIN_CONTENT` of them, at least one on
each side (the end of both sentences counts on the right), or for a day, a month or a number
`MIN_CONTENT` on one side. The two are reported when they can only disagree:

- two weekdays, or two month names: `date_mismatch`;
- two numbers written in words ("seven", "six"): `number_mismatch` (figures in digits are left
  to the figure findings, which know rounding, ranges and what a figure counts);
- a word and its opposite (`opposites`: "increased" / "decreased", "controlled" /
  "uncontrolled"): `contradicted_claim`.

All are medium: the rules read words, not meaning. Synonyms ("found" / "discovered") are
ordinary rewording and never compared. A sentence that writes both words ("prices rose and wages
fell" / "wages fell and prices rose") has moved a word, not changed it. Words inside quotes are
left to the quote findings, and a change another finding already reports is not reported twice.

Measured with `make bench` (SummEdits news: 819 summaries, rules backend): 17 more edited
summaries flagged (111 -> 128 of 498) and one more consistent one (2 -> 3 of 321, "executed
five people" retold as "executed seven people" where the article counts seven dead in all);
no new finding on the 154 Wikinews article-source pairs nor on the 180 MEANTIME translations.
Whole figures in digits were tried and dropped: between independent reports they paired dates
("December 3" / "December 6") and amounts of different things ("$35 billion" / "$14 billion").
So was one side enough for an opposite: it paired "far less electricity" with "or more than
1,800 degrees".
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from factcheck.compare.claims import claim_sentences, overlaps, quoted_spans
from factcheck.compare.opposites import has_opposite, negating_prefixes, opposite
from factcheck.compare.opposites import known as opposites_known
from factcheck.compare.severity import severity
from factcheck.compare.side import Side, same_language
from factcheck.compare.story import stop_words
from factcheck.extract.rules.dates_data import patterns as date_patterns
from factcheck.extract.rules.numbers_data import patterns as number_patterns
from factcheck.models import Discrepancy, DiscrepancyKind, Evidence

MIN_CONTENT = 2  # same words (not stop words) next to the two, on either side, counted outward
REACH = 4  # words looked at on each side
MIN_MONTH = 4  # a shorter month name is also a common word ("may", "mar")
_EDGE = "\x00"  # a sentence's edge: both words end their sentences ("... on Wednesday.")


@dataclass(frozen=True, slots=True)
class _Word:
    """A word that names one value of a closed class: a weekday, a month, a number."""

    kind: str  # "weekday", "month" or "number"
    value: int


@functools.cache
def _classes(language: str) -> dict[str, _Word]:
    out: dict[str, _Word] = {}
    dates = date_patterns(language)
    for name, day in dates.weekdays.items():
        if " " not in name:
            out[name] = _Word("weekday", day)
    for name, month in dates.months.items():
        if " " not in name and len(name) >= MIN_MONTH and name.isalpha():
            out[name] = _Word("month", month)
    for name, value in number_patterns(language).number_words.items():
        if " " not in name:
            out[name] = _Word("number", value)
    return out


def _class_of(word: str, language: str) -> _Word | None:
    return _classes(language).get(word)


def _open(
    word: str,
    language: str,
    opposites: bool,
    prefixes: Sequence[str],
    ref_words: Mapping[str, object],
) -> bool:
    """Whether a candidate word could disagree with some word of the reference: a word of a
    class, a word with a listed opposite, or a word the reference writes with or without an
    opposite-making prefix ("uncontrolled" / "controlled"). Most words are none of these."""
    if _class_of(word, language) is not None:
        return True
    if not opposites:
        return False
    if has_opposite(word, language):
        return True
    return any(prefix + word in ref_words for prefix in prefixes) or any(
        word.startswith(prefix) and word[len(prefix) :] in ref_words for prefix in prefixes
    )


def _positions(side: Side, words: Sequence[str]) -> dict[str, list[int]]:
    """Where each word stands in the side's sequence (found once per side: `compare_each`
    compares one reference with every other article of its story)."""
    found = side.memo.get("phrase_positions")
    if found is None:
        found = side.memo["phrase_positions"] = defaultdict(list)
        for i, word in enumerate(words):
            found[word].append(i)
    return found


def _could_contrast(old: str, new: str, language: str, opposites: bool) -> bool:
    """A cheap test before `_contrast`: both words of a class, or both open to an opposite."""
    if _class_of(old, language) and _class_of(new, language):
        return True
    if not opposites:
        return False
    if has_opposite(old, language) and has_opposite(new, language):
        return True
    return old.endswith(new) or new.endswith(old)  # "controlled" / "uncontrolled"


def phrase_findings(ref: Side, cand: Side, found: Sequence[Discrepancy]) -> list[Discrepancy]:
    """Words changed inside a phrase both articles write (one language only), not already
    reported by a finding of `found`."""
    if not same_language(ref, cand) or not ref.language:
        return []
    language = ref.language
    stop = stop_words(language)
    keep = functools.partial(_kept, language=language, stop=stop)
    ref_words, ref_at = _sequence(ref, keep)
    cand_words, cand_at = _sequence(cand, keep)
    positions = _positions(ref, ref_words)
    opposites = opposites_known(language)
    prefixes = negating_prefixes(language)
    ref_quotes, cand_quotes = quoted_spans(ref), quoted_spans(cand)
    taken = [(d.candidate.start, d.candidate.end) for d in found if d.candidate is not None]
    out: list[Discrepancy] = []
    for j, word in enumerate(cand_words):
        if word == _EDGE or not _open(word, language, opposites, prefixes, positions):
            continue
        for i in _aligned(j, cand_words, ref_words, positions):
            other = ref_words[i]
            if other in (_EDGE, word) or not _could_contrast(other, word, language, opposites):
                continue
            ref_sentence, cand_sentence = _sentence_of(ref_words, i), _sentence_of(cand_words, j)
            if word in ref_sentence or other in cand_sentence:
                continue  # the sentence says both: a word moved, not changed
            contrast = _contrast(other, word, language, ref_sentence, cand_sentence, opposites)
            if contrast is None:
                continue
            left, right = _run(ref_words, i, cand_words, j)
            context = [*ref_words[i - left : i], *ref_words[i + 1 : i + 1 + right]]
            if not _framed(left, right, context, contrast[0]):
                continue
            r_span, c_span = ref_at[i], cand_at[j]
            if overlaps(ref_quotes, *r_span) or overlaps([*cand_quotes, *taken], *c_span):
                continue
            out.append(_finding(ref, cand, r_span, c_span, *contrast))
            taken.append(c_span)
            break
    return out


def _framed(left: int, right: int, context: Sequence[str], kind: DiscrepancyKind) -> bool:
    """Whether the same words frame the two: `MIN_CONTENT` in all, on both sides for a word and
    its opposite ("far less electricity" / "or more than 1,800 degrees" share "degrees" on one
    side only); a day, a month or a number may end or open its phrase ("surrendered to police
    Thursday morning" / "surrendered to police on Friday.")."""
    if sum(1 for w in context if w != _EDGE) < MIN_CONTENT:
        return False
    if kind == "contradicted_claim":
        return bool(left and right)
    return bool(left and right) or max(left, right) >= MIN_CONTENT


def _sentence_of(words: Sequence[str], at: int) -> Sequence[str]:
    """The words of the sentence holding position `at` (between two edge markers)."""
    start = at
    while start > 0 and words[start - 1] != _EDGE:
        start -= 1
    end = at
    while end < len(words) and words[end] != _EDGE:
        end += 1
    return words[start:end]


def _kept(word: str, language: str, stop: frozenset[str]) -> bool:
    """Whether a word stays in the sequence phrases are matched on: stop words ("the", "on",
    "his") go, unless they are numbers or have an opposite ("two", "up")."""
    return word not in stop or _class_of(word, language) is not None or has_opposite(word, language)


def _sequence(side: Side, keep: Callable[[str], bool]) -> tuple[list[str], list[tuple[int, int]]]:
    """The side's folded words in order, stop words left out, an edge marker between
    sentences, with their spans."""
    cached = side.memo.get("phrase_sequence")
    if cached is None:
        words: list[str] = [_EDGE]
        spans: list[tuple[int, int]] = [(0, 0)]
        for sentence in claim_sentences(side):
            for folded, (_, start, end) in zip(sentence.folded, sentence.tokens, strict=True):
                if not keep(folded):
                    continue
                words.append(folded)
                spans.append((start, end))
            words.append(_EDGE)
            spans.append((sentence.end, sentence.end))
        cached = side.memo["phrase_sequence"] = (words, spans)
    return cached


def _aligned(
    j: int, cand: Sequence[str], ref: Sequence[str], positions: dict[str, list[int]]
) -> Iterable[int]:
    """Reference positions that a word next to `j` puts in `j`'s place, nearest words first."""
    seen: set[int] = set()
    for offset in (-1, 1, -2, 2):
        k = j + offset
        if not 0 <= k < len(cand) or cand[k] == _EDGE:
            continue
        for p in positions.get(cand[k], ()):
            i = p - offset
            if 0 <= i < len(ref) and i not in seen:
                seen.add(i)
                yield i


def _run(ref: Sequence[str], i: int, cand: Sequence[str], j: int) -> tuple[int, int]:
    """How many words to the left and to the right of `i` and `j` are the same, outward; a
    sentence's edge matches an edge and ends the run."""
    left = 0
    while left < REACH and i - left - 1 >= 0 and j - left - 1 >= 0:
        a, b = ref[i - left - 1], cand[j - left - 1]
        if a != b:
            break
        left += 1
        if a == _EDGE:
            break
    right = 0
    while right < REACH and i + right + 1 < len(ref) and j + right + 1 < len(cand):
        a, b = ref[i + right + 1], cand[j + right + 1]
        if a != b:
            break
        right += 1
        if a == _EDGE:
            break
    return left, right


def _contrast(
    old: str,
    new: str,
    language: str,
    ref_sentence: Sequence[str],
    cand_sentence: Sequence[str],
    opposites: bool,
) -> tuple[DiscrepancyKind, str] | None:
    """The finding two words make when they can only disagree, and why; None when they can
    agree."""
    old_class, new_class = _class_of(old, language), _class_of(new, language)
    if new_class is not None and old_class is not None:
        if new_class.kind != old_class.kind or new_class.value == old_class.value:
            return None
        if new_class.kind == "number":
            return "number_mismatch", "the two are different numbers"
        return "date_mismatch", f"the two are different {new_class.kind}s"
    if opposites and opposite([old], [new], ref_sentence, cand_sentence, language):
        return "contradicted_claim", "the two words say the opposite"
    return None


def _finding(
    ref: Side,
    cand: Side,
    r_span: tuple[int, int],
    c_span: tuple[int, int],
    kind: DiscrepancyKind,
    why: str,
) -> Discrepancy:
    before = Evidence.of(ref.document.text, *r_span)
    after = Evidence.of(cand.document.text, *c_span)
    message = (
        f"The candidate writes “{after.text}” where the reference, in the same phrase, writes "
        f"“{before.text}”: {why}."
    )
    case = "opposite" if kind == "contradicted_claim" else "phrase"
    return Discrepancy(kind, severity(kind, case), message, reference=before, candidate=after)
