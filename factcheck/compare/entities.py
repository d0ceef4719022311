"""People and organisations one article names and the other does not.

Mentions are grouped into names per article (a surname joins its full name), then matched across
articles by key, by `same_name` (scripts, spelling), and finally by the name being written in the
other article's text at all: an extractor that missed a mention must not make a name "missing".
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache, partial

from factcheck.compare.claims import overlaps
from factcheck.compare.names import NameIndex, NameSet, key, same_name, same_speaker
from factcheck.compare.severity import severity
from factcheck.compare.side import Side, is_brief, same_language, title_case, title_words
from factcheck.compare.text_index import word_index
from factcheck.extract.rules.entities_names import arabic_clitics, skeleton
from factcheck.models import Discrepancy, Fact

KINDS = ("person", "org")  # names compared both ways
BRIEF_ONLY = ("place", "other")  # ... and names compared only as added to a brief (`is_brief`)
DERIVED_PREFIX = 4  # letters a derived name shares with its root ("Chin-ese", "Chin-a")
_CAPITALISED = re.compile(r"\b[^\W\d_]{2,}")
_DEMONYM_END = re.compile(r"(?:an|ans|ese|ish|i|is|ic|er|ers)$")  # English endings of a people
MAX_ACRONYM = 6
SHORT_ACRONYM = 4  # an all-caps token this short, said once, is more often a label or a unit
# A line this short whose longer words are nearly all capitalised is furniture. 16 words let
# headlines such as "Biologists Call on Obama Administration to Overturn Bush Rules that Cut
# Science Out of Endangered Species Legislation" (17) give names; at 25, Wikinews sources lose 7
# findings, of them 2 judged (a FALSE medium, a DEFENSIBLE low) and no TRUE one.
HEADING_WORDS = 25
HEADER_REACH = 80  # characters after "Subject:" or "RE:" that still belong to that header field
PART_OF_STORY = 2  # mentions that make an added name part of the candidate's story
# ... or one mention in a brief (`side.is_brief`): a summary has no room for names in passing.
# There a place counts too ("as Ukraine defends itself from China"), a people made from a place
# ("Canadian") and a code ("SARS-CoV-3"), unless made from a word the reference writes
# ("Chinese" / "China"). Other names of no known kind do not: in the opening sentences of 150
# Wikinews sources taken as briefs of their articles, about half of them were capitalised common
# words or fragments ("Products", "Help", "Corp"). SummEdits news (make bench), with the dates and
# figures a brief adds (`dates`, `figures`) and its verdict (`story.profiles_differ`): edited
# summaries flagged 111 -> 140 of 498, consistent ones 2 -> 2 of 321; no Wikinews source is so
# short beside its article, nor is any MEANTIME translation.
CUT_LETTERS = 3  # a word cut shorter ("Ma" of "Manchester") could be the start of anything
BLEND_LETTERS = 5  # a word made of the starts of a name's words: "Mercosur", "Benelux"
BLEND_PIECE = 2  # letters each word gives a blend (one letter each would be an acronym)
RUNS_TRIED = 200  # runs of capitalised words tried per name: keeps a huge text linear
MIN_WRITTEN = 4  # shorter names ("AS", "UE") are too likely to appear inside other words
MIN_SKELETON_LETTERS = 4  # consonants a name needs before its skeleton is found in a text
_SCRIPT_WORD = re.compile(r"[^\W\d_]+")


@dataclass(slots=True)
class Name:
    """One person or organisation of an article, with all its mentions."""

    display: str
    entity_type: str
    keys: set[str]
    mentions: list[Fact] = field(default_factory=list)


def names_of(side: Side) -> list[Name]:
    """The people and organisations of `side`, one `Name` each (longest spelling shown)."""
    if "names" not in side.memo:
        names, by_key, index = _grouped(f for f in side.entities if f.entity_type in KINDS)
        side.memo["names"] = names
        side.memo["name_keys"] = by_key
        side.memo["name_index"] = index
    return side.memo["names"]


def _brief_names(side: Side) -> list[Name]:
    """The places and other names of `side` (compared only as added to a brief), but for a
    word of a date ("since Jan. 18")."""
    if "brief_names" not in side.memo:
        dates = [(d.start, d.end) for d in side.dates]
        facts = (
            f
            for f in side.entities
            if f.entity_type in BRIEF_ONLY and not overlaps(dates, f.start, f.end)
        )
        side.memo["brief_names"] = _grouped(facts)[0]
    return side.memo["brief_names"]


def _grouped(facts: Iterable[Fact]) -> tuple[list[Name], dict[str, Name], NameIndex[Name]]:
    """Mentions grouped into names: the same key, or one name spelt or shortened otherwise."""
    by_key: dict[str, Name] = {}
    index: NameIndex[Name] = NameIndex()
    names: list[Name] = []
    for fact in sorted(facts, key=lambda f: -len(f.text)):
        k = str(fact.value) if fact.value else key(fact.text)
        name = by_key.get(k)
        if name is None:
            for other in index.near(fact.text):
                if other.entity_type != fact.entity_type:
                    continue
                if fact.entity_type == "person" and same_speaker(other.display, fact.text):
                    name = other
                    break
                if same_name(other.display, fact.text):
                    name = other
                    break
        if name is None:
            name = Name(fact.text, str(fact.entity_type), set())
            names.append(name)
            index.add(fact.text, name)
        name.keys.add(k)
        by_key[k] = name
        name.mentions.append(fact)
    for name in names:
        name.mentions.sort(key=lambda f: f.start)
    names.sort(key=lambda n: n.mentions[0].start)
    return names, by_key, index


# Runs start at a word's start and take whole words (possessive): a long capitalised token is
# scanned once, not once per letter.
_CAPITAL_RUN = re.compile(
    r"(?<![\w'-])(?:[A-Z][\w'-]*+\s+(?:(?:of|the|and|for|de|del|la|du|des)\s+)?){1,7}"
    r"[A-Z][\w'-]*+"
)
_CAPITAL_WORD = re.compile(r"(?<![\w'-])[A-Z][\w'-]*+")
_HEADER = re.compile(
    r"(?:from|to|cc|bcc|date|sent|subject|re|fwd?|de|à|objet|asunto|para|von|an|betreff|"
    r"oggetto|da|onderwerp|van|aan|dari|kepada|perihal)\s*:",
    re.IGNORECASE,
)
# The same labels inside a line: pages flatten e-mails and memo lists into one paragraph
# ("… From: Roche, James To: Wynne, Michael Date: … Subj: 767 and DepSecDef …"). Only labels
# that prose does not end with a colon ("an:", "de:", "da:" do, in German, French, Italian).
_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z]\w+\s+[a-z]")  # ". The council met": prose again
_HEADER_INSIDE = re.compile(
    r"(?<![\w-])(?:from|to|cc|bcc|date|sent|subj|subject|re|fwd?|objet|asunto|betreff|oggetto|"
    r"onderwerp|perihal|kepada)\s*:",
    re.IGNORECASE,
)


# A compiled pattern weighs kilobytes: a long audit or fuzz run must not keep tens of thousands.
PATTERNS_KEPT = 4096


@lru_cache(maxsize=PATTERNS_KEPT)
def _written(name: str) -> re.Pattern[str]:
    spaced = r"\s+".join(re.escape(word) for word in name.split())  # names wrap across lines
    return re.compile(rf"(?<!\w){spaced}(?!\w)")


def _is_written(name: str, side: Side) -> bool:
    """Whether `name` is written as whole words in the text of `side`."""
    return word_index(side.document.text, side.memo).search(partial(_written, name), name)


def counterpart(name: Name, other: Side) -> Name | None:
    """The name of the `other` article that denotes the same entity as `name`, if any."""
    names_of(other)
    by_key: dict[str, Name] = other.memo["name_keys"]
    for k in name.keys:
        if k in by_key:
            return by_key[k]
    index: NameIndex[Name] = other.memo["name_index"]
    for candidate in index.near(name.display):
        if candidate.entity_type == name.entity_type and same_name(name.display, candidate.display):
            return candidate
    return None


def written_in(name: Name, side: Side) -> bool:
    """Whether one of the name's spellings is written in the other article's text.

    Case matters: "ANTARA" the news agency is not "antara", the Indonesian word for "between"
    (but is "Antara").
    """
    spellings = {f.text for f in name.mentions}
    # "BOEING" in a shouted headline is "Boeing" in prose: capitals either way, never "boeing".
    spellings |= {s.title() if s.isupper() else s.upper() for s in spellings if " " not in s}
    return any(len(text) >= MIN_WRITTEN and _is_written(text, side) for text in spellings)


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    import json
    from importlib import resources

    data = resources.files("factcheck.extract.rules").joinpath("data/entities.json")
    table = json.loads(data.read_text(encoding="utf-8"))
    return frozenset(w.casefold() for w in table["generic_words"]["words"])


def proper_words(display: str) -> list[str]:
    """The words of a multi-word organisation or place name that a translation keeps.

    "Pemerintah Kabupaten Wirasena" becomes "la régence de Wirasena" in French: the generic words
    are translated, the proper one ("Wirasena") is not.
    """
    words = display.split()
    if len(words) < 2:
        return []
    generic = _generic_words()
    return [w for w in words if len(w) >= MIN_WRITTEN and w.casefold() not in generic]


def _proper_written(name: Name, side: Side) -> bool:
    if name.entity_type == "person":
        return False
    core = proper_words(name.display)
    return bool(core) and all(_is_written(word, side) for word in core)


def _tail_written(name: Name, side: Side) -> bool:
    """A person named with a word glued on ("Engineer Maria Santos", "Luchtvaartanalist Richard
    Aboulafia", "Michael Wynne Date") is present where two words of the name in a row are."""
    parts = name.display.split()
    if name.entity_type != "person" or len(parts) < 3:
        return False
    return any(_is_written(f"{a} {b}", side) for a, b in itertools.pairwise(parts))


def _loosely_written(name: Name, side: Side) -> bool:
    """A name of several words written in another case or with a suffix ("tilt train" for
    "Tilt Train", "Sri Lankans" for "Sri Lanka"); case only decides for single words."""
    if len(name.display.split()) < 2:
        return False
    words = r"\s+".join(re.escape(w) for w in name.display.split())
    pattern = partial(_compiled, rf"(?<!\w){words}", re.IGNORECASE)
    return word_index(side.document.text, side.memo).search(pattern, name.display)


_MINOR = frozenset(
    {"of", "the", "and", "for", "de", "del", "la", "le", "du", "des", "van", "der", "&"}
)


def _acronym_written(name: Name, side: Side) -> bool:
    """An acronym ("FAS") whose words the other article spells out ("Federation of American
    Scientists"), or a name whose acronym the other article writes."""
    text = name.display
    if text.isupper() and text.isalpha() and 2 <= len(text) <= MAX_ACRONYM:
        return text in _spelt_out(side)
    parts = [w for w in text.split() if w.lower() not in _MINOR]
    if len(parts) < 2 or not all(p[:1].isupper() for p in parts):
        return False
    index = word_index(side.document.text, side.memo)
    return any(
        index.search(partial(_compiled, rf"(?<!\w){re.escape(initials)}(?!\w)"), initials)
        for initials in _initials(parts)
    )


def _initials(words: list[str]) -> set[str]:
    """The acronyms a run of capitalised words may go by: "Asia-Pacific Economic Cooperation"
    is APEC (each part of a hyphenated word counts) or AEC."""
    whole = "".join(w[0] for w in words).upper()
    parts = "".join(p[0] for w in words for p in w.split("-") if p).upper()
    return {whole, parts}


def _spelt_out(side: Side) -> set[str]:
    """The acronyms of the runs of capitalised words of `side` ("Federation of American
    Scientists": "FAS"), found once per side."""
    return _capital_runs(side).acronyms


@lru_cache(maxsize=PATTERNS_KEPT)
def _compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def _common_words(name: Name, side: Side) -> bool:
    """A name whose every word the article also writes in lower case ("Voting Suppression",
    "Impact Probability", "Web"): a capitalised heading or phrase, not surely a name (a real
    name rarely has all its words in the article's common vocabulary)."""
    words = [w for w in name.display.split() if w.lower() not in _MINOR]
    if not words:
        return False
    index = word_index(side.document.text, side.memo)
    return all(
        not w.isupper()
        and index.search(
            partial(_compiled, rf"(?<![\w-]){re.escape(w.lower())}(?![\w-])"), w.lower()
        )
        for w in words
    )


def _furniture(name: Name, side: Side) -> bool:
    """Every mention sits in page furniture: a short heading, label or navigation line whose
    words are nearly all capitalised ("New Search Tools Offer Consumers", "QUESTION:"), or an
    e-mail header line ("Subject: Ship Funding"); or the name is one all-caps word said once."""
    text = side.document.text
    display = name.display.strip()
    if display.isupper() and len(display.split()) == 1 and len(name.mentions) == 1:
        return True  # "README", "SEVERE", "MT": a label, a shouted word or a unit as often
    if _common_words(name, side):
        return True
    if display.isupper() and all(text.startswith(":", m.end) for m in name.mentions):
        return True  # "QUESTION:", "CONTACT:" label a transcript or a press release
    for mention in name.mentions:
        start = text.rfind("\n", 0, mention.start) + 1
        end = text.find("\n", mention.end)
        line = text[start : end if end >= 0 else len(text)].strip()
        if _HEADER.match(line) or _in_header_field(
            text, max(start, mention.start - HEADER_REACH), mention.start
        ):
            continue  # "From: …", "Subject: …": an e-mail or a wire header
        if not _heading(line):
            return False
    return True


def _in_header_field(text: str, start: int, at: int) -> bool:
    """Whether a header label ("Subj:", "RE:", "To:") precedes `at` within the same field: no
    sentence end or list separator between them."""
    labels = list(_HEADER_INSIDE.finditer(text, start, at))
    if not labels:
        return False
    between = text[labels[-1].end() : at]
    return ";" not in between and not _SENTENCE_END.search(between)


def _heading(line: str) -> bool:
    """A short line in title case with no closing punctuation: a headline, a subheading, a
    label or navigation. Title case is judged on the longer words ("Possibility of an Earth
    Impact in 2029 Ruled Out for Asteroid…"): it leaves short function words in lower case."""
    words = title_words(line)
    if len(words) > HEADING_WORDS or line.endswith((".", "?", "!", '"', "”")):
        return False
    return title_case(words)


def _present(name: Name, side: Side) -> bool:
    return (
        counterpart(name, side) is not None
        or written_in(name, side)
        or _proper_written(name, side)
        or _tail_written(name, side)
        or _surname_written(name, side)
        or _loosely_written(name, side)
        or _acronym_written(name, side)
        or _transliterated_written(name, side)
        or _compound_present(name, side)
        or _shortened_written(name, side)
    )


def _derived_written(name: Name, side: Side) -> bool:
    """A one-word name made from a word the other article writes with a capital (`_derived`):
    "Chinese" from "China", "Iranian" from "Iran", "Greek" from "Greece"."""
    words = name.display.split()
    if len(words) != 1 or len(words[0]) < DERIVED_PREFIX:
        return False
    word = words[0].casefold()
    return any(_derived(word, other) for other in _capitalised(side))


def _coded(display: str) -> bool:
    """A name holding a code of letters and digits ("SARS-CoV-2", "RS-68", "A380"): a strain, a
    model or a flight, never a capitalised common word."""
    return any(
        any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word)
        for word in display.split()
    )


def _demonym(display: str) -> bool:
    """Whether a one-word name is made from a country's, a capital's or a continent's name
    ("Canadian", "Iraqis", "Peruvian", "European"): a people or a nationality, which a brief
    names as a claim. Other names of no known kind are too often a capitalised common word
    ("Products", "Help") or a fragment of a longer name ("Corp") to be reported there."""
    words = display.split()
    if len(words) != 1:
        return False
    word = words[0].casefold()
    if not _DEMONYM_END.search(word):
        return False  # "Windows" is not made from "Windhoek"
    return any(_derived(word, place) for place in _places_by_start().get(word[:3], ()))


def _derived(word: str, root: str) -> bool:
    """`word` made from `root`: they share their first `DERIVED_PREFIX` letters, or all but the
    last two of the shorter one ("Chin-ese" / "Chin-a", "Gree-k" / "Gree-ce")."""
    need = min(DERIVED_PREFIX, min(len(word), len(root)) - 2)
    return need >= 3 and word != root and word[:need] == root[:need]


@lru_cache(maxsize=1)
def _places_by_start() -> dict[str, tuple[str, ...]]:
    """The one-word places of the gazetteer by their first three letters."""
    from factcheck.extract.rules.entities_places import place_keys

    found: dict[str, list[str]] = {}
    for place in place_keys():
        if " " not in place:
            found.setdefault(place[:3], []).append(place)
    return {start: tuple(places) for start, places in found.items()}


def _capitalised(side: Side) -> frozenset[str]:
    """The capitalised words of a side, folded (found once per side)."""
    found = side.memo.get("capitalised_words")
    if found is None:
        found = side.memo["capitalised_words"] = frozenset(
            m.group().casefold()
            for m in _CAPITALISED.finditer(side.document.text)
            if m.group()[0].isupper()
        )
    return found


def _shortened_written(name: Name, side: Side) -> bool:
    """An organisation or place written short in one article and in full in the other: word for
    word ("Man Utd" and "Manchester United", "Dept of Energy"), or as one word made of the
    starts of its words ("Mercosur" and "Mercado Común del Sur"). Word for word never for a
    person ("John Smith" is not "Jonathan Smith"); a blend whatever the type the extractor
    guessed (no person's name is made of the starts of another's words)."""
    words = [w for w in name.display.split() if w.lower() not in _MINOR]
    runs = _capital_runs(side)
    if len(words) >= 2 and name.entity_type != "person":
        initials = "".join(key(w)[:1] for w in words)
        for run in runs.by_initials.get(initials, [])[:RUNS_TRIED]:
            if all(_shortens(a, b) or _shortens(b, a) for a, b in zip(words, run, strict=True)):
                return True
    if len(words) >= 2:
        first = key(words[0])[:1]
        return any(_blend(w, words) for w in runs.by_word_initial.get(first, [])[:RUNS_TRIED])
    if len(words) == 1 and len(words[0]) >= BLEND_LETTERS:
        first = key(words[0])[:1]
        return any(_blend(words[0], run) for run in runs.by_first.get(first, [])[:RUNS_TRIED])
    return False


@dataclass
class _Runs:
    """The runs of capitalised words of one article, and its capitalised words, indexed."""

    by_initials: dict[str, list[list[str]]] = field(default_factory=dict)
    by_first: dict[str, list[list[str]]] = field(default_factory=dict)
    by_word_initial: dict[str, list[str]] = field(default_factory=dict)
    acronyms: set[str] = field(default_factory=set)  # what each run's initials spell


def _capital_runs(side: Side) -> _Runs:
    found = side.memo.get("capital_runs")
    if found is None:
        found = side.memo["capital_runs"] = _Runs()
        seen: set[str] = set()
        for run in _CAPITAL_RUN.finditer(side.document.text):
            if run.group(0) in seen:
                continue
            seen.add(run.group(0))
            words = [w for w in run.group(0).split() if w.lower() not in _MINOR]
            found.acronyms.update(_initials(words))
            if len(words) >= 2:
                initials = "".join(key(w)[:1] for w in words)
                found.by_initials.setdefault(initials, []).append(words)
                found.by_first.setdefault(initials[:1], []).append(words)
        # In the order written, so which RUNS_TRIED words are tried never depends on hashing.
        for word in dict.fromkeys(_CAPITAL_WORD.findall(side.document.text)):
            if len(word) >= BLEND_LETTERS:
                found.by_word_initial.setdefault(key(word)[:1], []).append(word)
    return found


def _shortens(short: str, full: str) -> bool:
    """Whether `short` is `full` written short: cut ("Man", "Corp.") or contracted, its first
    and last letters kept with some of those between ("Utd", "Govt", "Intl")."""
    s, f = key(short.rstrip(".")), key(full)
    if s == f:
        return True
    if not s.isalpha() or len(s) < 2 or len(s) >= len(f) or s[0] != f[0]:
        return False
    if f.startswith(s):
        return len(s) >= CUT_LETTERS
    if s[-1] != f[-1]:
        return False
    between = iter(f[1:-1])
    return all(letter in between for letter in s[1:-1])


def _blend(word: str, words: list[str]) -> bool:
    """Whether `word` is made of the starts of `words`, each giving at least two letters, in
    order: "Mercosur" of "Mercado Común del Sur", "Benelux" of "Belgium Netherlands
    Luxembourg", "LokiTorrent" of "Loki Torrent". A word of the name itself is no blend of it
    ("Alien" of "Alien Encounter" is "ali" and "en", but it is the name's first word)."""
    w, parts = key(word), [key(p) for p in words]
    if len(parts) < 2 or len(w) < BLEND_LETTERS or " " in w or w in parts:
        return False

    def fits(i: int, at: int) -> bool:
        if i == len(parts):
            return at == len(w)
        part = parts[i]
        for n in range(min(len(part), len(w) - at), BLEND_PIECE - 1, -1):
            if w[at : at + n] == part[:n] and fits(i + 1, at + n):
                return True
        return False

    return fits(0, 0)


def _compound_present(name: Name, side: Side) -> bool:
    """ "the Boeing-Air Force deal" joins two names by a hyphen: present when each part is."""
    display = name.display
    if "-" not in display or " " not in display:
        return False
    parts = [p.strip() for p in display.split("-")]
    if len(parts) < 2 or not all(p[:1].isupper() for p in parts):
        return False
    return all(len(p) >= MIN_WRITTEN and _is_written(p, side) for p in parts)


def _transliterated_written(name: Name, side: Side) -> bool:
    """Whether the name is written in the other article in another script: "Karim Haddad" in
    "كريم حداد" or "Карим Хаддад", word by word on consonant skeletons (Arabic clitics taken off
    each word). Arabic has no capitals to find names by, so this reads the text, not its names."""
    if name.display.isascii() == _latin(side):
        return False
    wanted = [skeleton(key(w)) for w in name.display.split() if key(w)]
    wanted = [w for w in wanted if w]
    if not wanted or sum(map(len, wanted)) < MIN_SKELETON_LETTERS:
        return False
    words = _word_skeletons(side)
    size = len(wanted)
    return any(
        all(wanted[i] in words[at + i] for i in range(size)) for at in range(len(words) - size + 1)
    )


def _latin(side: Side) -> bool:
    """Whether the article is written in Latin script (most of its letters are ASCII)."""
    found = side.memo.get("latin")
    if found is None:
        letters = [c for c in side.document.text[:4000] if c.isalpha()]
        found = side.memo["latin"] = sum(c.isascii() for c in letters) >= 0.7 * len(letters)
    return bool(found)


def _word_skeletons(side: Side) -> list[frozenset[str]]:
    """Per word of the article, the consonant skeletons it may stand for (with and without an
    Arabic clitic), found once per side."""
    found = side.memo.get("word_skeletons")
    if found is None:
        found = side.memo["word_skeletons"] = [
            _skeletons_of(word) for word in _SCRIPT_WORD.findall(side.document.text)
        ]
    return found


@lru_cache(maxsize=65536)  # words recur, within an article and across the pairs of an audit
def _skeletons_of(word: str) -> frozenset[str]:
    forms = {word}
    forms.update(
        word[len(c) :] for c in arabic_clitics() if word.startswith(c) and len(word) > len(c) + 1
    )
    return frozenset(skeleton(key(f)) for f in forms)


def _surname_written(name: Name, side: Side) -> bool:
    """Whether a person's last name is written in the other article ("Daniel Vettori" and a
    scorecard's "Vettori"; "Mr Bao" and "Bao Tran"): perhaps the same person, so not a name
    the other article lacks."""
    parts = name.display.split()
    return (
        name.entity_type == "person"
        and len(parts) >= 2
        and len(parts[-1]) >= MIN_WRITTEN
        and parts[-1][:1].isupper()
        and _is_written(parts[-1], side)
    )


# "Incra (Instituto Nacional de Colonização e Reforma Agrária)", "American Association of
# Retired Persons (AARP)": an article defines an acronym beside its expansion.
_PARENTHESIS = re.compile(r"\(([^()\n]{2,160})\)")
_ACRONYM = re.compile(r"[A-Z][A-Za-z&]{1,7}")
_DEFINITION_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
_LINKING = frozenset(
    [
        "of",
        "the",
        "and",
        "for",
        "on",
        "in",
        "at",
        "de",
        "da",
        "do",
        "dos",
        "das",
        "e",
        "y",
        "et",
        "la",
        "le",
        "les",
        "du",
        "des",
        "del",
        "di",
        "van",
        "der",
        "für",
        "und",
    ]
)
BEFORE_DEFINITION = 160  # characters before "(" searched for an acronym's expansion


def _definitions(side: Side) -> list[tuple[int, int, str, str]]:
    """(start, end, acronym, expansion) for each acronym the article defines in parentheses,
    the span covering both; the expansion's initials must spell the acronym."""
    found = side.memo.get("definitions")
    if found is not None:
        return found
    text = side.document.text
    found = []
    for m in _PARENTHESIS.finditer(text):
        inner = m.group(1).strip()
        if _ACRONYM.fullmatch(inner):  # "… Retired Persons (AARP)"
            start = _expansion_start(text, max(0, m.start() - BEFORE_DEFINITION), m.start(), inner)
            if start is not None:
                found.append((start, m.end(), inner, text[start : m.start()].strip()))
            continue
        before = re.search(r"([A-Z][A-Za-z&]{1,7})\s*$", text[max(0, m.start() - 10) : m.start()])
        if before and _spells(before.group(1), _DEFINITION_WORDS.findall(inner)):
            found.append((m.start() - len(before.group(0)), m.end(), before.group(1), inner))
    side.memo["definitions"] = found
    return found


def _expansion_start(text: str, lo: int, hi: int, acronym: str) -> int | None:
    """Where the words before `hi` whose initials spell `acronym` begin, if they do."""
    words = list(_DEFINITION_WORDS.finditer(text, lo, hi))
    for i in range(len(words) - 1, -1, -1):
        if not words[i].group(0)[:1].isupper():
            if words[i].group(0).lower() in _LINKING:
                continue
            return None
        if _spells(acronym, [w.group(0) for w in words[i:]]):
            return words[i].start()
    return None


def _spells(acronym: str, words: list[str]) -> bool:
    """Whether the capitalised words' initials (linking words skipped) spell the acronym."""
    kept = [w for w in words if w.lower() not in _LINKING]
    if len(kept) < 2 or not all(w[:1].isupper() for w in kept):
        return False
    return acronym.upper().replace("&", "") in _initials(kept)


def _defined_present(name: Name, own: Side, other: Side) -> bool:
    """A name inside an acronym's definition is present where the other article writes the
    acronym or its expansion: "Instituto Nacional de Colonização" where it says "Incra"."""
    for start, end, acronym, expansion in _definitions(own):
        if not any(start <= m.start and m.end <= end for m in name.mentions):
            continue
        if _is_written(acronym, other) or _is_written(expansion, other):
            return True
        if any(a.upper() == acronym.upper() for _, _, a, _ in _definitions(other)):
            return True
    return False


def _times(count: int) -> str:
    return "once" if count == 1 else "twice" if count == 2 else f"{count} times"


def entity_findings(
    ref: Side, cand: Side, skip: Collection[str] = (), new_voices: Collection[str] = ()
) -> list[Discrepancy]:
    """Names the candidate lost (missing_entity) or added (added_entity).

    `skip` holds speakers already reported by missing_quote, so one person is one finding;
    `new_voices` the speakers of candidate quotes the reference does not carry.
    """
    ref_names, cand_names = names_of(ref), names_of(cand)
    cand_speakers = NameSet(q.speaker for q in cand.quotes if q.speaker)
    voices = NameSet(new_voices)
    monolingual = same_language(ref, cand)
    brief = is_brief(ref, cand)
    found: list[Discrepancy] = []
    for name in ref_names:
        if _present(name, cand) or _furniture(name, ref) or _defined_present(name, ref, cand):
            continue
        if any(same_speaker(name.display, s) for s in skip):
            continue
        found.append(
            Discrepancy(
                "missing_entity",
                severity("missing_entity"),
                f"The reference names {name.display} {_times(len(name.mentions))}; the candidate"
                " never does.",
                reference=ref.evidence(name.mentions[0]),
            )
        )
    # A place or a name of no known kind added in passing is background, except in a brief
    extra = _brief_names(cand) if brief and monolingual else []
    extra = [
        n for n in extra if n.entity_type == "place" or _demonym(n.display) or _coded(n.display)
    ]
    for name in [*cand_names, *extra]:
        if name.entity_type in BRIEF_ONLY and (
            _derived_written(name, ref) or _common_words(name, ref)
        ):
            continue  # "Chinese" of "China"; "Products" of a headline, "products" in prose
        if _present(name, ref) or _furniture(name, cand) or _defined_present(name, cand, ref):
            continue
        count = len(name.mentions)
        quoted = name.entity_type == "person" and cand_speakers.has_speaker(name.display)
        # Across languages names are written, cut and typed differently ("Fuerzas Armadas",
        # "Luchtvaartanalist Richard Aboulafia"): only a person who speaks words the reference
        # does not carry is surely new.
        speaks_new = quoted and voices.has_speaker(name.display)
        # In one language: a new voice, or a name the candidate makes part of its story (named
        # twice); a name dropped once in passing is low.
        part = quoted or count >= PART_OF_STORY or brief
        acronym = name.display.isupper() and len(name.display) <= SHORT_ACRONYM
        voice = (
            (speaks_new or (monolingual and part))
            and not acronym  # "MT", "FII": a unit or a class as often as a name
        )
        found.append(
            Discrepancy(
                "added_entity",
                severity("added_entity", "voice" if voice else "default"),
                f"The candidate names {name.display} {_times(count)}"
                f"{' and quotes them' if quoted else ''}; the reference never does.",
                candidate=cand.evidence(name.mentions[0]),
            )
        )
    return found
