"""Grouping articles that tell the same story, without comparing every pair of the folder.

1. Each article becomes a story profile (`factcheck.compare.story.profile`): name words and
   their sounds, figures, dates, content words of its language. A token's weight is its kind's
   weight times its rarity in the folder (smoothed inverse document frequency among the
   articles of the languages it occurs in).
2. Blocking: an inverted index from token to articles, consulted only for each article's
   `BLOCKING` rarest content words and `BLOCKING` rarest other tokens (see `_blocking_tokens`),
   proposes candidate pairs (an article meets every later article holding one of its rarest
   tokens); its `BLOCKING` rarest name sounds propose the articles in other scripts
   (`_blocking_sounds`).
   Two reports of one story share rare tokens; a common word proposes nothing, a token in
   more than `CORROBORATE` articles only together with a second one (`_partners`), yet no
   token is ever dropped from the score, so a story told by hundreds of reposts is never cut
   apart by its own size.
3. Each candidate pair is scored with the score `compare` judges by, computed from articles
   weighed once in the folder (`factcheck.audit.pair_scores`).
4. Average-link clustering over the scored pairs: two groups merge while the mean similarity
   over all their cross pairs (unscored pairs count as 0) stays at `MIN_AVERAGE` or above. One
   noisy article resembling two stories cannot chain them, as single-link components would.
   The threshold sits in the middle of a plateau measured on real folders (benchmarks/
   stories.py; ECB+ pair precision / recall): 0.14 gives 0.849 / 0.873, 0.16 to 0.17 give
   0.926 / 0.849-0.852, 0.18 gives 0.930 / 0.838, 0.20 gives 0.927 / 0.785; MEANTIME stays at
   0.957 / 0.992 throughout, ITN's one-sentence blurbs move from 0.812 / 0.157 (0.18) to
   0.805 / 0.160, the 10,000-article generated corpus from 0.9995 / 0.9940 to 0.9995 / 0.9955.
5. Fragments join their story (`_attach_fragments`): a group of at most `FRAGMENT` articles
   whose average similarity to one established story (`CORE` articles or more) reaches
   `ATTACH` and is `MARGIN` times its average to any other group joins that story. Average
   link asks a lone article to resemble a story of 12 as much as two halves of a story must
   resemble each other; a short report that names only part of the story falls below that
   although it resembles no other story at all.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from itertools import chain

from factcheck.audit import pair_scores
from factcheck.compare.story import Profile, kind_weight, profile
from factcheck.models import Document, Fact

BLOCKING = 12  # rarest tokens per article that propose candidate pairs
SPREAD = 4  # ... none more than this many times as common as the article's rarest token
MIN_SPREAD = 20  # ... unless in this many articles or fewer
BOUND_RANK = 2  # ... counted from the article's third-rarest token (see `_blocking_tokens`)
CORROBORATE = 100  # a blocking token in more articles proposes only with a second one
MIN_PAIR = 0.16  # a scored pair below this is no evidence at all
MIN_AVERAGE = 0.165  # groups merge while their average cross-pair similarity reaches this
FRAGMENT = 3  # groups this small may join an established story after clustering ...
CORE = 5  # ... one of at least this many articles ...
ATTACH = 0.08  # ... when their average similarity to it reaches this ...
MARGIN = 3.0  # ... and is this many times their average to any other group


def group_articles(articles: Sequence[tuple[Document, Sequence[Fact]]]) -> list[list[int]]:
    """Indices of the articles (document, facts) grouped by story, as the audit groups them."""
    return group_profiles([profile(document, facts) for document, facts in articles])


def group_profiles(profiles: list[Profile | None]) -> list[list[int]]:
    """Indices grouped by story (each group sorted, groups by first member; singletons too).

    The list is emptied as its profiles are weighed: a large audit then holds each article's
    tokens or its weighed form, never both (pass a copy to keep them).
    """
    df: Counter[str] = Counter()
    per_language: Counter[str | None] = Counter(p.language for p in profiles if p)
    languages: dict[str, set[str | None]] = defaultdict(set)
    for p in profiles:
        assert p is not None, "profiles already grouped"
        df.update(p.tokens.keys())
        for token in p.tokens:
            languages[token].add(p.language)
    weights = {
        t: kind_weight(t) * _rarity(count, languages[t], per_language) for t, count in df.items()
    }
    count = len(profiles)
    edges = _scored_pairs(profiles, df, weights)
    return _attach_fragments(_average_link(count, edges), edges)


def _rarity(count: int, languages: set[str | None], per_language: Counter[str | None]) -> float:
    """Smoothed inverse document frequency among the articles of the languages the token occurs
    in: a word every German article of a mostly English folder uses is common German, not a
    rare story word. Smoothed: in a folder of five, a name in four still counts for something."""
    among = sum(per_language[language] for language in languages)
    return math.log(1 + among / count)


def _blocking_tokens(keys: list[str], df: Counter[str]) -> list[str]:
    """The article's tokens that propose candidate pairs, from `keys` (rarest first).

    Up to `BLOCKING` of its rarest content words and `BLOCKING` of its rarest names, figures
    and dates (apart, since words never meet across languages), none more than `SPREAD` times
    as common as its third-rarest token of any kind: a story's own tokens, not the vocabulary
    of a topic or a template, which would propose nearly every pair of a language. The third,
    not the first: one figure three articles share by chance would otherwise bar the names
    of a story told by 25 (10,000-article corpus: pair recall 0.982 with the rarest, 0.993
    with the third). The bound follows the article's own tokens, so 200 reposts sharing only
    tokens in 200 articles still meet.
    """
    if not keys:
        return []
    limit = _bound(keys, df)
    words = [t for t in keys if t[0] == "w"][:BLOCKING]
    others = [t for t in keys if t[0] not in "ws"][:BLOCKING]
    return [t for t in words + others if df[t] <= limit]


def _bound(keys: list[str], df: Counter[str]) -> int:
    """The commonest a blocking token may be: `SPREAD` times its `BOUND_RANK` rarest key."""
    return max(MIN_SPREAD, SPREAD * df[keys[min(BOUND_RANK, len(keys) - 1)]])


def _blocking_sounds(keys: list[str], df: Counter[str]) -> list[str]:
    """The name sounds (`s:`) of an article that propose articles in other scripts: up to
    `BLOCKING` of the rarest, bound as `_blocking_tokens` bounds the others by the article's
    own third-rarest sound (sounds are coarser than spellings, so commoner)."""
    sounds = [t for t in keys if t[0] == "s"]
    if not sounds:
        return []
    limit = _bound(sounds, df)
    return [t for t in sounds[:BLOCKING] if df[t] <= limit]


def _scored_pairs(
    profiles: list[Profile | None], df: Counter[str], weights: dict[str, float]
) -> dict[tuple[int, int], float]:
    """The candidate pairs the index proposes that score `MIN_PAIR` or more, with their
    similarity (`profiles` emptied as they are weighed)."""
    index: dict[str, list[int]] = defaultdict(list)
    blocking: list[list[str]] = []
    sounding: list[list[str]] = []
    scripts: list[str | None] = []
    weighed: list[pair_scores.Weighed] = []
    for i, p in enumerate(profiles):
        assert p is not None
        keys = sorted((t for t in p.tokens if df[t] > 1), key=lambda t: (df[t], t))
        blocking.append(_blocking_tokens(keys, df))
        sounding.append(_blocking_sounds(keys, df))
        scripts.append(p.script)
        for token in keys:
            index[token].append(i)
        weighed.append(pair_scores.weigh(p, weights, df))
        profiles[i] = None
    profiles.clear()
    # An article meets every later article (in folder order) holding one of its blocking tokens.
    # Proposing from the later article's tokens as well adds the pairs only one side's rare
    # tokens suggest, mostly two events of one kind: measured on ECB+, pair precision fell
    # from 0.93 to 0.83 for recall 0.77 -> 0.84 (see benchmarks/stories.py).
    # Sounds propose only articles in another script: within one, names meet by their letters.
    proposed = []
    for i, chosen in enumerate(blocking):
        partners = _partners(i, chosen, index, df)
        heard = _partners(i, sounding[i], index, df)
        partners.update(j for j in heard if scripts[j] not in (None, scripts[i]))
        proposed.append(sorted(partners))
    del index, blocking, sounding
    edges: dict[tuple[int, int], float] = {}
    for i, others in enumerate(proposed):
        a = weighed[i]
        for j in others:
            s = pair_scores.score(a, weighed[j])
            if s >= MIN_PAIR:
                edges[(i, j)] = s
        proposed[i] = []
    return edges


def _partners(
    i: int, chosen: list[str], index: Mapping[str, list[int]], df: Counter[str]
) -> set[int]:
    """The later articles that article `i`'s blocking tokens propose (see `_scored_pairs`).

    A token held by more than `CORROBORATE` articles proposes only the articles that hold a
    second of `i`'s blocking tokens. In a large archive a name word or a date that common is
    shared by chance with articles of other stories, and the pairs it alone proposes grow
    with the square of the archive: generated corpus, 100,000 articles, 6.9 million candidate
    pairs without the rule, 4.7 million with it, pair recall 0.9745 -> 0.9743 and precision
    0.9995 either way; 25 and 50 instead of 100 cost recall (0.83, 0.96). No token of the
    real folders of benchmarks/stories.py nor of the 10,000-article corpus is that common
    outside the reposts, which share many.
    """
    partners = set().union(*(index[t] for t in chosen if df[t] <= CORROBORATE))
    common = [index[t] for t in chosen if df[t] > CORROBORATE]
    if len(common) > 1:
        held = Counter(chain.from_iterable(common))
        partners.update(j for j, n in held.items() if n > 1)
    return {j for j in partners if j > i}


def _average_link(n: int, edges: dict[tuple[int, int], float]) -> list[list[int]]:
    """Agglomerative average-link clustering over the scored pairs.

    The average of two groups is over all their cross pairs, an unproposed or weak pair
    counting as 0: a group joins another only if it resembles most of its members.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    links: dict[int, dict[int, float]] = defaultdict(dict)  # summed similarity between groups
    for (i, j), score in edges.items():
        if score > 0:
            links[i][j] = links[j][i] = score
    heap = [(-score, i, j) for (i, j), score in edges.items() if score > 0]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members or b not in links[a]:
            continue
        average = links[a][b] / (len(members[a]) * len(members[b]))
        if abs(average + negative) > 1e-12:
            continue  # stale entry: a merge changed this pair since it was pushed
        if average < MIN_AVERAGE:
            break
        members[a].extend(members.pop(b))
        for c, summed in links.pop(b).items():
            del links[c][b]
            if c != a:
                links[a][c] = links[c][a] = links[a].get(c, 0.0) + summed
        for c, summed in links[a].items():
            heapq.heappush(heap, (-summed / (len(members[a]) * len(members[c])), a, c))
    return sorted((sorted(g) for g in members.values()), key=lambda g: g[0])


def _attach_fragments(
    groups: list[list[int]], edges: dict[tuple[int, int], float]
) -> list[list[int]]:
    """Each small group joined to the one established story it clearly resembles (see step 5).

    Measured on ECB+ (772 real articles, 66 stories, pair precision / recall): 0.931 / 0.784
    before, 0.931 / 0.841 after; MEANTIME's 4-language folder unchanged (0.957 / 0.992); ITN's
    one-sentence blurbs 0.806 / 0.149 -> 0.796 / 0.155 (benchmarks/stories.py). A looser rule
    (margin over eligible stories only, or smaller cores) gains a little ECB+ recall for more
    wrong ITN joins.
    """
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    summed: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for (i, j), score in edges.items():
        a, b = group_of[i], group_of[j]
        if score > 0 and a != b:
            if len(groups[a]) <= FRAGMENT:
                summed[a][b] += score
            if len(groups[b]) <= FRAGMENT:
                summed[b][a] += score
    joins: dict[int, int] = {}
    for fragment, links in summed.items():
        size = len(groups[fragment])
        averages = sorted(
            ((total / (size * len(groups[other])), other) for other, total in links.items()),
            reverse=True,
        )
        best, story = averages[0]
        runner_up = averages[1][0] if len(averages) > 1 else 0.0
        # Only an established story takes fragments: two fragments never join each other here,
        # so nothing chains through them.
        if (
            len(groups[story]) >= max(CORE, size + 1)
            and best >= ATTACH
            and best >= MARGIN * runner_up
        ):
            joins[fragment] = story
    merged = [list(members) for members in groups]
    for fragment, story in joins.items():
        merged[story].extend(merged[fragment])
        merged[fragment] = []
    return sorted((sorted(g) for g in merged if g), key=lambda g: g[0])
