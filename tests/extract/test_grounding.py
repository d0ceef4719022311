from hypothesis import given
from hypothesis import strategies as st

from factcheck.extract.grounding import Grounder

ARTICLE = (
    "La ministre, Aline Ferrand, a déclaré : « Le pont\nrouvrira  le 3 mars. »\n\n"
    "Elle a ajouté que “les travaux coûtent 12 millions d’euros”."
)


def test_exact_evidence_is_found_at_its_offsets():
    grounder = Grounder(ARTICLE)
    start, end = grounder.locate("Aline Ferrand")
    assert ARTICLE[start:end] == "Aline Ferrand"


def test_whitespace_and_quote_variants_map_back_to_the_original_span():
    grounder = Grounder(ARTICLE)
    span = grounder.locate("« Le pont rouvrira le 3 mars. »".replace("«", '"').replace("»", '"'))
    assert span is not None
    assert ARTICLE[span[0] : span[1]] == "« Le pont\nrouvrira  le 3 mars. »"
    span = grounder.locate('"les travaux coûtent 12 millions d\'euros"')
    assert ARTICLE[span[0] : span[1]] == "“les travaux coûtent 12 millions d’euros”"


def test_evidence_not_in_the_article_is_not_found():
    grounder = Grounder(ARTICLE)
    assert grounder.locate("The bridge will reopen on 3 March.") is None
    assert grounder.locate("   ") is None


def test_the_occurrence_nearest_the_hint_wins():
    text = "Dana naik 5 persen. Lalu ... Dana naik 5 persen."
    grounder = Grounder(text)
    assert grounder.locate("Dana naik 5 persen", near=0) == (0, 18)
    assert grounder.locate("Dana naik 5 persen", near=40) == (29, 47)


@given(st.text(min_size=1, max_size=80), st.integers(0, 79), st.integers(1, 30))
def test_any_located_span_is_real_text(text, start, length):
    needle = text[start : start + length]
    span = Grounder(text).locate(needle)
    if needle.strip():
        assert span is not None
        located = text[span[0] : span[1]]
        assert located.split() == needle.strip().split() or located == needle.strip()
