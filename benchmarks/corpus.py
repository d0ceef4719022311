"""A synthetic multilingual news corpus for the speed and scaling benchmarks.

Every story is invented: names come from syllable tables, sentences from the language templates
in corpus_templates.json, so no third-party text is involved. Some retellings carry injected
changes (a changed figure or date, an emptied quote, a dropped person, an AI disclaimer), listed
in manifest.json.

    python benchmarks/corpus.py OUT_DIR --articles 1000 --stories 100 [--seed 0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

MIN_BYTES = 3000
MAX_BYTES = 6000
MAIN_LANGS = ("id", "fr", "en", "ar")
EXTRA_LANGS = ("es", "de", "pt")
CHANGE_KINDS = ("number", "date", "empty_quote", "dropped_person", "ai_disclaimer")

FINALS = (("n", "ن"), ("r", "ر"), ("s", "س"), ("l", "ل"), ("", ""), ("", ""), ("m", "م"))
ORG_SUFFIXES = ("Group", "Holdings", "Works", "Industries", "Energy", "Logistics", "Foods")

# One template table per language, in corpus_templates.json. Slots: {org} {place} {event} {money}
# {pct} {date} {date2} {p1} {p2} {p3} {org2} {village} and quotes {q1} {q2} {q3} (already wrapped
# in marks). "comma_inside" lists the languages that put a quote's comma inside the closing mark.
_TEMPLATES = json.loads(
    (Path(__file__).parent / "corpus_templates.json").read_text(encoding="utf-8")
)
LANGS: dict[str, dict] = _TEMPLATES["languages"]
COMMA_INSIDE = frozenset(_TEMPLATES["comma_inside"])
# Syllables with an Arabic spelling beside each, so a name reads the same in both scripts.
SYLLABLES = tuple((latin, arabic) for latin, arabic in _TEMPLATES["syllables"])


@dataclass(frozen=True, slots=True)
class Name:
    """An invented name in Latin script and its Arabic spelling."""

    latin: str
    arabic: str

    def in_lang(self, lang: str) -> str:
        return self.arabic if lang == "ar" else self.latin


@dataclass(frozen=True, slots=True)
class Story:
    """The facts of one invented story, shared by every retelling of it."""

    id: str
    place: Name
    villages: tuple[Name, ...]
    org: str
    org2: str
    people: tuple[Name, Name, Name]  # chief executive, spokesperson, critic
    event: int
    n: int
    pct: int
    money: float
    date: dt.date
    date2: dt.date
    quotes: tuple[int, int, int]
    target_bytes: int
    reference_lang: str


def _word(rng: random.Random, syllables: int) -> Name:
    parts = [rng.choice(SYLLABLES) for _ in range(syllables)] + [rng.choice(FINALS)]
    latin = "".join(p[0] for p in parts)
    return Name(latin.capitalize(), "".join(p[1] for p in parts))


def _person(rng: random.Random) -> Name:
    given, family = _word(rng, rng.randint(2, 3)), _word(rng, rng.randint(2, 3))
    return Name(f"{given.latin} {family.latin}", f"{given.arabic} {family.arabic}")


def _story(rng: random.Random, index: int) -> Story:
    date = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(700))
    official, critic = rng.sample((0, 1, 2, 4, 5, 6), 2), rng.choice((3, 7))
    return Story(
        id=f"S{index:04d}",
        place=_word(rng, rng.randint(2, 3)),
        villages=tuple(_word(rng, rng.randint(2, 3)) for _ in range(4)),
        org=f"{_word(rng, 2).latin} {rng.choice(ORG_SUFFIXES)}",
        org2=f"{_word(rng, 3).latin} Alliance",
        people=(_person(rng), _person(rng), _person(rng)),
        event=rng.randrange(4),
        n=rng.randint(40, 990),
        pct=rng.randint(3, 48),
        money=rng.randint(12, 990) / 10,
        date=date,
        date2=date + dt.timedelta(days=rng.randint(20, 120)),
        quotes=(official[0], official[1], critic),
        target_bytes=rng.randint(3300, 5300),
        reference_lang=rng.choice(MAIN_LANGS),
    )


def _date(lang: str, day: dt.date) -> str:
    t = LANGS[lang]
    return t["date"].format(d=day.day, month=t["months"][day.month - 1], y=day.year)


def _quote(lang: str, text: str) -> str:
    opening, closing = LANGS[lang]["marks"]
    if lang in COMMA_INSIDE:
        return f"{opening}{text},{closing}" if text else f"{opening}{closing},"
    return f"{opening}{text}{closing}" if text else f"{opening.strip()}{closing.strip()}"


def _changed(changes: list[dict], kind: str) -> dict | None:
    return next((c for c in changes if c["kind"] == kind), None)


def render(story: Story, lang: str, changes: list[dict]) -> tuple[str, str]:
    """The title and body of one retelling of `story` in `lang`, with `changes` applied."""
    t = LANGS[lang]
    number, date = _changed(changes, "number"), _changed(changes, "date")
    empty = _changed(changes, "empty_quote")
    people = [p.in_lang(lang) for p in story.people]
    q = [t["quotes"][i] for i in story.quotes]
    if empty:
        q[empty["index"]] = ""
    event = t["events"][story.event].format(n=number["candidate"] if number else story.n)
    slots = {
        "org": story.org,
        "org2": story.org2,
        "place": story.place.in_lang(lang),
        "PLACE": story.place.in_lang(lang).upper(),
        "event": event,
        "money": t["money"].format(m=f"{story.money:.1f}".replace(".", t["decimal"])),
        "pct": t["pct"].format(p=story.pct),
        "date": _date(lang, dt.date.fromisoformat(date["candidate"]) if date else story.date),
        "date2": _date(lang, story.date2),
        "p1": people[0],
        "p2": people[1],
        "p3": people[2],
    }
    rng = random.Random(f"{story.id}-{lang}")
    core = [t["lead"], t["q1"], t["pct_line"], t["q2"], t["date2"]]
    if not _changed(changes, "dropped_person"):
        core.append(t["q3"])
    paragraphs = []
    for template in core:
        verb = rng.choice(t["verbs"])
        quotes = {f"q{i + 1}": _quote(lang, q[i]) for i in range(3)}
        paragraphs.append(template.format(verb=verb, **quotes, **slots))
    title = t["headline"].format(**slots)
    _pad(story, lang, slots, title, paragraphs)
    if _changed(changes, "ai_disclaimer"):
        paragraphs.append(t["disclaimer"])
    return title, "\n\n".join([title, *paragraphs]) + "\n"


def _pad(story: Story, lang: str, slots: dict, title: str, paragraphs: list[str]) -> None:
    """Add background paragraphs (no figures, dates or people) until the story's size."""
    fillers = LANGS[lang]["fillers"]
    # The order depends on the story alone, so every retelling carries the same background.
    order = random.Random(story.id)
    sequence = [
        (index, (round_ + index) % len(story.villages))
        for round_ in range(8)
        for index in order.sample(range(len(fillers)), len(fillers))
    ]
    core = list(paragraphs)
    buckets: list[list[str]] = [[] for _ in core]
    size = len(title.encode()) + sum(len(p.encode()) + 2 for p in core)
    for n in range(0, len(sequence) - 1, 2):
        if size >= story.target_bytes:
            break
        paragraph = " ".join(
            fillers[index].format(village=story.villages[v].in_lang(lang), **slots)
            for index, v in sequence[n : n + 2]
        )
        # Spread the background through the article rather than piling it at the end.
        buckets[(n // 2) % len(core)].append(paragraph)
        size += len(paragraph.encode()) + 2
    paragraphs[:] = [p for pair in zip(core, buckets, strict=True) for p in (pair[0], *pair[1])]


def _changes(rng: random.Random, story: Story, lang: str) -> list[dict]:
    if rng.random() < 0.4:
        return []
    kinds = rng.sample(CHANGE_KINDS, rng.choice((1, 1, 2)))
    out: list[dict] = []
    for kind in sorted(kinds, key=CHANGE_KINDS.index):
        if kind == "number":
            out.append(
                {"kind": kind, "reference": story.n, "candidate": story.n + rng.randint(7, 90)}
            )
        elif kind == "date":
            shifted = story.date + dt.timedelta(days=rng.choice((-3, -2, -1, 1, 2, 3)))
            out.append(
                {
                    "kind": kind,
                    "reference": story.date.isoformat(),
                    "candidate": shifted.isoformat(),
                }
            )
        elif kind == "empty_quote":
            index = rng.randrange(2)
            speaker = story.people[index].in_lang(lang)
            out.append({"kind": kind, "speaker": speaker, "index": index})
        elif kind == "dropped_person":
            out.append({"kind": kind, "person": story.people[2].latin, "org": story.org2})
        else:
            out.append({"kind": kind})
    return out


def _front_matter(title: str, published: dt.date, lang: str) -> str:
    return (
        f'---\ntitle: "{title}"\ndate: {published.isoformat()}\nlang: {lang}\n'
        "source: factcheck synthetic corpus\n---\n\n"
    )


def generate(out_dir: Path, *, articles: int, stories: int, seed: int = 0) -> dict:
    """Write `articles` synthetic articles telling `stories` stories, plus manifest.json."""
    if stories < 1 or articles < stories:
        raise ValueError("need at least one story and at least one article per story")
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    plan: list[tuple[Story, str, list[dict]]] = []
    retellings = 0
    for s in range(stories):
        story = _story(rng, s)
        plan.append((story, story.reference_lang, []))
        for _ in range(articles // stories + (s < articles % stories) - 1):
            retellings += 1
            if retellings % 6 == 0:
                lang = EXTRA_LANGS[(retellings // 6) % len(EXTRA_LANGS)]
            else:
                lang = rng.choice(MAIN_LANGS)
            plan.append((story, lang, _changes(rng, story, lang)))
    order = list(range(len(plan)))
    rng.shuffle(order)
    files: dict[str, dict] = {}
    groups: dict[str, dict] = {}
    for number, index in enumerate(order):
        story, lang, changes = plan[index]
        is_reference = index == 0 or plan[index - 1][0] is not story
        style = "md" if is_reference else rng.choice(("md", "md", "txt-fm", "txt"))
        name = f"article-{number:05d}.{'md' if style == 'md' else 'txt'}"
        title, body = render(story, lang, changes)
        published = story.date + dt.timedelta(days=rng.randint(0, 2))
        text = body if style == "txt" else _front_matter(title, published, lang) + body
        (out_dir / name).write_text(text, encoding="utf-8")
        group = groups.setdefault(story.id, {"reference": None, "files": []})
        group["files"].append(name)
        if is_reference:
            group["reference"] = name
        files[name] = {
            "story": story.id,
            "language": lang,
            "reference": is_reference,
            "front_matter": style != "txt",
            "changes": changes,
            "bytes": len(text.encode()),
        }
    manifest = {
        "seed": seed,
        "articles": len(files),
        "stories": {sid: groups[sid] for sid in sorted(groups)},
        "files": {name: files[name] for name in sorted(files)},
    }
    (out_dir / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return manifest


def main(argv: list[str] | None = None) -> int:
    """Command line: write a corpus to OUT_DIR."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--stories", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    manifest = generate(args.out_dir, articles=args.articles, stories=args.stories, seed=args.seed)
    total = sum(f["bytes"] for f in manifest["files"].values())
    print(
        f"{manifest['articles']} articles, {len(manifest['stories'])} stories, "
        f"{total / 1e6:.1f} MB in {args.out_dir}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
