"""A translated quote whose words the reference states without quotation marks.

Translators sometimes put a paragraph in quotation marks that the original states plainly ("The
787 illustrates the differing strategies ..." becomes '"De 787 illustreert ..."'). Such a quote
has no counterpart among the reference's quotes, yet the reference does state its words: the
sentences aligned with it. When the two articles are sentence-parallel, the quote fills its
sentences, and those reference sentences hold no quote of their own, the quote is read against
them; one negated where the other is not says something else (an `altered_quote`).
"""

from __future__ import annotations

from factcheck.compare.align import Alignment, align_sentences
from factcheck.compare.polarity import negations, opposite
from factcheck.compare.quotes import overlapped
from factcheck.compare.severity import severity
from factcheck.compare.side import Side, excerpt, is_empty_quote, same_language, words
from factcheck.models import Discrepancy, Evidence, Fact

MIN_WORDS = 4  # a shorter quote is a term, not a statement to read for negation
FILLS = 0.8  # share of its sentences' characters the quote must cover
SAME_LENGTH = (0.6, 1.7)  # character ratio of the quote and the reference sentences


def unquoted_findings(ref: Side, cand: Side, unmatched: list[Fact]) -> list[Discrepancy]:
    """`altered_quote` for each unmatched candidate quote that negates what the aligned
    reference sentences state without quotation marks (or drops their negation)."""
    if same_language(ref, cand) or not unmatched:
        return []
    alignment = align_sentences(ref, cand)
    if not alignment.parallel:
        return []
    found = []
    for quote in unmatched:
        statement = _statement(ref, cand, alignment, quote)
        if statement is None:
            continue
        said, stated = str(quote.value), statement.text
        if not opposite(stated, ref.language, said, cand.language):
            continue
        negated = "negates" if negations(said, cand.language) else "drops the negation of"
        found.append(
            Discrepancy(
                "altered_quote",
                severity("altered_quote"),
                f"The candidate puts in quotation marks, and {negated}, what the reference states"
                f" without them: “{excerpt(' '.join(stated.split()))}” is retold as"
                f" “{excerpt(said)}”.",
                reference=statement,
                candidate=cand.evidence(quote),
                source=quote.source,
            )
        )
    return found


def _statement(ref: Side, cand: Side, alignment: Alignment, quote: Fact) -> Evidence | None:
    """The reference sentences a candidate quote retells, when it fills its own sentences and
    they hold no quotation."""
    said = str(quote.value)
    if is_empty_quote(quote) or len(words(said).split()) < MIN_WORDS:
        return None
    indices = overlapped(alignment.candidate, quote)
    if not indices:
        return None
    sentences = [alignment.candidate[i] for i in indices]
    covered = sum(s.end - s.start for s in sentences)
    if len(quote.text) < FILLS * covered:
        return None  # the quote is part of a sentence that says more
    partners = {j: i for i, (j, _) in alignment.pairs.items()}
    if any(i not in partners for i in indices):
        return None
    chosen = [alignment.reference[partners[i]] for i in indices]
    start, end = min(s.start for s in chosen), max(s.end for s in chosen)
    if any(q.start < end and start < q.end for q in ref.quotes):
        return None  # the reference quotes there: the quote alignment has spoken
    ratio = len(said) / max(end - start, 1)
    if not SAME_LENGTH[0] <= ratio <= SAME_LENGTH[1]:
        return None
    return Evidence.of(ref.document.text, start, end)
