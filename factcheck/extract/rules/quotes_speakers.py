"""Who said a quote: reporting verbs and speaker phrases before and after the quotation marks."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from factcheck.extract.rules.quotes_lexicon import Lexicon

_SPACE = r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)"
_TITLE = r"\p{Lu}\p{Ll}[\p{Ll}\p{M}]*(?:[\-'’]\p{Lu}\p{Ll}+)*"
# One or two given names right before a surname: "Christopher |Nulty".
_GIVEN_NAMES = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{_TITLE}[^\S\n]+){{1,2}}\Z")
# A family name right after a given name: "Hendra| Kusuma", wrapped lines included.
_FAMILY_NAME = regex.compile(rf"{_SPACE}{_TITLE}(?![\p{{L}}\p{{M}}])")
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
# Arabic puts the speaker after the verb and may add where he said it: "قال مسؤول في الوزارة إن".
_ARABIC_REST = regex.compile(r"[^.!?؟\n\"«»“”]{0,60}")
_ARABIC_APPOSITIVE = regex.compile(
    r"[^\S\n]*،[^\S\n]*([\u0600-\u06ff]+(?:[^\S\n]+[\u0600-\u06ff]+){0,2})[^\S\n]*،"
)
_APPOSITIVE_COMMA = regex.compile(r"[^.,;:!?\n\"“”«»]{0,40}?,[^\S\n]*")
# A role after a name, up to the quote: 'zei Jan de Vries, woordvoerder van de bond: "'
_APPOSITIVE_TAIL = regex.compile(r"[^\S\n]*,[^.;:!?\n\"“”«»„]{1,80}")
# A verb with nothing after it but punctuation: '", ha aggiunto.'  '", dijo, '
# The rest of a clause after a verb, up to punctuation.
_CLAUSE_REST = regex.compile(r"[^.,;:!?\n\"“”«»„]{0,60}")
_BARE = regex.compile(r"[^\S\n]*(?:[.,;:!?…)\]]|\n|\Z)")
# An elided article on a capitalised word: "L'AD", "dell’azienda".
_ELIDED = regex.compile(r"\A\p{L}{1,4}['’](?=\p{L})")
_HARD_GAP = regex.compile(r"[.!?;:,\"“”«»„]|\n[^\S\n]*\n")
_BLANK_LINE = regex.compile(r"\n[^\S\n]*\n")
# The word a full stop ends, to tell "mevr." and "R." from the end of a sentence.
_LAST_WORD = regex.compile(r"(?<![\p{L}\p{M}.])[\p{L}\p{M}.]+\Z")
_INITIAL = regex.compile(r"\p{Lu}\.")
_QUOTE_MARKS = "\"“”„«»‹›‘’' "
_CONTINUATION = 250
_LOOK_BACK = 400
_LOOK_AHEAD = 160
_MAX_ROLE_WORDS = 8


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
        self.people: set[str] = set()  # persons already quoted in this text
        self.quoted: list[tuple[int, int]] = []  # the quotes attributed so far
        self.previous = NOBODY
        self.previous_end = 0

    def attribute(self, start: int, end: int) -> Attribution:
        """The attribution of the quote at text[start:end]; call in document order."""
        found = self._after(start, end) or self._before(start) or self._continued(start)
        if found.person and found.speaker:
            self.last_person = found.speaker
            self.people.add(found.speaker)
        self.previous, self.previous_end = found, end
        self.quoted.append((start, end))
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
            inside = self._inserted(verb, start, context)  # '", voegde hij toe.'
            if inside is not None:
                return inside
            later = self._later_subject(tail, verb.end(), start, context)
            if later is not None:
                return later  # '", dijo con entusiasmo Ana Torres.'
            if self.lex.subject_optional and self._no_subject(tail, verb.end()):
                return self._pronoun(context, start)  # '", ha aggiunto.'  '", dijo en rueda'
        verb = self.lex.say.search(tail, k, k + 80)
        if verb is None or verb.group("src") or verb.start() == k:
            return None
        gap = tail[k : verb.start()]
        if _HARD_GAP.search(gap) or not 1 <= len(gap.split()) <= 5:
            return None
        return self._subject(gap.strip(" ,"), start, _collapse(verb.group()))

    # -- before the quote: 'X, role, ... menegaskan: "'  'According to X, "'  'X said that ... "'
    def _before(self, start: int) -> Attribution | None:
        clause_start = self._clause_start(start)
        clause = self.text[clause_start:start]
        if self.previous.before and self.previous.speaker and self._joined(start):
            return self.previous
        matches = list(self.lex.say.finditer(clause))
        if not matches:
            return None
        last = matches[-1]
        if last.group("src"):
            phrase = self._phrase(clause, last.end(), start, _collapse(last.group()))
            if (
                phrase is not None
                and phrase[0].speaker
                and self.lex.stray.fullmatch(clause, phrase[1])
            ):
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
        rest = _ARABIC_REST if _ARABIC.search(verb.group()) else self.lex.stray
        after = phrase[0] if phrase and rest.fullmatch(clause, phrase[1]) else None
        if phrase and phrase[0].person and after is None:
            # 'antwoordde Scott Carson, vicepresident van Boeing: "'
            role = _APPOSITIVE_TAIL.match(clause, phrase[1])
            after = phrase[0] if role and rest.fullmatch(clause, role.end()) else None
        subject = self._subject_before(clause[: verb.start()], start, context)
        subject_person = subject is not None and subject.person
        # Arabic names the speaker after the verb (قال المتحدث), other languages before it.
        if _ARABIC.search(verb.group()) or (after and after.person and not subject_person):
            found = after or subject  # 'In een verklaring zei Airbus dat "'
        else:
            found = subject or after
        found = found or self._inserted(verb, start, context)  # 'Daarna legde Jansen uit: "'
        if found is None and self.lex.subject_optional and self._opens(clause[: verb.start()]):
            found = self._pronoun(context, start)  # 'Ha aggiunto: "'  'Infatti dichiara: "'
        if found is None and clause_start == self.previous_end and self.previous.person:
            # 'X said he was "shocked", adding "…"': the sentence goes on with the same speaker.
            found = Attribution(self.previous.speaker, context, person=True)
        return _before(found) if found else None

    def _inserted(
        self, verb: regex.Match[str], quote_start: int, context: str
    ) -> Attribution | None:
        """The subject inside a split verb: 'voegde hij toe', 'legde Jansen uit'."""
        word = verb.groupdict().get("ins")
        if not word:
            return None
        if word.lower() in self.lex.pronouns:
            return self._pronoun(context, quote_start)
        name = self._name(word, quote_start) if self.lex.name_run.fullmatch(word) else None
        return Attribution(name, context, person=True) if name else None

    def _later_subject(self, s: str, i: int, quote_start: int, context: str) -> Attribution | None:
        """A name after an adverbial that follows the verb: 'dijo con entusiasmo Ana Torres'."""
        rest = _CLAUSE_REST.match(s, i)
        for run in self.lex.name_run.finditer(s, i, rest.end() if rest else i):
            tokens = self._tokens(s, run)
            if len(tokens) >= 2 and not self._after_preposition(s, run.start()):
                return Attribution(" ".join(tokens), context, person=True)
        return None

    def _no_subject(self, s: str, i: int) -> bool:
        """Nothing after the verb could be its subject: punctuation, or a preposition that
        starts no role ('", ha detto ai giornalisti.' but not '", ha detto ieri il ministro')."""
        if _BARE.match(s, i):
            return True
        word = self.lex.word.match(s, _GAP.match(s, i).end())  # type: ignore[union-attr]
        rest = _CLAUSE_REST.match(s, i)
        return (
            word is not None
            and word.group().lower() in self.lex.stops
            and rest is not None
            and self.lex.roles.search(rest.group()) is None
        )

    def _opens(self, seg: str) -> bool:
        """The verb opens its sentence, after at most a connective ("Infatti", "Poi") or a phrase
        that names no one ("Durante su discurso de dos horas, afirmó")."""
        words = [w.strip(",;:") for w in seg.split()]
        if len(words) <= 2 and all(w in self.lex.not_names for w in words):
            return True
        return (
            words[0].lower() in self.lex.prepositions
            and not any(self._trim(self._cut(r)) for r in self.lex.name_run.findall(seg))
            and self.lex.roles.search(seg) is None
        )

    def _continued(self, start: int) -> Attribution:
        # '"A," said X at the plant. "B."': an unattributed quote right after one by a named
        # person, in the same paragraph or opening the next one, goes on with that person's words.
        between = self.text[self.previous_end : start]
        if not self.previous.person or len(between) > _CONTINUATION:
            return NOBODY
        breaks = len(_BLANK_LINE.findall(between))
        if breaks == 0 or (breaks == 1 and not between[between.rfind("\n") + 1 :].strip()):
            return self.previous
        return NOBODY

    def _clause_start(self, start: int) -> int:
        line = self.text.rfind("\n", 0, start) + 1
        head = self.text[:line].rstrip()
        if not self.text[line:start].strip() and head.endswith(":"):
            # 'X said in a statement:' closing the paragraph before the quoted one.
            line = self.text.rfind("\n", 0, len(head)) + 1
        low = max(start - _LOOK_BACK, self.previous_end, line)
        ends = [
            m.end()
            for m in _SENTENCE_END.finditer(self.text, low, start)
            if not self._abbreviation(m.start())
        ]
        return ends[-1] if ends else low

    def _abbreviation(self, dot: int) -> bool:
        """A full stop that ends "mevr.", "Dott." or the initial of "Michael R. Smith"."""
        word = _LAST_WORD.search(self.text, max(0, dot - 12), dot + 1)
        return word is not None and (
            word.group().lower() in self.lex.honorifics
            or _INITIAL.fullmatch(word.group()) is not None
        )

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
        first = self.lex.word.match(s, j)
        if first is None:
            return None
        if first.group().lower() in self.lex.pronouns:
            return self._pronoun(context, quote_start), first.end()
        words: list[str] = []
        end = j
        for word in self.lex.word.finditer(s, j):
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
        appositive = self.lex.name_run.match(s, comma.end()) if comma and role else None
        if appositive is not None:  # "kata Ketua Serikat, Budi Santoso" -> Budi Santoso
            name = self._name(appositive.group(), quote_start)
            if name and " " in name:
                return Attribution(name, context, person=True), appositive.end()
        runs = list(self.lex.name_run.finditer(phrase))
        full = [n for n in (self._tokens(phrase, r) for r in runs) if len(n) >= 2]
        if full:  # "said chief executive Arman Wijaya at ..." -> Arman Wijaya
            return Attribution(" ".join(full[-1]), context, person=True), end
        titled = [r.group() for r in runs if self._titled(r.group())]  # "ha detto il Sig. Rossi"
        if titled or self.lex.name_run.fullmatch(phrase):  # "a déclaré Amodei" -> Dario Amodei
            name = self._name(titled[-1] if titled else phrase, quote_start)
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
        people = []
        for run in self.lex.name_run.finditer(seg):
            tokens = self._tokens(seg, run)
            if (
                not tokens
                or self._role(tokens[-1])  # a title: "Ryanair CEO, Michael O'Leary, said"
                # "of Boeing", "in the Record", unless the employer was cut off the name
                or (
                    self._after_preposition(seg, run.start())
                    and not self._employer_cut(run, tokens)
                )
            ):
                continue
            people.append((run, tokens))
        full = [(run, tokens) for run, tokens in people if len(tokens) >= 2]
        if full:
            # The sentence's subject or an appositive name ("Ron Sugar, chief executive of
            # Northrop Grumman, said"; "Ryanair's CEO, Michael O'Leary, said"), else the name
            # nearest the verb ("chief of staff General Duncan McNab said").
            placed = [f for f in full if not seg[: f[0].start()].strip() or _after_comma(seg, f[0])]
            run, tokens = (placed or full[-1:])[0]
            return Attribution(" ".join(tokens), context, person=True)
        words = seg.split()
        for word in words[-1:-3:-1]:  # the word before the verb, or one adverb further back
            if word.strip(',;:()"“”«»').lower() in self.lex.pronouns:
                return self._pronoun(context, quote_start)
        for run, _ in people[-1:]:
            if len(_stripped(seg[run.end() :]).split()) <= 1:  # "... Amodei a ensuite déclaré"
                name = self._name(run.group(), quote_start)
                if name:
                    return Attribution(name, context, person=True)
        for run, _ in people[:1]:
            # "Mannion, ... a dit": a known person; a capitalised first word may be anything.
            if not seg[: run.start()].strip() or _after_comma(seg, run):
                name = self._name(run.group(), quote_start)
                if name and (" " in name or name in self.people):
                    return Attribution(name, context, person=True)
        for chunk in reversed(seg.split(",")):  # the chunk nearest the verb first
            said = self.lex.say.search(chunk)  # '," one senior official said, adding that'
            chunk = _collapse(chunk[: said.start()] if said else chunk).strip(_QUOTE_MARKS)
            if self._role_phrase(chunk):
                return Attribution(chunk, context)
        return None

    def _role_phrase(self, chunk: str) -> bool:
        """'the company', 'A spokesman for X', 'juru bicara OpenAI'; not 'releasing a statement'
        nor a long clause that mentions a company somewhere."""
        words = chunk.split()
        if not words or len(words) > _MAX_ROLE_WORDS - 2:
            return False
        opens = len(words[0]) <= 3 or words[0][0].isupper() or self._role(words[0])
        return opens and self.lex.roles.search(chunk) is not None

    def _subject(self, gap: str, quote_start: int, context: str) -> Attribution | None:
        """The subject between a quote and its verb: '," Smith said' or '," the company said'."""
        if gap.lower() in self.lex.pronouns:
            return self._pronoun(context, quote_start)
        if self.lex.name_run.fullmatch(gap):
            name = self._name(gap, quote_start)
            return Attribution(name, context, person=True) if name else None
        if self._role_phrase(_collapse(gap)):
            return Attribution(_collapse(gap), context)
        return None

    def _pronoun(self, context: str, quote_start: int) -> Attribution:
        """'he said', 'katanya', 'a-t-il ajouté': the last person named, else the last speaker."""
        person = self.last_person
        for run in self.lex.name_run.finditer(
            self.text, max(0, quote_start - _LOOK_BACK), quote_start
        ):
            if self._after_preposition(self.text, run.start()) or self._inside_quote(run.start()):
                continue
            tokens = self._tokens(self.text, run)
            if any(_organisation_like(t) or regex.search(r"\d", t) for t in tokens):
                continue  # "Mac OS X", "PowerPC" are not whom a pronoun points back to
            if len(tokens) >= 2:
                person = " ".join(tokens)
            elif tokens and (full := self._full_name(tokens[0], quote_start)) in self.people:
                person = full  # "Djamal told reporters ..." names the quoted Jusman Syafii Djamal
        return Attribution(person, context, person=person is not None)

    def _inside_quote(self, pos: int) -> bool:
        # "El Mundo de Wayne" inside an earlier quotation is not whom "he said" points back to.
        return any(start < pos < end for start, end in self.quoted[-8:])

    def _cut(self, run: str) -> list[str]:
        # "Andi Wijaya di Jakarta": "di" joins Italian names but is Indonesian for "in".
        tokens = run.split()
        for i, token in enumerate(tokens):
            if token in self.lex.stops:
                return tokens[:i]
        return tokens

    def _after_preposition(self, s: str, pos: int) -> bool:
        # "in Lirang Hilir", "of the Green Wirasena Foundation" are places and bodies, not people.
        window = s[max(0, pos - 30) : pos]
        sources = [m for m in self.lex.say.finditer(window) if m.group("src")]
        if sources and not window[sources[-1].end() :].strip():
            return False  # "According to Sari Lestari" names a person
        words = regex.split(r"[,;:(]", window)[-1].lower().split()
        # The word before the name, or the one before an article: "of the", "de la", "van de".
        last = words[-2:] if len(words) >= 2 and len(words[-1]) <= 3 else words[-1:]
        return any(word in self.lex.prepositions for word in last)

    def _tokens(self, s: str, run: regex.Match[str]) -> list[str]:
        """The person a run of capitalised words names, if any."""
        tokens = self._trim(self._cut(run.group()))
        if not tokens or _possessive(tokens[-1]) or len(tokens[-1].rstrip(".")) < 2:
            return []  # "the Air Force's", "Ms. Davis's sister", "de V. S."
        before = s[max(0, run.start() - 12) : run.start()].split()
        if len(tokens) < 3 or not before or before[-1].lower() not in self.lex.of_words:
            return tokens
        if self._stands_alone(tokens[0], tokens[1]):
            return tokens[1:]  # "portavoce di Airbus Stefan Schaffrath": Airbus is named alone
        if len(tokens) >= 4 and self._stands_alone(tokens[-1], tokens[-2], before=True):
            return tokens[-2:]  # "de Aer Lingus Dermot Mannion": Mannion is named alone
        return tokens

    def _stands_alone(self, word: str, neighbour: str, *, before: bool = False) -> bool:
        """Whether the text names `word` somewhere without `neighbour` next to it."""
        other = regex.escape(neighbour)
        around = rf"(?<!{other}{_SPACE})" if before else rf"(?!{_SPACE}{other})"
        pattern = rf"(?<![\p{{L}}\p{{M}}]){regex.escape(word)}(?![\p{{L}}\p{{M}}])"
        return (
            regex.search(pattern + around if not before else around + pattern, self.text)
            is not None
        )

    def _employer_cut(self, run: regex.Match[str], tokens: list[str]) -> bool:
        """Whether a capitalised employer was cut off the front of a name: "EADS Louis Gallois"."""
        raw = self._cut(run.group())
        first = raw[0] if raw else ""
        return (
            len(tokens) < len(raw)
            and first[:1].isupper()
            and first not in self.lex.not_names
            and first.lower() not in self.lex.honorifics
        )

    def _titled(self, run: str) -> bool:
        return run.split()[0].lower() in self.lex.honorifics

    def _role(self, token: str) -> bool:
        return bool(
            self.lex.roles.fullmatch(token) or self.lex.roles.fullmatch(_ELIDED.sub("", token))
        )

    def _trim(self, tokens: list[str]) -> list[str]:
        # "CEO OpenAI Sam Altman" -> "Sam Altman"; "Di sisi" and "Le Monde" are not people.
        for i in range(len(tokens) - 2, -1, -1):  # "Prime Minister Anthony Albanese"
            if self._role(tokens[i]):
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
            or self._role(tokens[0])
            or (len(tokens) > 2 and tokens[0].lower().endswith(self.lex.role_words))
            or (len(tokens) > 2 and _organisation_like(tokens[0]))
        ):
            tokens = tokens[1:]
        return tokens

    def _name(self, run: str, quote_start: int) -> str | None:
        tokens = self._trim(self._cut(run))
        if not tokens or _possessive(tokens[-1]):
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
                if given and len(tokens) == 2 and self._after_preposition(self.text, given.start()):
                    tokens = tokens[1:]  # "CEO di Apple Steve Jobs": Steve Jobs
                family = _FAMILY_NAME.match(self.text, end) if not tokens else None
                if tokens or family:
                    best = " ".join([*tokens, name, *(family.group().split() if family else [])])
                    if pos >= quote_start:
                        break
            if pos >= quote_start and best:
                break
            pos = self.text.find(name, end)
        return best or name


def _possessive(token: str) -> bool:
    return token.lower().endswith(("'s", "’s"))


def _organisation_like(token: str) -> bool:
    initial = len(token) == 2 and token.endswith(".")  # the "A." of "A. J. Smith"
    return (token.isupper() and not initial) or regex.search(r"\p{Ll}\p{Lu}", token) is not None


def _after_comma(s: str, run: regex.Match[str]) -> bool:
    return s[: run.start()].rstrip()[-1:] in (",", ":", "(")


def _stripped(text: str) -> str:
    return text.strip(" ,\t\n\u00a0")


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _before(found: Attribution) -> Attribution:
    return Attribution(found.speaker, found.context, found.person, before=True)
