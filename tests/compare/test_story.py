"""The different_story verdict: how much two articles share, beyond their main actor."""

from __future__ import annotations

from factcheck.compare import compare
from factcheck.compare.side import Side
from factcheck.compare.story import SAME_STORY, story_similarity
from tests.compare.helpers import doc, fact, mentions, quote

BRIDGE = (
    "Northwind Steel will supply the Harbour Bridge, Riverton Council said. Mayor Maria Santos"
    " and engineer Tomas Berg signed the contract with Northwind Steel on 3 March 2025 for"
    " 12 million euros. Northwind Steel shares rose."
)
STRIKE = (
    "Workers at Northwind Steel walked out over pay, union leader Ana Duarte said. Northwind Steel"
    " said output would fall; Northwind Steel shares dropped 8%. Gregor Vitt of Lakeside Union"
    " backed the strike."
)


def _bridge(text: str = BRIDGE, language: str = "en"):
    d = doc(text, language=language)
    return d, [
        *mentions(d, "Northwind Steel", "org"),
        *mentions(d, "Riverton Council", "org"),
        *mentions(d, "Maria Santos", "person"),
        *mentions(d, "Tomas Berg", "person"),
        fact(d, "date", "3 March 2025", value="2025-03-03", context="contract signed"),
        fact(d, "number", "12 million euros", value=12e6, unit="EUR", context="contract"),
    ]


def _strike(text: str = STRIKE):
    d = doc(text)
    return d, [
        *mentions(d, "Northwind Steel", "org"),
        *mentions(d, "Ana Duarte", "person"),
        *mentions(d, "Gregor Vitt", "person"),
        *mentions(d, "Lakeside Union", "org"),
        fact(d, "number", "8%", value=8.0, unit="%", context="shares dropped"),
    ]


def _score(ref, cand):
    return story_similarity(ref.document, ref.facts, cand.document, cand.facts)


def _sides(a, b):
    return Side.of("reference", a[0], a[1]), Side.of("candidate", b[0], b[1])


def test_articles_sharing_only_their_main_company_are_different_stories():
    ref, cand = _sides(_bridge(), _strike())
    assert _score(ref, cand) < SAME_STORY
    result = compare(ref.document, ref.facts, cand.document, cand.facts)
    assert result.verdict == "different_story"
    assert result.discrepancies == ()


def test_a_short_retelling_in_another_language_is_the_same_story():
    french = (
        "Northwind Steel fournira le pont, selon Riverton Council. Maria Santos a signé le contrat"
        " le 3 mars 2025."
    )
    d = doc(french, language="fr")
    facts = [
        *mentions(d, "Northwind Steel", "org"),
        *mentions(d, "Riverton Council", "org"),
        *mentions(d, "Maria Santos", "person"),
        fact(d, "date", "3 mars 2025", value="2025-03-03", context="contrat signé"),
    ]
    ref, cand = _sides(_bridge(), (d, facts))
    overlap = _score(ref, cand)
    assert overlap is not None and overlap >= SAME_STORY
    assert compare(ref.document, ref.facts, d, facts).verdict == "discrepancies"  # Berg, 12M lost


def test_a_different_story_still_reports_the_candidates_empty_quotes():
    d, facts = _strike(STRIKE + ' Ana Duarte added: "".')
    facts.append(quote(d, '""', "Ana Duarte"))
    ref = _bridge()
    result = compare(ref[0], ref[1], d, facts)
    assert result.verdict == "different_story"
    assert [(x.kind, x.severity) for x in result.discrepancies] == [("empty_quote", "high")]


def test_identical_texts_and_articles_without_names_are_never_different_stories():
    plain = doc("Nothing here names anyone.")
    assert compare(plain, [], plain, []).verdict == "consistent"
    ref, _ = _sides(_bridge(), _bridge())
    assert _score(ref, Side.of("candidate", plain, [])) == 0.0


def test_a_different_story_still_reports_a_conflict_it_can_align():
    # The strike and the bridge are different stories; the one sentence they share (the union
    # leader's meeting) states its length differently, and that conflict is still reported.
    meeting = " On 3 March 2025 Ana Duarte met the mayor for {} hours."
    pickets = (
        " Pickets were led by Ivo Rask, Uma Pell, Olga Brandt, Piet Aalders and Kai Moro."
        " The union wants a raise and threatens weekly stoppages across every plant until"
        " management reopens wage talks; furnace crews voted overwhelmingly for the walkout."
        " Customers were warned that deliveries of rolled coil could slip by several weeks,"
        " and strikers collected donations outside the gates every evening."
    )
    ref_doc, ref_facts = _strike(STRIKE + pickets + meeting.format(2))
    ref_facts += [
        *[
            m
            for name in ("Ivo Rask", "Uma Pell", "Olga Brandt", "Piet Aalders", "Kai Moro")
            for m in mentions(ref_doc, name, "person")
        ],
        fact(ref_doc, "date", "3 March 2025", value="2025-03-03", context="met"),
        fact(ref_doc, "number", "2", value=2.0, context="hours"),
    ]
    crew = (
        " The crew included Rui Lobo, Ada Fenn, Max Orr, Lea Quist and Tor Vik."
        " Engineers expect the deck sections to be lifted into place before autumn storms,"
        " and the crossing should open to traffic once inspectors approve the welds."
        " Cyclists asked for a protected lane, which planners promised to study next spring,"
        " while ferry operators fear losing passengers once commuters can drive across."
    )
    cand_doc, cand_facts = _bridge(BRIDGE + crew + meeting.format(5))
    cand_facts += [
        *[
            m
            for name in ("Rui Lobo", "Ada Fenn", "Max Orr", "Lea Quist", "Tor Vik")
            for m in mentions(cand_doc, name, "person")
        ],
        *mentions(cand_doc, "Ana Duarte", "person"),
        fact(cand_doc, "date", "3 March 2025", nth=1, value="2025-03-03", context="met"),
        fact(cand_doc, "number", "5 hours", value=5.0, context="hours"),
    ]
    result = compare(ref_doc, ref_facts, cand_doc, cand_facts)
    assert result.verdict == "different_story"
    assert [(x.kind, x.severity) for x in result.discrepancies] == [("number_mismatch", "high")]
    assert result.discrepancies[0].candidate.text == "5 hours"


def test_in_a_folder_a_few_shared_content_words_alone_are_not_one_story():
    # Two one-line reports of different floods share three words and nothing else; a fourth
    # word, or a shared place, would be evidence.
    from factcheck.compare.story import Profile, similarity

    flood = {"w:en:floods": 1, "w:en:killed": 1, "w:en:people": 1}
    a = Profile({**flood, "w:en:northern": 1, "w:en:village": 1}, "en")
    b = Profile({**flood, "w:en:coastal": 1, "w:en:towns": 1}, "en")
    weight = {t: 1.0 for t in {*a.tokens, *b.tokens}}.__getitem__
    assert similarity(a, b, weight) == 0.0
    placed = {"n:marlow": 1}
    a2 = Profile({**a.tokens, **placed}, "en", names=(("n:marlow",),))
    b2 = Profile({**b.tokens, **placed}, "en", names=(("n:marlow",),))
    weight2 = {t: 1.0 for t in {*a2.tokens, *b2.tokens}}.__getitem__
    assert similarity(a2, b2, weight2) > 0.3
    four = {**flood, "w:en:rains": 1}
    a3, b3 = Profile({**four, "w:en:north": 1}, "en"), Profile({**four, "w:en:south": 1}, "en")
    weight3 = {t: 1.0 for t in {*a3.tokens, *b3.tokens}}.__getitem__
    assert similarity(a3, b3, weight3) > 0.5


def test_a_story_retold_in_many_of_its_own_words_is_one_story_without_a_second_name():
    from factcheck.extract.rules import extract

    told = doc(
        "Kelvar Mining closed its flooded quarry after heavy rainfall breached the drainage"
        " channel overnight. Engineers inspected the collapsed retaining embankment and warned"
        " that nearby orchards remained underwater while pumping equipment arrived slowly,"
        " site manager Ilse Brandt said."
    )
    retold = doc(
        "Heavy rainfall breached a drainage channel overnight and Kelvar Mining closed the"
        " flooded quarry. Orchards nearby remained underwater; engineers inspected the"
        " embankment, and pumping equipment arrived slowly, according to inspector Paulo Rios."
    )
    topic = doc(
        "Kelvar Mining opened a training centre for apprentices, offering scholarships and"
        " evening courses in geology, surveying and safety for local students, director Ilka"
        " Moor said."
    )
    assert story_similarity(told, extract(told), retold, extract(retold)) >= 2 * SAME_STORY
    # each names someone the other does not: the words alone say it is one story
    # only the company in common: still another story
    assert story_similarity(told, extract(told), topic, extract(topic)) == 0.0


def test_an_outlets_page_furniture_does_not_make_its_stories_one():
    from factcheck.extract.rules import extract

    banner = (
        " Sign up for our newsletter and get the headlines in your inbox every morning. By"
        " clicking here you accept the privacy policy and the terms of use of Harbourside"
        " Gazette Media. Read more: All rights reserved, Harbourside Gazette Media."
    )
    ferry = doc(
        "The Marlow ferry ran aground near Kettle Point on Sunday; the 40 passengers were"
        " brought ashore by lifeboat crews." + banner
    )
    budget = doc(
        "Councillors approved the school budget after a long debate on teacher pay and new"
        " classrooms for the eastern district." + banner
    )
    assert story_similarity(ferry, extract(ferry), budget, extract(budget)) < SAME_STORY
