"""How a name sounds, coarsely enough to meet itself across scripts: "Trump", "Трамп", "ترامب",
"トランプ", "트럼프" and "特朗普" all become `TLNP`.

Transliteration (anyascii) turns a name written in another script into Latin letters, but each
script spells it its own way: Arabic leaves out short vowels (bwtyn), Chinese and Japanese add
vowels and swap l for r (TeLangPu, toranpu), Cyrillic writes k for c (Kastil'o). What survives
is the order of the consonants, grouped by where they are said:

| class | letters after transliteration |
| --- | --- |
| P | b p f v (ph) |
| T | t d (th) |
| K | k g c q (c before a, o, u or a consonant; kh, gh) |
| S | s z j x; ch sh zh ts tz; c before e, i, y (in pinyin: every c, q, x) |
| L | l r |
| N | m n (ng) |

Vowels, h, w and y are dropped and a class repeated in a row counts once. A skeleton of fewer
than `MIN_CLASSES` classes (`NAME_CLASSES` for a name the extractor found) says too little to be
compared.

Only a text's names are spelled this way. Scripts with capital letters give them through the
extractor's names. Chinese gives the runs of the characters it keeps for spelling foreign names
(`_SPELLING`, a hand-made list of those transcriptions use most), Japanese its katakana runs;
other scripts without capitals (Arabic, Hangul, Devanagari, Georgian...) every word outside the
stop words (a Korean word without its case particle): their names cannot be told from the other
words by their letters. Thai writes no space between words, so it gives none.

`compare` finds one name of an article written in the other article's script with a finer key
(`factcheck.extract.rules.entities_names.skeleton`: Latin spellings folded the way Arabic writes
them, word by word in the text). These classes are coarser on purpose: they must let a whole
story's names meet across every script, Chinese and Japanese included, and only ever count as
evidence together with others.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import regex

# The classes a key needs: a word that may not be a name (`unwritten_names`) needs more than a
# name the extractor found, since every word of a text without capitals gives one. A 3-class key
# of a name can then only meet another found name. Measured with benchmarks/stories.py (ITN's
# one-sentence blurbs in 53 languages, pair precision / recall; SemEval's clear cross-lingual
# pairs): 3 classes for all, 0.732 / 0.271 and 155 of 182 right (Silva met 薩哈羅夫, Sakharov;
# 弗拉基米尔, Vladimir, met Bolsonaro); 4 for all, 0.795 / 0.252 and 155; 5 for all, 0.776 / 0.201
# and 152; 3 for found names and 4 for the others, 0.800 / 0.264 and 156 (SemEval unchanged).
MIN_CLASSES = 4
NAME_CLASSES = 3
MIN_LETTERS = 4  # a Latin name word shorter than this is an initial or a particle

_CLASS = {letter: cls for cls, letters in {
    "P": "bpfv", "T": "td", "K": "kgcq", "S": "szjx", "L": "lr", "N": "mn",
}.items() for letter in letters}  # fmt: skip
# Letter groups that stand for one sound, respelled before classing: ng is a nasal (BaiDeng
# for Biden), ch sh zh ts tz hiss, x is ks (Aleksandr, Alexander), c hisses before e i y.
_LATIN_SOUNDS = re.compile(r"ng|[csz]h|t[sz]|x|c(?=[eiy])")
# In pinyin c, q and x hiss as well (MiXieEr for Michel).
_PINYIN_SOUNDS = re.compile(r"ng|[csz]h|[cqx]")
_RESPELLED = {"ng": "n", "x": "ks"}

# Characters Chinese keeps for spelling foreign names (simplified and traditional forms).
# A run of two or more of them is read as a transcribed name.
_SPELLING = frozenset(
    "阿艾爱安昂奥澳巴拜班邦保鲍贝本比彼毕宾波玻伯博布查彻达戴丹道德登邓迪蒂丁东杜敦多厄恩尔歇"
    "法凡范菲斐费芬丰冯弗伏福富夫盖甘冈戈哥格葛根古圭哈海汉豪赫亨洪胡华怀霍基吉季加迦贾杰捷"
    "金津卡凯坎康考柯科克肯孔库夸奎昆拉莱兰朗劳勒雷蕾黎里利莉丽列林琳龙隆卢鲁伦罗洛吕马玛麦"
    "迈曼梅门蒙孟米密敏摩莫默姆穆纳娜奈南内尼妮涅宁纽努诺欧帕派潘庞佩彭皮珀普齐奇恰乔切钦琴"
    "琼丘萨塞赛桑瑟森沙莎尚绍舍申圣施什史舒斯松苏索塔泰坦汤唐陶特滕提图托瓦万旺威韦维温沃乌"
    "伍武西希锡席夏谢辛欣休雅亚扬耶叶伊依因英尤约泽扎詹兹祖佐"
    "愛奧貝畢賓達鄧爾豐馮岡蓋漢華懷賈傑凱柯庫蘭勞雷麗黎莉林龍盧魯倫羅呂瑪麥邁夢蒙納內紐諾歐"
    "龐齊喬琴瓊薩賽紹聖蘇湯陶圖韋維溫烏錫謝亞揚葉詹約澤紮"
)
_HAN = regex.compile(r"\p{Han}+")
_HAN_NAMES = regex.compile(r"\p{Han}+(?:[·・•‧]\p{Han}+)*")
_KATAKANA = regex.compile(r"[\p{Katakana}ー]+(?:[・･][\p{Katakana}ー]+)*")
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}']*")
# Korean writes its case particles onto the word (트럼프는, "Trump" as topic): one is cut from a
# word of two syllables or more. ITN blurbs: pair recall 0.252 -> 0.254, precision 0.795 -> 0.796.
_PARTICLE = regex.compile(r"(?<=\p{Hangul}{2})(?:에서|으로|은|는|이|가|을|를|의|에|와|과|도|로)$")
_NAME_DOT = "·・･•‧"  # between the parts of a transcribed name: 唐纳德·特朗普


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """The consonant classes of `word` in any script ("" for a word with none)."""
    from anyascii import anyascii

    spelled = anyascii(word).lower()
    if _HAN.search(word):
        spelled = _PINYIN_SOUNDS.sub(lambda m: "n" if m.group() == "ng" else "s", spelled)
    else:
        spelled = _LATIN_SOUNDS.sub(lambda m: _RESPELLED.get(m.group(), "s"), spelled)
    classes: list[str] = []
    for letter in spelled:
        cls = _CLASS.get(letter)
        if cls and (not classes or classes[-1] != cls):
            classes.append(cls)
    return "".join(classes)


def name_keys(words: list[str], least: int = MIN_CLASSES) -> tuple[str, ...]:
    """The `s:` tokens of one name's words (those that say enough)."""
    keys = []
    for word in words:
        if len(word) < MIN_LETTERS and word.isascii():
            continue
        key = skeleton(word)
        if len(key) >= least:
            keys.append(f"s:{key}")
    return tuple(keys)


def unwritten_names(text: str, script: str | None, stop: frozenset[str]) -> Iterator[list[str]]:
    """The words of each name a text in a script without capitals may hold (see the module
    docstring): transcribed runs of Chinese, katakana runs, or every word of other scripts."""
    if script in (None, "LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "THAI"):
        return
    if script in ("CJK", "KANA"):
        for chunk in _HAN_NAMES.finditer(text):
            yield from _spelled_names(chunk.group())
        for chunk in _KATAKANA.finditer(text):
            yield [part for part in re.split(f"[{_NAME_DOT}]", chunk.group()) if len(part) > 1]
        return
    for word in _WORD.findall(text):
        if word.casefold() not in stop:
            yield [_PARTICLE.sub("", word) if script == "HANGUL" else word]


def _spelled_names(chunk: str) -> Iterator[list[str]]:
    """The transcribed names in a run of Han characters: runs of two or more spelling
    characters, or of any length when a name dot joins them to the next part (唐纳德·特朗普)."""
    name: list[str] = []
    run = ""
    for char in chunk + "\n":
        if char in _SPELLING:
            run += char
        elif char in _NAME_DOT:
            if run:
                name.append(run)
            run = ""
        else:
            if len(run) >= 2 or (run and name):
                name.append(run)
            if name:
                yield name
            name, run = [], ""
