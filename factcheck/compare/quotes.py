"""Aligning quotes across two articles (the findings are in quote_findings).

Alignment runs in three passes, each on what the previous left:
1. words (same language): the same words, whoever says them (so a misattribution is found);
2. sentence (across languages): the only quote of two aligned sentences (`align`), whoever
   the extractor says speaks it (so a speaker swapped in a translation is found); in
   sentence-parallel articles, then, quotes left over at the same place and of a like length;
   then, between two aligned sentences, the quotes left over in order when both sides have as
   many;
   speaker: the same speaker on both sides (surname or full name), or the reference's named
   speaker written next to a candidate quote whose speaker is a role or missing;
3. cues (across languages): no conflicting named speakers, and shared names or figures inside
   the quotes, or one shared cue at about the same place in both articles.
A `Judge`, when given, then rules on pairs across languages and on reference quotes left over.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from anyascii import anyascii
from rapidfuzz import fuzz

from factcheck.compare.align import Sentence, align_sentences
from factcheck.compare.names import is_named, speaker_matches
from factcheck.compare.side import Side, is_empty_quote, same_language, words
from factcheck.models import RULES, Fact, Source

SAME = 90  # fuzz.ratio on the words: the same quote, perhaps with a word or figure changed
ALTERED = 60  # same speaker, similarity in [ALTERED, 100): the same quote, words changed
MIN_CONTAINED_WORDS = 4  # a shorter quote inside a longer one proves nothing
CUE_POSITION = 0.15  # one shared cue suffices when the quotes sit this close (share of text)
MIN_INDEX_WORD = 4  # words shorter than this do not propose quote pairs
# A misattribution must be clear: the reference's speaker is not named just before the
# candidate's quote ("X said:"), where an extractor may have missed them for a later name.
SPEAKER_WINDOW = 120
NAME_WINDOW = 200  # a quote whose extracted speaker is a role may name its speaker this close
PLACE = 0.03  # share of the article: two quotes of parallel articles this close stand together
GAP_SLACK = 1  # sentences two stretches between aligned sentences may differ by (a split)
PLACE_LENGTH = (0.7, 1.5)  # character ratio of a quote and its translation, paired by place

_TOKEN = re.compile(r"[^\W_][\w\-]*")
_SENTENCES = re.compile(r"(?<=[.!?؟…])\s+")


@dataclass(slots=True)
class QuoteMatch:
    """A reference quote and the candidate quote aligned with it."""

    reference: Fact
    candidate: Fact
    how: Literal["words", "sentence", "speaker", "cues", "judge"]
    similarity: float | None  # fuzz.ratio of the words; None across languages
    altered: str | None = None  # why the candidate's words differ, when they do
    source: Source = RULES
    # Paired through a later sentence of a quotation over several sentences, not the one it
    # opens in: the same quote, but not sure enough to read a negation across languages.
    later_sentence: bool = False


@dataclass(slots=True)
class QuoteAlignment:
    """The outcome of aligning two articles' non-empty quotes."""

    matches: list[QuoteMatch]
    reference: list[Fact]  # reference quotes with no counterpart
    candidate: list[Fact]  # candidate quotes with no counterpart
    judged_missing: dict[int, Source] = field(default_factory=dict)  # ref start -> judge


def verbatim(a: str, b: str) -> bool:
    """Whether two quotes have the same words, or one is a trimmed part of the other."""
    wa, wb = words(a), words(b)
    if wa == wb:
        return True
    short, long = sorted((wa, wb), key=len)
    return short.count(" ") + 1 >= MIN_CONTAINED_WORDS and f" {short} " in f" {long} "


def _similarity(a: str, b: str) -> float:
    """100 for verbatim quotes, else fuzz.ratio of the words."""
    return 100.0 if verbatim(a, b) else fuzz.ratio(words(a), words(b))


def _cues(quote: Fact) -> frozenset[str]:
    """Names and figures inside a quote, in a script-free form (sentence openers skipped)."""
    value = quote.value if isinstance(quote.value, str) else quote.text
    cues: set[str] = set()
    for sentence in _SENTENCES.split(value):
        for n, token in enumerate(_TOKEN.findall(sentence)):
            if any(ch.isdigit() for ch in token) or (n > 0 and token[0].isupper()):
                cues.add(anyascii(token).lower())
    return frozenset(cues)


def _assign(
    edges: Iterable[tuple[float, int, int]], ref_left: set[int], cand_left: set[int]
) -> list[tuple[int, int, float]]:
    """Greedy one-to-one assignment, best score first."""
    chosen = []
    for score, i, j in sorted(edges, key=lambda e: (-e[0], e[1], e[2])):
        if i in ref_left and j in cand_left:
            ref_left.discard(i)
            cand_left.discard(j)
            chosen.append((i, j, score))
    return chosen


def _by_sentence(
    ref: Side,
    cand: Side,
    rq: list[Fact],
    cq: list[Fact],
    ref_left: set[int],
    cand_left: set[int],
    matches: list[QuoteMatch],
) -> None:
    """Pair the quotes of aligned sentences where each sentence holds exactly one quote.

    A quote is in every sentence it overlaps: a quotation over several sentences is found
    through any of them, so a changed name in its attribution sentence does not lose it."""
    alignment = align_sentences(ref, cand)
    for later in (False, True):
        in_cand: dict[int, list[int]] = defaultdict(list)
        for j in sorted(cand_left):
            for index in overlapped(alignment.candidate, cq[j])[: None if later else 1]:
                in_cand[index].append(j)
        in_ref: dict[int, list[int]] = defaultdict(list)
        for i in sorted(ref_left):
            for index in overlapped(alignment.reference, rq[i])[: None if later else 1]:
                in_ref[index].append(i)
        for r_index, found in sorted(in_ref.items()):
            pair = alignment.pairs.get(r_index)
            if pair is None or len(found) != 1 or len(in_cand.get(pair[0], ())) != 1:
                continue
            i, j = found[0], in_cand[pair[0]][0]
            if i not in ref_left or j not in cand_left:
                continue
            ref_left.discard(i)
            cand_left.discard(j)
            matches.append(QuoteMatch(rq[i], cq[j], "sentence", None, later_sentence=later))


def _by_place(
    ref: Side,
    cand: Side,
    rq: list[Fact],
    cq: list[Fact],
    ref_left: set[int],
    cand_left: set[int],
    matches: list[QuoteMatch],
) -> None:
    """In sentence-parallel articles (a translation), pair the quotes left over that stand at
    the same place and are about as long, each the other's nearest: the same quote, whatever
    the extractor says speaks it, so a speaker swapped in the translation is still found."""
    nearest: dict[int, tuple[float, int]] = {}
    for i in ref_left:
        for j in cand_left:
            distance = abs(ref.position(rq[i]) - cand.position(cq[j]))
            ratio = len(str(cq[j].value)) / max(len(str(rq[i].value)), 1)
            close = distance <= PLACE and PLACE_LENGTH[0] <= ratio <= PLACE_LENGTH[1]
            if close and distance < nearest.get(i, (2.0, -1))[0]:
                nearest[i] = (distance, j)
    taken: dict[int, tuple[float, int]] = {}
    for i, (distance, j) in nearest.items():
        if distance < taken.get(j, (2.0, -1))[0]:
            taken[j] = (distance, i)
    for j, (_, i) in sorted(taken.items(), key=lambda item: item[1][1]):
        ref_left.discard(i)
        cand_left.discard(j)
        matches.append(QuoteMatch(rq[i], cq[j], "sentence", None, later_sentence=True))


def _by_gap(
    ref: Side,
    cand: Side,
    rq: list[Fact],
    cq: list[Fact],
    ref_left: set[int],
    cand_left: set[int],
    matches: list[QuoteMatch],
) -> None:
    """Between two aligned sentences, pair the quotes left over in order when each side has as
    many and about as many sentences: a translation keeps its quotes' order even where a
    sentence or two did not align (a name swapped, a sentence split differently). An article's
    edge is no bound: independent reports of one event may quote as many people after their
    one shared sentence."""
    alignment = align_sentences(ref, cand)
    chain: list[tuple[int, int]] = []
    for r_index, (c_index, _) in sorted(alignment.pairs.items()):
        if not chain or (r_index > chain[-1][0] and c_index > chain[-1][1]):
            chain.append((r_index, c_index))
    ref_starts, cand_starts = [r for r, _ in chain], [c for _, c in chain]

    def stretch(sentences: list[Sentence], starts: list[int], quote: Fact) -> tuple[int, bool]:
        """The link of the chain whose stretch the quote starts in (-1: before the first or
        after the last aligned sentence), and whether it starts in the aligned sentence."""
        found = overlapped(sentences, quote)
        if not found:
            return -1, False
        link = bisect_right(starts, found[0]) - 1
        if link < 0 or link + 1 >= len(starts):
            return -1, False
        return link, found[0] == starts[link]

    refs: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    for i in sorted(ref_left):
        link, at_anchor = stretch(alignment.reference, ref_starts, rq[i])
        refs[link].append((i, at_anchor))
    cands: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    for j in sorted(cand_left):
        link, at_anchor = stretch(alignment.candidate, cand_starts, cq[j])
        cands[link].append((j, at_anchor))
    for link, found in refs.items():
        if link < 0:
            continue
        ref_size = ref_starts[link + 1] - ref_starts[link]
        cand_size = cand_starts[link + 1] - cand_starts[link]
        if abs(ref_size - cand_size) > GAP_SLACK:
            continue  # not a stretch one article translates sentence for sentence
        # Quotes in the aligned sentence itself belong with what follows it, unless that
        # leaves the two sides uneven and leaving them out does not (a sentence split apart).
        others = cands.get(link, [])
        pairs = [(found, others)]
        pairs.append(([q for q in found if not q[1]], [q for q in others if not q[1]]))
        for ref_part, cand_part in pairs:
            if ref_part and len(ref_part) == len(cand_part):
                for (i, _), (j, _) in zip(ref_part, cand_part, strict=True):
                    ref_left.discard(i)
                    cand_left.discard(j)
                    matches.append(QuoteMatch(rq[i], cq[j], "sentence", None, later_sentence=True))
                break


def overlapped(sentences: list[Sentence], quote: Fact) -> list[int]:
    """The indices of the sentences a quote overlaps, in order."""
    i = max(bisect_right(sentences, quote.start, key=lambda s: s.start) - 1, 0)
    found = []
    while i < len(sentences) and sentences[i].start < quote.end:
        if sentences[i].end > quote.start:
            found.append(sentences[i].index)
        i += 1
    return found


def _named(side: Side, speaker: str | None, *, with_orgs: bool = False) -> bool:
    """`is_named` against the persons (and organisations) of `side`, once per speaker: the
    pairings below ask it for every quote of one article against every quote of the other."""
    answers: dict[tuple[str | None, bool], bool] = side.memo.setdefault("named", {})
    found = answers.get((speaker, with_orgs))
    if found is None:
        orgs = side.org_set() if with_orgs else ()
        found = answers[(speaker, with_orgs)] = is_named(speaker, side.person_set(), orgs)
    return found


def align_quotes(ref: Side, cand: Side) -> QuoteAlignment:
    """Align the non-empty quotes of `ref` and `cand` (see the module docstring)."""
    rq = [q for q in ref.quotes if not is_empty_quote(q)]
    cq = [q for q in cand.quotes if not is_empty_quote(q)]
    ref_left, cand_left = set(range(len(rq))), set(range(len(cq)))
    matches: list[QuoteMatch] = []
    monolingual = same_language(ref, cand)

    if monolingual:
        index: dict[str, set[int]] = defaultdict(set)
        for j, quote in enumerate(cq):
            for word in set(words(str(quote.value)).split()):
                if len(word) >= MIN_INDEX_WORD:
                    index[word].add(j)
        edges = []
        for i, quote in enumerate(rq):
            near: set[int] = set()
            for word in set(words(str(quote.value)).split()):
                near |= index.get(word, set())
            for j in near:
                score = _similarity(str(quote.value), str(cq[j].value))
                if score >= SAME:
                    edges.append((score, i, j))
        for i, j, score in _assign(edges, ref_left, cand_left):
            matches.append(QuoteMatch(rq[i], cq[j], "words", score))

    if not monolingual:
        _by_sentence(ref, cand, rq, cq, ref_left, cand_left, matches)
        if align_sentences(ref, cand).parallel:
            _by_place(ref, cand, rq, cq, ref_left, cand_left, matches)
        _by_gap(ref, cand, rq, cq, ref_left, cand_left, matches)

    edges = []
    for i in ref_left:
        for j in cand_left:
            if speaker_matches(rq[i].speaker, cq[j].speaker):
                score = _similarity(str(rq[i].value), str(cq[j].value)) if monolingual else 0.0
                closeness = 1.0 - abs(ref.position(rq[i]) - cand.position(cq[j]))
                edges.append((score + closeness, i, j))
    for i, j, _ in _assign(edges, ref_left, cand_left):
        similarity = _similarity(str(rq[i].value), str(cq[j].value)) if monolingual else None
        matches.append(QuoteMatch(rq[i], cq[j], "speaker", similarity))

    edges = []
    for i in ref_left:
        speaker = rq[i].speaker
        if not speaker or not _named(ref, speaker, with_orgs=True):
            continue
        for j in cand_left:
            if _named(cand, cq[j].speaker, with_orgs=True):
                continue  # the candidate names its own speaker, who is someone else
            if cand.names_around(speaker, cq[j], NAME_WINDOW):
                closeness = 1.0 - abs(ref.position(rq[i]) - cand.position(cq[j]))
                edges.append((closeness, i, j))
    for i, j, _ in _assign(edges, ref_left, cand_left):
        similarity = _similarity(str(rq[i].value), str(cq[j].value)) if monolingual else None
        matches.append(QuoteMatch(rq[i], cq[j], "speaker", similarity))

    if not monolingual:
        edges = []
        for i in ref_left:
            ri = rq[i]
            for j in cand_left:
                cj = cq[j]
                if _named(ref, ri.speaker) and _named(cand, cj.speaker):
                    continue  # two named speakers that differ: never the same quote
                shared = len(_cues(ri) & _cues(cj))
                distance = abs(ref.position(ri) - cand.position(cj))
                if shared >= 2 or (shared == 1 and distance <= CUE_POSITION):
                    edges.append((shared + 1.0 - distance, i, j))
        for i, j, _ in _assign(edges, ref_left, cand_left):
            matches.append(QuoteMatch(rq[i], cq[j], "cues", None))

    return QuoteAlignment(
        matches=sorted(matches, key=lambda m: m.reference.start),
        reference=[rq[i] for i in sorted(ref_left)],
        candidate=[cq[j] for j in sorted(cand_left)],
    )
