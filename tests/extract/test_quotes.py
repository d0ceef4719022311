"""Quotations and speakers from the rule-based extractor, on sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.rules.quotes import (
    MAX_QUOTE_CHARS,
    MAX_QUOTE_PARAGRAPHS,
    find_quotes,
    quote_spans,
)
from factcheck.extract.rules.quotes_lexicon import LANGUAGES, lexicon, table
from factcheck.models import Document, Fact


def quotes(text: str, language: str | None = "en") -> list[Fact]:
    facts = find_quotes(Document(path="t.txt", text=text, sha256="0" * 64, language=language))
    for fact in facts:
        assert fact.kind == "quote"
        assert text[fact.start : fact.end] == fact.text
    return facts


def only(text: str, language: str | None = "en") -> Fact:
    (fact,) = quotes(text, language)
    return fact


# -- quotation marks -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('She wrote "the plan works" twice.', '"the plan works"'),
        ("She wrote “the plan works” twice.", "“the plan works”"),
        ("Sie schrieb „der Plan geht auf“ zweimal.", "„der Plan geht auf“"),
        ("Sie schrieb »der Plan geht auf« zweimal.", "»der Plan geht auf«"),
        ("Elle a écrit «le plan marche» deux fois.", "«le plan marche»"),
        ("Elle a écrit « le plan marche » deux fois.", "« le plan marche »"),
        ("Elle a écrit «\u00a0le plan marche\u00a0» deux fois.", "«\u00a0le plan marche\u00a0»"),
        ("Elle a écrit ‹ le plan › deux fois.", "‹ le plan ›"),
        ("She wrote ‘the plan works’ twice.", "‘the plan works’"),
        ("社長は「新製品を発表します」と述べた。", "「新製品を発表します」"),
        ('كتب "الخطة تعمل" مرتين.', '"الخطة تعمل"'),
        ("كتب «الخطة تعمل» مرتين.", "«الخطة تعمل»"),
        ("كتب “الخطة تعمل” مرتين.", "“الخطة تعمل”"),
    ],
)
def test_every_quotation_style_is_found_with_its_marks(text: str, quoted: str) -> None:
    fact = only(text, language=None)
    assert fact.text == quoted
    assert fact.start == text.index(quoted)
    assert fact.value == " ".join(quoted[1:-1].split())


def test_value_collapses_whitespace_and_keeps_inner_punctuation() -> None:
    fact = only("Il a dit : «\u202fNous\u00a0irons  jusqu’au bout.\u202f»", "fr")
    assert fact.value == "Nous irons jusqu’au bout."


@pytest.mark.parametrize(
    "text",
    [
        "Il dit qu’Anthropic a coupé l’accès aux modèles.",
        "We don’t know, and they won’t say; it’s the students’ choice.",
        "L'atelier d'Arles a rouvert aujourd'hui.",
    ],
)
def test_apostrophes_are_not_quotes(text: str) -> None:
    assert quotes(text, language=None) == []


def test_single_quotes_around_a_phrase_beside_apostrophes() -> None:
    fact = only("She called it ‘a mistake we don’t repeat’ and left.")
    assert fact.value == "a mistake we don’t repeat"


def test_nested_quote_stays_inside_the_outer_fact() -> None:
    text = "“He told me ‘never again’ today,” said Ann Lee."
    fact = only(text)
    assert fact.text == "“He told me ‘never again’ today,”"
    assert fact.value == "He told me ‘never again’ today,"
    assert fact.speaker == "Ann Lee"


def test_french_quote_nested_in_guillemets() -> None:
    fact = only("Il a ajouté : « On m’a dit “jamais” hier. »", "fr")
    assert fact.value == "On m’a dit “jamais” hier."


def test_quote_spanning_a_line_break() -> None:
    text = 'Ann Lee said: "this goes\non and on." Then she left.'
    fact = only(text)
    assert fact.text == '"this goes\non and on."'
    assert fact.value == "this goes on and on."
    assert fact.speaker == "Ann Lee"


def test_unbalanced_mark_stops_at_a_paragraph_break() -> None:
    text = 'He said "oops and never closed it.\n\nLater a "real" one.\n'
    (fact,) = quotes(text)
    assert fact.value == "real"


def test_unbalanced_straight_quote_does_not_pair_with_the_next_line() -> None:
    text = 'First line "left open\nSecond line has "its own" quote.'
    (fact,) = quotes(text)
    assert fact.text == '"its own"'


def test_unbalanced_curly_quote_does_not_swallow_the_article() -> None:
    text = "A “stray mark " + "word " * (MAX_QUOTE_CHARS // 4) + "end” here."
    assert quotes(text) == []


def test_stray_closing_inch_mark_is_ignored() -> None:
    text = 'A 5" screen and a "real" quote.'
    (fact,) = quotes(text)
    assert fact.text == '"real"'


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", 'He said "today we celebrate the 787". Then he left.'),
        ("es", 'Dijo que "Hoy es un gran día.\n\nHoy celebramos el 787".\n'),
        ("it", 'Ha detto: "Oggi è un grande giorno.\n\nOggi festeggiamo il 787".\n'),
        ("nl", 'Hij zei: "Vandaag is een grote dag.\n\nVandaag vieren we de 787".\n'),
        ("fr", 'Il a dit : "Aujourd\'hui est un grand jour pour le 787", puis il est parti.'),
        ("de", 'Er sagte: "Heute ist ein großer Tag für die 787". Dann ging er.'),
    ],
)
def test_a_quotation_ending_in_a_figure_closes_before_punctuation(language: str, text: str) -> None:
    (fact,) = quotes(text, language)
    assert fact.text.endswith('787"')


def test_empty_and_punctuation_only_quotes_have_empty_value() -> None:
    facts = quotes('They wrote "" and then "..." and " , ".')
    assert [f.text for f in facts] == ['""', '"..."', '" , "']
    assert [f.value for f in facts] == ["", "", ""]


def test_markup_is_not_quoted_speech() -> None:
    text = '---\ntitle: "A headline"\n---\n<a href="https://x.example/">link</a> and "real".'
    (fact,) = quotes(text)
    assert fact.value == "real"


def test_quote_spans_returns_outermost_spans_in_order() -> None:
    text = "«a “b” c» then «d»"
    assert quote_spans(text) == [(0, 9), (15, 18)]


# -- speakers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "speaker", "verb"),
    [
        # English
        ("en", 'Maria Lopez, a spokesperson, said: "We are reviewing it."', "Maria Lopez", "said"),
        ("en", '"Prices will rise," said Tom Baker.', "Tom Baker", "said"),
        ("en", 'Tom Baker runs a shop. "Prices will rise," Baker said.', "Tom Baker", "said"),
        ("en", 'According to the company, "no data was lost."', "the company", "According to"),
        ("en", 'The spokesperson told reporters: "No comment."', "The spokesperson", "told"),
        ("en", '"We are done," the spokesperson added.', "the spokesperson", "added"),
        ("en", 'Prime Minister Ann Lee said: "A good day."', "Ann Lee", "said"),
        ("id", 'Presiden Joko Widodo mengatakan, "Kita bekerja."', "Joko Widodo", "mengatakan"),
        # French
        ("fr", "« C’est fini », a déclaré la société.", "la société", "a déclaré"),
        ("fr", "Le ministre a affirmé : « Nous irons au bout. »", "Le ministre", "a affirmé"),
        (
            "fr",
            "Paul Martin, PDG du groupe, a notamment averti qu’un « krach » arrive.",
            "Paul Martin",
            "a notamment averti",
        ),
        ("fr", "Selon l’avocat, « rien n’est joué ».", "l’avocat", "Selon"),
        (
            "fr",
            "Marie Curie, chercheuse, souligne : « La preuve compte. »",
            "Marie Curie",
            "souligne",
        ),
        ("fr", "‹ Oui ›, a dit Paul Martin.", "Paul Martin", "a dit"),
        # Indonesian
        (
            "id",
            'Juru bicara Polri, Budi Santoso, dalam keterangannya menegaskan: "Kasus ditangani."',
            "Budi Santoso",
            "menegaskan",
        ),
        (
            "id",
            '"Kami siap," kata juru bicara perusahaan dalam rilisnya.',
            "juru bicara perusahaan",
            "kata",
        ),
        ("id", "“Harga naik,” ujar Andi Wijaya di Jakarta.", "Andi Wijaya", "ujar"),
        ("id", 'Menurut pihak kampus, "ujian tetap berjalan".', "pihak kampus", "Menurut"),
        # Arabic
        ("ar", 'وقال المتحدث باسم الشركة: "نحن ملتزمون بالسلامة"', "المتحدث باسم الشركة", "وقال"),
        ("ar", "«القرار نهائي»، قالت سارة أحمد.", "سارة أحمد", "قالت"),
        ("ar", 'بحسب الوزارة، "لا توجد إصابات".', "الوزارة", "بحسب"),
        ("ar", "وأكد مسؤول في الوزارة إن «الوضع مستقر».", "مسؤول", "وأكد"),
        # Spanish, German, Portuguese
        ("es", '"Vamos a recurrir", dijo Ana Torres.', "Ana Torres", "dijo"),
        ("es", 'Según la empresa, "no hubo fuga".', "la empresa", "Según"),
        ("de", "„Wir prüfen das“, sagte der Sprecher.", "der Sprecher", "sagte"),
        ("de", "Laut Konzernchef Jens Weber: „Das Ziel bleibt.“", "Jens Weber", "Laut"),
        ("de", "Der Sprecher sagte: »Wir bleiben dabei.«", "Der Sprecher", "sagte"),
        ("pt", '"Vamos recorrer", disse o porta-voz.', "o porta-voz", "disse"),
        ("pt", "Segundo Carla Souza, “o prazo acabou”.", "Carla Souza", "Segundo"),
        # Italian: the verb after the quote, before it, and "according to"
        ("it", '"I conti tornano", ha dichiarato Marco Bianchi.', "Marco Bianchi", "ha dichiarato"),
        (
            "it",
            "«Siamo pronti», ha aggiunto la Sig.ra Giulia Rossi.",
            "Giulia Rossi",
            "ha aggiunto",
        ),
        ("it", '"Il cantiere riapre", dice il portavoce.', "il portavoce", "dice"),
        ("it", 'Marco Bianchi ha detto: "I conti tornano."', "Marco Bianchi", "ha detto"),
        (
            "it",
            'Il portavoce Marco Bianchi ha poi spiegato: "Il cantiere riapre."',
            "Marco Bianchi",
            "ha poi spiegato",
        ),
        ("it", "Secondo il Dott. Luca Neri, «la cura funziona».", "Luca Neri", "Secondo"),
        # Dutch
        ("nl", '"De fabriek gaat dicht," zei Jan de Vries.', "Jan de Vries", "zei"),
        (
            "nl",
            "“Wij betalen alles terug,” verklaarde de woordvoerder.",
            "de woordvoerder",
            "verklaarde",
        ),
        (
            "nl",
            '"Niemand raakt zijn baan kwijt," aldus dhr. Pieter Bakker van de vakbond.',
            "Pieter Bakker",
            "aldus",
        ),
        ("nl", 'Jan de Vries zei: "De fabriek gaat dicht."', "Jan de Vries", "zei"),
        ("nl", 'Daarna zei woordvoerder Pieter Bakker: "Geen commentaar."', "Pieter Bakker", "zei"),
        ("nl", 'Volgens mevr. Anouk Janssen is het "een zwarte dag".', "Anouk Janssen", "Volgens"),
    ],
)
def test_speaker_and_reporting_verb(language: str, text: str, speaker: str, verb: str) -> None:
    fact = only(text, language)
    assert fact.speaker == speaker
    assert fact.context == verb


def test_surname_resolves_to_the_full_name_given_earlier() -> None:
    text = 'Andi Wijaya memimpin rapat. Wijaya menyatakan bahwa pemerintah akan "terus mengawasi".'
    fact = only(text, "id")
    assert (fact.speaker, fact.context, fact.value) == (
        "Andi Wijaya",
        "menyatakan",
        "terus mengawasi",
    )


def test_empty_quote_attributed_by_surname() -> None:
    text = 'Dario Ricci dirige la firme. Il l’a redit : "", a déclaré Ricci.'
    fact = only(text, "fr")
    assert (fact.value, fact.speaker, fact.context) == ("", "Dario Ricci", "a déclaré")


def test_empty_quote_without_attribution() -> None:
    text = 'Selon la firme, elle travaille afin "" et publie ses résultats.'
    fact = only(text, "fr")
    assert (fact.value, fact.speaker) == ("", None)


def test_unattributed_quoted_phrase_has_no_speaker() -> None:
    text = 'Users may not "resell the service" or "copy the models" under the terms.'
    facts = quotes(text)
    assert [(f.value, f.speaker) for f in facts] == [
        ("resell the service", None),
        ("copy the models", None),
    ]


def test_pronoun_verb_points_back_to_the_last_named_speaker() -> None:
    text = 'Siti Rahma mengatakan: "Acara dimulai pukul tujuh." "Semua siap," katanya.'
    first, second = quotes(text, "id")
    assert first.speaker == "Siti Rahma"
    assert (second.speaker, second.context) == ("Siti Rahma", "katanya")


def test_french_inverted_pronoun() -> None:
    text = "Léa Morel a dit : « On avance. » Puis : « On tiendra », a-t-elle ajouté."
    first, second = quotes(text, "fr")
    assert second.speaker == first.speaker == "Léa Morel"
    assert second.context == "a-t-elle ajouté"


def test_pronoun_without_an_earlier_quote_points_to_the_last_person_named() -> None:
    text = "Jean Dupont est arrivé hier. « Merci à tous », a-t-il déclaré."
    assert only(text, "fr").speaker == "Jean Dupont"


def test_english_pronoun_after_the_quote() -> None:
    text = 'Sarah Connor spoke on Monday. "We will rebuild," she said. "It takes time," she added.'
    assert [(f.speaker, f.context) for f in quotes(text)] == [
        ("Sarah Connor", "said"),
        ("Sarah Connor", "added"),
    ]


def test_second_quote_joined_by_and_shares_the_speaker() -> None:
    text = 'Ana Torres dijo que el plan es "justo" y "necesario".'
    facts = quotes(text, "es")
    assert [(f.value, f.speaker) for f in facts] == [
        ("justo", "Ana Torres"),
        ("necesario", "Ana Torres"),
    ]


def test_a_previous_sentence_does_not_attribute_the_quote() -> None:
    text = 'Tom Baker said the plan failed. Critics agreed. "It was doomed from the start."'
    assert only(text).speaker is None


def test_unknown_language_uses_every_language() -> None:
    fact = only('"Kami siap," kata Budi Santoso.', language=None)
    assert fact.speaker == "Budi Santoso"


def test_a_word_that_means_something_else_in_another_language_is_not_a_verb() -> None:
    # "laut" is German for "according to" but Indonesian for "sea".
    fact = only('Kapal berlayar ke laut lepas, "tanpa izin".', "id")
    assert fact.speaker is None


def test_every_language_of_the_table_is_read() -> None:
    languages = table()["languages"]
    assert set(languages) == set(LANGUAGES)
    for language in LANGUAGES:
        entry = languages[language]
        verb = entry["verbs"][0]
        found = lexicon(language).say.match(verb + " ", 0)
        assert found is not None and found.group() == verb, language


@pytest.mark.parametrize(
    ("language", "text", "verb"),
    [
        # The subject left out: the last person named said it.
        ("it", 'Giulia Rossi guida la società.\n\n"Non ci fermeremo", ha aggiunto.', "ha aggiunto"),
        ("it", 'Giulia Rossi guida la società. Infatti dichiara: "Non ci fermeremo."', "dichiara"),
        ("es", 'Giulia Rossi dirige la empresa. "No pararemos", añadió.', "añadió"),
        (
            "it",
            'Giulia Rossi guida la società. "Andiamo avanti", ha detto ai giornalisti.',
            "ha detto",
        ),
        # A Dutch separable verb with its subject inside.
        ("nl", "Giulia Rossi leidt het bedrijf. “We gaan door,” voegde ze toe.", "voegde ze toe"),
        ("nl", "Giulia Rossi leidt het bedrijf. “We gaan door,” voegde ze eraan toe.", "voegde"),
    ],
)
def test_speaker_left_out_or_inside_the_verb(language: str, text: str, verb: str) -> None:
    fact = only(text, language)
    assert (fact.speaker, fact.context) == ("Giulia Rossi", verb)


@pytest.mark.parametrize(
    "text",
    [
        'Ana Torres, vicepresidenta ejecutiva de Iberflot, respondió: "Volveremos a volar."',
        'Ana Torres vicepresidenta ejecutiva de Iberflot respondió: "Volveremos a volar."',
        'La vicepresidenta ejecutiva de Iberflot, Ana Torres, respondió: "Volveremos a volar."',
    ],
)
def test_name_with_its_role_before_the_verb(text: str) -> None:
    assert only(text, "es").speaker == "Ana Torres"


def test_name_after_an_adverbial_is_not_a_left_out_subject() -> None:
    text = (
        'Ana Torres habló primero.\n\n"Estamos listos", dijo con entusiasmo Pedro Sanz, director.'
    )
    assert only(text, "es").speaker == "Pedro Sanz"


def test_initials_and_honorifics_belong_to_the_name() -> None:
    fact = only('"The audit found errors," said Michael R. Smith, the agency\'s counsel.')
    assert fact.speaker == "Michael R. Smith"
    text = 'Dott. Luca Neri dirige il reparto.\n\n"La cura funziona", ha detto il Dott. Neri.'
    assert only(text, "it").speaker == "Luca Neri"


def test_a_possessive_is_not_the_speaker() -> None:
    text = 'The union disagreed. "It is a mistake," said Ms. Lee\'s lawyer, Tom Baker.'
    assert only(text).speaker == "Tom Baker"


# -- quotations over several paragraphs --------------------------------------------------------


def test_quote_over_paragraphs_with_the_opening_mark_repeated() -> None:
    text = (
        "Ann Lee, the mayor, spoke on Monday.\n\n"
        "“We will rebuild the bridge.\n\n"
        "“It will take two years.\n\n"
        "“Nobody will pay a toll,” she said.\n\n"
        "The council meets again in May."
    )
    fact = only(text)
    assert fact.start == text.index("“We")
    assert fact.end == text.index("she said") - 1
    assert fact.text == text[fact.start : fact.end]
    assert (
        fact.value == "We will rebuild the bridge. It will take two years. Nobody will pay a toll,"
    )
    assert (fact.speaker, fact.context) == ("Ann Lee", "said")


def test_quote_over_paragraphs_closed_only_in_the_last_one() -> None:
    # One sentence per paragraph, the opening mark not repeated (professional translations).
    text = 'Jan de Vries zei: "De fabriek gaat dicht.\n\nNiemand wist het."\n\nDe bond reageert.'
    fact = only(text, "nl")
    assert fact.value == "De fabriek gaat dicht. Niemand wist het."
    assert fact.text == '"De fabriek gaat dicht.\n\nNiemand wist het."'
    assert (fact.speaker, fact.context) == ("Jan de Vries", "zei")


def test_quote_over_paragraphs_with_straight_marks_repeated() -> None:
    text = 'Ann Lee said: "We will rebuild.\n\n"It takes time," she added.'
    fact = only(text)
    assert fact.value == "We will rebuild. It takes time,"
    assert fact.speaker == "Ann Lee"


def test_closing_mark_spaced_like_an_opener_still_closes_the_paragraphs() -> None:
    text = '"We are done.\n\nThat is all I can say, "Ann Lee said.\n\n"A new" start.'
    first, second = quotes(text)
    assert first.value == "We are done. That is all I can say,"
    assert first.speaker == "Ann Lee"
    assert second.value == "A new"


@pytest.mark.parametrize(
    "text",
    [
        # The first paragraph stops mid-sentence: an unbalanced mark, not a quotation.
        'He said "oops and never\n\nLater a "real" one.\n',
        # The next paragraph's first mark opens a quotation of its own.
        'He said "oops and never closed it.\n\nLater a "real" one.\n',
        # Marks that were not paired in the first paragraph.
        '"Stay down,” the officer shouted.\n\n"real" came next.',
    ],
)
def test_an_unclosed_mark_does_not_run_into_the_next_paragraph(text: str) -> None:
    assert [f.value for f in quotes(text)] == ["real"]


def test_a_quote_runs_over_a_bounded_number_of_paragraphs() -> None:
    body = "\n\n".join(f"Sentence {i}." for i in range(MAX_QUOTE_PARAGRAPHS + 2))
    assert quotes(f"“{body}” she said.") == []
    short = "\n\n".join(f"Sentence {i}." for i in range(MAX_QUOTE_PARAGRAPHS - 1))
    assert only(f"“{short}” she said.").value == " ".join(short.split())


def test_doubled_closer_after_a_nested_quote_is_not_an_empty_quote() -> None:
    # A quoted paragraph ending in a quote of its own: the second "" closes the nesting.
    text = 'Jan de Vries zei het volgende:" "Onderbreek me maar." ""\n\nDaarna ging hij weg.'
    assert [f.value for f in quotes(text, "nl")] == ["Onderbreek me maar."]
    # A real empty quote after a colon stays one.
    assert only('Il a dit : "", a déclaré Paul Martin.', "fr").value == ""


# -- offsets, always ---------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    [*'abc XY\n\u00a0.,:"“”„«»‹›‘’‚「」', " said ", " kata ", " a déclaré ", "Ann Lee", "l’"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_every_fact_text_is_the_document_slice(text: str) -> None:
    facts = quotes(text, language=None)
    last_end = 0
    for fact in facts:
        assert fact.start >= last_end  # outermost quotes never overlap
        assert fact.end - fact.start >= 2
        assert isinstance(fact.value, str)
        last_end = fact.end


# -- the project's example articles (written for factcheck, see examples/README.md) -----------


@pytest.mark.parametrize(
    ("name", "language", "speakers"),
    [
        (
            "a1-reference-en.md",
            "en",
            ["Arman Wijaya", "Arman Wijaya", "Dewi Anggraini", "Budi Santoso"],
        ),
        (
            "a2-retelling-en.txt",
            "en",
            ["Arman Wijaya", "Arman Wijaya", "Dewi Anggraini", "Joko Prasetyo", "Ratna Halim"],
        ),
        (
            "a4-retelling-id.txt",
            "id",
            ["Arman Wijaya", "Arman Wijaya", "Dewi Anggraini", "Budi Santoso"],
        ),
        (
            "b1-reference-id.md",
            "id",
            ["Hendra Kusuma", "Sari Lestari", "Yusuf Maulana", "Maya Pratiwi"],
        ),
        ("b4-retelling-en.md", "en", ["Hendra Kusuma", "Sari Lestari", "Maya Pratiwi"]),
    ],
)
def test_example_articles_speakers(
    examples_dir, name: str, language: str, speakers: list[str]
) -> None:
    text = (examples_dir / name).read_text(encoding="utf-8")
    assert [f.speaker for f in quotes(text, language)] == speakers


def test_example_empty_quote_keeps_its_speaker(examples_dir) -> None:
    text = (examples_dir / "a3-retelling-fr.md").read_text(encoding="utf-8")
    (empty,) = [f for f in quotes(text, "fr") if f.value == ""]
    assert (empty.speaker, empty.context) == ("Budi Santoso", "a déclaré")


def test_a_defined_term_in_quotation_marks_is_not_a_quotation() -> None:
    text = (
        'The American Telephone and Telegraph Co. ("AT&T") licensed the code. It resembles '
        '"Distributed Denial of Service" attacks (DDoS). "We agree," said Jo Smith (the chair).'
    )
    found = find_quotes(Document(path="t.txt", text=text, sha256="0" * 64, language="en"))
    assert [(f.value, f.speaker) for f in found] == [("We agree,", "Jo Smith")]
