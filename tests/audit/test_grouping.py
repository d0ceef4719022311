"""Story grouping: scored pairs from an inverted index, average-link groups, no size cut."""

from __future__ import annotations

from collections import Counter

from factcheck.audit.grouping import (
    CORROBORATE,
    _attach_fragments,
    _partners,
    group_articles,
    group_profiles,
)
from factcheck.compare.story import Profile
from factcheck.extract.rules import extract
from factcheck.models import Document


def article(text: str, language: str = "en") -> tuple[Document, list]:
    document = Document(path="a.txt", text=text, sha256="0", language=language)
    return document, extract(document)


QUAKE = (
    "An earthquake of magnitude 6.8 struck Elazig province in eastern Turkey on 24 January 2020,"
    " killing at least 41 people, the disaster agency AFAD said. Rescue teams searched"
    " collapsed buildings in Sivrice through the night."
)
QUAKE_SHORT = "The Elazig earthquake in Sivrice killed 41 people, AFAD said on 24 January 2020."
QUAKE_FR = (
    "Un séisme de magnitude 6,8 a frappé la province d'Elazig le 24 janvier 2020 :"
    " au moins 41 morts selon l'AFAD, et des secouristes fouillent les décombres à Sivrice."
)
FLOOD = (
    "Floods in Jakarta forced 30,000 residents from their homes on 1 January 2020 after record"
    " rainfall, governor Anies Baswedan said, as the Ciliwung river burst its banks."
)
ELECTION = (
    "Voters in Taiwan re-elected president Tsai Ing-wen on 11 January 2020 with 57 percent,"
    " defeating Han Kuo-yu of the Kuomintang in a record turnout."
)


def test_retellings_in_two_languages_and_a_one_line_report_group_together() -> None:
    texts = [article(QUAKE), article(FLOOD), article(QUAKE_FR, "fr"), article(ELECTION)]
    texts.append(article(QUAKE_SHORT))
    assert group_articles(texts) == [[0, 2, 4], [1], [3]]


def test_one_shared_name_is_not_enough() -> None:
    a = Profile({"n:borneo": 1, "n:rina": 1, "f:340": 1}, "en", names=(("n:borneo",), ("n:rina",)))
    b = Profile({"n:borneo": 1, "n:otto": 1, "f:55": 1}, "en", names=(("n:borneo",), ("n:otto",)))
    assert group_profiles([a, b]) == [[0], [1]]


def test_a_story_told_by_hundreds_of_reposts_is_one_story() -> None:
    # Every repost shares every token: no token is ever dropped for being in too many articles.
    repost = {"n:borneo": 1, "n:rina": 1, "n:halim": 1, "f:340": 2, "d:2026-03-12": 1}
    names = (("n:borneo",), ("n:rina", "n:halim"))
    others = [
        Profile({f"n:person{i}": 1, f"f:{1000 + i}": 1, "w:en:council": 1}, "en") for i in range(40)
    ]
    reposts = [Profile({**repost, f"w:en:desk{i}": 1}, "en", names=names) for i in range(300)]
    groups = group_profiles(others + reposts)
    assert [40 + i for i in range(300)] in groups
    assert len(groups) == 41


def test_one_article_resembling_two_stories_does_not_chain_them() -> None:
    story_a = {"n:alpha": 1, "n:beta": 1, "f:11": 1, "d:2026-01-01": 1, "w:en:harbour": 1}
    story_b = {"n:gamma": 1, "n:delta": 1, "f:22": 1, "d:2026-02-02": 1, "w:en:stadium": 1}
    a = [Profile(dict(story_a, **{f"w:en:a{i}": 1}), "en") for i in range(5)]
    b = [Profile(dict(story_b, **{f"w:en:b{i}": 1}), "en") for i in range(5)]
    bridge = Profile({**story_a, **story_b}, "en")
    groups = group_profiles([*a, *b, bridge])
    assert [0, 1, 2, 3, 4] in groups or [0, 1, 2, 3, 4, 10] in groups
    assert [5, 6, 7, 8, 9] in groups or [5, 6, 7, 8, 9, 10] in groups


def test_a_figure_shared_by_chance_does_not_keep_an_article_from_its_story() -> None:
    # The first article's rarest token is a figure two unrelated articles also give; the names
    # and date of its story are in 30 articles, more than that figure's bound alone allows.
    story = {"n:alpha": 1, "n:beta": 1, "d:2026-01-01": 1, "w:en:harbour": 1}
    names = (("n:alpha",), ("n:beta",))
    first = Profile({**story, "f:777": 1, "w:en:lead": 1}, "en", names=names)
    rest = [Profile({**story, f"w:en:desk{i}": 1}, "en", names=names) for i in range(29)]
    unrelated = [Profile({"f:777": 1, f"n:other{i}": 1, "d:2026-05-05": 1}, "en") for i in range(2)]
    groups = group_profiles([first, *rest, *unrelated])
    assert list(range(30)) in groups


def _report(i: int, extra: dict[str, int]) -> Profile:
    """A report of the harbour fire: the story's tokens, a word of its own, and `extra`."""
    tokens = {"n:marlow": 1, "n:quay": 1, "f:300t": 1, "d:2026-04-02": 1, "w:en:blaze": 1}
    full = {"n:oakes": 1, "f:41": 1, "w:en:tanker": 1, "w:en:firemen": 1}
    return Profile({**tokens, **full, f"w:en:desk{i}": 1, **extra}, "en")


def test_a_short_report_naming_part_of_a_story_joins_it() -> None:
    # Six reports of one harbour fire, half of them quoting the harbour master Ferris on the
    # smoke; a short report gives only Ferris, the date and the smoke: it resembles half the
    # story too little for average link (0 with the other half), yet nothing else at all.
    smoke = {"n:ferris": 1, "w:en:smoke": 1}
    reports = [_report(i, smoke if i < 3 else {}) for i in range(6)]
    brief = Profile(
        {"n:ferris": 1, "d:2026-04-02": 1, "w:en:smoke": 1, "w:en:residen": 1,
         "w:en:windows": 1, "w:en:closed": 1, "w:en:advised": 1},
        "en",
        names=(("n:ferris",),),
    )  # fmt: skip
    other = [
        Profile({"n:vanta": 1, "n:kora": 1, "f:7000": 1, "d:2026-05-09": 1, f"w:en:x{i}": 1}, "en")
        for i in range(4)
    ]
    groups = group_profiles([*reports, brief, *other])
    assert [0, 1, 2, 3, 4, 5, 6] in groups
    assert [7, 8, 9, 10] in groups


def test_a_fragment_joins_only_the_one_story_it_clearly_resembles() -> None:
    # Two stories of five articles and a lone article weakly linked to their members: it joins
    # a story only when its average there is several times its average anywhere else.
    stories = [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10]]

    def edges(to_first: float, to_second: float) -> dict[tuple[int, int], float]:
        links = {(i, 10): to_first for i in range(5)}
        links.update({(i, 10): to_second for i in range(5, 10)})
        return links

    assert _attach_fragments(stories, edges(0.12, 0.12)) == stories
    assert _attach_fragments(stories, edges(0.12, 0.02)) == [[0, 1, 2, 3, 4, 10], stories[1]]
    assert _attach_fragments(stories, edges(0.05, 0.0)) == stories  # too little evidence


def test_fragments_do_not_join_each_other() -> None:
    # Only an established story takes fragments: two lone articles stay apart, however alike.
    groups = [[0], [1], [2, 3]]
    assert _attach_fragments(groups, {(0, 1): 0.15, (0, 2): 0.0}) == groups


def test_one_line_reports_sharing_only_common_words_stay_apart() -> None:
    texts = [
        article("Floods killed many people in northern villages after days of rain."),
        article("Floods killed many people along the southern coast this week."),
        article("Floods killed many people in Marlow after the river Quay rose on 2 May 2026."),
        article("Floods in Marlow: the river Quay rose on 2 May 2026 and killed many people."),
    ]
    assert group_articles(texts) == [[0], [1], [2, 3]]


def test_a_token_of_many_articles_proposes_only_with_a_second_one() -> None:
    # Article 0's blocking tokens: a rare name (articles 0, 1) and two common ones.
    common = CORROBORATE + 1
    index = {
        "n:rare": [0, 1],
        "n:liwal": list(range(0, common)),  # held by 2, 3, ... by chance
        "d:2026-10-09": [0, 3, *range(common + 5, 2 * common + 4)],
    }
    df = Counter({token: len(held) for token, held in index.items()})
    chosen = list(index)
    # 1 holds the rare token; 3 holds both common ones; 2 and 4... hold only one of them.
    assert _partners(0, chosen, index, df) == {1, 3}
    # Below the bound, one token is enough.
    small = {token: held[:50] for token, held in index.items()}
    small_df = Counter({token: len(held) for token, held in small.items()})
    assert _partners(0, chosen, small, small_df) == {*range(1, 50), *small["d:2026-10-09"][1:]}
