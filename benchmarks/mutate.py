"""Labelled pairs for the detection-quality benchmark: one controlled change per copy of an article.

The rules extractor's facts (their spans) say where the quotes, dates, figures and people are, so
each change lands exactly where it claims to. A mutation returns the changed article text; the
caller writes it (with the original's front matter) to a temporary folder and compares it with
the untouched original.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from factcheck.models import Document, Fact

# Mutation name -> (expected discrepancy kind or flag, kinds that are a fair reading of the edit).
KINDS: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "empty_quote": ("empty_quote", ("missing_quote", "altered_quote")),
    "missing_quote": ("missing_quote", ("missing_entity",)),
    "misattributed_quote": ("misattributed_quote", ("missing_quote", "added_entity")),
    "date_mismatch": ("date_mismatch", ("missing_date",)),
    "number_mismatch": ("number_mismatch", ("missing_number",)),
    "missing_entity": ("missing_entity", ("missing_quote", "missing_date", "missing_number")),
    "ai_disclaimer": ("ai_disclaimer", ()),  # appended in another language than the article's
    "ai_disclaimer_same": ("ai_disclaimer", ()),  # the same, in the article's own language
    "reword": (None, ()),  # negative control: harmless rewording, nothing expected
    "copy": (None, ()),  # negative control: the article rewritten unchanged
}
NEGATIVE = ("reword", "copy")

# An AI-use note per language, written for this benchmark; one is appended in another language.
DISCLAIMERS = {
    "en": "Note: this story was drafted with the help of an AI tool and checked by an editor.",
    "fr": "Avertissement : cet article a été rédigé avec l'aide d'une intelligence artificielle.",
    "id": "Catatan: artikel ini ditulis dengan bantuan kecerdasan buatan (AI).",
    "es": "Aviso: este artículo fue redactado con ayuda de inteligencia artificial.",
    "de": "Hinweis: Dieser Artikel wurde mit Hilfe künstlicher Intelligenz (KI) erstellt.",
    "ar": "تنويه: كُتب هذا المقال بمساعدة الذكاء الاصطناعي.",
}

# Harmless swaps of connective words and punctuation, per language (whole words only).
REWORDS = {
    "en": {"However": "Nevertheless", "because": "since", "while": "whereas", " — ": ", "},
    "fr": {"Cependant": "Toutefois", "aussi": "également", "mais": "cependant", " — ": ", "},
    "id": {"Namun": "Akan tetapi", "juga": "pula", "karena": "sebab", "tetapi": "namun"},
    "ar": {"لكن": "غير أن", "أيضاً": "كذلك", "أيضا": "كذلك"},
    "es": {"Sin embargo": "No obstante", "también": "asimismo", "pero": "aunque"},
    "de": {"Allerdings": "Jedoch", "auch": "ebenfalls", "aber": "jedoch"},
    "pt": {"No entanto": "Contudo", "também": "igualmente", "mas": "porém"},
}

_BOUNDARY = re.compile(r"([.!?…][\"'”»’]?)\s+|\n\s*\n")
_DAY = re.compile(r"(?<![\d.,/-])(\d{1,2})(?![\d.,]\d)")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Mutation:
    """One changed copy of an article and what a comparison should report about it."""

    name: str  # a key of KINDS
    text: str  # the changed article body
    expect: str | None  # the discrepancy kind (or the flag) a comparison should report
    tolerate: tuple[str, ...]
    detail: str  # what changed, for the results table


def _quotes(facts: list[Fact]) -> list[Fact]:
    return [f for f in facts if f.kind == "quote"]


def _quote_spans(facts: list[Fact]) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in _quotes(facts)]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < pos < end for start, end in spans)


def sentence_at(
    text: str, start: int, end: int, protected: list[tuple[int, int]]
) -> tuple[int, int]:
    """The span of the sentence(s) holding text[start:end]; never splits a protected span."""
    # A full stop inside a quotation does not end the sentence around it.
    cuts = [m.end() for m in _BOUNDARY.finditer(text) if not _inside(m.end(1), protected)]
    left = max((c for c in cuts if c <= start), default=0)
    right = min((c for c in cuts if c > end), default=len(text))
    # A quote closed by its own full stop is usually followed by its attribution ("…," she said).
    if not text[end:right].strip() and text[right : right + 1].islower():
        right = min((c for c in cuts if c > right), default=len(text))
    return left, right


def _drop(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(set(spans), reverse=True):
        text = text[:start] + text[end:]
    return re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]{2,}", " ", text)).strip() + "\n"


def _replace(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _spoken(facts: list[Fact]) -> list[Fact]:
    """Quotes with words inside, attributed ones first."""
    full = [q for q in _quotes(facts) if isinstance(q.value, str) and len(q.value.strip()) > 3]
    return sorted(full, key=lambda q: q.speaker is None)


def _empty_quote(doc: Document, facts: list[Fact], rng: random.Random) -> tuple[str, str] | None:
    quotes = _spoken(facts)
    if not quotes:
        return None
    q = quotes[0] if quotes[0].speaker else rng.choice(quotes)
    inner = re.match(r"^(\W*?)(\w.*\w\W*?)(\W*)$", q.text, re.S)
    if inner is None:
        return None
    closing = inner.group(3).lstrip(" .,!?;:")
    moved = inner.group(3)[: len(inner.group(3)) - len(closing)].strip()
    emptied = inner.group(1).rstrip() + closing + moved
    text = _replace(doc.text, [(q.start, q.end, emptied)])
    return text, f"quote by {q.speaker or 'an unnamed speaker'} emptied: {emptied}"


def _missing_quote(doc: Document, facts: list[Fact], rng: random.Random) -> tuple[str, str] | None:
    quotes = _spoken(facts)
    if not quotes:
        return None
    q = rng.choice([x for x in quotes if x.speaker] or quotes)
    span = sentence_at(doc.text, q.start, q.end, _quote_spans(facts))
    return _drop(doc.text, [span]), f"sentence with {q.speaker or 'an unnamed'}'s quote dropped"


def _people(facts: list[Fact]) -> dict[str, list[Fact]]:
    found: dict[str, list[Fact]] = {}
    for f in facts:
        if f.kind == "entity" and f.entity_type == "person" and " " in f.text.strip():
            found.setdefault(str(f.value), []).append(f)
    return found


def _other(name: str, speaker: str) -> bool:
    a, b = name.lower(), speaker.lower()
    return a not in b and b not in a and name[:1].isupper()


def _misattributed(doc: Document, facts: list[Fact], rng: random.Random) -> tuple[str, str] | None:
    people = _people(facts)
    for q in _spoken(facts):
        if not q.speaker:
            continue
        spots = [m.start() for m in re.finditer(re.escape(q.speaker), doc.text)]
        named = {x.speaker for x in _spoken(facts) if x.speaker and " " in x.speaker}
        others = [o for o in named if _other(o, q.speaker)]
        others = others or [v[0].text for v in people.values() if _other(v[0].text, q.speaker)]
        if not spots or not others:
            continue
        at = min(spots, key=lambda s: min(abs(s - q.start), abs(s - q.end)))
        if min(abs(at - q.start), abs(at - q.end)) > 250:
            continue
        other = rng.choice(sorted(others))
        text = _replace(doc.text, [(at, at + len(q.speaker), other)])
        return text, f"quote by {q.speaker} given to {other}"
    return None


def _shift_day(text: str) -> str | None:
    iso = re.search(r"\d{4}-\d{2}-(\d{2})", text)
    match = iso or _DAY.search(text)
    if match is None:
        return None
    day = int(match.group(1))
    new = day + 3 if day <= 25 else day - 3
    width = len(match.group(1))
    return text[: match.start(1)] + str(new).zfill(width) + text[match.end(1) :]


def _date_mismatch(doc: Document, facts: list[Fact], rng: random.Random) -> tuple[str, str] | None:
    dates = [f for f in facts if f.kind == "date" and isinstance(f.value, str)]
    by_value: dict[str, list[Fact]] = {}
    for f in dates:
        if len(str(f.value)) == 10 and _shift_day(f.text):
            by_value.setdefault(str(f.value), []).append(f)
    if not by_value:
        return None
    # Prefer a date every mention of which spells out the day, so no mention keeps the old one.
    spelled = [v for v in by_value if all(_shift_day(f.text) for f in dates if f.value == v)]
    value = rng.choice(sorted(spelled or by_value))
    edits = [(f.start, f.end, _shift_day(f.text) or f.text) for f in by_value[value]]
    return _replace(doc.text, edits), f"date {value}: {edits[0][2]}"


def _number_mismatch(
    doc: Document, facts: list[Fact], rng: random.Random
) -> tuple[str, str] | None:
    numbers = [f for f in facts if f.kind == "number" and _DIGITS.search(f.text)]
    numbers = [f for f in numbers if not (1900 <= float(f.value or 0) <= 2100 and not f.unit)]
    if not numbers:
        return None
    chosen = rng.choice(numbers)
    same = [f for f in numbers if f.value == chosen.value and f.unit == chosen.unit]
    digits = _DIGITS.search(chosen.text)
    assert digits is not None
    n = int(digits.group())
    new = str(n + max(1, round(n * 0.25)) if n < 1000 else n * 2)
    edits = []
    for f in same:
        m = _DIGITS.search(f.text)
        if m and m.group() == digits.group():
            edits.append((f.start + m.start(), f.start + m.end(), new))
    return _replace(doc.text, edits), f"figure {chosen.text!r}: {digits.group()} -> {new}"


def _missing_entity(doc: Document, facts: list[Fact], rng: random.Random) -> tuple[str, str] | None:
    people = _people(facts)
    if not people:
        return None
    speakers = {(q.speaker or "").lower() for q in _quotes(facts)}
    # A person who is never quoted: a quoted one would be reported as missing_quote instead.
    quiet = [k for k in people if k not in speakers and people[k][0].text.lower() not in speakers]
    key = rng.choice(sorted(quiet or people))
    mentions = [f for f in facts if f.kind == "entity" and f.value == key]
    mentions += [
        q for q in _quotes(facts) if (q.speaker or "").lower() in (key, people[key][0].text.lower())
    ]
    protected = _quote_spans(facts)
    spans = [sentence_at(doc.text, f.start, f.end, protected) for f in mentions]
    return _drop(doc.text, spans), f"every sentence naming {people[key][0].text} dropped"


def _ai_disclaimer(doc: Document, facts: list[Fact], rng: random.Random) -> tuple[str, str] | None:
    language = rng.choice(sorted(lang for lang in DISCLAIMERS if lang != doc.language))
    return doc.text.rstrip() + "\n\n" + DISCLAIMERS[language] + "\n", f"{language} disclaimer"


def _ai_disclaimer_same(
    doc: Document, facts: list[Fact], rng: random.Random
) -> tuple[str, str] | None:
    if doc.language not in DISCLAIMERS:
        return None
    return doc.text.rstrip() + "\n\n" + DISCLAIMERS[
        doc.language
    ] + "\n", f"{doc.language} disclaimer"


def _reword(doc: Document, facts: list[Fact], rng: random.Random) -> tuple[str, str] | None:
    text, protected = doc.text, _quote_spans(facts)
    paragraphs = [m.span() for m in re.finditer(r"[^\n](?:.|\n(?!\s*\n))*", text)]
    free = [p for p in paragraphs[1:] if not any(s < p[1] and e > p[0] for s, e in protected)]
    done = []
    edits: list[tuple[int, int, str]] = []
    if len(free) >= 2:
        a, b = sorted(rng.sample(free, 2))
        edits += [(a[0], a[1], text[b[0] : b[1]]), (b[0], b[1], text[a[0] : a[1]])]
        done.append("two paragraphs swapped")
    for old, new in REWORDS.get(doc.language or "", {}).items():
        pattern = re.escape(old) if not old.strip().isalpha() else rf"\b{re.escape(old)}\b"
        for m in re.finditer(pattern, text):
            clear = not any(s < m.end() and e > m.start() for s, e in protected)
            if clear and not any(s < m.end() and e > m.start() for s, e, _ in edits):
                edits.append((m.start(), m.end(), new))
                done.append(f"{old.strip()}->{new.strip()}")
    text = _replace(text, edits)
    # Join hard-wrapped lines inside paragraphs (a quote's words are kept, only its spacing moves).
    text = re.sub(r"(?<=\S)\n(?=\S)", " ", text)
    return text, "; ".join([*done[:4], "lines joined"])


def _copy(doc: Document, facts: list[Fact], rng: random.Random) -> tuple[str, str] | None:
    return doc.text, "unchanged"


_MUTATORS = {
    "empty_quote": _empty_quote,
    "missing_quote": _missing_quote,
    "misattributed_quote": _misattributed,
    "date_mismatch": _date_mismatch,
    "number_mismatch": _number_mismatch,
    "missing_entity": _missing_entity,
    "ai_disclaimer": _ai_disclaimer,
    "ai_disclaimer_same": _ai_disclaimer_same,
    "reword": _reword,
    "copy": _copy,
}


def mutate(document: Document, facts: list[Fact], name: str, *, seed: int = 0) -> Mutation | None:
    """Apply the mutation `name` to `document`; None when the article has nothing to change."""
    rng = random.Random(f"{seed}:{Path(document.path).name}:{name}")
    done = _MUTATORS[name](document, facts, rng)
    if done is None or (done[0] == document.text and name != "copy"):
        return None
    expect, tolerate = KINDS[name]
    return Mutation(name, done[0], expect, tolerate, done[1])


def front_matter(document: Document, raw: str) -> str:
    """The original front matter block, or one carrying the loaded title, date and language."""
    block = re.match(r"\A(?:---|\+\+\+)\n.*?\n(?:---|\+\+\+)\n", raw, re.S)
    if block:
        return block.group() + "\n"
    lines = [f"title: {json.dumps(document.title, ensure_ascii=False)}" if document.title else ""]
    lines += [f"date: {document.published.isoformat()}" if document.published else ""]
    lines += [f"lang: {document.language}" if document.language else ""]
    return "---\n" + "".join(line + "\n" for line in lines if line) + "---\n\n"


def write_mutation(source: Path, document: Document, mutation: Mutation, out_dir: Path) -> Path:
    """Write the mutated article, with the original's front matter, into `out_dir`."""
    raw = source.read_text(encoding="utf-8", errors="replace")
    suffix = ".txt" if source.suffix == ".txt" else ".md"
    path = out_dir / f"{source.stem}--{mutation.name}{suffix}"
    path.write_text(front_matter(document, raw) + mutation.text, encoding="utf-8")
    return path
