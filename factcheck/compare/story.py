"""Whether two articles tell the same story: one score for `compare`'s verdict and audit grouping.

An article is reduced to a profile of tokens that survive translation and rewriting:

- `n:` the words of the names it gives (people, organisations, places), transliterated to ASCII
  with anyascii so that "Путин" and "Putin" meet, and lower-cased;
- `f:` its figures with their unit (or bare figures of 10 and more, years left to the dates);
- `d:` its day-precise dates;
- `s:` how those names sound (`factcheck.compare.sounds`: "Trump", "ترامب" and "特朗普" are all
  `s:TLNP`), counted only between articles in two scripts, where spellings seldom meet; with
  the sounds of the words that may be names in scripts without capitals (`guessed`), which
  count in an article's total only when shared (`guessed_weight`);
- `w:<lang>:` its content words (stop words of stopwords-iso removed, cut to a stem-like
  prefix), which only ever meet words of the same language.

Sentences of page furniture (cookie banners, newsletter prompts, copyright lines:
`factcheck.load.chrome`) give no token: two stories of one outlet share them word for word.

Two profiles are scored by the weight of the tokens they share over a length-normalised total:

    similarity = shared / (lighter ** LIGHT * heavier ** (1 - LIGHT))

The pair must share at least `MIN_SHARED` items (a name counts once, however many words it
has). When nothing tells how rare a token is (two articles compared on their own), the main
actor (the shared name that weighs most) is left out of the shared weight and of both totals:
two articles about different things one company did share that company, often many times. In
a folder its rarity says how much it tells. The score is scaled down for articles published more than `STORY_DAYS` apart. Mostly the
lighter side counts (a one-sentence report inside a long article is the same story),
but not only: a handful of common words shared with a long article is not enough. A token's
weight is its kind's weight times its rarity: in an audit, how rare it is in the folder; in a
pairwise `compare`, every token of a kind weighs the same.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache

from factcheck.compare.sounds import NAME_CLASSES, name_keys, unwritten_names
from factcheck.extract.rules.cjk import KANA_HAN
from factcheck.load.chrome import chrome_spans, within
from factcheck.load.language import reading_language, stopwords_iso, text_script
from factcheck.models import Document, Fact

# Below this similarity `compare`'s verdict is `different_story`.
SAME_STORY = 0.1
MIN_FIGURE = 10  # smaller bare counts are in every article
YEARS = (1900, 2100)
MIN_SHARED = 2  # pieces of evidence shared, main actor included (see `name_evidence`)
WORDS_ONLY = 4  # in a folder, content words a pair must share when it shares no name, figure, date
# On their own, a pair sharing no second name, figure or date is one story only with this many
# content words in common and twice the score a pair needs. SemEval's clear same-language pairs:
# 84.8% right without the rule, 85.7% with it (same story 130 -> 134 of 163, different stories
# unchanged at 237 of 270); at 0.15 instead of 0.2, 86.1%, but two stories of one topic among
# the seed articles (OpenAI cut from Claude / OpenAI leaving China, 20 shared words) score 0.145.
WORDS_ALONE = 8
WORDS_ALONE_SCORE = 2 * SAME_STORY
BRIEF_WORDS = 0.5  # share of a brief's content words its reference must write (`_summarises`)
STORY_DAYS = 7  # articles further apart in publication count for less (see `in_time`)
LIGHT = 0.75  # share of the normalisation that the lighter article carries
STEM = 7  # content words are cut to this many characters: a cheap stem in every language
KIND_WEIGHT = {"n": 2.0, "s": 2.0, "f": 1.5, "d": 1.5, "w": 1.0}
_WORD = re.compile(rf"[^\W\d_{KANA_HAN}]{{4,}}")  # not kana or Han
_UNSPACED = re.compile(rf"[{KANA_HAN}]{{2,}}")  # kana and Han: words with no space between
_NAME_WORD = re.compile(r"[a-z0-9]{3,}")
_SOUND_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Profile:
    """The story tokens of one article with how often each occurs."""

    tokens: Mapping[str, int]
    language: str | None
    published: dt.date | None = None
    names: tuple[tuple[str, ...], ...] = ()  # the name words of each distinct name
    script: str | None = None  # the script most of its words are written in (`text_script`)
    # `s:` tokens of words that may or may not be names (`sounds.unwritten_names`): counted in
    # the article's total only when shared (`guessed_weight`)
    guessed: frozenset[str] = frozenset()
    # each name word -> the index of the first name holding it (a name counts once)
    name_of: Mapping[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        found: dict[str, int] = {}
        for index, name in enumerate(self.names):
            for word in name:
                found.setdefault(word, index)
        object.__setattr__(self, "name_of", found)

    def compact(self) -> Profile:
        """This profile with its token and name strings interned: the profiles of a folder
        then share one copy of each word (a 100,000-article audit keeps every profile until
        it groups them: 11 KB each as read, under 5 KB interned)."""
        return Profile(
            {sys.intern(t): n for t, n in self.tokens.items()},
            self.language,
            self.published,
            tuple(tuple(map(sys.intern, name)) for name in self.names),
            self.script,
            frozenset(map(sys.intern, self.guessed)),
        )

    def without_tokens(self) -> Profile:
        """Language, date and names only: what scoring needs once the tokens are weighed."""
        return Profile({}, self.language, self.published, self.names, self.script, self.guessed)


def profile(document: Document, facts: Iterable[Fact]) -> Profile:
    """The story profile of an article from its text and extracted facts."""
    tokens: Counter[str] = Counter()
    language = reading_language(document.language)  # Malay and Indonesian share their words
    spans: list[tuple[int, int]] = []
    names: dict[tuple[str, ...], None] = {}
    chrome = chrome_spans(document.text)
    for fact in facts:
        if chrome and within(fact.start, fact.end, chrome):
            continue
        if fact.kind in ("entity", "number", "date"):
            spans.append((fact.start, fact.end))
        if fact.kind == "entity":
            words = _name_tokens(fact.text, language) + _sound_tokens(fact.text, language)
            tokens.update(words)
            names[words] = None
        elif fact.kind == "number" and isinstance(fact.value, int | float):
            token = _figure(fact)
            if token:
                tokens[token] += 1
        elif fact.kind == "date" and isinstance(fact.value, str) and len(fact.value) == 10:
            tokens[f"d:{fact.value}"] += 1
    stop = stop_words(language)
    script = text_script(document.text)
    story = _blank(document.text, list(chrome))
    guessed: set[str] = set()
    for written in unwritten_names(story, script, stop):
        keys = name_keys(written)
        guessed.update(k for k in keys if k not in tokens)
        tokens.update(keys)
        names[keys] = None
    prefix = f"w:{language or '?'}:"
    # Words inside names, figures and dates are already their tokens: counting them twice would
    # let one name pass for two pieces of evidence.
    text = _blank(document.text, [*spans, *chrome])
    tokens.update(
        prefix + word[:STEM] for word in _WORD.findall(text.casefold()) if word not in stop
    )
    if _UNSPACED.search(text):
        # Chinese and Japanese write no spaces between words: a run of characters is a clause,
        # not a word. Its pairs of characters stand for its words (most Chinese words are two
        # characters long), those of stop words left out.
        tokens.update(
            prefix + run[i : i + 2]
            for run in _UNSPACED.findall(text)
            for i in range(len(run) - 1)
            if run[i : i + 2] not in stop
        )
    named = tuple(n for n in names if n)
    return Profile(tokens, language, document.published, named, script, frozenset(guessed))


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    parts, at = [], 0
    for start, end in sorted(spans):
        if start >= at:
            parts.append(text[at:start])
            parts.append(" ")
            at = end
        else:
            at = max(at, end)
    parts.append(text[at:])
    return "".join(parts)


@lru_cache(maxsize=16384)
def _name_tokens(text: str, language: str | None) -> tuple[str, ...]:
    """The `n:` tokens of a name (cached: an audit meets the same names in many articles)."""
    stop = _ascii_stop(language)
    return tuple(f"n:{w}" for w in _name_words(text) if w not in stop)


@lru_cache(maxsize=16384)
def _sound_tokens(text: str, language: str | None) -> tuple[str, ...]:
    """The `s:` tokens of a name: how its words sound (`factcheck.compare.sounds`)."""
    stop = stop_words(language)
    words = [w for w in _SOUND_WORD.findall(text) if w.casefold() not in stop]
    return name_keys(words, NAME_CLASSES)


def _name_words(text: str) -> list[str]:
    from anyascii import anyascii

    return _NAME_WORD.findall(anyascii(text).lower())


def _figure(fact: Fact) -> str | None:
    value = float(fact.value)  # type: ignore[arg-type]
    text = fact.text.strip()
    if not fact.unit and text.isdigit() and len(text) == 4 and YEARS[0] <= value <= YEARS[1]:
        return None  # a year: the dates speak for it
    if fact.unit:
        return f"f:{value:g}{fact.unit}"
    return f"f:{value:g}" if abs(value) >= MIN_FIGURE else None


@cache
def stop_words(language: str | None) -> frozenset[str]:
    """The stop words of `language` (none for a language the stop-word lists do not cover)."""
    words = stopwords_iso().get(language.lower(), ()) if language else ()
    return frozenset(word.casefold() for word in words)


@cache
def _ascii_stop(language: str | None) -> frozenset[str]:
    """The stop words as name words are spelled ("der", "von", "de", "al"): not names."""
    from anyascii import anyascii

    return frozenset(anyascii(word).lower() for word in stop_words(language))


def kind_weight(token: str) -> float:
    """A token's weight when nothing is known about how rare it is."""
    return KIND_WEIGHT[token[0]]


def similarity(
    a: Profile,
    b: Profile,
    weight: Callable[[str], float] | None = None,
    totals: Callable[[Profile, bool, bool], float] | None = None,
) -> float:
    """How much of a story two profiles share, from 0 (nothing) to 1 (see the module docstring).

    `weight` gives each token's weight from its rarity in a folder; without it (two articles on
    their own) every token of a kind weighs the same and the main actor is left out. `totals`
    may answer a profile's total weight (with or without its content words) from a cache.
    """
    drop_actor = weight is None
    weigh = weight or kind_weight
    # Content words only ever meet words of the same language: across languages they would
    # only dilute what can be shared.
    words, sounds = compared_kinds(a, b)
    total_a = totals(a, words, sounds) if totals else total_weight(a, weigh, words, sounds)
    total_b = totals(b, words, sounds) if totals else total_weight(b, weigh, words, sounds)
    shared = {
        t: weigh(t) * _damped(min(a.tokens[t], b.tokens[t]))
        for t in a.tokens.keys() & b.tokens.keys()
        if counted(t, words, sounds)
    }
    if sounds:
        total_a += guessed_weight(a, shared, weigh)
        total_b += guessed_weight(b, shared, weigh)
    if total_a <= 0 or total_b <= 0:
        return 0.0
    actor: set[str] = set()
    if drop_actor:
        main = max(a.names, key=lambda name: sum(shared.get(t, 0.0) for t in set(name)), default=())
        actor = set(main) & shared.keys()
    rest_a = total_a - sum(weigh(t) * _damped(a.tokens[t]) for t in actor)
    rest_b = total_b - sum(weigh(t) * _damped(b.tokens[t]) for t in actor)
    if rest_a <= 1e-9 or rest_b <= 1e-9:
        return 1.0  # one side gives nothing but the shared actor: nothing says otherwise
    named = name_evidence(a, (t for t in shared if t[0] in "ns" and t not in actor))
    items = sum(1 for t in shared if t[0] not in "ns") + named
    if items < MIN_SHARED - (1 if actor else 0):
        return 0.0
    if not drop_actor and not words_suffice(shared):
        return 0.0  # in a folder; on their own, `_facts_beyond` below asks for a fact
    # Two articles on one topic share its vocabulary; without rarity to tell topic words from
    # story words, a second name, a figure or a date must say it is one story, or many shared
    # content words, scoring twice what a pair needs (`WORDS_ALONE`).
    words_only = drop_actor and not _facts_beyond(a, b, shared, actor, sounds)
    if words_only and sum(1 for t in shared if t[0] == "w") < WORDS_ALONE:
        return 0.0
    common = sum(w for t, w in shared.items() if t not in actor)
    score = length_normalised(common, rest_a, rest_b) * in_time(a, b)
    return 0.0 if words_only and score < WORDS_ALONE_SCORE else score


def name_evidence(p: Profile, words: Iterable[str]) -> int:
    """The pieces of evidence shared name words give: a name of `p` counts once however many of
    its words are shared (the first name holding a word stands for it), and twice when two or
    more are: a full name ("Ulf Kristersson", "Petr Pavel") is much rarer than any one of its
    words, which many names hold.

    Measured with benchmarks/stories.py against counting each name once: ITN's blurbs, pair
    precision / recall 0.806 / 0.167 -> 0.771 / 0.210, recall of same-event pairs in two
    languages of one script 0.290 -> 0.442; of the 467 pairs gained against the gold, 339 have
    one blurb naming the other's gold subject (a successor and a predecessor, which the corpus
    labels as two events). ECB+, MEANTIME, the reposts and SemEval's same-story decisions
    unchanged."""
    spelled: Counter[int | str] = Counter()
    sounded: Counter[int | str] = Counter()
    for t in words:
        (sounded if t[0] == "s" else spelled)[p.name_of.get(t, t)] += 1
    held = spelled.keys() | sounded.keys()
    return len(held) + sum(1 for n in held if max(spelled[n], sounded[n]) >= 2)


def words_suffice(shared: Iterable[str]) -> bool:
    """Whether the shared tokens say enough when they are content words alone (in a folder).

    Two or three words of one language ("killed", "people", "flood") meet by chance in short
    reports of different events; a name, a figure or a date does not. Measured with the
    audit's grouping: ITN's one-sentence blurbs, pair precision 0.796 -> 0.825 (recall 0.155
    -> 0.157); ECB+ 0.931 / 0.841 -> 0.930 / 0.838; MEANTIME unchanged. Three words instead
    of four: ITN 0.811, ECB+ unchanged.
    """
    count = 0
    for token in shared:
        if token[0] != "w":
            return True
        count += 1
    return count >= WORDS_ONLY


def length_normalised(common: float, total_a: float, total_b: float) -> float:
    """The shared weight over the totals, the lighter side counting most (capped at 1)."""
    return normalised(common, total_a, powers(total_a), total_b, powers(total_b))


def powers(total: float) -> tuple[float, float]:
    """A total raised to the two powers `normalised` takes of it (a folder keeps them ready)."""
    return total**LIGHT, total ** (1 - LIGHT)


def normalised(
    common: float,
    total_a: float, powers_a: tuple[float, float],
    total_b: float, powers_b: tuple[float, float],
) -> float:  # fmt: skip
    """`length_normalised` from each side's `powers`: the lighter total to the power LIGHT,
    the heavier to the rest."""
    if total_a <= total_b:
        return min(1.0, common / (powers_a[0] * powers_b[1]))
    return min(1.0, common / (powers_b[0] * powers_a[1]))


def _facts_beyond(
    a: Profile, b: Profile, shared: Mapping[str, float], actor: set[str], sounds: bool
) -> bool:
    """Whether the pair shares a name, figure or date besides the actor, or one side has none."""
    if any(t[0] != "w" and t not in actor for t in shared):
        return True
    return not all(
        any(t[0] != "w" and t not in actor and counted(t, False, sounds) for t in p.tokens)
        for p in (a, b)
    )


def in_time(a: Profile, b: Profile) -> float:
    """1 for articles published within `STORY_DAYS` of each other (or undated); less the further
    apart they are: a story's coverage is bound in time, its topic is not."""
    if a.published is None or b.published is None:
        return 1.0
    gap = abs((a.published - b.published).days)
    return 1.0 if gap <= STORY_DAYS else STORY_DAYS / gap


def total_weight(
    p: Profile, weight: Callable[[str], float], words: bool, sounds: bool = False
) -> float:
    """The weight of a profile's tokens that a pair counts (see `counted`), its guessed name
    sounds left out (see `guessed_weight`)."""
    return sum(
        weight(t) * _damped(n)
        for t, n in p.tokens.items()
        if counted(t, words, sounds) and t not in p.guessed
    )


def guessed_weight(p: Profile, shared: Iterable[str], weight: Callable[[str], float]) -> float:
    """The weight of the guessed name sounds of `p` that a pair in two scripts shares.

    A text in a script without capitals gives the sound of every word, since its names cannot
    be told from its other words (`sounds.unwritten_names`). Counted whole, those sounds would
    weigh the text down as if every word were a name; a sound it shares with a name of the
    other text is a name of it, and counts in its total as in what the two share."""
    return sum(weight(t) * _damped(p.tokens[t]) for t in shared if t in p.guessed)


def compared_kinds(a: Profile, b: Profile) -> tuple[bool, bool]:
    """Whether a pair compares its content words (one language, one script) and whether it
    compares its name sounds (two scripts): see `counted`."""
    sounds = two_scripts(a, b)
    return a.language is not None and a.language == b.language and not sounds, sounds


def two_scripts(a: Profile, b: Profile) -> bool:
    """Whether the two articles are written in two scripts: their names then meet by how they
    sound (`s:` tokens), not by their letters (`n:`)."""
    return a.script is not None and b.script is not None and a.script != b.script


def counted(token: str, words: bool, sounds: bool) -> bool:
    """Whether a pair counts `token`: content words only within one language, names by their
    sound only across two scripts (by their letters always)."""
    kind = token[0]
    if kind == "w":
        return words
    return sounds or kind != "s"


def _damped(count: int) -> float:
    """Repeating a token says a little more, not `count` times more."""
    return 1.0 + math.log(count)


def story_similarity(
    reference: Document, reference_facts: Iterable[Fact], candidate: Document,
    candidate_facts: Iterable[Fact],
) -> float:  # fmt: skip
    """The similarity of two articles compared on their own (no folder to tell rarity)."""
    return similarity(profile(reference, reference_facts), profile(candidate, candidate_facts))


def different_story(
    reference: Document, reference_facts: Iterable[Fact], candidate: Document,
    candidate_facts: Iterable[Fact],
) -> bool:  # fmt: skip
    """Whether the two articles share too little to be compared fact by fact."""
    from factcheck.compare.side import brief_of

    if reference.text == candidate.text:
        return False
    ref, cand = profile(reference, reference_facts), profile(candidate, candidate_facts)
    return profiles_differ(ref, cand, brief_of(reference.text, candidate.text))


def profiles_differ(ref: Profile, cand: Profile, brief: bool = False) -> bool:
    """`different_story` of two articles (not of one text) from their profiles. A `brief` of
    the reference (`side.is_brief`) is one story with it when it shares most of its own content
    words, whatever else it shares: a summary is written from its source's words."""
    words, sounds = compared_kinds(ref, cand)
    if not total_weight(ref, kind_weight, words, sounds) and not total_weight(
        cand, kind_weight, words, sounds
    ):
        return False  # nothing either side gives can be compared: nothing says they differ
    if similarity(ref, cand) >= SAME_STORY:
        return False
    return not (brief and words and _summarises(ref, cand))


def _summarises(ref: Profile, brief: Profile) -> bool:
    """Whether at least `BRIEF_WORDS` of the brief's content words, and `WORDS_ONLY` or more,
    are the reference's."""
    own = [t for t in brief.tokens if t[0] == "w"]
    shared = sum(1 for t in own if t in ref.tokens)
    return shared >= WORDS_ONLY and shared >= BRIEF_WORDS * len(own)
