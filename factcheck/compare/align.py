"""Sentence alignment: which sentence of the candidate retells which sentence of the reference.

A figure, a date or a quote is "about the same thing" on both sides when the sentences holding
them are aligned. Alignment works in any pair of languages because it rests on what translation
keeps: names (compared through `anyascii`, so scripts do not matter), figures and ISO dates.

1. Sentences end at a paragraph break or final punctuation, not at a full stop followed by a
   lower-case word in the same paragraph ("9:45 a.m. departure", "the U.S. market").
   Anchors: each sentence's names, figure values and dates; within one language, also its
   longer content words ("steel", "costs", "climbing").
2. Anchored pairs: each reference sentence with the candidate sentence that best shares its
   anchors (weighted by rarity in the article), when enough is shared to be trusted; several
   reference sentences may join one candidate sentence that merges them. Retellings reorder
   paragraphs, so pairs may cross; the strongest pairs that keep both articles' order (mutual
   best matches first) form the chain used next.
3. Sandwiched pairs: between two pairs of the chain (or a pair and an article edge, for up to
   two sentences: a headline and a dateline), gaps of the same number of sentences on both sides are aligned one to one (a
   translation keeps its sentence order; a sentence whose only anchor was edited is still found
   between its neighbours). Independent reports rarely have equal gaps, and a sandwiched pair
   alone never proves more than a figure of the same kind.
4. Parallel pairs: when nearly all of the chain sits at one offset (sentence i of one article is
   sentence i + d of the other), the two are sentence-parallel (a translation, a light edit) and
   every sentence left is aligned at that offset; anchored pairs off that offset and outside the
   chain (a recurring or edited name) give way to it. In parallel articles a short gap with one
   sentence more on one side (a sentence split in translation) is aligned in order.
5. Translations: two articles of about as many sentences (five or more) whose chain, even of one
   pair, sits on the diagonal and whose sentence lengths keep the ratio of the two texts
   (`lengths`) are parallel too, and every sentence between the pairs of the chain is aligned by
   length: an edited figure, date or name leaves its sentence no anchor, its length stays.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from anyascii import anyascii

from factcheck.compare.lengths import Step, through_chain, translation_like
from factcheck.compare.side import Side, same_language
from factcheck.models import Fact

MIN_ANCHOR_SCORE = 1.2  # shared anchor weight an anchored pair needs (a figure and a name, or two)
MIN_CONTENT = 5  # letters: shorter lower-case words are too common to align sentences
CONTENT_WEIGHT = 0.5  # a shared content word counts half a name (one language only)
PARALLEL_PAIRS = 3  # anchored pairs at one offset that make two articles sentence-parallel
PARALLEL_SHARE = 0.8  # ... when this share of the chain sits at that offset
PARALLEL_SIZE = 0.8  # or: sentence counts this close,
PARALLEL_COVER = 0.3  # a chain covering this share of the shorter article,
PARALLEL_DRIFT = 0.1  # every pair of it this close to the diagonal (share of the article)
LENGTH_PAIRS = 1  # anchored pairs that, with sentence lengths, make a translation
LENGTH_SENTENCES = 5  # ... of at least this many sentences (a few short lines fit by chance)
TRANSLATED_ONE_FOR_ONE = 0.7  # a translation aligns at least this share of steps one for one
TRANSLATED_DRIFT = (
    0.25  # ... and its median sentence is this close to the texts' length ratio (log)
)
EDGE_GAP = 2  # sentences an article edge and the first anchored pair hold in place
MAX_SPREAD = 50  # sentences: an anchor in more on one side aligns nothing (and costs a product)
MAX_SENTENCE = 600  # characters: a "sentence" longer than this is cut (lists, tables)

_SPLIT = re.compile(r"(?<=[.!?؟。…])([\"'”’»)\]]*)\s+(?=\S)|\n\s*\n|\n(?=\s*[-*•])")
_BLANK = re.compile(r"\n\s*\n")
_LAST_WORD = re.compile(r"(?<![\w.])[^\W\d_][\w.º]*\Z")
_CONTENT = re.compile(r"[^\W\d_]+")
_NAME = re.compile(r"(?<![\w'’])[^\W\d_][\w'’\-]*")
_STOP_CASE = re.compile(r"[A-Z]")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article: its span and its anchors."""

    index: int
    start: int
    end: int
    anchors: frozenset[str]
    words: frozenset[str] = frozenset()  # lower-case content words: anchors within one language


def _start(sentence: Sentence) -> int:
    return sentence.start


@dataclass(slots=True)
class Alignment:
    """Aligned sentence pairs of two articles, looked up by character offset."""

    reference: list[Sentence]
    candidate: list[Sentence]
    pairs: dict[int, tuple[int, str]] = field(default_factory=dict)  # ref index -> (cand, how)
    parallel: bool = False  # sentence for sentence (a translation, a light edit)
    translated: bool = False  # ... and sentence lengths keep the texts' ratio (`lengths`)
    _retold: frozenset[int] | None = field(default=None, repr=False, compare=False)

    def sentence_of(self, sentences: list[Sentence], offset: int) -> Sentence | None:
        """The sentence holding character `offset`."""
        i = bisect_right(sentences, offset, key=_start) - 1
        if i < 0 or offset >= sentences[i].end:
            return None
        return sentences[i]

    def partner(self, ref_offset: int) -> tuple[Sentence, Sentence, str] | None:
        """The aligned (reference, candidate, how) sentences for a reference offset, if any."""
        ref = self.sentence_of(self.reference, ref_offset)
        if ref is None or ref.index not in self.pairs:
            return None
        j, how = self.pairs[ref.index]
        return ref, self.candidate[j], how

    def aligned_candidate(self, cand_offset: int) -> bool:
        """Whether the candidate sentence holding `cand_offset` retells a reference sentence."""
        cand = self.sentence_of(self.candidate, cand_offset)
        if cand is None:
            return False
        if self._retold is None:  # `pairs` is final once `align` has returned
            self._retold = frozenset(j for j, _ in self.pairs.values())
        return cand.index in self._retold


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of `text` (paragraph breaks and sentence-final punctuation)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SPLIT.finditer(text):
        if m.group(1) is not None and _continues(text, m):
            continue
        _add(spans, text, start, m.end(1) if m.group(1) is not None else m.start())
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def _continues(text: str, split: re.Match[str]) -> bool:
    """Whether a full stop inside a paragraph ends an abbreviation, not a sentence: the next
    word starts in lower case ("9:45 a.m. departure", "the U.S. music market"), or the stop
    ends a title, a number sign or an initial ("Mr. Lee", "No. 1", "Timothy D. Cook")."""
    if _BLANK.search(split.group(0)):
        return False
    if text[split.end() : split.end() + 1].islower():
        return True
    if split.group(1) or text[split.start() - 1 : split.start()] != ".":
        return False
    word = _LAST_WORD.search(text, max(0, split.start() - 12), split.start() - 1)
    if word is None:
        return False
    found = word.group(0)
    return (len(found) == 1 and found.isupper()) or found.casefold() in _abbreviations()


@functools.cache
def _abbreviations() -> frozenset[str]:
    data = resources.files("factcheck.compare").joinpath("data/abbreviations.json")
    table = json.loads(data.read_text(encoding="utf-8"))
    return frozenset(word for words in table["titles"].values() for word in words)


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        spans.append((start, cut))
        start = cut + 1
    if end > start:
        spans.append((start, end))


def _value_anchor(fact: Fact) -> str | None:
    # A year is a year whether an extractor read it as a date ("in 1967") or a figure.
    if fact.kind == "number" and isinstance(fact.value, int | float):
        value = float(fact.value)
        if value.is_integer() and 1900 <= value <= 2100 and fact.text.strip().isdigit():
            return f"d:{int(value)}"
        return f"n:{value:.3g}" if value else None
    if fact.kind == "date" and isinstance(fact.value, str) and fact.value:
        return f"d:{fact.value}"
    return None


def _name_anchors(text: str) -> set[str]:
    """Capitalised words (not the first of the sentence) and acronyms, script-free."""
    words = _NAME.findall(text)
    if words and not words[0].isupper():
        del words[0]
    return {anchor for anchor in map(_name_anchor, set(words)) if anchor is not None}


@lru_cache(maxsize=65536)
def _name_anchor(word: str) -> str | None:
    """The anchor of one capitalised word, or None (a word recurs: transliterated once)."""
    if not _STOP_CASE.match(anyascii(word[:1])):
        return None  # caseless scripts (Arabic, CJK) cannot mark names: figures anchor them
    folded = anyascii(word).lower().strip("'’-")
    return f"w:{folded}" if len(folded) >= 3 else None


def _content_words(text: str) -> frozenset[str]:
    """Longer lower-case words: what a retelling in the same language keeps of a sentence."""
    return frozenset(
        f"c:{w}" for w in _CONTENT.findall(text) if w.islower() and len(w) >= MIN_CONTENT
    )


def sentences_of(side: Side) -> list[Sentence]:
    """The sentences of one side with their anchors (computed once per side)."""
    cached = side.memo.get("sentences")
    if cached is not None:
        return cached
    text = side.document.text
    spans = split_sentences(text)
    starts = [s for s, _ in spans]
    values: list[set[str]] = [set() for _ in spans]
    for fact in (*side.numbers, *side.dates):
        anchor = _value_anchor(fact)
        i = bisect_right(starts, fact.start) - 1
        if anchor and 0 <= i < len(spans):
            values[i].add(anchor)
    sentences = [
        Sentence(
            i, s, e, frozenset(values[i] | _name_anchors(text[s:e])), _content_words(text[s:e])
        )
        for i, (s, e) in enumerate(spans)
    ]
    side.memo["sentences"] = sentences
    return sentences


def align_sentences(ref: Side, cand: Side) -> Alignment:
    """Align the sentences of two articles (see the module docstring); computed once per pair."""
    # The reference's side may serve a story's every pair (`compare_each`): the alignment
    # kept is the last candidate's, checked by identity (an id alone is reused once freed).
    cached = ref.memo.get("alignment")
    if cached is not None and cached[0] is cand:
        return cached[1]
    rs, cs = sentences_of(ref), sentences_of(cand)
    alignment = Alignment(rs, cs)
    weight = _weights(rs, cs)
    scores: dict[tuple[int, int], float] = {}
    by_anchor: dict[str, list[int]] = {}
    monolingual = same_language(ref, cand)
    for c in cs:
        for a in c.anchors | (c.words if monolingual else frozenset()):
            if a in weight:
                by_anchor.setdefault(a, []).append(c.index)
    for r in rs:
        for a in r.anchors | (r.words if monolingual else frozenset()):
            for j in by_anchor.get(a, ()):
                scores[(r.index, j)] = scores.get((r.index, j), 0.0) + weight[a]
    best_for_ref: dict[int, tuple[float, int]] = {}
    best_for_cand: dict[int, tuple[float, int]] = {}
    for (i, j), score in scores.items():
        closeness = 1.0 - abs(i / max(len(rs), 1) - j / max(len(cs), 1))
        key = score + 0.01 * closeness  # ties go to the sentence at the same place
        if key > best_for_ref.get(i, (-1.0, -1))[0]:
            best_for_ref[i] = (key, j)
        if key > best_for_cand.get(j, (-1.0, -1))[0]:
            best_for_cand[j] = (key, i)
    # Each reference sentence joins the candidate sentence it shares most with, when enough is
    # shared (several may join one: a retelling that merges two sentences).
    ranked = []
    for i, (key, j) in best_for_ref.items():
        if scores[(i, j)] >= MIN_ANCHOR_SCORE:
            alignment.pairs[i] = (j, "anchored")
            mutual = best_for_cand.get(j, (0.0, -1))[1] == i
            ranked.append((mutual, key, i, j))
    # Retellings reorder paragraphs, so pairs may cross; the strongest pairs that keep both
    # articles' order (one per candidate sentence) form the chain that holds gaps in place.
    chain: list[tuple[int, int]] = []
    for _, _, i, j in sorted(ranked, reverse=True):
        if all((i - a) * (j - b) > 0 for a, b in chain):
            chain.append((i, j))
    chain.sort()
    bounds = [(-1, -1), *chain, (len(rs), len(cs))]
    for (i0, j0), (i1, j1) in itertools.pairwise(bounds):
        gap = i1 - i0 - 1
        # An article edge holds a headline and a dateline, or a closing line, in place; not a run.
        edge = (i0, j0) == bounds[0] or (i1, j1) == bounds[-1]
        if gap > 0 and gap == j1 - j0 - 1 and len(bounds) > 2 and (gap <= EDGE_GAP or not edge):
            for k in range(1, gap + 1):
                if i0 + k not in alignment.pairs and (j0 + k) not in taken(alignment):
                    alignment.pairs[i0 + k] = (j0 + k, "sandwiched")
    _parallel(alignment, chain, scores)
    ref.memo["alignment"] = (cand, alignment)
    return alignment


def _parallel(
    alignment: Alignment, chain: list[tuple[int, int]], scores: dict[tuple[int, int], float]
) -> None:
    """Whether two articles are sentence-parallel (a translation, a light edit): about as many
    sentences, the chain of anchored pairs on the diagonal, and either covering a good share of
    both or holding sentence lengths the way a translation does (`lengths`); then the sentences
    between chain pairs are aligned by length. When nearly all of the chain also sits at one
    offset (j = i + d), every sentence left is aligned at that offset."""
    rs, cs = len(alignment.reference), len(alignment.candidate)
    if len(chain) < LENGTH_PAIRS or not rs or not cs:
        return
    similar_size = min(rs, cs) >= PARALLEL_SIZE * max(rs, cs)
    covered = len(chain) >= max(PARALLEL_PAIRS, PARALLEL_COVER * min(rs, cs))
    diagonal = all(abs(i / rs - j / cs) <= PARALLEL_DRIFT for i, j in chain)
    rl = [s.end - s.start for s in alignment.reference]
    cl = [s.end - s.start for s in alignment.candidate]
    long_enough = min(rs, cs) >= LENGTH_SENTENCES
    steps = (
        through_chain(rl, cl, chain, scores) if similar_size and diagonal and long_enough else None
    )
    translated = steps is not None and translation_like(rl, cl, steps)
    alignment.parallel = similar_size and diagonal and (covered or translated)
    if steps is not None and translated:
        alignment.translated = alignment.parallel
        _align_steps(alignment, chain, steps)
        return
    if alignment.parallel:
        _uneven_gaps(alignment, chain)
    if len(chain) < PARALLEL_PAIRS:
        return
    offset, count = Counter(j - i for i, j in chain).most_common(1)[0]
    if count < PARALLEL_SHARE * len(chain):
        return
    alignment.parallel = True
    # Sentence for sentence, an anchored pair off the offset and outside the chain is a name
    # or figure that recurs elsewhere (or was edited): the sentence at the offset is the partner.
    in_chain = set(chain)
    for i, (j, how) in list(alignment.pairs.items()):
        if how == "anchored" and j - i != offset and (i, j) not in in_chain:
            del alignment.pairs[i]
    used = taken(alignment)
    for i in range(rs):
        j = i + offset
        if i not in alignment.pairs and 0 <= j < cs and j not in used:
            alignment.pairs[i] = (j, "parallel")
            used.add(j)


def _align_steps(alignment: Alignment, chain: list[tuple[int, int]], steps: list[Step]) -> None:
    """Replace every pair outside the chain by the length alignment: one sentence split in two
    joins the longer half, two merged into one both join it, a sentence with no partner none."""
    in_chain = {i for i, _ in chain}
    cand = alignment.candidate
    for refs, cands in steps:
        for i in refs:
            if i in in_chain:
                continue
            alignment.pairs.pop(i, None)
            if cands:
                j = max(cands, key=lambda k: cand[k].end - cand[k].start)
                alignment.pairs[i] = (j, "sandwiched")


def _uneven_gaps(alignment: Alignment, chain: list[tuple[int, int]]) -> None:
    """In sentence-parallel articles, a short gap between two chain pairs that holds one
    sentence more on one side (a translator split or merged a sentence) is aligned in order
    from its start: the sentences keep their order, and the first ones their partners."""
    used = taken(alignment)
    for (i0, j0), (i1, j1) in itertools.pairwise(sorted(chain)):
        gap_r, gap_c = i1 - i0 - 1, j1 - j0 - 1
        if not (min(gap_r, gap_c) > 0 and abs(gap_r - gap_c) == 1 and max(gap_r, gap_c) <= 3):
            continue
        for k in range(1, min(gap_r, gap_c) + 1):
            if i0 + k not in alignment.pairs and j0 + k not in used:
                alignment.pairs[i0 + k] = (j0 + k, "sandwiched")
                used.add(j0 + k)


def taken(alignment: Alignment) -> set[int]:
    """Candidate sentences already aligned."""
    return {j for j, _ in alignment.pairs.values()}


def _weights(rs: list[Sentence], cs: list[Sentence]) -> dict[str, float]:
    """Anchor weights: a figure or a date 1.0; a name 1 / the sentences it appears in (on the
    side where it appears most), so a name in every sentence aligns nothing; a content word
    half that. An anchor in more than MAX_SPREAD sentences of one side gets no weight: it tells
    no sentence from another, and scoring it would pair every sentence with every other."""
    counts: list[dict[str, int]] = [{}, {}]
    for side, sentences in ((0, rs), (1, cs)):
        for s in sentences:
            for a in s.anchors | s.words:
                counts[side][a] = counts[side].get(a, 0) + 1
    weights = {}
    for a in counts[0].keys() & counts[1].keys():
        spread = max(counts[0][a], counts[1][a])
        if spread > MAX_SPREAD:
            continue
        if a[0] in "nd":
            weights[a] = 1.0
        else:
            weights[a] = (CONTENT_WEIGHT if a[0] == "c" else 1.0) / spread
    return weights
