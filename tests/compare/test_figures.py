"""Numbers and dates: mismatches, missing figures and dates, matching by value across languages."""

from __future__ import annotations

from factcheck.compare import compare
from factcheck.extract.rules import extract
from factcheck.models import Discrepancy
from tests.compare.helpers import doc, fact, kinds, mentions

REF = (
    "On 3 March 2025 the Riverton council approved a budget of 12 million euros for the Harbour"
    " Bridge. Steel costs could rise by 40% next year. Work starts in September 2025 and"
    " 250 workers will be hired."
)


def _ref():
    d = doc(REF)
    return d, [
        fact(d, "date", "3 March 2025", value="2025-03-03", context="council approved budget"),
        fact(d, "number", "12 million euros", value=12e6, unit="EUR", context="budget"),
        fact(d, "number", "40%", value=40.0, unit="%", context="steel costs rise"),
        fact(d, "date", "September 2025", value="2025-09", context="work starts"),
        fact(d, "number", "250", value=250.0, context="workers"),
        *mentions(d, "Riverton", "org"),
        *mentions(d, "Harbour Bridge", "other"),
    ]


def _cand(text: str, language: str = "en", **found):
    d = doc(text, language=language)
    facts = [fact(d, kind, needle, **fields) for kind, needle, fields in found.values()]
    return d, [*facts, *mentions(d, "Riverton", "org")]


def test_a_changed_figure_about_the_same_thing_is_a_high_mismatch():
    ref, ref_facts = _ref()
    cand, cand_facts = _cand(
        "On 3 March 2025 the Riverton council approved a budget of 15 million euros. Steel costs"
        " could rise by 40% next year. Work starts in September 2025 with 250 workers.",
        d=("date", "3 March 2025", {"value": "2025-03-03", "context": "council approved"}),
        n=("number", "15 million euros", {"value": 15e6, "unit": "EUR", "context": "a budget"}),
        p=("number", "40%", {"value": 40.0, "unit": "%", "context": "steel costs"}),
        s=("date", "September 2025", {"value": "2025-09", "context": "work starts"}),
        w=("number", "250", {"value": 250.0, "context": "workers"}),
    )
    result = compare(ref, ref_facts, cand, cand_facts)
    assert kinds(result.discrepancies) == [("number_mismatch", "high")]
    found = result.discrepancies[0]
    assert "12 million euros" in found.message and "15 million euros" in found.message
    assert found.reference is not None and found.reference.text == "12 million euros"
    assert found.candidate is not None and found.candidate.text == "15 million euros"


def test_missing_figures_are_low_omissions():
    ref, ref_facts = _ref()
    cand, cand_facts = _cand(
        "On 3 March 2025 the Riverton council approved the bridge. Work starts in September 2025.",
        d=("date", "3 March 2025", {"value": "2025-03-03", "context": "council approved"}),
        s=("date", "September 2025", {"value": "2025-09", "context": "work starts"}),
    )
    result = compare(ref, ref_facts, cand, cand_facts)
    assert kinds(result.discrepancies) == [
        ("missing_number", "low"),
        ("missing_number", "low"),
        ("missing_number", "low"),
    ]
    assert "40%" in result.discrepancies[1].message
    assert result.discrepancies[2].message == (
        "The reference gives 250 for workers; the candidate gives no such figure."
    )


def test_across_languages_a_figure_with_the_same_value_is_never_missing_and_rounding_is_allowed():
    ref, ref_facts = _ref()
    cand, cand_facts = _cand(
        "Le 3 mars 2025, le conseil de Riverton a voté 12,1 millions d'euros. L'acier pourrait"
        " augmenter de 40 %. Les travaux débutent en septembre 2025 avec 250 ouvriers.",
        language="fr",
        d=("date", "3 mars 2025", {"value": "2025-03-03", "context": "conseil a voté"}),
        n=("number", "12,1 millions d'euros", {"value": 12.1e6, "unit": "EUR", "context": "vote"}),
        p=("number", "40 %", {"value": 40.0, "unit": "%", "context": "acier"}),
        s=("date", "septembre 2025", {"value": "2025-09", "context": "travaux"}),
        w=("number", "250", {"value": 250.0, "unit": None, "context": "ouvriers"}),
    )
    result = compare(ref, ref_facts, cand, cand_facts)
    assert result.discrepancies == ()
    assert result.verdict == "consistent"


def test_a_changed_date_of_the_same_event_is_a_high_mismatch():
    ref, ref_facts = _ref()
    cand, cand_facts = _cand(
        "On 5 March 2025 the Riverton council approved a budget of 12 million euros. Steel costs"
        " could rise by 40%. Work starts in September 2025 with 250 workers.",
        d=("date", "5 March 2025", {"value": "2025-03-05", "context": "the council approved"}),
        n=("number", "12 million euros", {"value": 12e6, "unit": "EUR", "context": "budget"}),
        p=("number", "40%", {"value": 40.0, "unit": "%", "context": "steel costs"}),
        s=("date", "September 2025", {"value": "2025-09", "context": "work starts"}),
        w=("number", "250", {"value": 250.0, "context": "workers"}),
    )
    result = compare(ref, ref_facts, cand, cand_facts)
    assert kinds(result.discrepancies) == [("date_mismatch", "high")]
    message = result.discrepancies[0].message
    assert "2025-03-03" in message and "2025-03-05" in message


def test_a_missing_date_is_low_and_a_vaguer_date_is_not_missing():
    ref, ref_facts = _ref()
    cand, cand_facts = _cand(
        "The Riverton council approved 12 million euros. Steel could rise by 40%. 250 workers will"
        " start in 2025.",
        n=("number", "12 million euros", {"value": 12e6, "unit": "EUR", "context": "budget"}),
        p=("number", "40%", {"value": 40.0, "unit": "%", "context": "steel"}),
        w=("number", "250", {"value": 250.0, "context": "workers"}),
    )
    result = compare(ref, ref_facts, cand, cand_facts)
    assert kinds(result.discrepancies) == [("missing_date", "low"), ("missing_date", "low")]
    assert "3 March 2025" in result.discrepancies[0].message

    cand2, cand2_facts = _cand(
        "In March 2025 the Riverton council approved 12 million euros; 40% more for steel is"
        " possible, and 250 workers start in September 2025.",
        d=("date", "March 2025", {"value": "2025-03", "context": "council approved"}),
        n=("number", "12 million euros", {"value": 12e6, "unit": "EUR", "context": "budget"}),
        p=("number", "40%", {"value": 40.0, "unit": "%", "context": "steel"}),
        w=("number", "250", {"value": 250.0, "context": "workers"}),
        s=("date", "September 2025", {"value": "2025-09", "context": "workers start"}),
    )
    assert compare(ref, ref_facts, cand2, cand2_facts).discrepancies == ()


def test_a_relative_date_in_place_of_an_absolute_one_is_named_in_the_finding():
    ref, ref_facts = _ref()
    cand, cand_facts = _cand(
        "Last Monday the Riverton council approved 12 million euros. Steel could rise by 40%."
        " 250 workers start in September 2025.",
        d=(
            "date",
            "Last Monday",
            {"value": None, "relative": "Last Monday", "context": "council approved budget"},
        ),
        n=("number", "12 million euros", {"value": 12e6, "unit": "EUR", "context": "budget"}),
        p=("number", "40%", {"value": 40.0, "unit": "%", "context": "steel"}),
        w=("number", "250", {"value": 250.0, "context": "workers"}),
        s=("date", "September 2025", {"value": "2025-09", "context": "workers start"}),
    )
    result = compare(ref, ref_facts, cand, cand_facts)
    assert kinds(result.discrepancies) == [("missing_date", "low")]
    found = result.discrepancies[0]
    assert "only says “Last Monday”" in found.message
    assert found.candidate is not None and found.candidate.text == "Last Monday"


def test_across_languages_a_lead_date_moved_by_days_is_a_mismatch():
    ref, ref_facts = _ref()
    cand, cand_facts = _cand(
        "Le 5 mars 2025, le conseil de Riverton a voté 12 millions d'euros ; l'acier pourrait"
        " augmenter de 40 % et 250 ouvriers commenceront en septembre 2025.",
        language="fr",
        d=("date", "5 mars 2025", {"value": "2025-03-05", "context": "conseil a voté"}),
        n=("number", "12 millions d'euros", {"value": 12e6, "unit": "EUR", "context": "vote"}),
        p=("number", "40 %", {"value": 40.0, "unit": "%", "context": "acier"}),
        w=("number", "250", {"value": 250.0, "context": "ouvriers"}),
        s=("date", "septembre 2025", {"value": "2025-09", "context": "ouvriers"}),
    )
    result = compare(ref, ref_facts, cand, cand_facts)
    assert kinds(result.discrepancies) == [("date_mismatch", "high")]
    assert "2025-03-05" in result.discrepancies[0].message


def test_a_changed_figure_is_found_in_its_sentence_even_when_the_headline_keeps_the_old_one():
    ref, ref_facts = _ref()
    cand, cand_facts = _cand(
        "Riverton hires 250. On 3 March 2025 the Riverton council approved a budget of 12 million"
        " euros. Steel costs could rise by 40% next year. Work starts in September 2025 and 340"
        " workers will be hired.",
        h=("number", "250", {"value": 250.0, "context": "hires"}),
        d=("date", "3 March 2025", {"value": "2025-03-03", "context": "council approved"}),
        n=("number", "12 million euros", {"value": 12e6, "unit": "EUR", "context": "budget"}),
        p=("number", "40%", {"value": 40.0, "unit": "%", "context": "steel costs"}),
        s=("date", "September 2025", {"value": "2025-09", "context": "work starts"}),
        w=("number", "340", {"value": 340.0, "context": "workers"}),
    )
    result = compare(ref, ref_facts, cand, cand_facts)
    assert kinds(result.discrepancies) == [("number_mismatch", "high")]
    found = result.discrepancies[0]
    assert (found.reference.text, found.candidate.text) == ("250", "340")


def test_rounding_a_conversion_and_a_bound_are_not_mismatches():
    ref = doc("The storm killed 72 people and left 88.93% of homes without power, 510 miles away.")
    ref_facts = [
        fact(ref, "number", "72", value=72.0, context="people"),
        fact(ref, "number", "88.93%", value=88.93, unit="%", context="homes"),
        fact(ref, "number", "510", value=510.0, context="miles"),
    ]
    cand = doc("The storm killed at least 68 people and left 89% of homes dark, 820 km away.")
    cand_facts = [
        fact(cand, "number", "68", value=68.0, context="people"),
        fact(cand, "number", "89%", value=89.0, unit="%", context="homes"),
        fact(cand, "number", "820", value=820.0, context="km"),
    ]
    assert compare(ref, ref_facts, cand, cand_facts).discrepancies == ()


def test_figures_of_different_families_are_never_a_mismatch():
    ref = doc("Shares of Northwind rose to $15 on Monday, its chairman Tomas Berg said.")
    ref_facts = [
        fact(ref, "number", "$15", value=15.0, unit="USD", context="shares"),
        *mentions(ref, "Northwind", "org"),
        *mentions(ref, "Tomas Berg", "person"),
    ]
    cand = doc("Shares of Northwind rose 12% on Monday, its chairman Tomas Berg said.")
    cand_facts = [
        fact(cand, "number", "12%", value=12.0, unit="%", context="shares"),
        *mentions(cand, "Northwind", "org"),
        *mentions(cand, "Tomas Berg", "person"),
    ]
    result = compare(ref, ref_facts, cand, cand_facts)
    assert kinds(result.discrepancies) == [("added_number", "medium"), ("missing_number", "low")]


def test_a_figure_and_a_date_the_reference_never_gives_are_added_at_medium():
    ref, ref_facts = _ref()
    retold = REF.replace("will be hired.", "will be hired for 18,000 hours from 1 June 2027.")
    cand, cand_facts = _cand(
        retold,
        c=("number", "18,000", {"value": 18000.0, "context": "hours"}),
        o=("date", "1 June 2027", {"value": "2027-06-01", "context": "hired"}),
    )
    result = compare(ref, ref_facts, cand, [*ref_facts_in(cand, ref_facts), *cand_facts])
    assert kinds(result.discrepancies) == [("added_number", "medium"), ("added_date", "medium")]
    assert result.discrepancies[0].candidate.text == "18,000"
    assert result.discrepancies[1].candidate.text == "1 June 2027"


def test_a_figure_and_a_date_in_material_the_reference_never_covers_are_low():
    ref, ref_facts = _ref()
    cand, cand_facts = _cand(
        REF + " Ferries carried 18,000 passengers a day until 1 June 2020.",
        c=("number", "18,000", {"value": 18000.0, "context": "passengers"}),
        o=("date", "1 June 2020", {"value": "2020-06-01", "context": "carried"}),
    )
    result = compare(ref, ref_facts, cand, [*ref_facts_in(cand, ref_facts), *cand_facts])
    assert kinds(result.discrepancies) == [("added_number", "low"), ("added_date", "low")]


def ref_facts_in(cand, ref_facts):
    """The reference's facts at the same offsets of a candidate that starts with its text."""
    return [
        fact(
            cand,
            f.kind,
            f.text,
            value=f.value,
            unit=f.unit,
            context=f.context,
            entity_type=f.entity_type,
        )
        for f in ref_facts
    ]


def test_a_year_read_as_a_figure_on_one_side_is_compared_as_a_date():
    ref = doc("The jet has flown since its 1967 debut, Boeing said on Monday.")
    ref_facts = [
        fact(ref, "number", "1967", value=1967.0, context="debut"),
        *mentions(ref, "Boeing", "org"),
    ]
    cand = doc("The jet has flown since its debut in 1966, Boeing said on Monday.")
    cand_facts = [
        fact(cand, "date", "1966", value="1966", context="debut"),
        *mentions(cand, "Boeing", "org"),
    ]
    result = compare(ref, ref_facts, cand, cand_facts)
    assert kinds(result.discrepancies) == [("date_mismatch", "high")]
    assert (result.discrepancies[0].reference.text, result.discrepancies[0].candidate.text) == (
        "1967",
        "1966",
    )


def test_a_figure_in_a_table_row_is_low():
    ref, ref_facts = _ref()
    retold = REF.replace("will be hired.", "will be hired.\nWorkers 250 120 18 3 44")
    cand, cand_facts = _cand(retold, t=("number", "120", {"value": 120.0}))
    result = compare(ref, ref_facts, cand, [*ref_facts_in(cand, ref_facts), *cand_facts])
    added = [(d.kind, d.severity) for d in result.discrepancies if d.kind == "added_number"]
    assert added == [("added_number", "low")]


# --- a translation (rules extractor on both sides) ---------------------------------------------

PLANT_EN = (
    "Northwind opens Riverton plant\n\nMarch 3, 2025\n\n"
    "Northwind Steel opened its Riverton plant on Monday before 4,000 guests.\n\n"
    "The NX-800 press of the plant makes 250 beams a day, or up to 800 beams with two shifts.\n\n"
    "The plant will employ about 5,000 people, or 9% of the Riverton work force.\n\n"
    "Mayor Maria Santos said 120 firms will supply the plant.\n\n"
    "Engineer Tomas Berg expects 300 trucks a day at the Riverton gate."
)
PLANT_ES = (
    "Northwind abre la planta de Riverton\n\n3 de marzo de 2025\n\n"
    "Northwind Steel abrió su planta de Riverton el lunes ante {guests} invitados.\n\n"
    "La prensa NX-800 de la planta fabrica 250 vigas al día, o hasta {beams} vigas con dos"
    " turnos.\n\n"
    "La planta empleará a unas 5.000 personas, o el {share}% de la mano de obra de Riverton.\n\n"
    "La alcaldesa Maria Santos dijo que 120 empresas abastecerán la planta.\n\n"
    "El ingeniero Tomas Berg espera 300 camiones al día en la entrada de Riverton."
)


def _plant(guests: str = "4.000", beams: str = "800", share: str = "9") -> list[Discrepancy]:
    en = doc(PLANT_EN)
    es = doc(PLANT_ES.format(guests=guests, beams=beams, share=share), language="es")
    result = compare(en, extract(en), es, extract(es))
    return [d for d in result.discrepancies if d.severity != "low"]


def _changed(found: list[Discrepancy]) -> list[tuple[str, str, str]]:
    return [
        (d.kind, d.reference.text if d.reference else "", d.candidate.text if d.candidate else "")
        for d in found
    ]


def test_a_faithful_translation_has_no_figure_finding_above_low():
    assert _plant() == []


def test_a_translation_that_changes_one_of_two_equal_figures_in_a_sentence_is_a_mismatch():
    # "NX-800" is written on both sides; only "up to 800" changed.
    assert _changed(_plant(beams="400")) == [("number_mismatch", "800", "400")]


def test_digits_read_as_the_language_groups_them_do_not_settle_a_changed_percentage():
    # "5.000" in Spanish is five thousand, never 5: the changed "9%" has no partner there.
    assert _changed(_plant(share="5")) == [("number_mismatch", "9%", "5%")]


def test_a_translation_that_changes_a_figure_to_one_given_elsewhere_is_a_mismatch():
    # The reference says "120 firms" in another sentence: said once there, twice here.
    assert _changed(_plant(guests="120")) == [("number_mismatch", "4,000", "120")]


def test_a_figure_with_a_glued_scale_letter_carries_the_spelled_out_scale():
    # "70m" is not read as a figure (it may be seventy metres), but it states 70 million.
    en = doc("Ryanair plans to fly 70m passengers a year by 2030, chief Tom Byrne said.")
    es = doc(
        "Ryanair planea transportar 70 millones de pasajeros al año en 2030, dijo su jefe Tom"
        " Byrne.",
        language="es",
    )
    found = compare(en, extract(en), es, extract(es)).discrepancies
    assert not [d for d in found if d.kind.endswith("number")]


# --- independent reports: a changed figure sits among figures that did not change ----------------

MARKET = (
    "Indian shares hit a record high on Monday.\n\n"
    "The Nifty index of the National Stock Exchange gained 34.50 points and closed at 2,115.\n\n"
    "Traders in Mumbai expect more buying this week."
)


def _market(sentence: str) -> list[tuple[str, str, str]]:
    cand = doc(
        f"Markets react to the budget.\n\n{sentence}\n\n"
        "Investors waited for the general elections in April."
    )
    ref = doc(MARKET)
    found = compare(ref, extract(ref), cand, extract(cand)).discrepancies
    return [
        (d.kind, d.reference.text, d.candidate.text)
        for d in found
        if d.severity == "high" and d.reference and d.candidate
    ]


def test_sentences_of_independent_reports_that_share_no_figure_are_not_a_changed_figure():
    # Another day's report: every figure differs, so none of them is one figure changed.
    assert (
        _market(
            "On the National Stock Exchange, the Nifty index fell 40.75 points, or 2.3%, to 1,769."
        )
        == []
    )


def test_a_figure_changed_among_figures_that_did_not_is_a_mismatch_between_reports():
    assert _market(
        "On the National Stock Exchange, the Nifty index gained 44.50 points and closed at 2,115."
    ) == [("number_mismatch", "34.50", "44.50")]


def test_a_translation_that_changes_a_sum_and_its_currency_is_a_mismatch():
    en = doc(PLANT_EN + "\n\nNorthwind paid $12 million for the Riverton land, Santos said.")
    es_text = PLANT_ES.format(guests="4.000", beams="800", share="9")
    same = doc(
        es_text
        + "\n\nNorthwind pagó 12 millones de euros por el terreno de Riverton, dijo Santos.",
        language="es",
    )
    changed = doc(
        es_text
        + "\n\nNorthwind pagó 62 millones de euros por el terreno de Riverton, dijo Santos.",
        language="es",
    )
    # The same amount under another symbol is left to the reader; another amount is not.
    assert not [
        d
        for d in compare(en, extract(en), same, extract(same)).discrepancies
        if d.severity == "high"
    ]
    found = compare(en, extract(en), changed, extract(changed)).discrepancies
    assert _changed([d for d in found if d.severity != "low"]) == [
        ("number_mismatch", "$12 million", "62 millones de euros")
    ]


def test_positions_in_a_list_on_one_line_are_no_figures():
    story = (
        "Australia named Ricky Ponting captain for the first Test against New Zealand in Brisbane"
        " on Monday.\n\nSelector Trevor Hohns said 14 players were considered."
    )
    ref = doc(story)
    cand = doc(
        f"{story}\n\nAustralia 1 Matthew Hayden, 2 Justin Langer, 3 Ricky Ponting, 4 Damien"
        " Martyn, 5 Darren Lehmann, 6 Michael Clarke, 7 Adam Gilchrist, 8 Shane Warne, 9 Jason"
        " Gillespie, 10 Michael Kasprowicz, 11 Glenn McGrath.\n\nThe Gabba holds 42,000 fans."
    )
    result = compare(ref, extract(ref), cand, extract(cand))
    assert result.verdict == "discrepancies"
    added = [
        d.candidate.text for d in result.discrepancies if d.kind == "added_number" and d.candidate
    ]
    assert added == ["42,000"]


def test_reported_values_are_found_as_a_full_scan_finds_them():
    # The index of reported figures answers as `same_value` over every kept value would, on
    # values at and around its tolerance, near zero and of both signs.
    import random

    from factcheck.compare.figures import _Reported
    from factcheck.compare.quantities import same_value

    rng = random.Random(7)
    bases = [0.0, 1e-9, 4e-7, 1e-6, 1.9e-6, 0.5, 3.0, 2024.0, 1.2e9, -4.0, -1e-7]
    factors = [1.0, 1.0049, 0.9951, 1.0051, 0.9949, 1.02, -1.0]
    for _ in range(2000):
        base = rng.choice(bases)
        values = [base * rng.choice(factors) + rng.choice([0.0, 1e-9, -5e-10]) for _ in range(6)]
        kept = _Reported(values[:3])
        for value in values[3:]:
            assert (value in kept) == any(same_value(value, seen) for seen in values[:3])


def test_a_count_changed_by_one_in_a_retold_sentence_is_a_mismatch_not_noise():
    # 457 and 458 are 0.2% apart: close enough for float noise, but two whole numbers written
    # in digits are two counts. The retelling is not sentence-parallel, so only an exact
    # reading of the values keeps 458 from passing as "carried" by 457.
    ref = doc(
        "Officials gave new figures on Monday. Since the outbreak began, 457 deaths have been"
        " reported in 21 countries. Vaccination started last spring."
    )
    cand = doc("Since then 458 deaths have been reported, in 21 countries.")
    result = compare(ref, extract(ref), cand, extract(cand))
    assert ("number_mismatch", "high") in kinds(result.discrepancies)
    found = next(d for d in result.discrepancies if d.kind == "number_mismatch")
    assert found.reference is not None and found.reference.text == "457"
    assert found.candidate is not None and found.candidate.text == "458"


def test_whole_numbers_are_the_same_value_only_when_equal():
    from factcheck.compare.quantities import same_value

    assert not same_value(457.0, 458.0)
    assert same_value(1.8e9, 1_800_000_000.0)
    assert same_value(42.2 * 1e6, 42_200_000.0)
    assert same_value(2.73, 2.7300001)  # float noise of a conversion


RATES = (
    "The central bank said on Monday it would buy bonds as the ten-year yield touched 0.505% "
    "for a second day, breaching its 0.5% ceiling and reaching the highest level since May."
)


def _rates(candidate: str) -> list[tuple[str, str, str, str]]:
    ref, cand = doc(RATES), doc(candidate)
    result = compare(ref, extract(ref), cand, extract(cand))
    return [
        (d.kind, d.severity, d.reference.text if d.reference else "", d.candidate.text)
        for d in result.discrepancies
        if d.candidate
    ]


def test_a_figure_settled_in_its_sentence_stands_for_no_other_figure_there():
    # "0.5%" is a rounding of "0.505%", but the candidate's "0.5%" is the ceiling's own figure
    assert _rates(RATES.replace("0.505%", "0.503%")) == [
        ("number_mismatch", "high", "0.505%", "0.503%")
    ]
    assert _rates(RATES.replace("0.5% ceiling", "2% ceiling")) == [
        ("number_mismatch", "high", "0.5%", "2%")
    ]


def test_rounding_to_the_precision_written_does_not_move_a_small_value_far():
    # 0.5 to the unit rounds up to 1, but no reporter writes a 0.5% ceiling as "1%"
    assert _rates(RATES.replace("0.5% ceiling", "1% ceiling")) == [
        ("number_mismatch", "high", "0.5%", "1%")
    ]
    # while "0.51%" for "0.505%" is a rounding
    assert _rates(RATES.replace("0.505%", "0.51%")) == []
