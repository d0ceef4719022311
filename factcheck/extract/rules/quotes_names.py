"""The people a document names, for quote speakers: names cut out of runs of capitalised words,
completed from their full mention, and the person a pronoun points back to."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

from factcheck.extract.rules.entities_names import alias_of
from factcheck.extract.rules.quotes_index import Occurrences, apart
from factcheck.extract.rules.quotes_lexicon import Lexicon

_SPACE = r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)"
_TITLE = r"\p{Lu}\p{Ll}[\p{Ll}\p{M}]*(?:[\-'’]\p{Lu}\p{Ll}+)*"
# One or two given names right before a surname: "Christopher |Nulty".
_GIVEN_NAMES = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{_TITLE}[^\S\n]+){{1,3}}\Z")
# A family name right after a given name: "Hendra| Kusuma", wrapped lines included.
_FAMILY_NAME = regex.compile(rf"{_SPACE}{_TITLE}(?![\p{{L}}\p{{M}}])")
# An elided article on a capitalised word: "L'AD", "dell’azienda".
_ELIDED = regex.compile(r"\A\p{L}{1,4}['’](?=\p{L})")
# How far before a quote to look for its sentence and for the person a pronoun points back to.
LOOK_BACK = 400
_LETTER = regex.compile(r"[\p{L}\p{M}]")
_SPACES = regex.compile(r"\s*")
_SPACES_BEFORE = regex.compile(r"\s*", regex.REVERSE)


@dataclass(frozen=True, slots=True)
class _Mentions:
    """The mentions of one name, in order, with the full name each gives (None: none)."""

    positions: list[int]
    full: list[str | None]
    last_before: list[int]  # [i]: the last mention before mention i that gives a full name
    first_from: list[int]  # [i]: the first mention from mention i on that gives one


class Names:
    """Names in one document, and the persons its quotes have been attributed to so far."""

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.last_person: str | None = None
        self.people: set[str] = set()  # persons already quoted in this text
        self.quoted: list[tuple[int, int]] = []  # the quotes attributed so far
        # Both only depend on the text: each name's mentions and each _stands_alone answer are
        # found once, not once per quote.
        self.occurrences = Occurrences(text)
        self._mentions: dict[str, _Mentions] = {}
        self._alone: dict[tuple[str, str, bool], bool] = {}

    def remember(self, start: int, end: int, person: str | None) -> None:
        """Record the quote at text[start:end] and the named person who said it, if any."""
        if person:
            self.last_person = person
            self.people.add(person)
        self.quoted.append((start, end))

    def back_reference(self, quote_start: int) -> str | None:
        """Whom 'he said', 'katanya', 'a-t-il ajouté' points to: the nearest person the text
        shows speaking ("Bracewell said Franklin would …"), else the nearest person named at the
        start of a sentence, else the last speaker, else the nearest person named."""
        speaking = opening = nearest = None
        for run in self.lex.name_run.finditer(
            self.text, max(0, quote_start - LOOK_BACK), quote_start
        ):
            if self.after_preposition(self.text, run.start()) or self._inside_quote(run.start()):
                continue
            tokens = self.person_part(self.tokens(self.text, run))
            if any(_organisation_like(t) or _DIGIT.search(t) for t in tokens):
                continue  # "Mac OS X", "PowerPC" are not whom a pronoun points back to
            if len(tokens) >= 2:
                person = " ".join(tokens)
            elif tokens and self._lone_person(run, tokens[0], quote_start):
                person = self.full_name(tokens[0], quote_start)
            else:
                continue
            nearest = person
            if self._speaks(run.end()) or self._sourced(run.start()) or self._said_by(run):
                speaking = person
            if _SENTENCE_START.search(self.text, max(0, run.start() - 4), run.start()):
                opening = person
        if speaking:
            return speaking
        last = self.last_person
        if last and self._named_since(last, quote_start):
            return last  # the last speaker, still in view
        return opening or last or nearest

    def _named_since(self, person: str, quote_start: int) -> bool:
        """Whether `person`'s surname is written in the look-back window before a quote."""
        surname = person.split()[-1]
        start = max(0, quote_start - LOOK_BACK)
        return any(
            start <= pos < quote_start and not self.after_preposition(self.text, pos)
            for pos in self.occurrences.of(surname)
        )

    def _speaks(self, end: int) -> bool:
        """Whether a reporting verb follows a name, after an aside or one adverb: "Reid, 64,
        said", "Reid also cautioned"."""
        at = _skip_aside(self.text, end)
        if self.lex.say.match(self.text, at) is not None:
            return True
        adverb = _ADVERB.match(self.text, at)
        return adverb is not None and self.lex.say.match(self.text, adverb.end()) is not None

    def _said_by(self, run: regex.Match[str]) -> bool:
        """Whether a name follows its reporting verb: "…, said Mr Pollmann.", "said the panel's
        top Democrat, Rep. Tom Lantos"."""
        window = self.text[max(0, run.start() - 90) : run.start()]
        verbs = [m for m in self.lex.say.finditer(window) if not m.group("src")]
        if not verbs:
            return False
        between = window[verbs[-1].end() :]
        if _CLAUSE_BREAK.search(between) or len(between.split()) > 9:
            return False
        # The name ends the clause ('said Mr Pollmann.'), not begins one ('said Franklin would').
        after = _AFTER_NAME.match(self.text, run.end())
        return after is not None and (
            not after.group("word") or after.group("word").lower() in self.lex.of_words
        )

    def _sourced(self, start: int) -> bool:
        """Whether a name is the source of an 'according to' phrase: "According to the company
        spokesperson, Dewi Anggraini, the cuts …"."""
        window = self.text[max(0, start - 60) : start]
        sources = [m for m in self.lex.say.finditer(window) if m.group("src")]
        if not sources:
            return False
        between = window[sources[-1].end() :]
        return not _SOURCE_BREAK.search(between) and len(between.split()) <= 5

    def person_part(self, tokens: list[str]) -> list[str]:
        """The words of a run that can name a person: "Human Services Tommy Thompson" -> "Tommy
        Thompson"; nothing for "iTunes Music Store", "The Daily Telegraph", "New York-based"."""
        if not tokens or self.is_outlet(" ".join(tokens)) or _ADJECTIVAL.search(tokens[-1]):
            return []
        cut = max(
            (i + 1 for i, t in enumerate(tokens) if t.rstrip(".,") in self.lex.not_person_words),
            default=0,
        )
        rest = tokens[cut:]
        return rest if cut == 0 or len(rest) >= 2 else []

    def _lone_person(self, run: regex.Match[str], word: str, quote_start: int) -> bool:
        """Whether one capitalised word names a person: "Djamal told reporters" names the quoted
        Jusman Syafii Djamal; "Mr Pollmann", "Bush said", "Reid, 64, said" name someone."""
        if word in self.lex.not_names or len(word) < 3 or word.lower() in self.lex.pronouns:
            return False  # "She said ...": a pronoun opening a sentence names no one
        full = self.full_name(word, quote_start)
        if full in self.people or " " in full:
            return True
        if self.titled(run.group()) or any(p.split()[-1] == word for p in self.people):
            return True
        return self.lex.say.match(self.text, _skip_aside(self.text, run.end())) is not None

    def is_outlet(self, name: str) -> bool:
        """Whether a name is a news agency or outlet, which reports quotes but never speaks them."""
        bare = _LEADING_THE.sub("", name.strip())
        if bare.lower() in self.lex.outlets or name.lower() in self.lex.outlets:
            return True
        words = bare.replace("’s", "").replace("'s", "").split()
        return any(w in self.lex.outlet_words for w in words) or bare.lower().endswith(
            (".com", ".net", ".org", ".co.uk")
        )

    def person_like(self, tokens: list[str]) -> bool:
        """Whether a name's words can be a person's: no outlet, organisation or place word."""
        return bool(tokens) and self.person_part(tokens) == tokens

    def _inside_quote(self, pos: int) -> bool:
        # "El Mundo de Wayne" inside an earlier quotation is not whom "he said" points back to.
        return any(start < pos < end for start, end in self.quoted[-8:])

    def cut(self, run: str) -> list[str]:
        """The words of a run of capitalised words, up to the first stop word."""
        # "Andi Wijaya di Jakarta": "di" joins Italian names but is Indonesian for "in".
        tokens = run.split()
        for i, token in enumerate(tokens):
            if token in self.lex.stops:
                return tokens[:i]
        return tokens

    def after_preposition(self, s: str, pos: int) -> bool:
        """Whether a preposition stands right before s[pos:]: a place or a body, not a person."""
        # "in Lirang Hilir", "of the Green Wirasena Foundation" are places and bodies, not people.
        window = s[max(0, pos - 30) : pos]
        sources = [m for m in self.lex.say.finditer(window) if m.group("src")]
        if sources and not window[sources[-1].end() :].strip():
            return False  # "According to Sari Lestari" names a person
        words = _PHRASE_BREAK.split(window)[-1].lower().split()
        # The word before the name, or the one before an article: "of the", "de la", "van de".
        last = words[-2:] if len(words) >= 2 and len(words[-1]) <= 3 else words[-1:]
        return any(word in self.lex.prepositions for word in last)

    def tokens(self, s: str, run: regex.Match[str]) -> list[str]:
        """The person a run of capitalised words names, if any."""
        tokens = self.trim(self.cut(run.group()))
        if not tokens or _possessive(tokens[-1]) or len(tokens[-1].rstrip(".")) < 2:
            return []  # "the Air Force's", "Ms. Davis's sister", "de V. S."
        for k in range(len(tokens) - 2, 0, -1):
            # "il presidente degli Stati Uniti Barack Obama": a known place or body comes first.
            if alias_of(" ".join(tokens[:k])) is not None:
                return tokens[k:]
        before = s[max(0, run.start() - 12) : run.start()].split()
        of_words = self.lex.of_words
        if (
            len(before) >= 2
            and len(before[-1]) <= 3
            and before[-1].islower()
            and before[-1] not in of_words
            and before[-2].lower() in of_words
        ):
            before = before[:-1]  # past an article: "Secretary of the Air Force James Roche"
        if len(tokens) < 3 or not before or before[-1].lower() not in of_words:
            return tokens
        if self._stands_alone(tokens[0], tokens[1]):
            return tokens[1:]  # "portavoce di Airbus Stefan Schaffrath": Airbus is named alone
        if len(tokens) >= 4 and self._stands_alone(tokens[-1], tokens[-2], before=True):
            return tokens[-2:]  # "de Aer Lingus Dermot Mannion": Mannion is named alone
        return tokens

    def _stands_alone(self, word: str, neighbour: str, *, before: bool = False) -> bool:
        """Whether the text names `word` somewhere without `neighbour` next to it."""
        key = (word, neighbour, before)
        alone = self._alone.get(key)
        if alone is None:
            alone = self._alone[key] = any(
                not _next_to(self.text, pos, pos + len(word), neighbour, before)
                for pos in self.occurrences.of(word)
                if not (pos and _LETTER.match(self.text, pos - 1))
                and not _LETTER.match(self.text, pos + len(word))
            )
        return alone

    def employer_cut(self, run: regex.Match[str], tokens: list[str]) -> bool:
        """Whether a capitalised employer was cut off the front of a name: "EADS Louis Gallois"."""
        raw = self.cut(run.group())
        first = raw[0] if raw else ""
        return (
            len(tokens) < len(raw)
            and first[:1].isupper()
            and first not in self.lex.not_names
            and first.lower() not in self.lex.honorifics
        )

    def titled(self, run: str) -> bool:
        """Whether the run opens with an honorific: "Sig. Rossi", "dhr. Jansen"."""
        return run.split()[0].lower() in self.lex.honorifics

    def role(self, token: str) -> bool:
        """Whether one word is a role: "CEO", "portavoce", "l'AD"."""
        return bool(
            self.lex.roles.fullmatch(token) or self.lex.roles.fullmatch(_ELIDED.sub("", token))
        )

    def trim(self, tokens: list[str]) -> list[str]:
        """The name left after roles, honorifics and other leading words are taken off."""
        # "CEO OpenAI Sam Altman" -> "Sam Altman"; "Di sisi" and "Le Monde" are not people.
        for i in range(len(tokens) - 2, -1, -1):  # "Prime Minister Anthony Albanese"
            if self.role(tokens[i]):
                tokens = tokens[i + 1 :]
                break
        if tokens and tokens[0].lower() in self.lex.of_words:
            # "CEO di Apple Steve Jobs" names Steve Jobs when "Jobs" is used alone elsewhere;
            # "CEO di Northrop Grumman", "CEO van Boeing Commercial Airplanes" name no one.
            alone = len(tokens) >= 4 and self._stands_alone(tokens[-1], tokens[-2], before=True)
            return tokens[-2:] if alone else []
        while tokens and (
            tokens[0] in self.lex.not_names
            or tokens[0][0].islower()  # a particle or honorific left at the front
            or tokens[0].lower() in self.lex.honorifics
            or self.role(tokens[0])
            or (len(tokens) > 2 and tokens[0].lower().endswith(self.lex.role_words))
            or (len(tokens) > 2 and _organisation_like(tokens[0]))
        ):
            tokens = tokens[1:]
        return tokens

    def name(self, run: str, quote_start: int) -> str | None:
        """The person a run of capitalised words names, a lone surname completed."""
        tokens = self.trim(self.cut(run))
        if not tokens or _possessive(tokens[-1]):
            return None
        if len(tokens) == 1:
            return self.full_name(tokens[0], quote_start)
        return " ".join(tokens)

    def full_name(self, name: str, quote_start: int) -> str:
        """'Nulty' -> 'Christopher Nulty', 'Hendra' -> 'Hendra Kusuma' when the document names the
        person in full: at the first mention from the quote on, else the last one before the
        quote, else the first one after it."""
        mentions = self._mentions.get(name)
        if mentions is None:
            mentions = self._mentions[name] = self._mentions_of(name)
        k = bisect.bisect_left(mentions.positions, quote_start)
        for i in (k, mentions.last_before[k], mentions.first_from[k]):
            full = mentions.full[i] if 0 <= i < len(mentions.full) else None
            if full:
                return full
        return name

    def _mentions_of(self, name: str) -> _Mentions:
        positions = apart(self.occurrences.of(name), len(name))
        full = [self._full_at(name, pos) for pos in positions]
        last_before, last = [], -1
        for i, value in enumerate(full):
            last_before.append(last)
            last = i if value else last
        last_before.append(last)
        first_from, first = [-1] * (len(full) + 1), -1
        for i in range(len(full) - 1, -1, -1):
            first = i if full[i] else first
            first_from[i] = first
        return _Mentions(positions, full, last_before, first_from)

    def _full_at(self, name: str, pos: int) -> str | None:
        """The full name the mention of `name` at `pos` gives, if any."""
        end = pos + len(name)
        if end < len(self.text) and self.text[end].isalnum():
            return None
        given = _GIVEN_NAMES.search(self.text, max(0, pos - 60), pos)
        tokens = self.trim(given.group().split()) if given else []
        if given and len(tokens) == 2 and self.after_preposition(self.text, given.start()):
            tokens = tokens[1:]  # "CEO di Apple Steve Jobs": Steve Jobs
        family = _FAMILY_NAME.match(self.text, end) if not tokens else None
        if not tokens and not family:
            return None
        return " ".join([*tokens, name, *(family.group().split() if family else [])])


_AFTER_NAME = regex.compile(r"[^\S\n]*(?:[.,;:!?()\n]|\Z|(?P<word>\p{L}+))")
_ADVERB = regex.compile(r"[^\S\n]*\p{Ll}+[^\S\n]+")
_ADJECTIVAL = regex.compile(r"-\p{Ll}+\Z")  # "New York-based", "UK-led"
_SENTENCE_START = regex.compile(r"(?:\A|[.!?][\"”’»)]*[^\S\n]+|\n[^\S\n]*|(?:--|—|–)[^\S\n]*)\Z")
_ASIDE = regex.compile(r"[^\S\n]*,(?:[^,.;:!?\n\"“”«»]{1,60},)?[^\S\n]*|[^\S\n]+")
# Compiled once: a module-level regex.search(pattern, ...) looks its pattern up on every call.
_DIGIT = regex.compile(r"\d")
_CLAUSE_BREAK = regex.compile(r"[.!?;:\n\"“”«»]")
_SOURCE_BREAK = regex.compile(r"[.!?;:\n]")
_LEADING_THE = regex.compile(r"^(?i:the)\s+")
_PHRASE_BREAK = regex.compile(r"[,;:(]")
_CAMEL = regex.compile(r"\p{Ll}\p{Lu}")


def _skip_aside(text: str, pos: int) -> int:
    """Where a verb would start after a name and an aside: "Reid, 64, said" -> "said"."""
    aside = _ASIDE.match(text, pos)
    return aside.end() if aside else pos


def _next_to(text: str, start: int, end: int, neighbour: str, before: bool) -> bool:
    """Whether `neighbour` stands next to text[start:end], across spacing with at most one line
    break (what `_SPACE` matches; a word from `str.split` never holds a character of `\\s`)."""
    if before:
        spacing = _SPACES_BEFORE.match(text, 0, start)
        assert spacing is not None
        at = spacing.start()
        found = text.endswith(neighbour, 0, at)
    else:
        spacing = _SPACES.match(text, end)
        assert spacing is not None
        found = text.startswith(neighbour, spacing.end())
    gap = spacing.group()
    return found and bool(gap) and gap.count("\n") <= 1


def _possessive(token: str) -> bool:
    """Whether a word ends in a possessive 's: "Boeing's"."""
    return token.lower().endswith(("'s", "’s"))


def _organisation_like(token: str) -> bool:
    """Whether a word is written like an organisation: "NASA", "OpenAI" (not an initial "A.")."""
    initial = len(token) == 2 and token.endswith(".")  # the "A." of "A. J. Smith"
    return (token.isupper() and not initial) or _CAMEL.search(token) is not None
