"""Who said a quote: reporting verbs and speaker phrases before and after the quotation marks.

This module walks the sentence around a quote to find its reporting verb; the speaker phrase next
to that verb is read in quotes_phrases.py, and names (initials, honorifics, roles, a surname or
pronoun pointing back to a full name) are resolved in quotes_names.py.
"""

from __future__ import annotations

import bisect
import functools
import re

import regex

from factcheck.extract.rules.quotes_lexicon import Lexicon
from factcheck.extract.rules.quotes_names import LOOK_BACK, Names
from factcheck.extract.rules.quotes_phrases import ARABIC, NOBODY, Attribution, Phrases, collapse

__all__ = ["NOBODY", "Attribution", "Speakers"]

# After a quote, the attribution may wrap onto the next line only after a comma ('",\nsaid X');
# otherwise a line break there ends the paragraph.
_LEAD = regex.compile(r"(?:[,،\-–—]|[^\S\n])*")
_LEAD_WRAP = regex.compile(r"\n(?![^\S\n]*\n)[^\S\n]*")
# Sentence ends: "…GPT-5. Hannah" and the unspaced "…public.Récemment" of scraped text.
_SENTENCE_END = regex.compile(r"[.!?…][\"”»’)\]]*(?:\s+|(?=\p{Lu}))")
# Arabic puts the speaker after the verb and may add where he said it: "قال مسؤول في الوزارة إن".
_ARABIC_REST = regex.compile(r"[^.!?؟\n\"«»“”]{0,60}")
# A role after a name, up to the quote: 'zei Jan de Vries, woordvoerder van de bond: "'
_APPOSITIVE_TAIL = regex.compile(r"[^\S\n]*,[^.;:!?\n\"“”«»„]{1,80}")
_HARD_GAP = regex.compile(r"[.!?;:,\"“”«»„]|\n[^\S\n]*\n")
_BLANK_LINE = regex.compile(r"\n[^\S\n]*\n")
# The word a full stop ends, to tell "mevr." and "R." from the end of a sentence.
_LAST_WORD = regex.compile(r"(?<![\p{L}\p{M}.])[\p{L}\p{M}.]+\Z")
_INITIAL = regex.compile(r"\p{Lu}\.")
_NEWLINE = re.compile("\n")  # a literal: the search runs in C from one newline to the next
_PARAGRAPH_END_MARKS = ".!?…"  # a quote ending with one of these ends its sentence
_STATEMENT_WORDS = 10  # a quotation after "X did Y," this long is X's statement
MAX_STATEMENT_CHARS = 600
_CONTINUATION = 250
_LOOK_AHEAD = 200
_GAP_REACH = 140  # how far after a quote its verb may stand when a name and role come first
_GAP_WORDS = 6  # '," SOA commandant Col. Glenn R. Weidner told'
_TERM_WORDS = 5  # a quoted title or term is short
_TERM_CHARS = 80
_QUOTE_END = regex.compile(r"[\"”»“]")
_AFTERTHOUGHT_WORDS = 4  # '"…." Ballmer asked rhetorically.' vs '"…." X said the plan …'
_HARD_GAP_NO_COMMA = regex.compile(r"[.!?;:\"“”«»„]|\n[^\S\n]*\n")
_CLAUSE_AFTER = regex.compile(r"[^.,;:!?\n\"“”«»]*")


@functools.cache
def _employer(of_words: frozenset[str]) -> regex.Pattern[str]:
    """' of Airbus', ' di Airbus': the employer named after a speaker's role."""
    words = "|".join(regex.escape(w) for w in sorted(of_words, key=len, reverse=True))
    return regex.compile(rf"[^\S\n]+(?:{words or '(?!)'})[^\S\n]+[^.,;:!?\n\"“”«»„]{{1,50}}")


class Speakers:
    """Attributes the quotes of one document in order, remembering the last named speaker."""

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.names = Names(text, lex)
        self.phrases = Phrases(lex, self.names)
        self.previous = NOBODY
        self.previous_end = 0
        self.newlines = [m.start() for m in _NEWLINE.finditer(text)]
        self._employer = _employer(lex.of_words)

    def attribute(self, start: int, end: int) -> Attribution:
        """The attribution of the quote at text[start:end]; call in document order."""
        if self._term(start, end):
            # 'a campaign called "Make Love Not Spam"', 'the "War on Terror"': nobody says a
            # term; within one sentence whoever was speaking goes on ('X denied an
            # "Antennagate", saying "…"').
            self.names.remember(start, end, None)
            between = (self.previous_end, start)
            if (
                self.text[max(0, self.previous_end - 2)] in _PARAGRAPH_END_MARKS  # '"B." A "term"'
                or _SENTENCE_END.search(self.text, *between)
                or _BLANK_LINE.search(self.text, *between)
            ):
                self.previous = NOBODY
            self.previous_end = end
            return NOBODY
        else:
            after = self._usable(self._after(start, end))
            if after is not None and after.pronoun:
                # 'According to a senior strategist at Sony, "…," he told': the sentence named
                # whom "he" stands for before the quote.
                before = self._usable(self._before(start))
                if (
                    before is not None
                    and before.speaker
                    and not before.pronoun
                    and before.speaker != after.speaker
                ):
                    after = before
            found = after or self._usable(self._before(start)) or self._continued(start)
        self.names.remember(start, end, found.speaker if found.person else None)
        self.previous, self.previous_end = found, end
        return found

    def _usable(self, found: Attribution | None) -> Attribution | None:
        """`found`, unless it names a news outlet: an agency reports a quote, it does not say it."""
        if found is None or not found.speaker or not self.names.is_outlet(found.speaker):
            return found
        return None

    def _term(self, start: int, end: int) -> bool:
        """A short quotation that a name or term stands in: right after an article, a possessive
        or a word such as 'called', and not followed by a reporting verb."""
        words = self.text[start + 1 : end - 1].split()
        if not words or len(words) > _TERM_WORDS:
            return False
        before = self.text[max(0, start - 40) : start].split()
        if not before:
            return False
        last = before[-1].lower()
        cue = last in self.lex.term_cues or last.endswith(("'s", "’s"))
        if not cue:
            return False
        # 'Volgens mevr. Janssen is het "een zwarte dag"' quotes Janssen's words; 'sent for a
        # "combat stress evaluation"' and a sentence without a reporting verb name a thing.
        governed = (
            len(before) >= 2 and before[-2].lower() in self.lex.prepositions
        ) or last.endswith(("'s", "’s"))
        if not governed and self.lex.say.search(self.text, self._clause_start(start), start):
            return False
        tail = self.text[end : end + _LOOK_AHEAD]
        k = _LEAD.match(tail).end()  # type: ignore[union-attr]
        return self.lex.say.match(tail, k) is None

    # -- after the quote: '", a déclaré la société.'  '" kata juru bicara'  '," Smith said.'
    def _after(self, start: int, end: int) -> Attribution | None:
        tail = self.text[end : end + _LOOK_AHEAD]
        k = _LEAD.match(tail).end()  # type: ignore[union-attr]
        if "," in self.text[end - 2 : end] + tail[:k] and (wrap := _LEAD_WRAP.match(tail, k)):
            k = wrap.end()
        verb = self.lex.say.match(tail, k)
        if verb is not None:
            context = collapse(verb.group())
            if verb.group("pv"):
                return self.phrases.pronoun(context, start)
            phrase = self.phrases.phrase(tail, verb.end(), start, context)
            if phrase is not None:
                return phrase[0]
            inside = self.phrases.inserted(verb, start, context)  # '", voegde hij toe.'
            if inside is not None:
                return inside
            later = self.phrases.later_subject(tail, verb.end(), context)
            if later is not None:
                return later  # '", dijo con entusiasmo Ana Torres.'
            if self.lex.subject_optional and self.phrases.no_subject(tail, verb.end()):
                # '", ha aggiunto.'  '", dijo en rueda'
                return self.phrases.pronoun(context, start)
        verb = self.lex.say.search(tail, k, k + _GAP_REACH)
        if verb is None or verb.group("src") or verb.start() == k:
            return None
        if self._new_sentence(start, end, tail, verb):
            return None
        inside = self.phrases.inserted(verb, start, collapse(verb.group()))
        if inside is not None and inside.person:
            return inside  # '," Detik.com quoted Djamal as saying'
        gap = tail[k : verb.start()]
        outlet = gap.strip(" ,")
        if "," not in outlet and len(outlet.split()) <= 4 and self.names.is_outlet(outlet):
            # '" Detik.com cita le parole di Jusuf Kalla': the outlet reports, the name speaks.
            phrase = self.phrases.phrase(tail, verb.end(), start, collapse(verb.group()))
            return phrase[0] if phrase is not None and phrase[0].person else None
        plain = self._without_abbreviations(gap)  # the dots of "Lt. Col." and "R." end nothing
        context = collapse(verb.group())
        if "," in plain and not _HARD_GAP_NO_COMMA.search(plain):
            # '," Jim Allchin, Microsoft's vice president for Windows, said'
            return self.phrases.appositive_subject(gap, start, context)
        if _HARD_GAP.search(plain) or not 1 <= len(gap.split()) <= _GAP_WORDS:
            return None
        return self.phrases.subject(gap.strip(" ,"), start, context)

    def _without_abbreviations(self, gap: str) -> str:
        return " ".join(
            w
            for w in gap.split(" ")
            if w.lower() not in self.lex.honorifics and not _INITIAL.fullmatch(w)
        )

    def _new_sentence(self, start: int, end: int, tail: str, verb: regex.Match[str]) -> bool:
        """'"Make Love Not Spam." A company spokesperson said the campaign ...': a quotation
        closed by a full stop, then a sentence whose verb goes on to say something else."""
        inside = self.text[start + 1 : end - 1].rstrip()
        if not inside.endswith("."):
            return False
        rest = _CLAUSE_AFTER.match(tail, verb.end())
        return rest is not None and len(rest.group().split()) > _AFTERTHOUGHT_WORDS

    # -- before the quote: 'X, role, ... menegaskan: "'  'According to X, "'  'X said that ... "'
    def _before(self, start: int) -> Attribution | None:
        clause_start = self._clause_start(start)
        clause = self.text[clause_start:start]
        if self.previous.before and self.previous.speaker and self._joined(start):
            return self.previous
        matches = list(self.lex.say.finditer(clause))
        if not matches:
            return self._colon_subject(clause, start)
        last = matches[-1]
        if last.group("src"):
            phrase = self.phrases.phrase(clause, last.end(), start, collapse(last.group()))
            if phrase is not None and phrase[0].speaker:
                # 'According to a senior strategist at Sony, "': the employer may follow.
                employer = self._employer.match(clause, phrase[1])
                upto = employer.end() if employer else phrase[1]
                if self.lex.stray.fullmatch(clause, upto):
                    return _before(phrase[0])
        verbs = [m for m in matches if not m.group("src")]
        if not verbs:
            return None
        verb = verbs[-1]
        context = collapse(verb.group())
        if verb.group("pv"):
            return _before(self.phrases.pronoun(context, start))
        phrase = self.phrases.phrase(clause, verb.end(), start, context)
        # The speaker must run up to the quote: 'قال المتحدث: "' yes; 'said that the plan "' no.
        rest = _ARABIC_REST if ARABIC.search(verb.group()) else self.lex.stray
        after = phrase[0] if phrase and rest.fullmatch(clause, phrase[1]) else None
        if phrase and phrase[0].person and after is None:
            # 'antwoordde Scott Carson, vicepresident van Boeing: "'
            role = _APPOSITIVE_TAIL.match(clause, phrase[1])
            after = phrase[0] if role and rest.fullmatch(clause, role.end()) else None
        subject = self.phrases.subject_before(clause[: verb.start()], start, context)
        subject_person = subject is not None and subject.person
        # Arabic names the speaker after the verb (قال المتحدث), other languages before it.
        if ARABIC.search(verb.group()) or (after and after.person and not subject_person):
            found = after or subject  # 'In een verklaring zei Airbus dat "'
        else:
            found = subject or after
        # 'Daarna legde Jansen uit: "'
        found = found or self.phrases.inserted(verb, start, context)
        if (
            found is None
            and self.lex.subject_optional
            and self.phrases.opens(clause[: verb.start()])
        ):
            found = self.phrases.pronoun(context, start)  # 'Ha aggiunto: "'  'Infatti dichiara: "'
        if found is None and clause_start == self.previous_end and self.previous.person:
            # 'X said he was "shocked", adding "…"': the sentence goes on with the same speaker.
            found = Attribution(self.previous.speaker, context, person=True)
        return _before(found) if found else None

    def _colon_subject(self, clause: str, start: int) -> Attribution | None:
        """'Nella sua lettera, Jobs ha lasciato questo addio: "…"': a sentence that introduces
        the quote with a colon (or, for a long quote, a comma), whose subject is a person,
        gives the quote to that person."""
        stripped = clause.rstrip()
        # 'Jobs extended an invitation to the label, "we have always loved …"': after a comma
        # only a quotation as long as a statement (a short one is an appositive or a term).
        comma = stripped.endswith(",") and self._statement_at(start)
        if not (stripped.endswith(":") or comma) or self._short_quote_at(start):
            return None  # 'its operation: "Make Love Not Spam."' names a thing
        found = self.phrases.subject_before(stripped[:-1], start, "")
        if found is None or not found.person or found.pronoun:
            return None
        if comma and " " not in str(found.speaker):
            return None  # after a comma, only a full name ("the Constitution," is no one)
        return _before(Attribution(found.speaker, None, person=True))

    def _statement_at(self, start: int) -> bool:
        """Whether the quotation opening at `start` is as long as a statement (_STATEMENT_WORDS
        words or more), not a term or an appositive."""
        closing = _QUOTE_END.search(self.text, start + 1, start + 1 + MAX_STATEMENT_CHARS)
        inside = self.text[start + 1 : closing.start()] if closing else ""
        return len(inside.split()) >= _STATEMENT_WORDS

    def _short_quote_at(self, start: int) -> bool:
        """Whether the quotation opening at `start` is as short as a title or a term."""
        closing = _QUOTE_END.search(self.text, start + 1, start + 1 + _TERM_CHARS)
        inside = self.text[start + 1 : closing.start()] if closing else ""
        return closing is not None and len(inside.split()) <= _TERM_WORDS

    def _continued(self, start: int) -> Attribution:
        # '"A," said X at the plant. "B."': an unattributed quote right after one by a named
        # person, in the same paragraph or opening the next one, goes on with that person's words.
        between = self.text[self.previous_end : start]
        if not self.previous.speaker or len(between) > _CONTINUATION:
            return NOBODY
        breaks = len(_BLANK_LINE.findall(between))
        if not self.previous.person:
            # '"A," a Senate aide said. "B."': a role goes on only within its paragraph.
            return self.previous if breaks == 0 else NOBODY
        if breaks == 0 or (breaks == 1 and not between[between.rfind("\n") + 1 :].strip()):
            return self.previous
        return NOBODY

    def _clause_start(self, start: int) -> int:
        # Line starts come from a bisection: searching back for them, or copying the text
        # before them, costs time quadratic in the length of a line full of quotes.
        line = self._line_start(start)
        head = _blank_before(self.text, start)  # the text before the quote ends here
        if head <= line and self.text[head - 1 : head] == ":":
            # 'X said in a statement:' closing the paragraph before the quoted one.
            line = self._line_start(head)
        low = max(start - LOOK_BACK, self.previous_end, line)
        ends = [
            m.end()
            for m in _SENTENCE_END.finditer(self.text, low, start)
            if not self._abbreviation(m.start())
        ]
        return ends[-1] if ends else low

    def _line_start(self, pos: int) -> int:
        """Where the line `pos` is on starts: after the last line break before it."""
        i = bisect.bisect_left(self.newlines, pos)
        return self.newlines[i - 1] + 1 if i else 0

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


def _blank_before(text: str, pos: int) -> int:
    """Where the whitespace right before `pos` starts (the runs before two quotes never overlap)."""
    while pos and text[pos - 1].isspace():
        pos -= 1
    return pos


def _before(found: Attribution) -> Attribution:
    return Attribution(
        found.speaker, found.context, found.person, before=True, pronoun=found.pronoun
    )
