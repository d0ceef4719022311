"""Which articles tell the same story, on real multilingual news (issue 13).

Grouping is measured with the audit's own grouping (`factcheck.audit.grouping.group_articles`)
on documents loaded and extracted exactly as the audit loads them; the same-story decision with
`compare`'s own verdict rule (`factcheck.compare.story`). Sections:

- ECB+ grouping: pair precision/recall over its gold stories (two events of one kind per topic).
- SemEval same-story decision: Overall <= 1.5 same, >= 3.5 different; accuracy per row kind and
  the rank correlation of the story score with Overall.
- ITN blurbs grouping (one sentence, many languages) and MEANTIME 4-language grouping.
- 200 reposts of one generated wire story with small edits, in a folder with other stories.
- Language identification per language on the lingua sentences.

Usage: python benchmarks/stories.py [--quick]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.realnews import load_realnews, skipped, work_dir  # noqa: E402
from factcheck.audit.grouping import group_articles  # noqa: E402
from factcheck.compare.story import MIN_SHARED, SAME_STORY  # noqa: E402
from factcheck.extract.rules import extract  # noqa: E402
from factcheck.load import document_from_bytes  # noqa: E402
from factcheck.models import Document, Fact  # noqa: E402

COMMAND = "python benchmarks/stories.py"
Article = tuple[Document, list[Fact]]


def load(text: str, name: str) -> Article:
    """An article loaded from bytes and extracted by the rules, as the audit does per file."""
    document = document_from_bytes(text.encode("utf-8"), name, Path(name).suffix)
    return document, extract(document)


def pair_scores(groups: Sequence[Sequence[int]], gold: Sequence[frozenset[str]]) -> dict:
    """Pair precision/recall of `groups` against gold label sets (a pair is true if they meet)."""
    true_pairs = _true_pairs(gold)
    predicted = {pair for g in groups for pair in combinations(sorted(g), 2)}
    hits = len(true_pairs & predicted)
    return {
        "docs": len(gold),
        "stories": len(set().union(*gold)),
        "groups": len(groups),
        "predicted": len(predicted),
        "true": len(true_pairs),
        "precision": hits / len(predicted) if predicted else 1.0,
        "recall": hits / len(true_pairs) if true_pairs else 1.0,
    }


def grouping_row(name: str, articles: Sequence[Article], gold: Sequence[frozenset[str]]) -> dict:
    """Group the articles with the audit's grouping and score it (time of the grouping alone)."""
    started = time.process_time()
    groups = group_articles(articles)
    seconds = time.process_time() - started
    return {"set": name, "seconds": seconds, "found": groups, **pair_scores(groups, gold)}


def grouping_table(rows: Iterable[dict]) -> list[str]:
    lines = [
        "| set | documents | gold stories | groups found | predicted pairs | true pairs | "
        "pair precision | pair recall | grouping CPU s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['set']} | {r['docs']} | {r['stories']} | {r['groups']} | {r['predicted']} | "
            f"{r['true']} | {r['precision']:.3f} | {r['recall']:.3f} | {r['seconds']:.2f} |"
        )
    return lines


def ecbplus(rn, quick: bool) -> dict:
    docs = list(rn.ecbplus_docs())
    if quick:
        topics = sorted({d["topic"] for d in docs}, key=str)[:8]
        docs = [d for d in docs if d["topic"] in topics]
    articles = [load(d["text"], d["file"]) for d in docs]
    return grouping_row("ECB+ (all topics in one folder)", articles,
                        [frozenset([d["story"]]) for d in docs])  # fmt: skip


def itn(rn, quick: bool) -> dict:
    labels: dict[tuple[str, str], set[str]] = defaultdict(set)
    subjects: dict[str, set[str]] = defaultdict(set)  # event -> its subject's names
    for blurb in rn.itn_blurbs():
        labels[(blurb["lang"], blurb["text"])].add(blurb["event"])
        if blurb.get("keyword"):
            subjects[blurb["event"]].add(blurb["keyword"].casefold())
    keys = sorted(labels)
    if quick:
        events = sorted({e for v in labels.values() for e in v})[::8]
        keys = [k for k in keys if labels[k] & set(events)]
    articles = [load(text, f"itn-{i}.txt") for i, (_, text) in enumerate(keys)]
    gold = [frozenset(labels[k]) for k in keys]
    row = grouping_row("ITN blurbs (deduplicated by language and text)", articles, gold)
    row["wrong"], row["naming"] = _naming_pairs(row["found"], gold, [t for _, t in keys], subjects)
    row["by_kind"] = _recall_by_kind(row["found"], gold, keys)
    row["evidence"] = _direct_evidence(articles, gold, keys)
    return row


def script_of(text: str) -> str:
    """The script most of `text`'s letters are written in ("LATIN", "CYRILLIC", "CJK"...), by
    the first word of each letter's Unicode name."""
    import unicodedata

    counts: Counter[str] = Counter(
        unicodedata.name(ch, "?").split()[0] for ch in text if ch.isalpha()
    )
    return counts.most_common(1)[0][0] if counts else "?"


def _recall_by_kind(
    groups: Sequence[Sequence[int]], gold: Sequence[frozenset[str]], keys: Sequence[tuple[str, str]]
) -> dict[str, tuple[int, int]]:
    """(found, true) same-event pairs of each kind: one language, two languages of one script,
    two scripts."""
    scripts = [script_of(text) for _, text in keys]
    group_of = {i: n for n, g in enumerate(groups) for i in g}
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for i, j in _true_pairs(gold):
        kind = _pair_kind(keys, scripts, i, j)
        tally[kind][0] += group_of.get(i, -1) == group_of.get(j, -2)
        tally[kind][1] += 1
    return {kind: (found, total) for kind, (found, total) in tally.items()}


def _pair_kind(keys: Sequence[tuple[str, str]], scripts: Sequence[str], i: int, j: int) -> str:
    if keys[i][0] == keys[j][0]:
        return "one language"
    return "two languages, one script" if scripts[i] == scripts[j] else "two scripts"


def _true_pairs(gold: Sequence[frozenset[str]]) -> set[tuple[int, int]]:
    by_label: dict[str, list[int]] = defaultdict(list)
    for i, labels in enumerate(gold):
        for label in labels:
            by_label[label].append(i)
    return {pair for members in by_label.values() for pair in combinations(members, 2)}


def _direct_evidence(
    articles: Sequence[Article], gold: Sequence[frozenset[str]], keys: Sequence[tuple[str, str]]
) -> dict[str, Counter[str]]:
    """Per kind of pair, how many same-event pairs share no piece of the evidence the story
    score compares (names, their sounds across scripts, figures, dates, content words within one
    language), one piece, or the two a pair needs (`story.MIN_SHARED`, a full name counting
    twice): a pair sharing fewer can only be grouped through other articles."""
    from factcheck.compare.story import compared_kinds, counted, name_evidence, profile

    profiles = [profile(document, facts) for document, facts in articles]
    scripts = [script_of(text) for _, text in keys]
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    for i, j in _true_pairs(gold):
        a, b = profiles[i], profiles[j]
        words, sounds = compared_kinds(a, b)
        shared = [t for t in a.tokens.keys() & b.tokens.keys() if counted(t, words, sounds)]
        items = sum(1 for t in shared if t[0] not in "ns")
        items += name_evidence(a, (t for t in shared if t[0] in "ns"))
        bucket = "none" if not items else "one" if items < MIN_SHARED else "enough"
        tally[_pair_kind(keys, scripts, i, j)][bucket] += 1
    return tally


def _naming_pairs(
    groups: Sequence[Sequence[int]], gold: Sequence[frozenset[str]], texts: Sequence[str],
    subjects: dict[str, set[str]],
) -> tuple[int, int]:  # fmt: skip
    """Pairs grouped against the gold, and how many of them have one blurb naming the other's
    gold subject: ITN labels a blurb by its subject, so "Sunak succeeds Truss" and "Truss
    resigns" are two events although one blurb names both."""
    wrong = naming = 0
    for group in groups:
        for i, j in combinations(group, 2):
            if gold[i] & gold[j]:
                continue
            wrong += 1
            a, b = texts[i].casefold(), texts[j].casefold()
            named = any(k in a for e in gold[j] for k in subjects[e])
            naming += named or any(k in b for e in gold[i] for k in subjects[e])
    return wrong, naming


def meantime(rn, quick: bool) -> dict:
    items = list(rn.meantime_articles())
    if quick:
        items = items[::6]
    articles, gold = [], []
    for item in items:
        for lang, text in sorted(item["texts"].items()):
            articles.append(load(text, f"{item['article_id']}-{lang}.txt"))
            gold.append(frozenset([str(item["article_id"])]))
    return grouping_row("MEANTIME en/es/it/nl", articles, gold)


def reposts(quick: bool) -> dict:
    """One generated wire story reposted 200 times with small edits, among other stories."""
    from benchmarks import corpus

    with work_dir("stories-") as folder:
        manifest = corpus.generate(folder, articles=240, stories=60, seed=7)
        texts = {name: (folder / name).read_text(encoding="utf-8") for name in manifest["files"]}
    story_of = {name: entry["story"] for name, entry in manifest["files"].items()}
    files = manifest["files"]
    wire_name = min(n for n, e in files.items() if e["reference"] and e["language"] == "en")
    wire_story = story_of[wire_name]
    rng = random.Random(13)
    count = 50 if quick else 200
    articles, gold = [], []
    for name in sorted(texts):
        if story_of[name] == wire_story:
            continue  # only the reposts tell the wire story
        articles.append(load(texts[name], name))
        gold.append(frozenset([str(story_of[name])]))
    for i in range(count):
        suffix = Path(wire_name).suffix
        articles.append(load(_edited(texts[wire_name], rng), f"repost-{i}{suffix}"))
        gold.append(frozenset(["wire"]))
    groups = group_articles(articles)
    wire = {i for i, labels in enumerate(gold) if "wire" in labels}
    holding = [g for g in groups if wire & set(g)]
    row = grouping_row(f"{count} reposts + {len(articles) - count} other articles", articles, gold)
    row["wire_groups"] = len(holding)
    row["largest_wire_share"] = max(len(wire & set(g)) for g in holding) / len(wire)
    row["others_in_wire_groups"] = sum(len(set(g) - wire) for g in holding)
    return row


def _edited(text: str, rng: random.Random) -> str:
    """A repost: a paragraph dropped or two swapped, a line added, a word changed."""
    paragraphs = text.split("\n\n")
    head, body = paragraphs[:1], paragraphs[1:]
    choice = rng.randrange(4)
    if choice == 0 and len(body) > 3:
        del body[rng.randrange(1, len(body))]
    elif choice == 1 and len(body) > 3:
        i = rng.randrange(1, len(body) - 1)
        body[i], body[i + 1] = body[i + 1], body[i]
    elif choice == 2:
        body.append(f"Reporting by staff writer {rng.randrange(1000)}; editing by the desk.")
    else:
        words = body[-1].split(" ")
        words[rng.randrange(len(words))] = rng.choice(["also", "then", "still", "now"])
        body[-1] = " ".join(words)
    return "\n\n".join(head + body)


def semeval(rn, quick: bool) -> tuple[dict, list[tuple[float, float | None]]]:
    """Accuracy of compare's verdict on the clear cases, per row kind, and score vs Overall."""
    from factcheck.compare.story import different_story, story_similarity

    rows = list(rn.semeval_pairs())
    if quick:
        rows = rows[::5]
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    scored: list[tuple[float, float | None]] = []
    clear_scores: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    cpu: list[float] = []
    for row in rows:
        clear = row["Overall"] <= 1.5 or row["Overall"] >= 3.5
        started = time.process_time()
        ref_doc, ref_facts = load(row["text1"], "a.txt")
        cand_doc, cand_facts = load(row["text2"], "b.txt")
        score = story_similarity(ref_doc, ref_facts, cand_doc, cand_facts)
        scored.append((row["Overall"], score))
        if not clear:
            continue
        # compare's own verdict rule (a pair with nothing comparable is not called different)
        said_same = not different_story(ref_doc, ref_facts, cand_doc, cand_facts)
        cpu.append(time.process_time() - started)
        same = row["Overall"] <= 1.5
        kind = "same language" if row["lang1"] == row["lang2"] else "cross-lingual"
        clear_scores[kind].append((score, same))
        origin = "original" if not (row["mt1"] or row["mt2"]) else "machine-translated side"
        for key in (kind, f"{kind}, {origin}", f"{kind}, {'same' if same else 'different'}"):
            tally[key][0] += said_same == same
            tally[key][1] += 1
    ceiling = {kind: best_threshold(pairs) for kind, pairs in clear_scores.items()}
    return {"tally": dict(tally), "cpu": cpu, "rows": len(rows), "ceiling": ceiling}, scored


def best_threshold(pairs: Sequence[tuple[float, bool]]) -> tuple[float, float]:
    """The best accuracy any one threshold on the score reaches over `pairs` (score, same),
    with that threshold: an upper bound for tuning the threshold, picked on the rows it scores."""
    ordered = sorted(pairs, reverse=True)
    right = sum(
        1 for _, same in ordered if not same
    )  # threshold above every score: all "different"
    best = (right, math.inf)
    for index, (score, same) in enumerate(ordered):
        right += 1 if same else -1  # lowered to this score, the row counts as "same"
        lower = ordered[index + 1][0] if index + 1 < len(ordered) else -math.inf
        if lower < score:
            best = max(best, (right, score))
    return best[0] / max(1, len(ordered)), best[1]


def spearman(pairs: Sequence[tuple[float, float]]) -> float:
    """Spearman's rank correlation (average ranks for ties)."""

    def ranks(values: Sequence[float]) -> list[float]:
        order = sorted(range(len(values)), key=values.__getitem__)
        result = [0.0] * len(values)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
                j += 1
            for k in range(i, j + 1):
                result[order[k]] = (i + j) / 2
            i = j + 1
        return result

    xs, ys = ranks([a for a, _ in pairs]), ranks([b for _, b in pairs])
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sx = sum((x - mx) ** 2 for x in xs) ** 0.5
    sy = sum((y - my) ** 2 for y in ys) ** 0.5
    return cov / (sx * sy) if sx and sy else 0.0


def language_id(rn, quick: bool) -> dict:
    from factcheck.load.language import detect_language

    first = _first_detection_seconds()
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    times: list[float] = []
    confused: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    counts: dict[str, int] = defaultdict(int)
    for code, sentence in rn.lingua_sentences():
        counts[code] += 1
        if quick and counts[code] > 40:
            continue
        started = time.perf_counter()
        found = detect_language(sentence)
        times.append(time.perf_counter() - started)
        per[code][0] += found == code
        per[code][1] += 1
        if found != code:
            confused[code][str(found)] += 1
    return {"per": dict(per), "times": times, "first": first, "confused": confused}


def _first_detection_seconds() -> float:
    """CPU time of the first detection in a fresh process (detector build and model loads)."""
    import subprocess

    code = (
        "import time; from factcheck.load.language import detect_language as d; "
        "t = time.process_time(); d('Der Vorstand hat am Dienstag entschieden.'); "
        "print(time.process_time() - t)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def malay_standards(rn) -> dict[str, dict[str, int]]:
    """Per gold file (ms, id): sentences writing more Malaysian or more Indonesian forms (the
    detector's own marker lists), or neither: what the text itself says about its standard."""
    from factcheck.load.language import _WORD, _malay_or_indonesian, _standards

    counts: dict[str, dict[str, int]] = {}
    for code in ("ms", "id"):
        tally = {"Malaysian": 0, "Indonesian": 0, "no marker": 0}
        for _, sentence in rn.lingua_sentences(lang=code):
            words = [w.casefold() for w in _WORD.findall(sentence)]
            marked = any(
                w in own or (len(w) > 5 and w.endswith(ends))
                for own, ends in _standards().values()
                for w in words
            )
            if not marked:
                tally["no marker"] += 1
            else:
                answer = _malay_or_indonesian(words)
                tally["Malaysian" if answer == "ms" else "Indonesian"] += 1
        counts[code] = tally
    return counts


def language_section(rn, quick: bool) -> list[str]:
    """The language identification subsection."""
    out: list[str] = []
    lid = language_id(rn, quick)
    right = sum(r for r, _ in lid["per"].values())
    total = sum(t for _, t in lid["per"].values())
    times = sorted(lid["times"])
    merged = right + lid["confused"]["ms"].get("id", 0) + lid["confused"]["id"].get("ms", 0)
    others = [(r, t) for code, (r, t) in lid["per"].items() if code != "ms"]
    standards = malay_standards(rn)
    out += ["### Language identification on the lingua sentences", "",
            f"Overall {right}/{total} ({right / total:.1%}); first detection in a fresh process "
            f"{lid['first'] * 1000:.0f} ms of CPU; per sentence median "
            f"{statistics.median(times) * 1000:.1f} ms, 99th percentile "
            f"{times[int(len(times) * 0.99)] * 1000:.1f} ms.", "",
            "Malay and Indonesian are one language written to two standards, and lingua's n-grams "
            "do not tell them apart; the detector answers Malay when a text writes more "
            "Malaysian forms than Indonesian ones (kerana/karena, selepas/setelah, wang/uang, "
            "-iti/-itas...), Indonesian otherwise. Marker counts in the gold files: "
            + "; ".join(
                f"{code}: " + ", ".join(f"{k} {v}" for k, v in tally.items())
                for code, tally in standards.items()
            )
            + ". The strict count above scores an 'ms' sentence answered 'id' as wrong; counted "
            f"as one language (ISO 639-3 macrolanguage msa) the overall is {merged}/{total} "
            f"({merged / total:.1%}); without the Malay row it is "
            f"{sum(r for r, _ in others)}/{sum(t for _, t in others)} "
            f"({sum(r for r, _ in others) / sum(t for _, t in others):.1%}).", "",
            "| language | right | accuracy | most often answered instead |",
            "| --- | ---: | ---: | --- |"]  # fmt: skip
    for code in sorted(lid["per"]):
        ok, n = lid["per"][code]
        wrong = sorted(lid["confused"][code].items(), key=lambda kv: -kv[1])[:3]
        instead = ", ".join(f"{k} ×{v}" for k, v in wrong) or "-"
        out.append(f"| {code} | {ok}/{n} | {ok / n:.1%} | {instead} |")
    out.append("")
    return out


def run(quick: bool = False) -> str:
    """The Markdown sections of this benchmark."""
    command = COMMAND + (" --quick" if quick else "")
    rn = load_realnews()
    out = ["## Same story: grouping and decision on real news (issue 13)", "",
           f"Command: `{command}`", ""]  # fmt: skip
    if rn is None:
        return skipped("Same story on real news (issue 13)", command)
    rows = [ecbplus(rn, quick), itn(rn, quick), meantime(rn, quick)]
    wire = reposts(quick)
    out += ["### Grouping (the audit's grouping on loaded, extracted documents)", ""]
    out += grouping_table([*rows, wire])
    out += [
        "",
        f"Reposts: the wire story's reposts fall in {wire['wire_groups']} group(s); the largest holds "
        f"{wire['largest_wire_share']:.0%} of the reposts; {wire['others_in_wire_groups']} "
        "other article(s) joined them.",
        "",
        f"ITN: of the {rows[1]['wrong']} pairs grouped against the gold, {rows[1]['naming']} "
        "have one blurb naming the other's gold subject (its keyword): the corpus labels a "
        "blurb by its subject, so a blurb about a successor and one about the predecessor "
        "count as two events. Counting those pairs as right (a reading of the labels, not the "
        "measured figure above), pair precision would be "
        f"{1 - (rows[1]['wrong'] - rows[1]['naming']) / max(1, rows[1]['predicted']):.3f}.",
        "",
        "ITN recall by kind of pair (script: that of most of a blurb's letters):",
        "",
        "| same-event pairs | true pairs | share | found | recall |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    by_kind, evidence = rows[1]["by_kind"], rows[1]["evidence"]
    all_true = sum(total for _, total in by_kind.values()) or 1
    kinds = ("one language", "two languages, one script", "two scripts")
    for kind in kinds:
        found, total = by_kind.get(kind, (0, 0))
        recall = f"{found / total:.3f}" if total else "-"
        out.append(f"| {kind} | {total} | {total / all_true:.0%} | {found} | {recall} |")
    out += [
        "",
        "What the same-event pairs share directly, of the evidence the story score compares "
        "(names, their sounds across scripts, figures, dates, content words within one "
        f"language; a full name counts twice): a pair needs {MIN_SHARED} pieces, and one "
        "sharing fewer can only be grouped through other blurbs.",
        "",
        "| same-event pairs | share nothing | share one piece | share enough |",
        "| --- | ---: | ---: | ---: |",
    ]
    for kind in kinds:
        counts = evidence.get(kind, Counter())
        total = sum(counts.values()) or 1
        out.append(
            f"| {kind} | "
            + " | ".join(
                f"{counts[b]} ({counts[b] / total:.0%})" for b in ("none", "one", "enough")
            )
            + " |"
        )
    enough = sum(c["enough"] for c in evidence.values())
    out += [
        "",
        f"Pairs sharing enough directly: {enough} of {all_true} ({enough / all_true:.1%}) of "
        "the true pairs.",
        "",
    ]
    result, scored = semeval(rn, quick)
    out += ["### SemEval-2022 same-story decision (compare's verdict)", "",
            "Clear cases only: Overall <= 1.5 is the same story, >= 3.5 different stories.", "",
            "| rows | right | accuracy |", "| --- | ---: | ---: |"]  # fmt: skip
    for key in sorted(result["tally"]):
        right, total = result["tally"][key]
        out.append(f"| {key} | {right}/{total} | {right / total:.1%} |")
    with_score = [(o, s) for o, s in scored if s is not None]
    rho = spearman(with_score) if with_score else 0.0
    cpu = sorted(result["cpu"])
    out += [
        "",
        f"Spearman correlation of the story score with Overall over {len(with_score)} of "
        f"{result['rows']} rows with a score (1 = same story, 4 = unrelated, so negative is "
        f"right): {rho:.3f}. CPU per pair (load, extract both, decide): median "
        f"{statistics.median(cpu) * 1000:.0f} ms, max {cpu[-1] * 1000:.0f} ms.",
        "",
        "Ceiling of the score itself: the best accuracy any one threshold on the story score "
        "reaches on the clear rows, the threshold picked on those very rows (an upper bound, "
        "not a setting to adopt): "
        + "; ".join(
            f"{kind} {accuracy:.1%} (at {threshold:.3f})"
            for kind, (accuracy, threshold) in sorted(result["ceiling"].items())
        )
        + f". The verdict's own threshold is {SAME_STORY}.",
        "",
    ]
    out += language_section(rn, quick)
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="subsets of every set")
    parser.add_argument(
        "--language-only", action="store_true", help="only the language identification section"
    )
    args = parser.parse_args(argv)
    if args.language_only:
        rn = load_realnews()
        if rn is None:
            print(skipped("Language identification on the lingua sentences", COMMAND))
            return 0
        print("\n".join(language_section(rn, args.quick)))
        return 0
    print(run(quick=args.quick))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
