"""Translated quotes and the words the other article states without quotation marks.

Translators add and drop quotation marks: a paragraph the original states plainly comes back
in marks ("The 787 illustrates ..." as '"De 787 illustreert ..."'), or a quotation comes back
as plain sentences ('We love the Beatles, zei Steve Jobs.'). Such a quote has no counterpart
among the other article's quotes, yet the other article does state its words: the sentences
aligned with it. When those sentences hold no quote of their own and are about as long, a
reference quote carried that way is not missing from the candidate; and when the articles are
sentence-parallel throughout and the quote fills its own sentences, it is read against them:
one negated where the other is not says something else (an `altered_quote`).
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.compare.align import Sentence, align_sentences
from factcheck.compare.polarity import negations, opposite
from factcheck.compare.quotes import overlapped
from factcheck.compare.severity import severity
from factcheck.compare.side import Side, excerpt, is_empty_quote, same_language, words
from factcheck.models import Discrepancy, Evidence, Fact

MIN_WORDS = 4  # a shorter quote is a term, not a statement to read for negation
FILLS = 0.8  # share of its sentences' characters a quote must cover to stand for them
SAME_LENGTH = (0.6, 1.7)  # character ratio of a quote (or its sentences) and the other side's


@dataclass(frozen=True, slots=True)
class Unquoted:
    """What the rules read from quotes the other article carries without marks."""

    altered: list[Discrepancy]  # negated against the other article's plain sentences
    carried: set[int]  # starts of the reference quotes the candidate carries without marks
    retold: set[int]  # starts of the candidate quotes read against the reference's sentences


def unquoted_findings(
    ref: Side, cand: Side, ref_left: list[Fact], cand_left: list[Fact]
) -> Unquoted:
    """Read the quotes left unaligned on either side against the other's plain sentences."""
    found = Unquoted([], set(), set())
    if same_language(ref, cand) or not (ref_left or cand_left):
        return found
    alignment = align_sentences(ref, cand)
    # A sentence aligned on its own anchors may carry a quote's words; reading a negation
    # there asks for articles that are sentence-parallel throughout.
    parallel = alignment.parallel
    to_cand = {i: j for i, (j, _) in alignment.pairs.items()}
    to_ref = {j: i for i, j in to_cand.items()}
    for quote in cand_left if parallel else ():
        counterpart = _plain_counterpart(quote, alignment.candidate, alignment.reference, to_ref)
        if counterpart is None or not counterpart[1]:
            continue  # read alone, a quote that is part of a sentence says less than it
        statement = _evidence(ref, counterpart[0])
        if statement is None:
            continue
        found.retold.add(quote.start)
        if opposite(statement.text, ref.language, str(quote.value), cand.language):
            found.altered.append(_altered(cand, quote, statement, quoted_in="candidate"))
    for quote in ref_left:
        counterpart = _plain_counterpart(quote, alignment.reference, alignment.candidate, to_cand)
        statement = _evidence(cand, counterpart[0]) if counterpart else None
        if counterpart is None or statement is None:
            continue
        found.carried.add(quote.start)
        fills = counterpart[1]
        if (
            parallel
            and fills
            and opposite(str(quote.value), ref.language, statement.text, cand.language)
        ):
            found.altered.append(_altered(ref, quote, statement, quoted_in="reference"))
    return found


def _altered(quoting: Side, quote: Fact, statement: Evidence, quoted_in: str) -> Discrepancy:
    said, stated = str(quote.value), " ".join(statement.text.split())
    if quoted_in == "candidate":
        negated = "negates" if negations(said, quoting.language) else "drops the negation of"
        message = (
            f"The candidate puts in quotation marks, and {negated}, what the reference states"
            f" without them: “{excerpt(stated)}” is retold as “{excerpt(said)}”."
        )
        reference, candidate = statement, quoting.evidence(quote)
    else:
        negated = "drops the negation of" if negations(said, quoting.language) else "negates"
        message = (
            f"The candidate retells without quotation marks, and {negated}, the reference's"
            f" quote “{excerpt(said)}”: “{excerpt(stated)}”."
        )
        reference, candidate = quoting.evidence(quote), statement
    return Discrepancy(
        "altered_quote",
        severity("altered_quote"),
        message,
        reference=reference,
        candidate=candidate,
        source=quote.source,
    )


def _plain_counterpart(
    quote: Fact, own: list[Sentence], other: list[Sentence], partners: dict[int, int]
) -> tuple[list[Sentence], bool] | None:
    """The other article's sentences aligned with a quote's own sentences, when they are about
    as long, and whether the quote fills its own sentences (read alone, it says what they do)."""
    said = str(quote.value)
    if is_empty_quote(quote) or len(words(said).split()) < MIN_WORDS:
        return None
    indices = overlapped(own, quote)
    if not indices or any(i not in partners for i in indices):
        return None
    mine = sum(own[i].end - own[i].start for i in indices)
    chosen = [other[partners[i]] for i in indices]
    theirs = max(s.end for s in chosen) - min(s.start for s in chosen)
    if not SAME_LENGTH[0] <= mine / max(theirs, 1) <= SAME_LENGTH[1]:
        return None
    return chosen, len(quote.text) >= FILLS * mine


def _evidence(side: Side, sentences: list[Sentence]) -> Evidence | None:
    """The span of `sentences` in `side`, unless a quotation of its own stands there (then the
    quote alignment has spoken)."""
    start, end = min(s.start for s in sentences), max(s.end for s in sentences)
    if any(q.start < end and start < q.end for q in side.quotes):
        return None
    return Evidence.of(side.document.text, start, end)
