"""Names meet across scripts by how they sound (factcheck.compare.sounds)."""

from __future__ import annotations

import pytest

from factcheck.compare.sounds import NAME_CLASSES, name_keys, skeleton, unwritten_names
from factcheck.compare.story import SAME_STORY, Profile, similarity, story_similarity
from tests.compare.helpers import doc, mentions


@pytest.mark.parametrize(
    "spelling", ["Trump", "Трамп", "ترامب", "トランプ", "트럼프", "特朗普", "ट्रंप"]
)
def test_one_name_in_seven_scripts_sounds_the_same(spelling: str) -> None:
    assert skeleton(spelling) == "TLNP"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Alexander", "Александр"),  # x is ks
        ("Michel", "米歇尔"),  # pinyin x hisses
        ("Bolsonaro", "بولسونارو"),  # Arabic writes no short vowels
        ("Castillo", "Кастильо"),
        ("Baghdad", "巴格达"),
        ("Macron", "马克龙"),  # l for r
    ],
)
def test_transcriptions_of_one_name_meet(one: str, other: str) -> None:
    assert skeleton(one) == skeleton(other)


def test_a_name_with_few_consonants_or_letters_says_too_little() -> None:
    assert name_keys(["Iran", "Biden", "Kim", "Bolsonaro"]) == ("s:PLSNL",)
    # a name the extractor found says enough with one class less than a word that may be one
    assert name_keys(["Iran", "Biden", "Kim"], NAME_CLASSES) == ("s:PTN",)


def test_scripts_with_capitals_leave_their_names_to_the_extractor() -> None:
    for text, script in [
        ("Donald Trump flew to Madrid.", "LATIN"),
        ("Дональд Трамп прилетел в Мадрид.", "CYRILLIC"),
        ("ทรัมป์เดินทางถึงมาดริด", "THAI"),  # no spaces between words: no word to read
    ]:
        assert list(unwritten_names(text, script, frozenset())) == []


def test_chinese_gives_its_transcribed_names_whole() -> None:
    names = list(unwritten_names("美国总统唐纳德·特朗普周五会见了记者。", "CJK", frozenset()))
    assert names == [["唐纳德", "特朗普"]]
    assert name_keys(names[0]) == ("s:TLNP",)  # TangNaDe: too few consonants left


def test_japanese_gives_its_katakana_runs() -> None:
    names = list(unwritten_names("ドナルド・トランプ大統領が来日した。", "KANA", frozenset()))
    assert names == [["ドナルド", "トランプ"]]


def test_other_scripts_give_every_word_but_their_stop_words() -> None:
    names = list(unwritten_names("قال ترامب في بغداد", "ARABIC", frozenset({"في"})))
    assert names == [["قال"], ["ترامب"], ["بغداد"]]


def test_a_korean_word_is_read_without_its_case_particle() -> None:
    names = list(unwritten_names("트럼프는 바이든을 만났다", "HANGUL", frozenset()))
    assert names == [["트럼프"], ["바이든"], ["만났다"]]
    assert name_keys(names[0]) == ("s:TLNP",)


def test_sounds_count_across_two_scripts_only() -> None:
    def spelled(*words: str, script: str) -> Profile:
        names = tuple((f"n:{w}", f"s:{skeleton(w)}") for w in words)
        return Profile(dict.fromkeys(sum(names, ()), 1), "en", names=names, script=script)

    english = spelled("trump", "zelensky", script="LATIN")
    respelled = spelled("tramp", "zelenskii", script="LATIN")  # sounds alike, spelled apart
    russian = spelled("tramp", "zelenskii", script="CYRILLIC")
    assert similarity(english, respelled) == 0.0  # one script: names meet by their letters
    assert similarity(english, russian) >= SAME_STORY


def test_a_chinese_report_is_the_story_of_an_english_one_by_its_names() -> None:
    english = doc("President Donald Trump met Volodymyr Zelensky on Friday to discuss the war.")
    chinese = doc(
        "美国总统唐纳德·特朗普周五会见了乌克兰总统泽连斯基，讨论战争问题。", language="zh"
    )
    facts = [*mentions(english, "Donald Trump", "person")]
    facts += mentions(english, "Volodymyr Zelensky", "person")
    assert story_similarity(english, facts, chinese, []) >= SAME_STORY
    other = doc("美国总统拜登周五会见了日本首相，讨论贸易问题。", language="zh")
    assert story_similarity(english, facts, other, []) < SAME_STORY
