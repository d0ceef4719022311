"""The whole comparison: verdicts, flags, order, self-comparison and a faithful retelling."""

from __future__ import annotations

from typing import Any

from factcheck.compare import compare
from factcheck.models import SEVERITY_RANK, Fact
from tests.compare.helpers import assert_evidence_true, build, doc, fact, kinds

# An article written for these tests, and a faithful retelling of it: paragraphs reordered,
# lines reflowed, sentences lightly reworded, quotes kept word for word.
ARTICLE = """\
Riverton Council approved a budget of 12 million euros for the new Harbour Bridge on
3 March 2025, ending two years of debate.

Mayor Maria Santos said: "This bridge will join the old town to the harbour district within
three years."

Chief engineer Tomas Berg warned that steel costs could rise by 40% if prices keep climbing.
"We have planned for a hard winter, not for a trade war," Berg said.

The opposition, led by the Green Alliance, voted against. Its leader, Ines Kovac, called the
budget "a gamble with public money that the town cannot afford".

Construction is due to start in September 2025, according to Riverton Council.
"""

RETELLING = """\
On 3 March 2025, after two years of debate, Riverton Council approved a 12 million euros budget
for the new Harbour Bridge.

Steel costs could rise by 40% if prices keep climbing, chief engineer Tomas Berg warned. "We have
planned for a hard winter, not for a trade war," Berg said.

Mayor Maria Santos said: "This bridge will join the old town to the harbour district within three
years."

According to Riverton Council, construction should start in September 2025.

The Green Alliance opposition voted against; Ines Kovac, its leader, called the budget "a gamble
with public money that the town cannot afford".
"""

SPEC: list[tuple[str, str, dict[str, Any]]] = [
    ("entity", "Riverton Council", {"entity_type": "org"}),
    ("entity", "Green Alliance", {"entity_type": "org"}),
    ("entity", "Maria Santos", {"entity_type": "person"}),
    ("entity", "Tomas Berg", {"entity_type": "person"}),
    ("entity", "Ines Kovac", {"entity_type": "person"}),
    ("number", "12 million euros", {"value": 12e6, "unit": "EUR", "context": "budget"}),
    ("number", "40%", {"value": 40.0, "unit": "%", "context": "steel costs"}),
    ("date", "3 March 2025", {"value": "2025-03-03", "context": "approved budget"}),
    ("date", "September 2025", {"value": "2025-09", "context": "construction start"}),
]
# Quotes are placed by their opening words: reflowing moves their line breaks.
QUOTES = (('"This bridge', "Maria Santos"), ('"We have', "Berg"), ('"a gamble', "Ines Kovac"))


def _facts(document, spec=SPEC) -> list[Fact]:
    facts = build(document, spec)
    text = document.text
    for opener, speaker in QUOTES:
        start = text.index(opener)
        end = text.index('"', start + 1) + 1
        inner = " ".join(text[start + 1 : end - 1].split())
        facts.append(Fact("quote", text[start:end], start, end, value=inner, speaker=speaker))
    return facts


def test_an_article_compared_with_itself_is_consistent():
    article = doc(ARTICLE)
    result = compare(article, _facts(article), article, _facts(article))
    assert result.verdict == "consistent"
    assert result.discrepancies == ()
    assert len(result.reference_facts) == len(result.candidate_facts) > 10


def test_an_article_with_empty_quotes_compared_with_itself_reports_only_those():
    text = ARTICLE + 'A council spokesman added: "", and left.\n'
    article = doc(text)
    facts = [
        *_facts(article),
        fact(article, "quote", '""', value="", speaker="a council spokesman"),
    ]
    result = compare(article, facts, article, facts)
    assert kinds(result.discrepancies) == [("empty_quote", "high"), ("empty_quote", "low")]
    assert {d.kind for d in result.discrepancies} == {"empty_quote"}


def test_a_faithful_retelling_has_no_high_or_medium_finding():
    ref, cand = doc(ARTICLE), doc(RETELLING, path="retelling.txt")
    result = compare(ref, _facts(ref), cand, _facts(cand))
    assert [d for d in result.discrepancies if SEVERITY_RANK[d.severity] >= 2] == []
    assert result.verdict == "consistent"


def test_a_damaged_retelling_is_reported_worst_first_with_true_evidence():
    damaged = RETELLING.replace("40%", "60%").replace("Ines Kovac, its leader,", "its leader")
    damaged = damaged.replace('"This bridge will join', '"This bridge will connect')
    ref, cand = doc(ARTICLE), doc(damaged)
    spec = [
        item if item[1] != "40%" else ("number", "60%", item[2] | {"value": 60.0}) for item in SPEC
    ]
    cand_facts = _facts(cand, spec)
    result = compare(ref, _facts(ref), cand, cand_facts)
    assert result.verdict == "discrepancies"
    assert kinds(result.discrepancies) == [
        ("altered_quote", "high"),
        ("number_mismatch", "high"),
        ("missing_entity", "low"),
    ]
    assert "Ines Kovac" in result.discrepancies[2].message
    assert result.worst_severity() == "high"
    assert_evidence_true(result.discrepancies, ref, cand)


def test_disclaimers_become_flags_and_their_text_is_not_news():
    note = "This article was written by an AI and may contain errors (100% automated).\n"
    ref, cand = doc(ARTICLE + note), doc(ARTICLE)
    ref_facts = [
        *_facts(ref),
        fact(ref, "disclaimer", note.strip(), value="en"),
        fact(ref, "number", "100%", value=100.0, unit="%", context="automated"),
    ]
    cand_facts = [*_facts(cand)]
    result = compare(ref, ref_facts, cand, cand_facts)
    assert result.discrepancies == ()  # the 100% inside the disclaimer is not a missing figure
    assert [(f.kind, f.document, f.evidence.text) for f in result.flags] == [
        ("ai_disclaimer", "reference", note.strip())
    ]
    reverse = compare(cand, cand_facts, ref, ref_facts)
    assert [f.document for f in reverse.flags] == ["candidate"]


def test_drifted_offsets_still_give_true_evidence():
    ref = doc(ARTICLE)
    cand = doc("Tomas Berg spoke.")
    facts = [Fact("entity", "Ines Kovac", 3, 13, value="ines kovac", entity_type="person")]
    facts += [f for f in _facts(ref) if f.kind == "entity"]
    result = compare(
        ref,
        facts,
        cand,
        [fact(cand, "entity", "Tomas Berg", value="tomas berg", entity_type="person")],
    )
    assert_evidence_true(result.discrepancies, ref, cand)


def test_a_faithful_retelling_through_the_rules_extractor_has_no_high_or_medium_finding():
    from factcheck.extract.rules import extract

    ref, cand = doc(ARTICLE), doc(RETELLING, path="retelling.txt")
    ref_facts, cand_facts = extract(ref), extract(cand)
    assert any(f.kind == "quote" for f in ref_facts), "needs the quotes extractor"
    result = compare(ref, ref_facts, cand, cand_facts)
    assert [d.message for d in result.discrepancies if SEVERITY_RANK[d.severity] >= 2] == []
    assert compare(ref, ref_facts, ref, ref_facts).discrepancies == ()


def test_one_reference_read_once_compares_as_each_pair_alone(examples_dir) -> None:
    # `compare_each` shares the reference's derived views across a story's pairs; each
    # comparison must still be exactly the one `compare` makes on the pair alone, in any order.
    from factcheck.compare import compare_each
    from factcheck.extract.rules import extract
    from factcheck.load import load_document

    for story in ("a", "b"):
        paths = sorted(examples_dir.glob(f"{story}[0-9]-*"))
        articles = [(d, tuple(extract(d))) for d in (load_document(str(p)) for p in paths)]
        reference, others = articles[0], articles[1:]
        for candidates in (others, others[::-1], [others[0], others[0]]):
            alone = [compare(*reference, *c) for c in candidates]
            assert list(compare_each(*reference, candidates)) == alone
            assert any(c.discrepancies for c in alone)
