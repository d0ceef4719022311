"""People and organisations named in an article, each mention keyed to one canonical entity."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

import regex

from factcheck.extract.rules.entities_names import (
    EntityData,
    alias_of,
    data,
    entity_key,
    same_entity,
    type_of_key,
)
from factcheck.extract.rules.entities_places import is_place, place_runs
from factcheck.extract.rules.entities_tokens import Token, brand, titlecase, tokens
from factcheck.extract.rules.trie import trie
from factcheck.models import Document, Fact

__all__ = ["entity_key", "find_entities", "same_entity"]

_ARABIC = regex.compile(r"\p{Arabic}")
_ROLE_WINDOW = 40
_INITIALS = re.compile(r"(?: [A-Z]\.){1,2} ")
_ORG_WINDOW = 30


def find_entities(document: Document) -> list[Fact]:
    """Every person and organisation named in `document`, one fact per mention."""
    text = document.text
    table = data()
    stop = _stopwords(document.language)
    words = _without_labels(text, tokens(text, stop, document.language == "de"))
    pieces = [p for p in _pieces(text, words, table) if not _expands_acronym(text, p, table)]
    known = {entity_key(t.text) for piece in pieces for t in piece if not t.ambiguous}
    mentions: list[tuple[int, int, str, str]] = []
    for whole in pieces:
        for part in _split_at_titles(whole, table):
            if len(part) >= 2 and (places := place_runs([t.text for t in part])) is not None:
                # "Spain United Kingdom Germany": a table's column of places, one by one.
                mentions += [
                    (*_span(part[a:b]), entity_key(_text(text, part[a:b])), "place")
                    for a, b in places
                ]
                continue
            piece, forced = _strip_titles(_without_leading_noun(part, table), table)
            if all(_title_alone(t.text, table) for t in piece):
                continue  # "General" (of "Assistant Attorney General"), "Assistant Secretary"
            for kept in _keep(piece, known, document.language == "de"):
                mentions.append(_mention(text, kept, table, forced))
    mentions.extend(_non_latin_mentions(text))
    return _resolve_surnames(text, _unglued(text, mentions))


def _unglued(
    text: str, mentions: list[tuple[int, int, str, str]]
) -> list[tuple[int, int, str, str]]:
    """A name is never glued to the capitalised word before it: "Acquisition Darleen Druyun"
    is Darleen Druyun when the article also names Darleen Druyun (or Druyun) without it."""
    alone = {key for _, _, key, _ in mentions}
    out = []
    for start, end, key, kind in mentions:
        words = key.split()
        surface = text[start:end].split()
        if len(words) >= 3 and len(surface) == len(words) and kind in ("person", "other"):
            tail = " ".join(words[1:])
            if tail in alone or (words[-1] in alone and " ".join(words[-2:]) not in alone):
                cut = text.index(surface[1], start + len(surface[0]))
                out.append((cut, end, tail, "person"))
                continue
        out.append((start, end, key, kind))
    return out


@cache
def _stopwords(language: str | None) -> frozenset[str]:
    table = data()
    if language in table.stopwords:
        return table.stopwords[language] | table.stopwords["en"] | table.acronyms
    return table.all_stopwords | table.acronyms


def _pieces(text: str, tokens: list[Token], table: EntityData) -> list[list[Token]]:
    """Runs of adjacent tokens, split where the alias table recognises a name."""
    runs: list[list[Token]] = []
    for tok in tokens:
        if runs and _adjacent(text, runs[-1][-1], tok, table):
            runs[-1].append(tok)
        else:
            runs.append([tok])
    pieces: list[list[Token]] = []
    for run in runs:
        pieces.extend(_split_on_aliases(text, run))
    return pieces


def _without_labels(text: str, words: list[Token]) -> list[Token]:
    """Header and transcript labels before a colon ("Date:", "QUESTION:") are not names."""
    labels = {w.capitalize() for w in _listed("header_labels", "words")}
    return [t for t in words if not (text.startswith(":", t.end) and t.text.capitalize() in labels)]


def _adjacent(text: str, left: Token, right: Token, table: EntityData) -> bool:
    gap = text[left.end : right.start]
    if _case_break(left.text, right.text, table):
        return False
    if gap in (" ", "\u00a0"):
        return True
    if _INITIALS.fullmatch(gap) and titlecase(left.text) and titlecase(right.text):
        return True  # "George W. Bush": a middle initial inside one name
    # Name particles join ("Ursula von der Leyen"), but never two names the table knows.
    words = gap.split()
    return (
        0 < len(words) <= 2
        and gap.startswith(" ")
        and gap.endswith(" ")
        and all(w in table.particles for w in words)
        and alias_of(left.text) is None
        and alias_of(right.text) is None
    )


def _case_break(left: str, right: str, table: EntityData) -> bool:
    """A word in capitals after a title-case name starts something else: "Steve Holland
    WASHINGTON" is a byline, then a dateline ("Tata Motors PLC" keeps its suffix)."""
    return (
        titlecase(left)
        and right.isupper()
        and sum(c.isalpha() for c in right) >= 3
        and right not in table.org_suffixes
        and alias_of(f"{left} {right}") is None
    )


def _split_on_aliases(text: str, run: list[Token]) -> list[list[Token]]:
    if len(run) == 1:
        return [run]
    out: list[list[Token]] = []
    pending: list[Token] = []
    i = 0
    while i < len(run):
        for j in range(min(len(run), i + 4), i, -1):
            if alias_of(text[run[i].start : run[j - 1].end]) is not None:
                if pending:
                    out.append(pending)
                    pending = []
                out.append(run[i:j])
                i = j
                break
        else:
            pending.append(run[i])
            i += 1
    if pending:
        out.append(pending)
    return out


def _keep(piece: list[Token], known: set[str], german: bool) -> list[list[Token]]:
    """The parts of a piece that are names, dropping words capitalised only by position."""
    if alias_of(" ".join(t.text for t in piece)) is not None:
        return [piece]
    if sum(1 for t in piece if t.text.isupper()) >= 2:
        # A shouted phrase ("FOCUS BUSINESS"), not a run of brands.
        piece = [t for t in piece if not t.text.isupper()]
    person_like = len(piece) >= 2 and all(titlecase(t.text) for t in piece)
    if person_like and (any(not t.ambiguous for t in piece) or german):
        return [piece]
    groups: list[list[Token]] = []
    last = -2
    for i, t in enumerate(piece):
        if not _strong(t, known, german):
            continue
        if i == last + 1:
            groups[-1].append(t)
        else:
            groups.append([t])
        last = i
    return groups


def _expands_acronym(text: str, piece: list[Token], table: EntityData) -> bool:
    """ "GPU (Graphics Processing Unit)" spells out a common noun, not a name."""
    if len(piece) < 2:
        return False
    initials = "".join(t.text[0] for t in piece).upper()
    start, end = piece[0].start, piece[-1].end
    before = text[max(0, start - 12) : start].rstrip()
    after = text[end : end + 12].lstrip()
    if before.endswith("("):
        words = before[:-1].split()
        return bool(words) and words[-1] == initials and initials in table.acronyms
    return after.startswith(f"({initials})") and initials in table.acronyms


def _strong(tok: Token, known: set[str], german: bool) -> bool:
    if brand(tok.text) or alias_of(tok.text) is not None:
        return True
    if german:
        return False
    return not tok.ambiguous or entity_key(tok.text) in known


def _split_at_titles(piece: list[Token], table: EntityData) -> list[list[Token]]:
    """A name is the proper-noun run after a title, never glued to the words before it:
    "Boeing Executive Vice President Scott Carson" is Boeing, then (the title) Scott Carson;
    "Air Force James Roche" is the Air Force, then James Roche."""
    cut = _after_organisation(piece, table)
    if cut:
        return [piece[:cut], *_split_at_titles(piece[cut:], table)]
    titled = [i for i, t in enumerate(piece[:-1]) if _title_word(t.text, table)]
    if not titled:
        return [piece]
    last = titled[-1]
    start = last
    while start > 0 and (
        _title_word(piece[start - 1].text, table) or piece[start - 1].text in _modifiers()
    ):
        start -= 1
    if start == 0:
        return [piece]
    return [piece[:start], piece[start:]]


def _after_organisation(piece: list[Token], table: EntityData) -> int:
    """Where a person's name starts after an organisation's head noun ("Force", "Center"), or 0.

    The rest must read as a name (two or more title-case words, none an organisation's), and
    the words before the head noun more than a title: in "Direktur Yayasan Hijau Wirasena" the
    head noun opens the name (Indonesian, like French or Spanish, puts it first).
    """
    for i, tok in enumerate(piece[:-2]):
        if i == 0 or tok.text not in table.org_words:
            continue  # a head noun ends a name ("Air Force"); "Air" opens "Air National Guard"
        if all(_title_word(t.text, table) for t in piece[:i]):
            continue
        rest = piece[i + 1 :]
        if all(titlecase(t.text) and t.text not in table.org_words for t in rest):
            return i + 1
    return 0


def _title_alone(word: str, table: EntityData) -> bool:
    """A title, rank or title word with no name after it."""
    return _title_word(word, table) or word in _modifiers() or word in _ranks()


def _title_word(word: str, table: EntityData) -> bool:
    return word in table.titles or word.lower() in _single_word_roles()


@cache
def title_modifiers() -> frozenset[str]:
    """Words that stand in a title before a name: Executive, Vice, Deputy, Senior ..."""
    raw = json.loads(
        resources.files("factcheck.extract.rules")
        .joinpath("data/entities.json")
        .read_text(encoding="utf-8")
    )
    return frozenset(raw.get("title_modifiers", ()))


_modifiers = title_modifiers


@cache
def _listed(field: str, inner: str) -> frozenset[str]:
    """The words of a commented field of data/entities.json ({"comment", inner: [...]})."""
    raw = json.loads(
        resources.files("factcheck.extract.rules")
        .joinpath("data/entities.json")
        .read_text(encoding="utf-8")
    )
    return frozenset(raw.get(field, {}).get(inner, ()))


@cache
def _noun_ending() -> re.Pattern[str]:
    """Abstract common nouns ("Configuration", "Allegations") by their ending."""
    raw = json.loads(
        resources.files("factcheck.extract.rules")
        .joinpath("data/entities.json")
        .read_text(encoding="utf-8")
    )
    field = raw.get("common_noun_endings", {})
    endings = "|".join(map(re.escape, field.get("endings", ()))) or "(?!)"
    return re.compile(rf"\w{{{max(0, field.get('min_letters', 6) - 4)},}}(?:{endings})")


def _without_leading_noun(piece: list[Token], table: EntityData) -> list[Token]:
    """ "Undersecretary for Acquisition Darleen Druyun": an abstract noun capitalised as part of
    a title, then a person's name of two or three words, is the name alone."""
    rest = piece[1:]
    if (
        2 <= len(rest) <= 3
        and _common_noun(piece[0].text)
        and all(titlecase(t.text) and not _common_noun(t.text) for t in rest)
        and not any(t.text in table.org_words or t.text in table.org_suffixes for t in rest)
    ):
        return rest
    return piece


def _common_noun(word: str) -> bool:
    return _noun_ending().fullmatch(word.lower()) is not None


@cache
def _ranks() -> frozenset[str]:
    raw = json.loads(
        resources.files("factcheck.extract.rules")
        .joinpath("data/entities.json")
        .read_text(encoding="utf-8")
    )
    return frozenset(raw.get("ranks", ()))


def _strip_titles(piece: list[Token], table: EntityData) -> tuple[list[Token], str | None]:
    """Titles ("Presiden", "Sprecherin") mark a person and suffixes ("Inc") an organisation; "Jr"
    ends a person's name."""
    if len(piece) >= 2 and piece[-1].text in table.org_suffixes:
        return piece[:-1], "org"
    if len(piece) >= 2 and piece[-1].text in _listed("name_suffixes", "words"):
        return piece[:-1], "person"
    if (
        len(piece) >= 3
        and piece[0].text in _ranks()
        and not any(t.text in table.org_words | table.org_suffixes for t in piece[1:])
    ):
        return piece[1:], "person"  # "General Duncan McNab"; never "General Motors"
    i = 0
    while i < len(piece) - 1 and (
        _title_word(piece[i].text, table)
        or (piece[i].text in _modifiers() and any(_title_word(t.text, table) for t in piece[i:-1]))
        # "Secretary General Kofi Annan", "Attorney General John Ashcroft": a title's tail
        or (i > 0 and (piece[i].text in _modifiers() or piece[i].text in _ranks()))
    ):
        i += 1
    return piece[i:], "person" if i else None


@cache
def _single_word_roles() -> frozenset[str]:
    return frozenset(r for r in data().roles if " " not in r)


def _mention(
    text: str, piece: list[Token], table: EntityData, forced: str | None = None
) -> tuple[int, int, str, str]:
    start, end = piece[0].start, piece[-1].end
    surface = text[start:end]
    key = entity_key(surface)
    if _INITIALS.search(surface):
        key = _without_initials(key)
    kind = (
        type_of_key(key)
        or forced
        or ("place" if is_place(surface) else None)
        or _guess_type(text, piece, table)
    )
    return start, end, key, kind


def _span(piece: list[Token]) -> tuple[int, int]:
    return piece[0].start, piece[-1].end


def _text(text: str, piece: list[Token]) -> str:
    return text[piece[0].start : piece[-1].end]


def _without_initials(key: str) -> str:
    """ "george w bush" is keyed "george bush": articles differ on middle initials."""
    words = key.split()
    return " ".join(w for i, w in enumerate(words) if len(w) > 1 or i in (0, len(words) - 1))


def _guess_type(text: str, piece: list[Token], table: EntityData) -> str:
    start, end = piece[0].start, piece[-1].end
    before = text[max(0, start - _ROLE_WINDOW) : start]
    after_word = text[end : end + 12].split(maxsplit=1)
    words = [t.text for t in piece]
    if _title_before(before, table):
        return "person"
    if after_word and after_word[0].strip(".,;") in table.org_suffixes:
        return "org"
    if any(w in table.org_words for w in words[1:]):
        return "org"
    if len(words) >= 2 and any(w.casefold() in table.generic_words for w in words):
        return "org"  # "Pemerintah Kabupaten Wirasena", "Sungai Lirang", "Port Authority"
    person_like = (
        len(piece) >= 2 and all(titlecase(w) for w in words) and not any(map(_common_noun, words))
    )
    if person_like and _role_cue(before + " " + text[end : end + _ROLE_WINDOW], table):
        return "person"
    if _org_cue(before[-_ORG_WINDOW:].lower(), table):
        return "org"
    if person_like:
        return "person"
    if len(piece) == 1 and brand(words[0]):
        # "GPT-5" is a product; "WIRED" and "ANTARA" are publishers.
        return "other" if any(c.isdigit() for c in words[0]) else "org"
    return "other"


def _title_before(before: str, table: EntityData) -> bool:
    words = before.split()
    return bool(words) and words[-1].rstrip(".") in table.titles


def _role_cue(window: str, table: EntityData) -> bool:
    return _cues("roles").search(window.lower()) is not None


def _org_cue(window: str, table: EntityData) -> bool:
    return _cues("org_cues").search(window) is not None


@cache
def _cues(field: str) -> re.Pattern[str]:
    """One search for any word of a table field inside a text (a scan per word costs more; a
    trie of the words, several times less than their flat alternation)."""
    words: tuple[str, ...] = getattr(data(), field)
    return re.compile(trie(words) if words else "(?!)")


def _resolve_surnames(text: str, mentions: list[tuple[int, int, str, str]]) -> list[Fact]:
    """A surname alone takes the key of the one full name in the article that ends with it."""
    owners: dict[str, set[str]] = {}
    for _, _, key, kind in mentions:
        words = key.split()
        if kind == "person" and len(words) >= 2:
            owners.setdefault(words[-1], set()).add(key)
    facts = []
    for start, end, key, kind in sorted(mentions):
        full = owners.get(key)
        if full and len(full) == 1 and " " not in key and kind not in ("place",):
            (key,) = full
            kind = "person"
        facts.append(
            Fact("entity", text[start:end], start, end, value=key, entity_type=kind),
        )
    return facts


def _non_latin_mentions(text: str) -> list[tuple[int, int, str, str]]:
    """Names in scripts without capitals (Arabic), found through the alias table."""
    if not _ARABIC.search(text) or (pattern := _non_latin_pattern()) is None:
        return []
    starts, exact = pattern
    out: list[tuple[int, int, str, str]] = []
    done = pos = 0  # where the last name ended; where to look for the next one
    while m := starts.search(text, pos):
        # A name's letters start here: the exact pattern (clitics, word edges) is tried there
        # and up to two letters before, earliest first, as a scan of the whole text would.
        begin = m.start()
        hit = next(
            (h for k in range(max(done, begin - 2), begin + 1) if (h := exact.match(text, k))),
            None,
        )
        if hit is None:
            pos = begin + 1
            continue
        key = entity_key(hit.group("name"))
        out.append((hit.start("name"), hit.end("name"), key, type_of_key(key) or "other"))
        done = pos = hit.end()
    return out


@cache
def _non_latin_pattern() -> tuple[re.Pattern[str], regex.Pattern[str]] | None:
    """A fast search for where a name may start (a trie of the names: the `regex` engine tries
    every alternative at every character, 20 times slower), and the exact pattern."""
    names = data().non_latin_names
    if not names:
        return None
    alternation = "|".join(regex.escape(n) for n in names)
    # Arabic attaches "and", "for", "with", "the" to the word: "لأنثروبيك" is "for Anthropic".
    exact = regex.compile(
        rf"(?<![\p{{L}}\p{{M}}])(?:[وفبلك]{{1,2}})?(?P<name>{alternation})(?![\p{{L}}\p{{M}}])"
    )
    return re.compile(trie(names)), exact
