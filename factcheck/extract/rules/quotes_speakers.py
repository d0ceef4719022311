"""Who said a quote: reporting verbs and speaker phrases before and after the quotation marks."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from factcheck.extract.rules.quotes_lexicon import Lexicon

# A capitalised name token: "Nulty", "Jean-Baptiste", "O’Brien", "OpenAI".
_TOKEN = r"\p{Lu}[\p{L}\p{M}]*(?:['’\-][\p{L}\p{M}]+)*"
_SPACE = r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)"
_PARTICLE = r"(?:de|da|del|della|di|du|van|von|der|den|bin|binti|ibn|dos|das|ter|le|la)"
_NAME_RUN = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\p{{N}}'’])({_TOKEN}(?:{_SPACE}(?:{_PARTICLE}{_SPACE})?{_TOKEN})*)"
)
_TITLE = r"\p{Lu}\p{Ll}[\p{Ll}\p{M}]*(?:[\-'’]\p{Lu}\p{Ll}+)*"
# One or two given names right before a surname: "Christopher |Nulty".
_GIVEN_NAMES = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{_TITLE}[^\S\n]+){{1,2}}\Z")
# A family name right after a given name: "Hendra| Kusuma", wrapped lines included.
_FAMILY_NAME = regex.compile(rf"{_SPACE}{_TITLE}(?![\p{{L}}\p{{M}}])")
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}'’\-]+")
# Spacing inside one sentence: hard-wrapped text may break a line, never leave a blank one.
_GAP = regex.compile(r"[^\S\n]*(?:\n[^\S\n]*)?")
# After a quote, the attribution may wrap onto the next line only after a comma ('",\nsaid X');
# otherwise a line break there ends the paragraph.
_LEAD = regex.compile(r"(?:[,،\-–—]|[^\S\n])*")
_LEAD_WRAP = regex.compile(r"\n(?![^\S\n]*\n)[^\S\n]*")
_ARABIC = regex.compile(r"[\u0600-\u06ff]")
_ARABIC_WORDS = regex.compile(r"[^\s،,:.؛!?\"«»“”()\[\]]+")
# Sentence ends: "…GPT-5. Hannah" and the unspaced "…public.Récemment" of scraped text.
_SENTENCE_END = regex.compile(r"[.!?…][\"”»’)\]]*(?:\s+|(?=\p{Lu}))")
# What may stand between a speaker phrase and the quote: punctuation and a "that".
_STRAY = regex.compile(r"[\s,،:;؛\-–—]*(?:(?:إن|إنه|إنها|أن|that|bahwa|que|qu['’]|dass)[\s,،:]*)?")
# Arabic puts the speaker after the verb and may add where he said it: "قال مسؤول في الوزارة إن".
_ARABIC_REST = regex.compile(r"[^.!?؟\n\"«»“”]{0,60}")
_ARABIC_APPOSITIVE = regex.compile(
    r"[^\S\n]*،[^\S\n]*([\u0600-\u06ff]+(?:[^\S\n]+[\u0600-\u06ff]+){0,2})[^\S\n]*،"
)
_APPOSITIVE_COMMA = regex.compile(r"[^.,;:!?\n\"“”«»]{0,40}?,[^\S\n]*")
_HARD_GAP = regex.compile(r"[.!?;:,\"“”«»„]|\n[^\S\n]*\n")
_BLANK_LINE = regex.compile(r"\n[^\S\n]*\n")
_CONTINUATION = 250
_LOOK_BACK = 400
_LOOK_AHEAD = 160
_MAX_ROLE_WORDS = 6


@dataclass(frozen=True, slots=True)
class Attribution:
    """A speaker (name or role), the reporting phrase that gave it, and how it was found."""

    speaker: str | None = None
    context: str | None = None
    person: bool = False  # a named person, which a later "he"/"dia"/"il" can point back to
    before: bool = False  # found before the quote, so a following "and '…'" can share it


NOBODY = Attribution()


class Speakers:
    """Attributes the quotes of one document in order, remembering the last named speaker."""

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.last_person: str | None = None
        self.previous = NOBODY
        self.previous_end = 0

    def attribute(self, start: int, end: int) -> Attribution:
        """The attribution of the quote at text[start:end]; call in document order."""
        found = self._after(start, end) or self._before(start) or self._continued(start)
        if found.person and found.speaker:
            self.last_person = found.speaker
        self.previous, self.previous_end = found, end
        return found

    # -- after the quote: '", a déclaré la société.'  '" kata juru bicara'  '," Smith said.'
    def _after(self, start: int, end: int) -> Attribution | None:
        tail = self.text[end : end + _LOOK_AHEAD]
        k = _LEAD.match(tail).end()  # type: ignore[union-attr]
        if "," in self.text[end - 2 : end] + tail[:k] and (wrap := _LEAD_WRAP.match(tail, k)):
            k = wrap.end()
        verb = self.lex.say.match(tail, k)
        if verb is not None:
            context = _collapse(verb.group())
            if verb.group("pv"):
                return self._pronoun(context, start)
            phrase = self._phrase(tail, verb.end(), start, context)
            if phrase is not None:
                return phrase[0]
        verb = self.lex.say.search(tail, k, k + 80)
        if verb is None or verb.group("src") or verb.start() == k:
            return None
        gap = tail[k : verb.start()]
        if _HARD_GAP.search(gap) or not 1 <= len(gap.split()) <= 5:
            return None
        return self._subject(gap.strip(" ,"), start, _collapse(verb.group()))

    # -- before the quote: 'X, role, ... menegaskan: "'  'According to X, "'  'X said that ... "'
    def _before(self, start: int) -> Attribution | None:
        clause = self.text[self._clause_start(start) : start]
        if self.previous.before and self.previous.speaker and self._joined(start):
            return self.previous
        matches = list(self.lex.say.finditer(clause))
        if not matches:
            return None
        last = matches[-1]
        if last.group("src"):
            phrase = self._phrase(clause, last.end(), start, _collapse(last.group()))
            if phrase is not None and phrase[0].speaker and _STRAY.fullmatch(clause, phrase[1]):
                return _before(phrase[0])
        verbs = [m for m in matches if not m.group("src")]
        if not verbs:
            return None
        verb = verbs[-1]
        context = _collapse(verb.group())
        if verb.group("pv"):
            return _before(self._pronoun(context, start))
        phrase = self._phrase(clause, verb.end(), start, context)
        # The speaker must run up to the quote: 'قال المتحدث: "' yes; 'said that the plan "' no.
        rest = _ARABIC_REST if _ARABIC.search(verb.group()) else _STRAY
        after = phrase[0] if phrase and rest.fullmatch(clause, phrase[1]) else None
        subject = self._subject_before(clause[: verb.start()], start, context)
        # Arabic names the speaker after the verb (قال المتحدث), other languages before it.
        found = (after or subject) if _ARABIC.search(verb.group()) else (subject or after)
        return _before(found) if found else None

    def _continued(self, start: int) -> Attribution:
        # '"A," said X at the plant. "B."': an unattributed quote right after one by a named
        # person, in the same paragraph, goes on with that person's words.
        between = self.text[self.previous_end : start]
        if (
            self.previous.person
            and len(between) <= _CONTINUATION
            and _BLANK_LINE.search(between) is None
        ):
            return self.previous
        return NOBODY

    def _clause_start(self, start: int) -> int:
        low = max(start - _LOOK_BACK, self.previous_end, self.text.rfind("\n", 0, start) + 1)
        ends = [m.end() for m in _SENTENCE_END.finditer(self.text, low, start)]
        return ends[-1] if ends else low

    def _joined(self, start: int) -> bool:
        between = self.text[self.previous_end : start].strip(" \t,;\u00a0").lower()
        return between == "" or between in self.lex.joins

    # -- speaker phrases
    def _phrase(
        self, s: str, i: int, quote_start: int, context: str
    ) -> tuple[Attribution, int] | None:
        """The speaker written right after a verb: a name, a pronoun or a role phrase."""
        j = _GAP.match(s, i).end()  # type: ignore[union-attr]
        if _ARABIC.match(s, j):
            return self._arabic_phrase(s, j, context)
        first = _WORD.match(s, j)
        if first is None:
            return None
        if first.group().lower() in self.lex.pronouns:
            return self._pronoun(context, quote_start), first.end()
        words: list[str] = []
        end = j
        for word in _WORD.finditer(s, j):
            if not _GAP.fullmatch(s, end, word.start()) or len(words) >= _MAX_ROLE_WORDS:
                break
            if word.group().lower() in self.lex.stops:
                break
            words.append(word.group())
            end = word.end()
        if not words:
            return None
        phrase = " ".join(words)
        role = self.lex.roles.search(phrase) is not None
        comma = _APPOSITIVE_COMMA.match(s, end)  # "the regent of Wirasena, Hendra Kusuma"
        appositive = _NAME_RUN.match(s, comma.end()) if comma and role else None
        if appositive is not None:  # "kata Ketua Serikat, Budi Santoso" -> Budi Santoso
            name = self._name(appositive.group(), quote_start)
            if name and " " in name:
                return Attribution(name, context, person=True), appositive.end()
        names = [n for n in (self._trim(self._cut(r)) for r in _NAME_RUN.findall(phrase)) if n]
        full = [n for n in names if len(n) >= 2]
        if full:  # "said chief executive Arman Wijaya at ..." -> Arman Wijaya
            return Attribution(" ".join(full[-1]), context, person=True), end
        if _NAME_RUN.fullmatch(phrase):  # "a déclaré Amodei" -> Dario Amodei
            name = self._name(phrase, quote_start)
            if name:
                return Attribution(name, context, person=True), end
        return (Attribution(phrase, context), end) if role else None

    def _arabic_phrase(self, s: str, j: int, context: str) -> tuple[Attribution, int] | None:
        words: list[str] = []
        end = j
        for word in _ARABIC_WORDS.finditer(s, j):
            if s[end : word.start()].strip() or len(words) >= 4 or word.group() in self.lex.stops:
                break
            words.append(word.group())
            end = word.end()
        if not words:
            return None
        phrase = " ".join(words)
        if self.lex.roles.search(phrase) is None:
            return Attribution(phrase, context, person=True), end
        named = _ARABIC_APPOSITIVE.match(s, end)  # "المتحدث باسم الحكومة، يوسف مولانا،"
        if named is not None:
            return Attribution(_collapse(named.group(1)), context, person=True), named.end()
        return Attribution(phrase, context), end

    def _subject_before(self, seg: str, quote_start: int, context: str) -> Attribution | None:
        """The subject of a say-verb that precedes the quote."""
        for run in _NAME_RUN.finditer(seg):
            tokens = self._trim(self._cut(run.group()))
            if len(tokens) >= 2:
                return Attribution(" ".join(tokens), context, person=True)
        words = seg.split()
        for word in words[-1:-3:-1]:  # the word before the verb, or one adverb further back
            bare = word.strip(',;:()"“”«»')
            if bare.lower() in self.lex.pronouns:
                return self._pronoun(context, quote_start)
            name = self._name(bare, quote_start) if _NAME_RUN.fullmatch(bare) else None
            if name:
                return Attribution(name, context, person=True)
        for chunk in seg.split(","):
            chunk = _collapse(chunk)
            if chunk and len(chunk.split()) <= 8 and self.lex.roles.search(chunk):
                return Attribution(chunk, context)
        return None

    def _subject(self, gap: str, quote_start: int, context: str) -> Attribution | None:
        """The subject between a quote and its verb: '," Smith said' or '," the company said'."""
        if gap.lower() in self.lex.pronouns:
            return self._pronoun(context, quote_start)
        if _NAME_RUN.fullmatch(gap):
            name = self._name(gap, quote_start)
            return Attribution(name, context, person=True) if name else None
        if self.lex.roles.search(gap):
            return Attribution(_collapse(gap), context)
        return None

    def _pronoun(self, context: str, quote_start: int) -> Attribution:
        """'he said', 'katanya', 'a-t-il ajouté': the last person named, else the last speaker."""
        person = self.last_person
        for run in _NAME_RUN.finditer(self.text, max(0, quote_start - _LOOK_BACK), quote_start):
            tokens = self._trim(self._cut(run.group()))
            if len(tokens) >= 2 and not self._after_preposition(run.start()):
                person = " ".join(tokens)
        return Attribution(person, context, person=person is not None)

    def _cut(self, run: str) -> list[str]:
        # "Andi Wijaya di Jakarta": "di" joins Italian names but is Indonesian for "in".
        tokens = run.split()
        for i, token in enumerate(tokens):
            if token in self.lex.stops:
                return tokens[:i]
        return tokens

    def _after_preposition(self, pos: int) -> bool:
        # "in Lirang Hilir", "of the Green Wirasena Foundation" are places and bodies, not people.
        window = self.text[max(0, pos - 30) : pos]
        sources = [m for m in self.lex.say.finditer(window) if m.group("src")]
        if sources and not window[sources[-1].end() :].strip():
            return False  # "According to Sari Lestari" names a person
        return any(word.strip(",;") in self.lex.stops for word in window.lower().split()[-2:])

    def _trim(self, tokens: list[str]) -> list[str]:
        # "CEO OpenAI Sam Altman" -> "Sam Altman"; "Di sisi" and "Le Monde" are not people.
        for i in range(len(tokens) - 2, 0, -1):  # "Prime Minister Anthony Albanese"
            if self.lex.roles.fullmatch(tokens[i]):
                tokens = tokens[i + 1 :]
                break
        while tokens and (
            tokens[0] in self.lex.not_names
            or self.lex.roles.fullmatch(tokens[0])
            or (len(tokens) > 2 and tokens[0].lower().endswith(self.lex.role_words))
            or (len(tokens) > 2 and _organisation_like(tokens[0]))
        ):
            tokens = tokens[1:]
        return tokens

    def _name(self, run: str, quote_start: int) -> str | None:
        tokens = self._trim(self._cut(run))
        if not tokens:
            return None
        if len(tokens) == 1:
            return self._full_name(tokens[0], quote_start)
        return " ".join(tokens)

    def _full_name(self, name: str, quote_start: int) -> str:
        """'Nulty' -> 'Christopher Nulty', 'Hendra' -> 'Hendra Kusuma' when the document names the
        person in full (the mention before the quote first)."""
        best = None
        pos = self.text.find(name)
        while pos >= 0:
            end = pos + len(name)
            if end == len(self.text) or not self.text[end].isalnum():
                given = _GIVEN_NAMES.search(self.text, max(0, pos - 60), pos)
                tokens = self._trim(given.group().split()) if given else []
                family = _FAMILY_NAME.match(self.text, end) if not tokens else None
                if tokens or family:
                    best = " ".join([*tokens, name, *(family.group().split() if family else [])])
                    if pos >= quote_start:
                        break
            if pos >= quote_start and best:
                break
            pos = self.text.find(name, end)
        return best or name


def _organisation_like(token: str) -> bool:
    return token.isupper() or regex.search(r"\p{Ll}\p{Lu}", token) is not None


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _before(found: Attribution) -> Attribution:
    return Attribution(found.speaker, found.context, found.person, before=True)
