"""Speaker phrases around a reporting verb: the name, pronoun or role that is its subject."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from factcheck.extract.rules.quotes_lexicon import Lexicon
from factcheck.extract.rules.quotes_names import Names

# Spacing inside one sentence: hard-wrapped text may break a line, never leave a blank one.
_GAP = regex.compile(r"[^\S\n]*(?:\n[^\S\n]*)?")
ARABIC = regex.compile(r"[\u0600-\u06ff]")
_ARABIC_WORDS = regex.compile(r"[^\s،,:.؛!?\"«»“”()\[\]]+")
_ARABIC_APPOSITIVE = regex.compile(
    r"[^\S\n]*،[^\S\n]*([\u0600-\u06ff]+(?:[^\S\n]+[\u0600-\u06ff]+){0,2})[^\S\n]*،"
)
_APPOSITIVE_COMMA = regex.compile(r"[^.,;:!?\n\"“”«»]{0,40}?,[^\S\n]*")
# The rest of a clause after a verb, up to punctuation.
_CLAUSE_REST = regex.compile(r"[^.,;:!?\n\"“”«»„]{0,60}")
# A verb with nothing after it but punctuation: '", ha aggiunto.'  '", dijo, '
_BARE = regex.compile(r"[^\S\n]*(?:[.,;:!?…)\]]|\n|\Z)")
_QUOTE_MARKS = "\"“”„«»‹›‘’' "
_MAX_ROLE_WORDS = 8
_MAX_APPOSITIVE_WORDS = 22  # a name and its role between a quote and the verb


@dataclass(frozen=True, slots=True)
class Attribution:
    """A speaker (name or role), the reporting phrase that gave it, and how it was found."""

    speaker: str | None = None
    context: str | None = None
    person: bool = False  # a named person, which a later "he"/"dia"/"il" can point back to
    before: bool = False  # found before the quote, so a following "and '…'" can share it
    pronoun: bool = False  # read from a pronoun ("he said"), so a name given nearer wins


NOBODY = Attribution()


class Phrases:
    """Reads the speaker of one reporting verb from the words next to it."""

    def __init__(self, lex: Lexicon, names: Names) -> None:
        self.lex = lex
        self.names = names

    def phrase(
        self, s: str, i: int, quote_start: int, context: str
    ) -> tuple[Attribution, int] | None:
        """The speaker written right after a verb: a name, a pronoun or a role phrase."""
        j = _GAP.match(s, i).end()  # type: ignore[union-attr]
        if ARABIC.match(s, j):
            return self._arabic_phrase(s, j, context)
        first = self.lex.word.match(s, j)
        if first is None:
            return None
        if first.group().lower() in self.lex.pronouns:
            return self.pronoun(context, quote_start), first.end()
        if context.lower() in self.lex.addressee_verbs:
            return None  # 'told the Daily Yomiuri': the listener, not the speaker
        words: list[str] = []
        end = j
        limit = _MAX_ROLE_WORDS
        for word in self.lex.word.finditer(s, j):
            if not _GAP.fullmatch(s, end, word.start()) or len(words) >= limit:
                break
            lowered = word.group().lower()
            if lowered in self.lex.stops and not (
                # 'said former coach and former test player John Bracewell'
                lowered in self.lex.joins and self.lex.roles.search(" ".join(words))
            ):
                break
            if lowered in self.lex.joins:
                limit = _MAX_ROLE_WORDS + 4
            words.append(word.group())
            end = word.end()
        if not words:
            return None
        phrase = " ".join(words)
        role = self.lex.roles.search(phrase) is not None
        comma = _APPOSITIVE_COMMA.match(s, end)  # "the regent of Wirasena, Hendra Kusuma"
        opens_role = role or words[0].lower() in self.lex.term_cues  # "the panel's top Democrat"
        appositive = self.lex.name_run.match(s, comma.end()) if comma and opens_role else None
        if appositive is not None:  # "kata Ketua Serikat, Budi Santoso" -> Budi Santoso
            name = self.names.name(appositive.group(), quote_start)
            if name and " " in name:
                return Attribution(name, context, person=True), appositive.end()
        runs = list(self.lex.name_run.finditer(phrase))
        full = [
            n
            for n in (self.names.person_part(self.names.tokens(phrase, r)) for r in runs)
            if len(n) >= 2
        ]
        if full:  # "said chief executive Arman Wijaya at ..." -> Arman Wijaya
            return Attribution(" ".join(full[-1]), context, person=True), end
        # "ha detto il Sig. Rossi"
        titled = [r.group() for r in runs if self.names.titled(r.group())]
        if titled or self.lex.name_run.fullmatch(phrase):  # "a déclaré Amodei" -> Dario Amodei
            name = self.names.name(titled[-1] if titled else phrase, quote_start)
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
            return Attribution(collapse(named.group(1)), context, person=True), named.end()
        return Attribution(phrase, context), end

    def subject_before(self, seg: str, quote_start: int, context: str) -> Attribution | None:
        """The subject of a say-verb that precedes the quote."""
        people = []
        for run in self.lex.name_run.finditer(seg):
            tokens = self.names.tokens(seg, run)
            if (
                not tokens
                or self.names.role(tokens[-1])  # a title: "Ryanair CEO, Michael O'Leary, said"
                # "of Boeing", "in the Record", unless the employer was cut off the name
                or (
                    self.names.after_preposition(seg, run.start())
                    and not self.names.employer_cut(run, tokens)
                )
            ):
                continue
            tokens = self.names.person_part(tokens)
            if not tokens:
                continue  # "The Daily Telegraph quotes X", "U.S. Environmental Protection Agency"
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
                return self.pronoun(context, quote_start)
        opening = [w.strip(',;:()"“”«»') for w in words[:2]]
        if not people and any(  # 'However, he defended the plan, saying: "'
            w.lower() in self.lex.pronouns and (i == 0 or opening[0] in self.lex.not_names)
            for i, w in enumerate(opening)
        ):
            return self.pronoun(context, quote_start)
        for run, _ in people[-1:]:
            if len(_stripped(seg[run.end() :]).split()) <= 1:  # "... Amodei a ensuite déclaré"
                name = self.names.name(run.group(), quote_start)
                if name:
                    return Attribution(name, context, person=True)
        for run, _ in people[:1]:
            # "Mannion, ... a dit": a known person; a capitalised first word may be anything.
            if not seg[: run.start()].strip() or _after_comma(seg, run):
                name = self.names.name(run.group(), quote_start)
                if name and (" " in name or name in self.names.people):
                    return Attribution(name, context, person=True)
        for chunk in reversed(seg.split(",")):  # the chunk nearest the verb first
            said = self.lex.say.search(chunk)  # '," one senior official said, adding that'
            chunk = collapse(chunk[: said.start()] if said else chunk).strip(_QUOTE_MARKS)
            if self._role_phrase(chunk):
                return Attribution(chunk, context)
        return None

    def _role_phrase(self, chunk: str) -> bool:
        """'the company', 'A spokesman for X', 'juru bicara OpenAI'; not 'releasing a statement'
        nor a long clause that mentions a company somewhere."""
        words = chunk.split()
        if not words or len(words) > _MAX_ROLE_WORDS - 2:
            return False
        opens = len(words[0]) <= 3 or words[0][0].isupper() or self.names.role(words[0])
        return opens and self.lex.roles.search(chunk) is not None

    def subject(self, gap: str, quote_start: int, context: str) -> Attribution | None:
        """The subject between a quote and its verb: '," Smith said' or '," the company said'."""
        if gap.lower() in self.lex.pronouns:
            return self.pronoun(context, quote_start)
        if self.lex.name_run.fullmatch(gap):
            name = self.names.name(gap, quote_start)
            return Attribution(name, context, person=True) if name else None
        named = self._name_ending(gap, quote_start)
        if named is not None:  # '," team-mate Matthew Hayden commented'
            return Attribution(named, context, person=True)
        if self._role_phrase(collapse(gap)):
            return Attribution(collapse(gap), context)
        return None

    def _name_ending(self, gap: str, quote_start: int) -> str | None:
        """The person named at the end of a role phrase: "Foreign Ministry spokeswoman Zhang
        Qiyue", "organizer Miriam Tidwell", "SOA commandant Col. Glenn R. Weidner"."""
        runs = list(self.lex.name_run.finditer(gap))
        if not runs or gap[runs[-1].end() :].strip():
            return None
        run = runs[-1]
        tokens = self.names.tokens(gap, run)
        if not tokens or not self.names.person_like(tokens):
            return None
        if (
            len(tokens) >= 2
            or self.names.titled(run.group())
            or self.names.role(gap[: run.start()].split()[-1] if gap[: run.start()].split() else "")
        ):
            return self.names.name(" ".join(tokens), quote_start)
        return None

    def appositive_subject(self, gap: str, quote_start: int, context: str) -> Attribution | None:
        """The subject of a verb after a quote when a role stands beside the name: '," Jim
        Allchin, Microsoft's vice president, said'; '," the photographer, Kevin Sites, told'."""
        chunks = [c.strip() for c in gap.split(",")]
        if len(" ".join(chunks).split()) > _MAX_APPOSITIVE_WORDS:
            return None
        for chunk in chunks:
            if not chunk:
                continue
            if chunk.lower() in self.lex.pronouns:
                return self.pronoun(context, quote_start)
            if self.lex.name_run.fullmatch(chunk):
                tokens = self.names.tokens(chunk, self.lex.name_run.fullmatch(chunk))  # type: ignore[arg-type]
                if tokens and self.names.person_like(tokens):
                    name = self.names.name(chunk, quote_start)
                    if name and (" " in name or name in self.names.people):
                        return Attribution(name, context, person=True)
            named = self._name_ending(chunk, quote_start)
            if named is not None:
                return Attribution(named, context, person=True)
        return None

    def inserted(
        self, verb: regex.Match[str], quote_start: int, context: str
    ) -> Attribution | None:
        """The subject inside a split verb: 'voegde hij toe', 'legde Jansen uit'."""
        word = verb.groupdict().get("ins")
        if not word:
            return None
        if word.lower() in self.lex.pronouns:
            return self.pronoun(context, quote_start)
        name = self.names.name(word, quote_start) if self.lex.name_run.fullmatch(word) else None
        return Attribution(name, context, person=True) if name else None

    def later_subject(self, s: str, i: int, context: str) -> Attribution | None:
        """A name after an adverbial that follows the verb: 'dijo con entusiasmo Ana Torres'."""
        rest = _CLAUSE_REST.match(s, i)
        for run in self.lex.name_run.finditer(s, i, rest.end() if rest else i):
            tokens = self.names.tokens(s, run)
            if len(tokens) >= 2 and not self.names.after_preposition(s, run.start()):
                return Attribution(" ".join(tokens), context, person=True)
        return None

    def no_subject(self, s: str, i: int) -> bool:
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

    def opens(self, seg: str) -> bool:
        """The verb opens its sentence, after at most a connective ("Infatti", "Poi") or a phrase
        that names no one ("Durante su discurso de dos horas, afirmó")."""
        words = [w.strip(",;:") for w in seg.split()]
        if len(words) <= 2 and all(w in self.lex.not_names for w in words):
            return True
        return (
            words[0].lower() in self.lex.prepositions
            and not any(self.names.trim(self.names.cut(r)) for r in self.lex.name_run.findall(seg))
            and self.lex.roles.search(seg) is None
        )

    def pronoun(self, context: str, quote_start: int) -> Attribution:
        """'he said', 'katanya', 'a-t-il ajouté': the last person named, else the last speaker."""
        person = self.names.back_reference(quote_start)
        return Attribution(person, context, person=person is not None, pronoun=True)


def _after_comma(s: str, run: regex.Match[str]) -> bool:
    return s[: run.start()].rstrip()[-1:] in (",", ":", "(")


def _stripped(text: str) -> str:
    return text.strip(" ,\t\n\u00a0")


def collapse(text: str) -> str:
    """The text with every run of whitespace made one space."""
    return " ".join(text.split())
