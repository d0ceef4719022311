"""Quote findings: empty, missing, altered and misattributed quotes, within and across languages."""

from __future__ import annotations

from factcheck.compare import compare
from factcheck.extract.rules import extract
from tests.compare.helpers import assert_evidence_true, doc, kinds, mentions, quote

REF = (
    'Mayor Maria Santos said: "The bridge will open to traffic before the summer of 2027." '
    'Engineer Tomas Berg added: "We have planned for a hard winter, not for a trade war."'
)


def _ref():
    d = doc(REF)
    facts = [
        quote(d, '"The bridge will open to traffic before the summer of 2027."', "Maria Santos"),
        quote(d, '"We have planned for a hard winter, not for a trade war."', "Tomas Berg"),
        *mentions(d, "Maria Santos", "person"),
        *mentions(d, "Tomas Berg", "person"),
    ]
    return d, facts


def test_an_empty_quote_in_the_candidate_is_high_and_names_its_speaker():
    ref, ref_facts = _ref()
    cand = doc(REF + ' Her deputy added: "", said Paolo Reyes.')
    cand_facts = [*ref_facts, quote(cand, '""', "Paolo Reyes")]
    result = compare(ref, ref_facts, cand, cand_facts)
    empty = [d for d in result.discrepancies if d.kind == "empty_quote"]
    assert len(empty) == 1
    assert empty[0].severity == "high"
    assert empty[0].candidate is not None and empty[0].candidate.text == '""'
    assert empty[0].reference is None
    assert "Paolo Reyes" in empty[0].message
    assert result.verdict == "discrepancies"


def test_quote_marks_around_punctuation_only_count_as_empty():
    ref, ref_facts = _ref()
    cand = doc(REF + " The council replied: « … ».")
    cand_facts = [*ref_facts, quote(cand, "« … »")]
    result = compare(ref, ref_facts, cand, cand_facts)
    assert kinds(result.discrepancies) == [("empty_quote", "high")]
    assert "no speaker named" in result.discrepancies[0].message


def test_an_empty_quote_in_the_reference_is_its_own_low_defect():
    base, base_facts = _ref()
    ref = doc(base.text + ' Officials said "" about the delay.')
    ref_facts = [*base_facts, quote(ref, '""')]
    result = compare(ref, ref_facts, base, base_facts)
    assert kinds(result.discrepancies) == [("empty_quote", "low")]
    found = result.discrepancies[0]
    assert found.candidate is None
    assert found.reference is not None and found.reference.text == '""'


def test_a_quoted_person_the_candidate_never_names_is_said_to_have_vanished():
    ref, ref_facts = _ref()
    cand = doc(
        'Mayor Maria Santos said: "The bridge will open to traffic before the summer of 2027."'
    )
    cand_facts = [
        quote(cand, '"The bridge will open to traffic before the summer of 2027."', "Maria Santos"),
        *mentions(cand, "Maria Santos", "person"),
    ]
    result = compare(ref, ref_facts, cand, cand_facts)
    assert kinds(result.discrepancies) == [("missing_quote", "low")]
    found = result.discrepancies[0]
    assert found.message == "The reference quotes Tomas Berg; the candidate never names them."
    assert found.reference is not None and "hard winter" in found.reference.text
    assert found.candidate is None


def test_quotes_of_a_person_the_candidate_still_names_are_low_omissions():
    text = (
        'Maria Santos said: "The bridge will open to traffic before the summer of 2027." '
        'Later Santos added: "Nobody will pay a toll to cross it."'
    )
    ref = doc(text)
    ref_facts = [
        quote(ref, '"The bridge will open to traffic before the summer of 2027."', "Maria Santos"),
        quote(ref, '"Nobody will pay a toll to cross it."', "Santos"),
        *mentions(ref, "Maria Santos", "person"),
    ]
    cand = doc("The council met on Tuesday about the bridge toll; Maria Santos was not quoted.")
    cand_facts = mentions(cand, "Maria Santos", "person")
    result = compare(ref, ref_facts, cand, cand_facts)
    assert kinds(result.discrepancies) == [("missing_quote", "low"), ("missing_quote", "low")]
    assert all("Maria Santos" in d.message for d in result.discrepancies)
    assert all("names them but carries no quote" in d.message for d in result.discrepancies)


def test_the_same_quote_under_a_surname_or_trimmed_is_not_a_finding():
    ref, ref_facts = _ref()
    cand = doc(
        'Santos promised the bridge would "open to traffic before the summer of 2027". '
        'Berg said: "We have planned for a hard winter, not for a trade war."'
    )
    cand_facts = [
        quote(cand, '"open to traffic before the summer of 2027"', "Santos"),
        quote(cand, '"We have planned for a hard winter, not for a trade war."', "Berg"),
    ]
    result = compare(ref, ref_facts, cand, cand_facts)
    assert [d.kind for d in result.discrepancies if "quote" in d.kind] == []


def test_a_short_unattributed_phrase_in_marks_is_no_quotation():
    # A term, a title or a scare quote nobody is said to speak: dropping or adding it is no
    # quote finding (on the judged Wikinews findings such phrases were file names, headings
    # and search terms as often as words someone said).
    text = REF + ' Critics call it a "vanity project".'
    ref = doc(text)
    _, base_facts = _ref()
    ref_facts = [*base_facts, quote(ref, '"vanity project"')]
    cand, cand_facts = _ref()
    assert not compare(ref, ref_facts, cand, cand_facts).discrepancies
    assert not compare(cand, cand_facts, ref, ref_facts).discrepancies


def test_a_short_phrase_a_named_speaker_uses_is_a_low_fragment():
    text = REF + ' Berg called the plan "a vanity project".'
    ref = doc(text)
    _, base_facts = _ref()
    ref_facts = [*base_facts, quote(ref, '"a vanity project"', "Tomas Berg")]
    cand, cand_facts = _ref()
    result = compare(cand, cand_facts, ref, ref_facts)
    assert kinds(result.discrepancies) == [("added_quote", "low")]
    assert "vanity project" in result.discrepancies[0].message


def test_changed_words_from_the_same_speaker_are_an_altered_quote():
    ref, ref_facts = _ref()
    cand = doc(
        'Mayor Maria Santos said: "The bridge will open to traffic before the winter of 2028." '
        'Engineer Tomas Berg added: "We have planned for a hard winter, not for a trade war."'
    )
    cand_facts = [
        quote(cand, '"The bridge will open to traffic before the winter of 2028."', "Maria Santos"),
        quote(cand, '"We have planned for a hard winter, not for a trade war."', "Tomas Berg"),
        *mentions(cand, "Maria Santos", "person"),
        *mentions(cand, "Tomas Berg", "person"),
    ]
    result = compare(ref, ref_facts, cand, cand_facts)
    assert kinds(result.discrepancies) == [("altered_quote", "high")]
    found = result.discrepancies[0]
    assert "Maria Santos" in found.message and "winter of 2028" in found.message
    assert found.reference is not None and "summer of 2027" in found.reference.text
    assert found.candidate is not None and "winter of 2028" in found.candidate.text
    assert_evidence_true(result.discrepancies, ref, cand)


FILLER = " ".join(["The council debated the budget line by line for the whole evening."] * 5)


def test_the_same_words_given_to_another_named_speaker_are_misattributed():
    ref, ref_facts = _ref()
    cand = doc(
        'Engineer Tomas Berg said: "The bridge will open to traffic before the summer of 2027." '
        + FILLER
        + ' Mayor Maria Santos later spoke. "We have planned for a hard winter, not for a trade'
        ' war," Tomas Berg added.'
    )
    cand_facts = [
        quote(cand, '"The bridge will open to traffic before the summer of 2027."', "Tomas Berg"),
        quote(cand, '"We have planned for a hard winter, not for a trade war,"', "Tomas Berg"),
        *mentions(cand, "Maria Santos", "person"),
        *mentions(cand, "Tomas Berg", "person"),
    ]
    result = compare(ref, ref_facts, cand, cand_facts)
    assert kinds(result.discrepancies) == [("misattributed_quote", "high")]
    found = result.discrepancies[0]
    assert found.message == (
        "The candidate gives Tomas Berg the words the reference attributes to Maria Santos:"
        " “The bridge will open to traffic before the summer of 2027.”."
    )
    assert found.candidate is not None and found.candidate.text.startswith('"The bridge')


def test_no_misattribution_when_the_reference_speaker_is_named_next_to_the_quote():
    ref, ref_facts = _ref()
    # The extractor took the next sentence's name as the speaker; Santos stands right before.
    cand = doc(
        'Maria Santos said: "The bridge will open to traffic before the summer of 2027." '
        "Tomas Berg nodded."
    )
    cand_facts = [
        quote(cand, '"The bridge will open to traffic before the summer of 2027."', "Tomas Berg"),
        *mentions(cand, "Maria Santos", "person"),
        *mentions(cand, "Tomas Berg", "person"),
    ]
    result = compare(ref, ref_facts, cand, cand_facts)
    assert [d.kind for d in result.discrepancies] == ["missing_quote"]  # Berg's own quote


def test_a_role_instead_of_a_name_is_not_a_misattribution():
    ref, ref_facts = _ref()
    cand = doc(
        'The mayor said: "The bridge will open to traffic before the summer of 2027." '
        'Tomas Berg added: "We have planned for a hard winter, not for a trade war."'
    )
    cand_facts = [
        quote(cand, '"The bridge will open to traffic before the summer of 2027."', "the mayor"),
        quote(cand, '"We have planned for a hard winter, not for a trade war."', "Tomas Berg"),
    ]
    result = compare(ref, ref_facts, cand, cand_facts)
    assert [d.kind for d in result.discrepancies if "quote" in d.kind] == []


def test_across_languages_the_speaker_aligns_quotes_and_rules_do_not_call_them_altered():
    ref, ref_facts = _ref()
    cand = doc(
        "La maire Maria Santos a déclaré : « Le pont ouvrira à la circulation avant l'été 2027. »"
        " L'ingénieur Tomas Berg a ajouté : « Nous avons prévu un hiver rude, pas une guerre"
        " commerciale. »",
        language="fr",
    )
    cand_facts = [
        quote(cand, "« Le pont ouvrira à la circulation avant l'été 2027. »", "Maria Santos"),
        quote(
            cand, "« Nous avons prévu un hiver rude, pas une guerre commerciale. »", "Tomas Berg"
        ),
    ]
    result = compare(ref, ref_facts, cand, cand_facts)
    assert [d.kind for d in result.discrepancies if "quote" in d.kind] == []


def test_across_languages_shared_names_and_figures_align_unattributed_quotes():
    ref = doc('The statement read: "Harbour Bridge will cost 12 million euros and open in 2027."')
    ref_facts = [quote(ref, '"Harbour Bridge will cost 12 million euros and open in 2027."')]
    cand = doc(
        "Le communiqué indique : « le Harbour Bridge coûtera 12 millions d'euros et ouvrira en"
        " 2027 ».",
        language="fr",
    )
    cand_facts = [
        quote(
            cand,
            "« le Harbour Bridge coûtera 12 millions d'euros et ouvrira en 2027 »",
        )
    ]
    result = compare(ref, ref_facts, cand, cand_facts)
    assert result.discrepancies == ()
    unrelated = doc("Le maire a dit : « rien ne changera cette année ».", language="fr")
    other = compare(
        ref, ref_facts, unrelated, [quote(unrelated, "« rien ne changera cette année »")]
    )
    assert kinds(other.discrepancies) == [("missing_quote", "low")]


def test_a_role_speaker_next_to_the_reference_speakers_name_carries_the_quote():
    ref, ref_facts = _ref()
    cand = doc(
        "« Le pont ouvrira avant l'été 2027 », a dit la maire, Maria Santos. « Nous avons prévu un"
        " hiver rude », a ajouté l'ingénieur Tomas Berg.",
        language="fr",
    )
    cand_facts = [
        quote(cand, "« Le pont ouvrira avant l'été 2027 »", "la maire"),
        quote(cand, "« Nous avons prévu un hiver rude »", "Tomas Berg"),
    ]
    result = compare(ref, ref_facts, cand, cand_facts)
    assert [d.kind for d in result.discrepancies if "quote" in d.kind] == []


def _translation(first_speaker: str, first_words: str) -> tuple:
    """A Spanish retelling of REF, sentence for sentence, with the first quote given to
    `first_speaker` in `first_words`."""
    cand = doc(
        f'{first_speaker} dijo: "{first_words}" '
        'El ingeniero Tomas Berg añadió: "Nos preparamos para un invierno duro, no para una guerra'
        ' comercial."',
        language="es",
    )
    facts = [
        quote(cand, f'"{first_words}"', first_speaker),
        quote(
            cand,
            '"Nos preparamos para un invierno duro, no para una guerra comercial."',
            "Tomas Berg",
        ),
        *mentions(cand, first_speaker, "person"),
        *mentions(cand, "Tomas Berg", "person"),
    ]
    return cand, facts


def test_across_languages_a_faithful_translation_has_no_quote_finding():
    ref, ref_facts = _ref()
    cand, cand_facts = _translation(
        "La alcaldesa Maria Santos", "El puente se abrirá al tráfico antes del verano de 2027."
    )
    result = compare(ref, ref_facts, cand, cand_facts)
    assert [d for d in result.discrepancies if "quote" in d.kind] == []


def test_across_languages_a_negated_quote_is_altered():
    ref, ref_facts = _ref()
    cand, cand_facts = _translation(
        "La alcaldesa Maria Santos", "El puente no se abrirá al tráfico antes del verano de 2027."
    )
    result = compare(ref, ref_facts, cand, cand_facts)
    assert kinds(result.discrepancies) == [("altered_quote", "high")]
    found = result.discrepancies[0]
    assert "negates" in found.message
    assert found.candidate is not None and "no se abrirá" in found.candidate.text


def test_across_languages_a_quote_given_to_another_person_of_the_story_is_misattributed():
    ref, ref_facts = _ref()
    cand, cand_facts = _translation(
        "Tomas Berg", "El puente se abrirá al tráfico antes del verano de 2027."
    )
    result = compare(ref, ref_facts, cand, cand_facts)
    found = [d for d in result.discrepancies if d.severity == "high"]
    assert [d.kind for d in found] == ["misattributed_quote"]
    assert "Tomas Berg" in found[0].message and "Maria Santos" in found[0].message


def test_a_quote_only_the_candidate_carries_is_added_at_medium():
    ref, ref_facts = _ref()
    cand = doc(REF + ' Santos also said: "Tolls will double next year."')
    cand_facts = [*ref_facts, quote(cand, '"Tolls will double next year."', "Santos")]
    result = compare(ref, ref_facts, cand, cand_facts)
    assert kinds(result.discrepancies) == [("added_quote", "medium")]
    assert result.discrepancies[0].candidate.text == '"Tolls will double next year."'


def test_words_the_reference_states_without_marks_are_not_an_added_quote():
    text = REF + " Santos said tolls will double next year."
    ref = doc(text)
    ref_facts = _ref()[1]
    cand = doc(REF + ' Santos said: "tolls will double next year".')
    cand_facts = [*ref_facts, quote(cand, '"tolls will double next year"', "Santos")]
    result = compare(ref, ref_facts, cand, cand_facts)
    assert [d for d in result.discrepancies if d.kind == "added_quote"] == []


def test_the_same_words_carried_without_quotation_marks_are_not_a_missing_quote():
    ref, ref_facts = _ref()
    cand = doc(
        "Mayor Maria Santos said the bridge will open to traffic before the summer of 2027. "
        'Engineer Tomas Berg added: "We have planned for a hard winter, not for a trade war."'
    )
    cand_facts = [
        quote(cand, '"We have planned for a hard winter, not for a trade war."', "Tomas Berg"),
        *mentions(cand, "Maria Santos", "person"),
        *mentions(cand, "Tomas Berg", "person"),
    ]
    result = compare(ref, ref_facts, cand, cand_facts)
    assert "missing_quote" not in {d.kind for d in result.discrepancies}


def _translated(bridge: str) -> list:
    cand = doc(
        f"La maire Maria Santos a déclaré : « {bridge} » "
        "L'ingénieur Tomas Berg a ajouté : « Nous avons prévu un hiver rude, pas une guerre "
        "commerciale. »",
        language="fr",
    )
    facts = [
        quote(cand, f"« {bridge} »", "Maria Santos"),
        quote(
            cand,
            "« Nous avons prévu un hiver rude, pas une guerre commerciale. »",
            "Tomas Berg",
        ),
        *mentions(cand, "Maria Santos", "person"),
        *mentions(cand, "Tomas Berg", "person"),
    ]
    return [cand, facts]


def test_across_languages_a_faithful_translation_is_the_same_quote():
    ref, ref_facts = _ref()
    cand, cand_facts = _translated("Le pont ouvrira à la circulation avant l'été 2027.")
    found = kinds(compare(ref, ref_facts, cand, cand_facts).discrepancies)
    assert not [k for k in found if "quote" in k[0]]


def test_across_languages_a_changed_figure_inside_the_quote_alters_it():
    ref, ref_facts = _ref()
    cand, cand_facts = _translated("Le pont ouvrira à la circulation avant l'été 2029.")
    result = compare(ref, ref_facts, cand, cand_facts)
    altered = [d for d in result.discrepancies if d.kind == "altered_quote"]
    assert len(altered) == 1 and altered[0].severity == "high"
    assert "2027 became 2029" in altered[0].message
    assert_evidence_true(result.discrepancies, ref, cand)


def test_across_languages_a_quote_given_to_another_named_person_is_misattributed():
    # A translation, sentence for sentence; the second quote is given to someone else.
    ref = doc(
        "The council approved 40 million euros for the bridge on 3 March. "
        'Mayor Maria Santos said: "The bridge will open before the summer of 2027." '
        "Works start in April with 120 workers and 14 cranes. "
        'Engineer Tomas Berg added: "We planned for a hard winter, not for a trade war." '
        "The prefect signed the order with 12 conditions and 3 fines. "
        "Traffic will be cut for 9 weeks on the 55 road."
    )
    cand = doc(
        "Le conseil a approuvé 40 millions d'euros pour le pont le 3 mars. "
        "La maire Maria Santos a déclaré : « Le pont ouvrira avant l'été 2027. » "
        "Les travaux commencent en avril avec 120 ouvriers et 14 grues. "
        "Paolo Reyes a ajouté : « Nous avons prévu un hiver rude, pas une guerre commerciale. » "
        "Le préfet Paolo Reyes a signé l'arrêté avec 12 conditions et 3 amendes. "
        "La circulation sera coupée pendant 9 semaines sur la route 55.",
        language="fr",
    )
    ref_facts, cand_facts = extract(ref), extract(cand)
    result = compare(ref, ref_facts, cand, cand_facts)
    wrong = [d for d in result.discrepancies if d.kind == "misattributed_quote"]
    assert len(wrong) == 1 and wrong[0].severity == "high"
    assert "Paolo Reyes" in wrong[0].message and "Tomas Berg" in wrong[0].message


def test_a_role_on_one_side_is_not_a_misattribution():
    ref = doc('"This is not golf," Gregoire\'s spokesman said. Gregoire won.')
    cand = doc('"This is not golf," said Morton Brilliant. Christine Gregoire won.')
    ref_facts = [
        quote(ref, '"This is not golf,"', "Gregoire's spokesman"),
        *mentions(ref, "Gregoire", "person"),
    ]
    cand_facts = [
        quote(cand, '"This is not golf,"', "Morton Brilliant"),
        *mentions(cand, "Morton Brilliant", "person"),
        *mentions(cand, "Christine Gregoire", "person"),
    ]
    found = {d.kind for d in compare(ref, ref_facts, cand, cand_facts).discrepancies}
    assert "misattributed_quote" not in found


def test_a_short_term_nobody_speaks_carried_without_marks_is_not_missing():
    text = REF + ' Critics call the aid "a complete waste" of money.'
    ref = doc(text)
    ref_facts = [*_ref()[1], quote(ref, '"a complete waste"', None)]
    carried = doc(REF + " Critics say the aid has become a complete waste.")
    result = compare(ref, ref_facts, carried, _ref()[1])
    assert "missing_quote" not in {d.kind for d in result.discrepancies}
    dropped = doc(REF + " Critics say the aid is wasted.")
    result = compare(ref, ref_facts, dropped, _ref()[1])
    assert "missing_quote" not in {d.kind for d in result.discrepancies}  # nobody's words


def test_a_title_in_quotation_marks_nobody_speaks_is_no_quotation():
    reference = doc("The city launched its campaign against litter in parks on Monday.")

    def added_quotes(inserted: str) -> int:
        text = reference.text.replace("campaign", f"campaign {inserted}")
        found = compare(reference, extract(reference), doc(text), extract(doc(text)))
        return sum(d.kind == "added_quote" for d in found.discrepancies)

    assert added_quotes('"Keep Our Green Parks Clean This Summer"') == 0
    # as many words in ordinary case are a quotation the reference does not carry
    assert added_quotes('"because our parks deserve far better than this"') == 1
