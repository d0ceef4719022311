"""People and organisations lost or added, matched across spellings and scripts."""

from __future__ import annotations

from factcheck.compare import compare
from factcheck.compare.names import same_speaker
from tests.compare.helpers import doc, kinds, mentions, quote

REF = (
    "Riverton Council voted on Monday. Mayor Maria Santos defended the plan, and Santos"
    " promised more buses. Riverton Council will meet again; Riverton Council also thanked"
    " Northwind Steel. Ines Kovac voted against."
)


def _ref():
    d = doc(REF)
    return d, [
        *mentions(d, "Riverton Council", "org"),
        *mentions(d, "Maria Santos", "person"),
        *[f for f in mentions(d, "Santos", "person") if d.text[f.start - 6 : f.start] != "Maria "],
        *mentions(d, "Northwind Steel", "org"),
        *mentions(d, "Ines Kovac", "person"),
    ]


def test_missing_names_are_low_whatever_their_weight():
    ref, ref_facts = _ref()
    cand = doc("The vote went ahead on Monday; Ines Kovac was outvoted.")
    cand_facts = mentions(cand, "Ines Kovac", "person")
    result = compare(ref, ref_facts, cand, cand_facts)
    missing = {d.message: d.severity for d in result.discrepancies if d.kind == "missing_entity"}
    assert missing == {
        "The reference names Riverton Council 3 times; the candidate never does.": "low",
        "The reference names Maria Santos twice; the candidate never does.": "low",
        "The reference names Northwind Steel once; the candidate never does.": "low",
    }


def test_a_name_written_in_the_candidate_counts_even_when_not_extracted():
    ref, ref_facts = _ref()
    cand = doc(
        "Riverton Council voted. Maria Santos defended it; Northwind Steel and Ines Kovac did not."
    )
    result = compare(ref, ref_facts, cand, mentions(cand, "Riverton Council", "org"))
    assert [d for d in result.discrepancies if d.kind == "missing_entity"] == []


def test_a_name_in_another_script_matches_through_its_key():
    ref = doc("Мария Сантос открыла мост. Мария Сантос выступила.", language="ru")
    ref_facts = mentions(ref, "Мария Сантос", "person", value="mariia santos")
    cand = doc("Mariia Santos opened the bridge.")
    cand_facts = mentions(cand, "Mariia Santos", "person", value="mariia santos")
    result = compare(ref, ref_facts, cand, cand_facts)
    assert result.discrepancies == ()


def test_in_one_language_a_new_voice_or_a_name_used_twice_is_medium_a_passing_name_low():
    ref, ref_facts = _ref()
    cand = doc(
        REF + ' Consultant Hugo Lind said: "The plan is sound." The Oakfield Trust approved;'
        " the Oakfield Trust will fund it. Vera Holm watched."
    )
    cand_facts = [
        *ref_facts,
        *mentions(cand, "Hugo Lind", "person"),
        *mentions(cand, "Oakfield Trust", "org"),
        *mentions(cand, "Vera Holm", "person"),
        quote(cand, '"The plan is sound."', "Hugo Lind"),
    ]
    result = compare(ref, ref_facts, cand, cand_facts)
    added = [(d.severity, d.message) for d in result.discrepancies if d.kind == "added_entity"]
    assert added == [
        ("medium", "The candidate names Hugo Lind once and quotes them; the reference never does."),
        ("medium", "The candidate names Oakfield Trust twice; the reference never does."),
        ("low", "The candidate names Vera Holm once; the reference never does."),
    ]
    assert all(d.candidate is not None for d in result.discrepancies if d.kind == "added_entity")


def test_a_role_glued_to_a_name_the_reference_gives_is_not_a_new_name():
    ref, ref_facts = _ref()
    cand = doc("Engineer Maria Santos defended the plan before Riverton Council.")
    cand_facts = mentions(cand, "Engineer Maria Santos", "person")
    result = compare(ref, ref_facts, cand, cand_facts)
    assert [d for d in result.discrepancies if d.kind == "added_entity"] == []


def test_across_languages_only_a_new_person_with_new_words_is_medium():
    ref, ref_facts = _ref()
    cand = doc(
        "Riverton Council a voté lundi ; la maire Maria Santos a défendu le plan et Ines Kovac a"
        " voté contre, avec Northwind Steel. Le consultant Hugo Lind a déclaré : « Le plan tient"
        " la route. » La Fondation Oakfield a approuvé, selon Paul Ostrander.",
        language="fr",
    )
    cand_facts = [
        *mentions(cand, "Riverton Council", "org"),
        *mentions(cand, "Maria Santos", "person"),
        *mentions(cand, "Ines Kovac", "person"),
        *mentions(cand, "Northwind Steel", "org"),
        *mentions(cand, "Hugo Lind", "person"),
        *mentions(cand, "Fondation Oakfield", "org"),
        *mentions(cand, "Paul Ostrander", "person"),
        quote(cand, "« Le plan tient la route. »", "Hugo Lind"),
    ]
    result = compare(ref, ref_facts, cand, cand_facts)
    added = {d.message: d.severity for d in result.discrepancies if d.kind == "added_entity"}
    assert added == {
        "The candidate names Hugo Lind once and quotes them; the reference never does.": "medium",
        "The candidate names Fondation Oakfield once; the reference never does.": "low",
        "The candidate names Paul Ostrander once; the reference never does.": "low",
    }


def test_a_person_whose_quote_is_missing_is_reported_once_as_the_missing_quote():
    text = 'Maria Santos said: "The bridge is ready for traffic now." Riverton Council agreed.'
    ref = doc(text)
    ref_facts = [
        quote(ref, '"The bridge is ready for traffic now."', "Maria Santos"),
        *mentions(ref, "Maria Santos", "person"),
        *mentions(ref, "Riverton Council", "org"),
    ]
    cand = doc("Riverton Council agreed that the bridge is ready.")
    result = compare(ref, ref_facts, cand, mentions(cand, "Riverton Council", "org"))
    assert kinds(result.discrepancies) == [("missing_quote", "low")]
    assert "never names them" in result.discrepancies[0].message


def test_a_surname_stands_for_the_full_name_but_not_for_another_person():
    assert same_speaker("Nulty", "Christopher Nulty")
    assert same_speaker("Christopher Nulty", "christopher nulty")
    assert not same_speaker("Wong", "Christopher Nulty")
    assert not same_speaker("Li", "Wei Li")  # too short to trust alone
    assert not same_speaker(None, "Christopher Nulty")


def test_a_translated_organisation_is_present_through_its_proper_name():
    from factcheck.compare.entities import proper_words

    assert proper_words("Pemerintah Kabupaten Wirasena") == ["Wirasena"]
    assert proper_words("Sungai Lirang") == ["Lirang"]
    assert proper_words("Wirasena") == []  # one word: matched as written, nothing to strip


def test_a_generic_word_types_a_name_as_an_organisation_not_a_person():
    from factcheck.extract.rules.entities import find_entities
    from factcheck.models import Document

    text = "Pemerintah Kabupaten Wirasena menyetujui proyek itu bersama Sari Lestari."
    types = {f.text: f.entity_type for f in find_entities(Document("x.txt", text, "0" * 64, "id"))}
    assert types["Pemerintah Kabupaten Wirasena"] == "org"
    assert types["Sari Lestari"] == "person"


def test_a_name_written_another_way_is_not_added():
    ref = doc(
        "The Federation of American Scientists said Sri Lankans use the tilt train daily."
        " The Federation of American Scientists repeated it."
    )
    cand = doc("FAS said Sri Lanka runs the Tilt Train. FAS repeated it. Sri Lanka agreed.")
    cand_facts = [
        *mentions(cand, "FAS", "org"),
        *mentions(cand, "Sri Lanka", "org"),
        *mentions(cand, "Tilt Train", "org"),
    ]
    ref_facts = mentions(ref, "Federation of American Scientists", "org")
    result = compare(ref, ref_facts, cand, cand_facts)
    assert [d.message for d in result.discrepancies if d.kind == "added_entity"] == []


def test_headings_labels_and_lone_short_acronyms_are_not_names():
    ref, ref_facts = _ref()
    cand = doc(
        "New Search Tools Offer Consumers\n\nQUESTION: did Riverton Council vote on Monday?\n"
        "Mayor Maria Santos defended the plan. The storm was 5 MT strong."
    )
    cand_facts = [
        *mentions(cand, "New Search Tools Offer Consumers", "org"),
        *mentions(cand, "MT", "org"),
        *mentions(cand, "Maria Santos", "person"),
    ]
    result = compare(ref, ref_facts, cand, cand_facts)
    assert [d.message for d in result.discrepancies if d.kind == "added_entity"] == []


def test_a_person_named_by_surname_or_with_a_word_glued_on_is_present():
    ref = doc("Daniel Vettori bowled well. Michael Wynne approved the lease on Monday.")
    ref_facts = [
        *mentions(ref, "Daniel Vettori", "person"),
        *mentions(ref, "Michael Wynne", "person"),
    ]
    cand = doc("Vettori took three wickets. Michael Wynne Date approved the lease on Monday.")
    cand_facts = mentions(cand, "Michael Wynne Date", "person")
    result = compare(ref, ref_facts, cand, cand_facts)
    assert [d for d in result.discrepancies if "entity" in d.kind] == []


def test_names_inside_a_flattened_mail_header_or_a_long_title_case_headline_are_furniture():
    ref, ref_facts = _ref()
    cand = doc(
        "Asteroid Watchers Rule Out a Collision With the Moon in the Year After Next Summer\n\n"
        "Mayor Maria Santos defended the plan on Monday. From: Santos, Maria To: Office Date:"
        " Monday Subj: RE: Budget Notes and Harbour Funding. Thanks, Maria."
    )
    cand_facts = [
        *mentions(cand, "Asteroid Watchers", "org"),
        *mentions(cand, "Harbour Funding", "org"),
        *mentions(cand, "Budget Notes", "org"),
    ]
    result = compare(ref, ref_facts, cand, cand_facts)
    assert [d.message for d in result.discrepancies if d.kind == "added_entity"] == []


def test_a_name_in_running_prose_after_a_closed_header_field_is_still_a_name():
    ref, ref_facts = _ref()
    cand = doc(
        "Riverton Council voted on Monday and Mayor Maria Santos defended the plan. Subj: buses. "
        "The vote was close. Petra Vollmer said she would appeal, and Petra Vollmer asked for a "
        "new vote."
    )
    # The names the two share as well, as the extractor gives them: with only Petra Vollmer
    # the candidate would share nothing but words and be another story.
    cand_facts = [
        *mentions(cand, "Riverton Council", "org"),
        *mentions(cand, "Maria Santos", "person"),
        *mentions(cand, "Petra Vollmer", "person"),
    ]
    result = compare(ref, ref_facts, cand, cand_facts)
    assert [d.message for d in result.discrepancies if d.kind == "added_entity"] == [
        "The candidate names Petra Vollmer twice; the reference never does."
    ]


def test_an_acronym_counts_each_part_of_a_hyphenated_word():
    ref = doc(
        "Riverton Council voted on Monday. Leaders of the Asia-Pacific Economic Cooperation met"
        " Mayor Maria Santos, and Santos promised more buses."
    )
    ref_facts = [
        *mentions(ref, "Riverton Council", "org"),
        *mentions(ref, "Asia-Pacific Economic Cooperation", "org"),
        *mentions(ref, "Maria Santos", "person"),
    ]
    cand = doc(
        "Riverton Council voted on Monday. APEC leaders met Mayor Maria Santos; APEC praised"
        " the buses."
    )
    cand_facts = [
        *mentions(cand, "Riverton Council", "org"),
        *mentions(cand, "APEC", "org"),
        *mentions(cand, "Maria Santos", "person"),
    ]
    result = compare(ref, ref_facts, cand, cand_facts)
    assert [d.message for d in result.discrepancies if "entity" in d.kind] == []


def test_two_names_joined_by_a_hyphen_are_present_when_each_part_is():
    ref = doc("The Boeing-Air Force lease was signed. The Boeing-Air Force deal drew fire.")
    cand = doc("Boeing and the Air Force signed the lease on Monday.")
    ref_facts = mentions(ref, "Boeing-Air Force", "org")
    cand_facts = [*mentions(cand, "Boeing", "org"), *mentions(cand, "Air Force", "org")]
    result = compare(ref, ref_facts, cand, cand_facts)
    assert [d.message for d in result.discrepancies if d.kind == "missing_entity"] == []
    lost = doc("The lease was signed by Boeing on Monday.")
    result = compare(ref, ref_facts, lost, mentions(lost, "Boeing", "org"))
    assert [d.kind for d in result.discrepancies if d.kind == "missing_entity"] == [
        "missing_entity"
    ]


def test_a_name_inside_an_acronym_definition_is_present_where_the_acronym_is():
    shared = "Riverton Council voted on the pension plan on Monday; Maria Santos defended it. "
    ref = doc(
        shared + "The American Association of Retired Persons (AARP) agreed. Later the"
        " talks with Incra, the land institute, began."
    )
    cand = doc(
        shared + "AARP, the seniors lobby, agreed. Members of Incra (Instituto Nacional de"
        " Colonização e Reforma Agrária) were expected. The Ministério da Fazenda (MF) said"
        " nothing."
    )
    both = [("Riverton Council", "org"), ("Maria Santos", "person")]
    ref_facts = [
        *(f for name, kind in both for f in mentions(ref, name, kind)),
        *mentions(ref, "Retired Persons", "org"),
        *mentions(ref, "Incra", "org"),
    ]
    cand_facts = [
        *(f for name, kind in both for f in mentions(cand, name, kind)),
        *mentions(cand, "AARP", "org"),
        *mentions(cand, "Incra", "org"),
        *mentions(cand, "Instituto Nacional de Colonização", "org"),
        *mentions(cand, "Ministério da Fazenda", "org"),
    ]
    result = compare(ref, ref_facts, cand, cand_facts)
    assert [d.message for d in result.discrepancies if d.kind == "missing_entity"] == []
    added = [d.message for d in result.discrepancies if d.kind == "added_entity"]
    assert added == ["The candidate names Ministério da Fazenda once; the reference never does."]


def test_a_name_in_capitals_is_present_where_the_other_writes_it_in_title_case():
    ref = doc("BOEING WINS TANKER DEAL\n\nThe deal went to BOEING on Monday, officials said.")
    cand = doc("Boeing won the tanker deal on Monday. Boeing said little.")
    ref_facts = mentions(ref, "BOEING", "org")
    result = compare(ref, ref_facts, cand, [])
    assert [d.kind for d in result.discrepancies if d.kind == "missing_entity"] == []
    lower = doc("The boeing of bells was heard; the tanker deal was signed on Monday.")
    result = compare(ref, ref_facts, lower, [])
    assert [d.kind for d in result.discrepancies if d.kind == "missing_entity"] == [
        "missing_entity"
    ]


SHARED = [("Riverton Council", "org"), ("Maria Santos", "person"), ("Northwind Steel", "org")]


def _entity_messages(ref_text, ref_names, cand_text, cand_names):
    ref, cand = doc(ref_text), doc(cand_text)
    ref_facts = [f for name, kind in ref_names for f in mentions(ref, name, kind)]
    cand_facts = [f for name, kind in cand_names for f in mentions(cand, name, kind)]
    result = compare(ref, ref_facts, cand, cand_facts)
    return [d.message for d in result.discrepancies if "entity" in d.kind]


def test_an_organisation_written_short_word_for_word_is_present():
    short = REF + " Harbour Utd beat Lakeside on Sunday. Harbour Utd now lead the table."
    names = [*SHARED, ("Harbour Utd", "org")]
    assert _entity_messages(short, names, REF + " Harbour United won.", SHARED) == []
    assert _entity_messages(short, names, REF + " Harbour Rovers won.", SHARED) == [
        "The reference names Harbour Utd twice; the candidate never does."
    ]
    short = REF + " The Natl Grain Board met."
    names = [*SHARED, ("Natl Grain Board", "org")]
    assert _entity_messages(short, names, REF + " The National Grain Board met.", SHARED) == []


def test_a_person_is_never_matched_by_a_shortened_first_name():
    found = _entity_messages(
        REF + " Jonathan Vale spoke first. Jonathan Vale then left.",
        [*SHARED, ("Jonathan Vale", "person")],
        REF + " John Valentine spoke first.",
        [*SHARED, ("John Valentine", "person")],
    )
    assert "The reference names Jonathan Vale twice; the candidate never does." in found


def test_a_name_and_the_word_made_of_its_starts_are_one_name():
    full = REF + " Ministers of the Mercado Andino del Norte met."
    names = [*SHARED, ("Mercado Andino del Norte", "org")]
    assert _entity_messages(full, names, REF + " Ministers of Mercannor met.", SHARED) == []
    assert _entity_messages(full, names, REF + " Ministers of Andorra met.", SHARED) == [
        "The reference names Mercado Andino del Norte once; the candidate never does."
    ]
    # A word of the name is no blend of it: "Alder" is not "Al" + "der" of "Alder Dermot".
    found = _entity_messages(
        REF + " Alder Dermot Holdings bought the mill.",
        [*SHARED, ("Alder Dermot Holdings", "org")],
        REF + " Alder bought the mill.",
        [*SHARED, ("Alder", "org")],
    )
    assert any("Alder Dermot Holdings" in m for m in found)
