"""Figures and dates written in Chinese, Japanese and Korean text.

These scripts put no space between words, so a figure is glued to the words around it
("造成72人死亡", "200만 명"), which the word-bounded patterns of the other languages never see;
and they count in myriads: 万/萬/만 is ten thousand and 亿/億/억 a hundred million, so "200 万"
is two million, not two hundred. A date is written with its unit after each part: "2020年1月1日",
"4 月 22 日", "2024년 3월 5일".

Only digits are read (Arabic or full-width): a figure in CJK numerals ("七十二") is left out, as
an English figure spelled in words of another language would be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Kana and Han: Japanese and Chinese, written without spaces between words.
KANA_HAN = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# ... and Hangul: the characters that stand right against a figure in these scripts.
_CJK = KANA_HAN + "\uac00-\ud7af"
HAS_CJK = re.compile(f"[{_CJK}]")
_GAP = r"[ \u00a0]?"  # machine-translated and wire text often spaces "200 万"

SCALES = {
    "十": 10.0,
    "百": 100.0,
    "千": 1e3,
    "万": 1e4,
    "萬": 1e4,
    "亿": 1e8,
    "億": 1e8,
    "兆": 1e12,
    "천": 1e3,
    "만": 1e4,
    "억": 1e8,
    "조": 1e12,
}
# Currencies written after the figure ("10,000 美元", "150円", "10억 달러"): longest first.
CURRENCIES = {
    "美元": "USD",
    "美金": "USD",
    "ドル": "USD",
    "달러": "USD",
    "欧元": "EUR",
    "歐元": "EUR",
    "ユーロ": "EUR",
    "유로": "EUR",
    "英镑": "GBP",
    "英鎊": "GBP",
    "ポンド": "GBP",
    "파운드": "GBP",
    "日元": "JPY",
    "日圆": "JPY",
    "日圓": "JPY",
    "円": "JPY",
    "엔": "JPY",
    "人民币": "CNY",
    "人民幣": "CNY",
    "港元": "HKD",
    "港币": "HKD",
    "港幣": "HKD",
    "韩元": "KRW",
    "韓元": "KRW",
    "ウォン": "KRW",
    "원": "KRW",
    "卢布": "RUB",
    "盧布": "RUB",
    "ルーブル": "RUB",
    "루블": "RUB",
    "元": "CNY",
}
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_FIGURE = re.compile(
    rf"(?<![\d.,])(?P<num>{_NUMBER})"
    rf"(?:{_GAP}(?P<scale>[{''.join(SCALES)}]))?"
    rf"(?:{_GAP}(?P<pct>[%％])|{_GAP}(?P<cur>{'|'.join(sorted(CURRENCIES, key=len, reverse=True))}))?"
)
# What makes digits a date, a time or a rank rather than a count: a unit of the calendar or the
# clock after them, 第/제 ("the 3rd") before them.
_NOT_COUNTED_AFTER = re.compile(rf"{_GAP}(?:[月日号號时時点點分秒]|월|일|시|초)")
_YEAR_AFTER = re.compile(rf"{_GAP}(?:年|년)")
_RANK_BEFORE = re.compile(rf"(?:第|제){_GAP}\Z")
_WORD_AFTER = re.compile(rf"{_GAP}([{_CJK}]{{1,2}})")
# A counter word ("72 人", "31 个省", "72명"): the figure's context is the counter alone.
COUNTERS = frozenset("人个個名位家座架辆輛艘件起次例岁歲명개곳건대척")
# What a figure counts, as the key the other languages' words give ("72 人死亡": dead), read in
# its clause after it; a specific key wins over "people".
COUNTED = (
    (
        "dead",
        ("死亡", "遇难", "遇難", "丧生", "喪生", "罹难", "罹難", "死者", "사망", "숨져", "숨지"),
    ),
    ("injured", ("受伤", "受傷", "伤者", "傷者", "负伤", "負傷", "けが", "부상")),
    ("missing", ("失踪", "失蹤", "行方不明", "실종")),
    ("arrested", ("被捕", "逮捕", "拘留", "체포")),
    ("displaced", ("流离失所", "撤离", "撤離", "避難", "避难", "이재민", "대피")),
)
_CLAUSE = re.compile(r"[，。、；！？,.;!?\n]")

# "2020年1月1日", "2020年6月", "4 月 22 日", "2024년 3월 5일" (a day needs its month)
DATE = re.compile(
    rf"(?<!\d)(?:(?P<y>\d{{4}}){_GAP}(?:年|년){_GAP})?(?P<m>1[0-2]|0?[1-9]){_GAP}(?:月|월)"
    rf"(?:{_GAP}(?P<d>3[01]|[12]\d|0?[1-9]){_GAP}(?:[日号號]|일))?"
)


@dataclass(frozen=True, slots=True)
class CJKFigure:
    start: int
    end: int
    value: float
    unit: str | None
    scale: float | None
    context: str | None  # the word right after it ("人", "游客"): one or two characters


def _glued(norm: str, start: int, end: int) -> bool:
    """Whether a CJK character stands against the figure (a blank between allowed)."""
    before = norm[max(0, start - 2) : start]
    after = norm[end : end + 2]
    return bool(HAS_CJK.search(before) or HAS_CJK.search(after))


def find_figures(norm: str, masked: bytearray) -> list[CJKFigure]:
    """The figures of `norm` that stand in CJK text, outside the `masked` characters. Digits
    there that are no figure (a day, an hour, a rank, a year) are masked, so that no other
    pattern reads them as one."""
    found: list[CJKFigure] = []
    for m in _FIGURE.finditer(norm):
        start, end = m.span()
        if any(masked[start:end]) or not _glued(norm, start, end):
            continue
        raw = m["num"]
        if (
            m["scale"] is None
            and m["pct"] is None
            and m["cur"] is None
            and (
                _NOT_COUNTED_AFTER.match(norm, end)  # "4 月", "22 日"
                or _RANK_BEFORE.search(norm, max(0, start - 2), start)  # "第 3"
                or (len(raw) == 4 and raw.isdigit() and _YEAR_AFTER.match(norm, end))  # "2020 年"
            )
        ):
            masked[start:end] = b"\x01" * (end - start)
            continue
        value = float(raw.replace(",", ""))
        scale = SCALES[m["scale"]] if m["scale"] else None
        if scale:
            value *= scale
        unit = "%" if m["pct"] else CURRENCIES[m["cur"]] if m["cur"] else None
        found.append(CJKFigure(start, end, value, unit, scale, _context(norm, end)))
    return found


def _context(norm: str, end: int) -> str | None:
    word = _WORD_AFTER.match(norm, end)
    if word is None:
        return None
    return word[1][0] if word[1][0] in COUNTERS else word[1]


def counted(norm: str, end: int, stop: int) -> str | None:
    """What the figure ending at `end` counts, read up to the clause's end (or `stop`, the next
    figure): "dead" for "72 人死亡", "people" for a bare "72 人"."""
    clause = _CLAUSE.split(norm[end : min(stop, end + 40)], 1)[0]
    for key, words in COUNTED:
        if any(word in clause for word in words):
            return key
    return "people" if clause.lstrip(" \u00a0")[:1] in ("人", "名", "명") else None
