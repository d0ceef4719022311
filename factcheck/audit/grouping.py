"""Grouping articles that tell the same story, without comparing every pair of the folder.

Each article is reduced to a signature: the distinctive things it names (people, organisations),
its figures with their units, and its day-precise dates. An inverted index from signature token to
articles proposes candidate pairs (only articles sharing a token ever meet, and tokens present in a
large share of the folder propose nothing), and a pair joins the same story when the shared tokens
carry enough of the lighter article's weight. Connected candidates form the groups.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

from factcheck.models import Document, Fact

# A token found in more than this share of a large folder says nothing about the story.
MAX_SHARE = 0.05
MIN_DF_CAP = 50
# A pair is the same story when the tokens it shares weigh this much of the smaller signature...
MIN_SIMILARITY = 0.35
# ... and it shares at least this many tokens (one name alone is a coincidence).
MIN_SHARED = 2


def signature(facts: Iterable[Fact]) -> frozenset[str]:
    """The distinctive tokens of an article: entity keys, figures with units, full dates."""
    tokens: set[str] = set()
    for fact in facts:
        if fact.kind == "entity" and fact.entity_type in ("person", "org") and fact.value:
            tokens.add(f"e:{fact.value}")
        elif fact.kind == "number" and isinstance(fact.value, float):
            if fact.unit or abs(fact.value) >= 10:  # small bare counts are everywhere
                tokens.add(f"n:{fact.value:g}{fact.unit or ''}")
        elif fact.kind == "date" and isinstance(fact.value, str) and len(fact.value) == 10:
            tokens.add(f"d:{fact.value}")
    return frozenset(tokens)


def _weights(signatures: Sequence[frozenset[str]]) -> dict[str, float]:
    df: dict[str, int] = defaultdict(int)
    for sig in signatures:
        for token in sig:
            df[token] += 1
    n = len(signatures)
    # Smoothed IDF: in a folder of five, a name in four of them still counts for something.
    return {token: math.log(1 + n / count) for token, count in df.items()}


def group_stories(signatures: Sequence[frozenset[str]]) -> list[list[int]]:
    """Indices of the articles grouped by story (each group sorted; singletons included)."""
    n = len(signatures)
    weights = _weights(signatures)
    cap = max(MIN_DF_CAP, int(MAX_SHARE * n))
    index: dict[str, list[int]] = defaultdict(list)
    for i, sig in enumerate(signatures):
        for token in sig:
            index[token].append(i)
    totals = [sum(weights[t] for t in sig) for sig in signatures]

    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, sig in enumerate(signatures):
        shared: dict[int, float] = defaultdict(float)
        counts: dict[int, int] = defaultdict(int)
        for token in sig:
            postings = index[token]
            if len(postings) > cap:
                continue
            for j in postings:
                if j > i:
                    shared[j] += weights[token]
                    counts[j] += 1
        for j, weight in shared.items():
            lighter = min(totals[i], totals[j]) or 1.0
            if counts[j] >= MIN_SHARED and weight / lighter >= MIN_SIMILARITY:
                parent[find(j)] = find(i)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda members: members[0])


def group_articles(articles: Sequence[tuple[Document, Sequence[Fact]]]) -> list[list[int]]:
    """Indices of the articles (document, facts) grouped by story, as the audit groups them."""
    return group_stories([signature(facts) for _, facts in articles])
