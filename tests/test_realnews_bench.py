"""The real-news benchmarks: edit generators, label matching, and a small run on MEANTIME."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from benchmarks import translations as tr
from benchmarks import wikinews as wn
from benchmarks.realnews import LOADER, load_realnews, wilson


def _rng(name: str = "t"):
    return tr.rng_for(name, "es", "test")


# --- numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "lang", "value"),
    [
        ("40.000", "es", 40000.0),
        ("20,1", "nl", 20.1),
        ("1,500", "en", 1500.0),
        ("20.1", "en", 20.1),
        ("1.234.567,5", "it", 1234567.5),
        ("1.5", "es", 1.5),  # not a thousands group: the other locale's decimal
    ],
)
def test_numbers_are_read_in_the_languages_locale(token: str, lang: str, value: float) -> None:
    assert tr.parse_number(token, lang) == value


def test_scale_words_make_spanish_millions_meet_english_billions() -> None:
    assert 4e10 in tr.number_values("un contrato de 40.000 millones de dólares", "es")
    assert 4e10 in tr.number_values("a US$40 billion contract", "en")


def test_figure_edit_changes_the_value_and_keeps_the_format() -> None:
    text = "El contrato de 40.000 millones de dólares se firmó ayer."
    edit = tr.figure_edit(text, "es", "The US$40 billion contract was signed.", _rng())
    assert edit is not None
    assert edit.old == "40.000"
    assert re.fullmatch(r"\d{2}\.000", edit.new)
    old, new = tr.parse_number(edit.old, "es"), tr.parse_number(edit.new, "es")
    assert old and new and abs(new - old) > 0.10 * old
    start, end = edit.targets[0]
    assert edit.text[start:end] == edit.new
    assert edit.text == text.replace("40.000", edit.new)


def test_figure_edit_skips_years_dates_models_and_figures_the_english_lacks() -> None:
    reference = "In 2008, on March 3, Boeing 767 crews flew 12 missions."
    text = "En 2008, el 3 de marzo, las tripulaciones del Boeing 767 volaron 15 misiones."
    assert tr.figure_edit(text, "es", reference, _rng()) is None


def test_changed_figure_never_moves_a_value_by_ten_percent_or_less() -> None:
    for token in ("9", "95", "1,5", "0,9", "19.999", "4"):
        new = tr.changed_figure(token, "nl")
        assert new is not None and len(new) == len(token)
        old_value, new_value = tr.parse_number(token, "nl"), tr.parse_number(new, "nl")
        assert old_value and new_value and abs(new_value - old_value) > 0.10 * old_value


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "old", "new"),
    [
        (
            "es",
            "Ocurrió el 1 de marzo de 2008 en Madrid.",
            "1 de marzo de 2008",
            "4 de marzo de 2008",
        ),
        ("it", "Il 27 marzo 2008 è stato firmato.", "27 marzo 2008", "24 marzo 2008"),
        ("nl", "Het werd op 1 maart 2008 getekend.", "1 maart 2008", "4 maart 2008"),
        ("en", "It was signed on March 30, 2008 in Paris.", "March 30, 2008", "March 27, 2008"),
    ],
)
def test_date_edit_shifts_the_day_by_three_keeping_the_format(
    lang: str, text: str, old: str, new: str
) -> None:
    edit = tr.date_edit(text, lang, _rng())
    assert edit is not None
    assert (edit.old, edit.new) == (old, new)
    start, end = edit.targets[0]
    assert edit.text[start:end] == new
    assert edit.text == text.replace(old, new)


def test_date_edit_changes_only_the_body_and_the_dateline_edit_only_the_dateline() -> None:
    text = "Titular\n\n1 de marzo de 2008\n\nEl acuerdo del 12 de febrero de 2008 sigue vigente."
    edit = tr.date_edit(text, "es", _rng())
    assert edit is not None and edit.where == "body: day"
    assert edit.new == "15 de febrero de 2008"
    dateline = tr.dateline_edit(text, "es", _rng())
    assert dateline is not None and dateline.kind == "dateline"
    assert dateline.new == "4 de marzo de 2008"
    assert tr.date_edit("Kop\n\n01-Mar-08\n\nDe tekst.", "nl", _rng()) is None
    assert tr.dateline_edit("Kop\n\n01-Mar-08\n\nDe tekst.", "nl", _rng()).new == "04-Mar-08"


def test_date_edit_falls_back_to_a_month_then_to_a_year_in_the_body() -> None:
    month = tr.date_edit("Kop\n\nDe levering wordt uitgesteld tot oktober 2007.", "nl", _rng())
    assert month is not None and (month.old, month.new) == ("oktober 2007", "oktober 2006")
    assert month.where == "body: month"
    year = tr.date_edit("Title\n\nProduction will begin in 2006 at the plant.", "en", _rng())
    assert year is not None and (year.old, year.new) == ("2006", "2005")
    assert year.where == "body: year"


def test_shifted_day_stays_within_the_month() -> None:
    assert [tr.shifted_day(d) for d in ("1", "25", "26", "31", "09")] == [
        "4",
        "28",
        "23",
        "28",
        "12",
    ]


# --- quotes --------------------------------------------------------------------------------------


def test_quotes_are_found_in_every_common_style_but_not_in_apostrophes() -> None:
    text = (
        'Dijo que "hay acuerdo". Disse «va bene». Zei “goed zo”. Sagte „gut“. '
        "L'appalto è dell'Airbus. He said 'we won'."
    )
    inner = [q.inner(text) for q in tr.find_quotes(text)]
    assert inner == ["hay acuerdo", "va bene", "goed zo", "gut", "we won"]


def test_a_quote_may_span_paragraphs() -> None:
    text = 'Dijo que "Todos estaban locos.\n\nPero ganamos".\n\nFin.'
    (quote,) = tr.find_quotes(text)
    assert quote.inner(text) == "Todos estaban locos.\n\nPero ganamos"


def test_emptying_a_quote_keeps_its_marks() -> None:
    text = "Zei Riley: “Dit is een geweldige dag voor Alabama.” Daarna vertrok hij."
    edit = tr.emptied_edit(text, _rng())
    assert edit is not None
    assert edit.text == "Zei Riley: “” Daarna vertrok hij."
    start, end = edit.targets[0]
    assert edit.text[start:end] == "“”"


def test_negated_edit_targets_the_whole_quote() -> None:
    text = 'Afirmó que "el avión es la prioridad absoluta". Y se fue.'
    edit = tr.negated_edit(text, "es", _rng())
    assert edit is not None
    start, end = edit.targets[0]
    assert edit.text[start:end] == '"el avión no es la prioridad absoluta"'


def test_a_listed_negation_shows_where_the_quote_changed() -> None:
    old = "Dopo molti mesi di lavoro il volo di prova fornirà una percezione del programma"
    new = "Dopo molti mesi di lavoro il volo di prova non fornirà una percezione del programma"
    shown_old, shown_new = tr.around_change(old, new, before=10, width=30)
    assert shown_old == "…di prova fornirà una percezi…"
    assert shown_new == "…di prova non fornirà una per…"
    assert tr.around_change("Es bueno", "No es bueno") == ("Es bueno", "No es bueno")


def test_short_quotes_are_not_negated() -> None:
    assert tr.negated_edit('Dijo "muy bien" y ya.', "es", _rng()) is None


def test_a_quote_with_no_verb_to_negate_gives_way_to_another() -> None:
    # The rules of the edit itself are tested in test_negation_bench.py.
    text = 'Habló de "una de las siete maravillas del mundo" y dijo "la obra es un éxito total".'
    for seed in ("a", "b", "c", "d"):
        edit = tr.negated_edit(text, "es", _rng(seed))
        assert edit is not None
        start, end = edit.targets[0]
        assert edit.text[start:end] == '"la obra no es un éxito total"'
    assert tr.negated_edit('Habló de "una de las siete maravillas".', "es", _rng()) is None


def test_speaker_edit_moves_the_quote_to_another_person_of_the_article() -> None:
    text = (
        'Ron Sugar, director de Northrop, dijo que "ganamos el contrato".\n\n'
        "Paul Nesbit, analista, no quiso comentar.\n\n"
        'Más tarde, Sugar añadió "es un gran día".'
    )
    persons = {"p1": ["Ron Sugar", "Sugar"], "p2": ["Paul Nesbit", "Nesbit"]}
    edit = tr.speaker_edit(text, persons, _rng("speaker"), "es")
    assert edit is not None
    assert edit.new == "Paul Nesbit"
    assert edit.old in ("Ron Sugar", "Sugar")
    assert edit.text.count("Paul Nesbit") == 2
    quotes = [(q.open, q.close + 1) for q in tr.find_quotes(edit.text)]
    assert any(target in quotes for target in edit.targets)
    for start, end in edit.targets[:-1]:
        assert edit.text[start:end] == "Paul Nesbit"


def test_no_speaker_edit_when_the_quote_names_two_people() -> None:
    text = 'Ron Sugar y Paul Nesbit dijeron "ganamos".'
    persons = {"p1": ["Ron Sugar"], "p2": ["Paul Nesbit"]}
    assert tr.speaker_edit(text, persons, _rng(), "es") is None


def test_no_speaker_edit_when_the_named_person_does_not_speak_or_the_quote_is_a_term() -> None:
    persons = {"p1": ["Steve Jobs", "Jobs"], "p2": ["Tim Cook", "Cook"]}
    others = "Tim Cook dirige Apple.\n\n"
    mourned = others + (
        'Ballmer lamentó la muerte de Steve Jobs y lo describió como "un auténtico visionario".'
    )
    anonymous = others + (
        'Tras la salida de Steve Jobs, una persona anónima "que conoce la situación" afirmó algo.'
    )
    term = others + 'Steve Jobs dijo que la funda, o "parachoques", es gratis.'
    for text in (mourned, anonymous, term):
        assert tr.speaker_edit(text, persons, _rng(), "es") is None
    spoken = others + 'Steve Jobs dijo que "la funda es gratis".'
    introduced = others + 'Steve Jobs, director de Apple: "la funda es gratis".'
    assert tr.speaker_edit(introduced, persons, _rng(), "es") is not None
    mourning = (
        others + 'Bill Gates escribió tras la muerte de Steve Jobs: "el mundo lo echará de menos".'
    )
    assert tr.speaker_edit(mourning, persons, _rng(), "es") is None
    edit = tr.speaker_edit(spoken, persons, _rng(), "es")
    assert edit is not None and edit.new == "Tim Cook"


def test_names_found_by_pattern_are_people_the_english_also_names() -> None:
    texts = {
        "en": "Ron Sugar, the CEO, said it. The Air Force agreed: tankers in the air. In Toulouse.",
        "es": "Ron Sugar, el director, lo dijo. La Air Force estuvo de acuerdo. En Toulouse.",
    }
    people = tr.named_people(texts, "es", blocked=set())
    assert people == {"name:Sugar": ["Ron Sugar", "Sugar"]}


def test_names_found_by_pattern_speak_in_the_english_text() -> None:
    texts = {
        "en": (
            "Apple will ship Snow Leopard next year, he said. Stanford University said so too. "
            '"It is fast," said Mark Papermaster. Mr Tim Cook agreed.'
        ),
        "es": (
            "Apple lanzará Snow Leopard el año que viene. Stanford University lo dijo. "
            '"Es rápido", dijo Mark Papermaster. Tim Cook estuvo de acuerdo.'
        ),
    }
    people = tr.named_people(texts, "es", blocked=set())
    assert people == {
        "name:Papermaster": ["Mark Papermaster", "Papermaster"],
        "name:Cook": ["Tim Cook", "Cook"],
    }


def test_edits_are_deterministic_for_an_article_and_language() -> None:
    text = 'A "uno es dos tres" y "cinco son seis siete" y "nueve era diez once".'
    first = tr.make_edit("negated", text, "es", "", {}, "article-1")
    again = tr.make_edit("negated", text, "es", "", {}, "article-1")
    assert first is not None
    assert first == again


def test_splice_maps_positions_after_the_changes() -> None:
    text, spans, moved = tr.splice("abcdefghij", [(1, 3, "XYZW"), (6, 7, "")])
    assert text == "aXYZWdefhij"
    assert spans == [(1, 5), (8, 8)]
    assert text[moved(8)] == "i"


# --- labels --------------------------------------------------------------------------------------


def _row(**changes) -> wn.Row:
    fields = {
        "story_id": "001_story",
        "candidate": "01_en_bbc.txt",
        "off_topic": False,
        "kind": "number_mismatch",
        "severity": "high",
        "message": "m",
        "reference": ("12  people\ndied", 10, 26),
        "candidate_evidence": ("x" * 100, 5, 105),
        "reference_path": "a",
        "candidate_path": "b",
    }
    return wn.Row(**{**fields, **changes})


def _label(row: wn.Row, value: str | None) -> dict:
    line = wn.to_label(row)
    line["label"] = value
    return json.loads(json.dumps(line))


def test_a_label_written_from_a_finding_matches_it_again() -> None:
    row = _row()
    line = wn.to_label(row)
    assert line["reference"] == "12 people died"
    assert len(line["candidate_evidence"]) == wn.EVIDENCE_CHARS
    assert wn.label_key(line) == wn.finding_key(row)


def test_a_label_whose_evidence_is_cut_at_a_space_matches_again() -> None:
    row = _row(candidate_evidence=("a" * 79 + " and more words", 0, 95))
    line = json.loads(json.dumps(wn.to_label(row)))
    assert line["candidate_evidence"] == "a" * 79
    assert wn.label_key(line) == wn.finding_key(row)


def test_rescore_counts_judged_unjudged_and_stale() -> None:
    high = _row()
    medium = _row(kind="added_entity", severity="medium", reference=None)
    unjudged = _row(kind="added_date", severity="medium", candidate_evidence=("2004", 1, 5))
    gone = _row(kind="date_mismatch")
    other_story = _row(story_id="999_elsewhere")
    labels = [
        _label(high, "FALSE"),
        _label(medium, "TRUE"),
        _label(gone, "TRUE"),
        _label(other_story, "FALSE"),
        _label(high, "TRUE"),  # a duplicate key: the first label wins
    ]
    scored = wn.rescore([high, medium, unjudged], labels, ["001_story"])
    assert scored["all"] == {"TRUE": 1, "DEFENSIBLE": 0, "FALSE": 1, "unjudged": 1}
    assert scored["high"] == {"TRUE": 0, "DEFENSIBLE": 0, "FALSE": 1, "unjudged": 0}
    assert scored["stale"] == 1
    assert scored["duplicates"] == 1


def test_a_sampled_label_without_a_judgement_is_unjudged() -> None:
    row = _row()
    scored = wn.rescore([row], [_label(row, None)], ["001_story"])
    assert scored["all"]["unjudged"] == 1 and scored["stale"] == 0


def test_sample_takes_high_findings_first_spread_over_stories() -> None:
    rows = [
        _row(story_id=f"s{s}", severity=sev, message=f"{s}-{sev}-{i}")
        for s in range(3)
        for sev in ("low", "medium", "high")
        for i in range(2)
    ]
    picked = wn.sample(rows, 5, seed=1)
    assert [r.severity for r in picked] == ["high"] * 5
    assert {r.story_id for r in picked[:3]} == {"s0", "s1", "s2"}
    assert wn.sample(rows, 5, seed=1) == picked
    assert [r.severity for r in wn.sample(rows, 18, seed=2)][6:12] == ["medium"] * 6


def _findings() -> list[wn.Row]:
    """Twelve findings of two stories: two high, four medium, six low."""
    severities = ["high"] * 2 + ["medium"] * 4 + ["low"] * 6
    return [
        _row(
            story_id=f"s{i % 2}",
            severity=severity,
            kind="added_number",
            reference=None,
            candidate_evidence=(f"figure {i}", i, i + 8),
            message=f"m{i}",
        )
        for i, severity in enumerate(severities)
    ]


def test_unjudged_leaves_out_judged_findings_and_repeated_keys() -> None:
    rows = _findings()
    left = wn.unjudged([*rows, rows[3]], [_label(rows[0], "TRUE"), _label(rows[1], None)])
    assert left == rows[2:]


def test_uniform_sample_is_stable_and_ignores_severity() -> None:
    rows = _findings()
    picked = wn.uniform_sample(rows, 5, seed=3)
    assert len(picked) == 5 and len(set(picked)) == 5 and set(picked) <= set(rows)
    assert wn.uniform_sample(list(reversed(rows)), 5, seed=3) == picked  # input order is moot
    assert wn.uniform_sample(rows, 3, seed=3) == picked[:3]  # a larger draw extends a smaller
    draws = [wn.uniform_sample(rows, 2, seed) for seed in range(10)]
    assert len({tuple(d) for d in draws}) > 1
    # The high-first sampler would take the two high findings every time; a uniform draw
    # of two from twelve takes a non-high one for most seeds.
    assert any(r.severity != "high" for d in draws for r in d)


def test_sample_option_writes_a_uniform_batch_of_unjudged_on_topic_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = _findings()
    off_topic = _row(off_topic=True, message="off")
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps(_label(rows[5], "FALSE")) + "\n")
    figures = {"rows": [*rows, off_topic], "chosen": ["s0", "s1"]}
    monkeypatch.setattr(wn, "measure", lambda quick=False: figures)
    out = tmp_path / "to-judge.jsonl"
    argv = ["--sample", "20", "--unjudged", "--on-topic", "--uniform", "--seed", "4"]
    assert wn.main([*argv, "--out", str(out), "--labels", str(labels)]) == 0
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert {line["sample"] for line in lines} == {"uniform-4"}
    assert sorted(line["candidate_evidence"] for line in lines) == sorted(
        f"figure {i}" for i in range(12) if i != 5
    )
    assert [line["candidate_evidence"] for line in lines] == [
        wn.evidence_key(r.candidate_evidence[0])
        for r in wn.uniform_sample(rows, 20, seed=4)
        if r is not rows[5]
    ]


def test_wilson_interval_matches_the_textbook_values() -> None:
    low, high = wilson(5, 10)
    assert (round(low, 4), round(high, 4)) == (0.2366, 0.7634)
    assert wilson(0, 10)[0] == 0.0 and round(wilson(0, 10)[1], 4) == 0.2775
    assert wilson(0, 0) == (0.0, 1.0)


def test_uniform_batches_get_their_own_row_with_an_interval(tmp_path: Path) -> None:
    rows = _findings()
    labels = tmp_path / "labels.jsonl"
    lines = [_label(rows[0], "FALSE")]  # pooled only: a high-first pass
    lines += [
        {**_label(row, "FALSE" if i < 2 else "TRUE"), "sample": "uniform-9"}
        for i, row in enumerate(rows[6:])
    ]
    labels.write_text("".join(json.dumps(line) + "\n" for line in lines))
    figures = {
        "stories": 2,
        "with_sources": 2,
        "chosen": ["s0", "s1"],
        "pairs": [{"story_id": "s0", "candidate": "c", "off_topic": False, "verdict": "x"}],
        "rows": [*rows, rows[7]],  # a finding reported twice counts once in the uniform row
        "errors": [],
        "quick": False,
    }
    text = wn.to_markdown(figures, "cmd", labels)
    assert "unbiased estimate of the FALSE share of all findings" in text
    assert "| all | 6 | 4/6 (67%) | 0/6 (0%) | **2/6 (33%)**, 10%–70% |" in text
    assert "| high |" not in text.split("Uniform sample")[1]  # no uniform label is high


def test_read_labels_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "labels.jsonl"
    path.write_text('{"story_id": "a", "label": "TRUE"}\nnot json\n{"label": "MAYBE"}\n\n')
    read = wn.read_labels(path)
    assert read is not None
    labels, problems = read
    assert len(labels) == 1 and len(problems) == 2
    assert wn.read_labels(tmp_path / "missing.jsonl") is None


# --- a small real run ----------------------------------------------------------------------------


def test_translations_section_runs_on_two_meantime_articles() -> None:
    if load_realnews() is None:
        pytest.skip(f"{LOADER} not found (the real-news corpus lives beside the checkout)")
    figures = tr.measure(limit=2)
    assert figures is not None
    assert len(figures["pairs"]) + len(figures["errors"]) == 6
    text = tr.to_markdown(figures, "pytest")
    assert f"## {tr.TITLE_ALARMS}" in text and f"## {tr.TITLE_EDITS}" in text
    assert figures["normalised"] == 0
    assert {o.edit for o in figures["outcomes"]} >= {"figure", "date", "emptied"}


def test_each_translator_error_stands_in_its_translation_and_not_in_the_english() -> None:
    rn = load_realnews()
    if rn is None:
        pytest.skip(f"{LOADER} not found (the real-news corpus lives beside the checkout)")
    errata = tr.read_errata()
    assert errata, "the label file lists no erratum"
    folders = {str(a["article_id"]): Path(a["dir"]) for a in rn.meantime_articles()}
    for (article, lang), rows in errata.items():
        english = (folders[article] / "en.txt").read_text(encoding="utf-8")
        translation = (folders[article] / f"{lang}.txt").read_text(encoding="utf-8")
        for row in rows:
            assert row["english"] in english, row
            assert row["translation"] in translation, row
            assert row["translation"] not in english, row  # the wrong wording is the translator's


def test_a_finding_on_a_translator_error_is_counted_apart() -> None:
    on = tr.Finding("number_mismatch", "high", "30 vs 20", (10, 12))
    off = tr.Finding("added_number", "medium", "7", (40, 41))
    pair = tr.Pair("1", "es", "discrepancies", (on, off), errata=((9, 20),))
    assert pair.on_erratum(on) and not pair.on_erratum(off)
    text = "\n".join(tr._errata_lines([pair, tr.Pair("2", "it", "consistent", ())]))
    assert "**1** point at a translator's error" in text
    assert "0.500 high/medium findings per pair" in text  # the other finding still counts
    assert "**1.000 per pair** as counted" in text and "leaving **0.500 per pair**" in text


def test_read_errata_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "errata.jsonl"
    path.write_text('{"article": "1", "lang": "es", "translation": "x"}\n{"article": 2}\n')
    with pytest.raises(ValueError, match=r"errata.jsonl:2"):
        tr.read_errata(path)


def test_sections_say_they_were_skipped_when_the_corpus_is_absent(tmp_path: Path) -> None:
    assert load_realnews(tmp_path / "load.py") is None
    for text in (tr.to_markdown(None, "cmd"), wn.to_markdown(None, "cmd")):
        assert text.startswith("## ") and "Skipped:" in text and "../shared/realnews" in text


def test_a_name_that_introduces_the_next_quote_is_not_the_speaker_of_the_one_before() -> None:
    persons = {"p1": ["Bob Riley", "Riley"], "p2": ["Tim Cook", "Cook"]}
    text = (
        "Tim Cook dirige Apple.\n\n"
        'Un grupo publicó una declaración donde dicen que "vamos a cuestionar la decisión".'
        ' Bob Riley, el gobernador, dijo que "decir esto es quedarse corto".'
    )
    edit = tr.speaker_edit(text, persons, _rng(), "es")
    assert edit is not None
    start, end = edit.targets[-1]  # the quote Riley introduces, never the one before
    assert edit.text[start:end] == '"decir esto es quedarse corto"'
