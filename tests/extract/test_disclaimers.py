"""AI-use disclosures per language group, their kinds, and the sentences that only look like one.

Every sentence here was written for these tests; none comes from ../shared/realnews.
"""

from __future__ import annotations

import json
from importlib import resources

import pytest

from factcheck.extract.rules.disclaimers import KINDS, find_disclaimers
from factcheck.extract.rules.disclosure_lexicon import fold, lexicons, literal_start, term_index
from factcheck.models import Document, Fact

LANGUAGES = (
    "ar", "cs", "de", "en", "es", "fr", "id", "it", "ja", "ko", "nl", "pl", "pt", "ru", "sv",
    "tr", "zh",
)  # fmt: skip

BODY = {
    "id": "Pemerintah kota meresmikan jembatan baru pada pagi hari. Warga menyambut gembira.",
    "fr": "La mairie a inauguré un nouveau pont ce matin. Les habitants se sont réjouis.",
    "en": "The city opened a new bridge this morning. Residents welcomed it.",
    "es": "El ayuntamiento inauguró un puente nuevo esta mañana. Los vecinos lo celebraron.",
    "pt": "A prefeitura inaugurou uma nova ponte nesta manhã. Os moradores comemoraram.",
    "de": "Die Stadt hat heute Morgen eine neue Brücke eröffnet. Die Anwohner freuten sich.",
    "it": "Il comune ha inaugurato un nuovo ponte stamattina. I residenti hanno festeggiato.",
    "nl": "De gemeente opende vanochtend een nieuwe brug. De bewoners waren blij.",
    "tr": "Belediye bu sabah yeni bir köprü açtı. Mahalle sakinleri sevindi.",
    "ar": "افتتحت البلدية جسرا جديدا صباح اليوم. ورحب السكان بالمشروع.",
    "ru": "Утром город открыл новый мост. Жители были рады.",
    "pl": "Miasto otworzyło rano nowy most. Mieszkańcy byli zadowoleni.",
    "cs": "Město ráno otevřelo nový most. Obyvatelé měli radost.",
    "sv": "Kommunen öppnade en ny bro i morse. Invånarna var glada.",
    "zh": "市政府今天上午开通了一座新桥。居民们很高兴。",
    "ja": "市は今朝、新しい橋を開通させた。住民は喜んだ。",
    "ko": "시는 오늘 아침 새 다리를 개통했다. 주민들은 반겼다.",
}

# (language, statement, kind): one self-referring statement and one label-like form per
# language group, in several word orders.
DISCLOSURES = [
    ("en", "This report was drafted by a language model and checked by our staff.", "ai_written"),
    ("en", "Written with help from ChatGPT.", "ai_assisted"),
    ("en", "This summary was automatically generated from match data.", "automated"),
    ("en", "This story was machine-translated from Spanish.", "machine_translated"),
    ("en", "Translated by DeepL and reviewed by an editor.", "machine_translated"),
    ("en", "Illustration: created with DALL-E.", "ai_image"),
    (
        "fr",
        "Ce texte a été écrit avec l'aide d'un outil d'intelligence artificielle.",
        "ai_assisted",
    ),
    ("fr", "Cette dépêche a été produite automatiquement à partir des résultats.", "automated"),
    ("fr", "Illustration générée par Midjourney.", "ai_image"),
    ("de", "Dieser Beitrag wurde automatisch übersetzt.", "machine_translated"),
    ("de", "Diese Meldung ist mit Unterstützung von KI entstanden.", "ai_assisted"),
    ("de", "Bild: KI-generiert", "ai_image"),
    (
        "es",
        "Esta noticia fue elaborada con ayuda de una IA y revisada por la redacción.",
        "ai_assisted",
    ),
    ("es", "Texto traducido automáticamente.", "machine_translated"),
    ("pt", "Esta matéria foi escrita com o auxílio de inteligência artificial.", "ai_assisted"),
    ("it", "Questo testo è stato generato con l'intelligenza artificiale.", "ai_written"),
    ("it", "Articolo tradotto automaticamente.", "machine_translated"),
    ("nl", "Deze tekst is vertaald met DeepL.", "machine_translated"),
    ("nl", "Dit stuk is gemaakt met hulp van kunstmatige intelligentie.", "ai_assisted"),
    ("id", "Berita ini disusun menggunakan kecerdasan buatan.", "ai_written"),
    ("id", "Tulisan ini diterjemahkan secara otomatis.", "machine_translated"),
    ("tr", "Bu haber yapay zeka yardımıyla hazırlanmıştır.", "ai_assisted"),
    ("tr", "Bu metin otomatik olarak çevrilmiştir.", "machine_translated"),
    ("ar", "كُتِبَ هذا الخبر بمساعدة الذكاء الإصطناعى.", "ai_assisted"),
    ("ar", "تمت ترجمة هذا النص آليا.", "machine_translated"),
    ("ru", "Эта статья написана с помощью искусственного интеллекта.", "ai_assisted"),
    ("ru", "Текст переведён автоматически.", "machine_translated"),
    ("pl", "Ten artykuł został przetłumaczony maszynowo.", "machine_translated"),
    ("pl", "Materiał przygotowany z pomocą sztucznej inteligencji.", "ai_assisted"),
    ("cs", "Tento článek byl vytvořen s pomocí umělé inteligence.", "ai_assisted"),
    ("cs", "Text byl přeložen strojově.", "machine_translated"),
    ("sv", "Den här artikeln är skriven med hjälp av AI.", "ai_assisted"),
    ("sv", "Texten har översatts automatiskt.", "machine_translated"),
    ("zh", "本文由人工智能生成。", "ai_written"),
    ("zh", "此文为机器翻译。", "machine_translated"),
    ("ja", "この記事は機械翻訳されています。", "machine_translated"),
    ("ja", "本記事は生成AIを使って作成しました。", "ai_written"),
    ("ko", "이 기사는 인공지능을 활용해 작성됐습니다.", "ai_written"),
    ("ko", "본 기사는 AI로 번역되었습니다.", "machine_translated"),
]

# Sentences about AI, about another outlet, quoted, or asking: never a disclosure.
NOT_DISCLOSURES = [
    ("en", "This article looks at how newsrooms use AI to write stories."),
    ("en", "In this article, we explain why AI-generated text is hard to spot."),
    ("en", "Claude Martin wrote this article."),
    ("en", "This article was written by Claude, a retired teacher from Lyon."),
    ("en", "This article was written by Sam Altman, chief executive of OpenAI."),
    ("en", "This story was produced in partnership with the AI Now Institute."),
    ("en", "This report was prepared under the EU AI Act rules by our staff."),
    ("en", "This story was written by Gemini Jones, our correspondent."),
    ("en", "Was this article written by AI?"),
    ("en", "Many outlets now publish stories generated by AI."),
    ("en", 'The site added a note: "This article was generated by AI."'),
    ("en", "Articles generated by AI are flooding search results, researchers say."),
    ("en", "We made the decision to automate our warehouse last year, the CEO said."),
    ("en", "The translation was automatically checked by the system."),
    ("fr", "Selon l'étude, de nombreux articles sont rédigés par l'IA."),
    ("fr", "Cet article revient sur l'usage de l'intelligence artificielle pour écrire."),
    ("fr", "« Ce texte a été écrit par une IA », a reconnu le directeur du site."),
    ("de", "Die Zeitung lässt viele Texte von einer KI schreiben."),
    ("de", "In diesem Artikel erklären wir, wie KI Texte erzeugt."),
    ("de", "Der Verlag schrieb: „Dieser Artikel wurde mit KI erstellt.“"),
    ("es", "La inteligencia artificial ya redacta noticias en muchos medios."),
    ("pt", "Muitos sites publicam textos gerados por inteligência artificial."),
    ("it", "Molti siti pubblicano articoli scritti dall'intelligenza artificiale."),
    ("nl", "Veel websites publiceren teksten die door AI zijn geschreven."),
    ("id", "Banyak media kini memakai AI untuk menulis berita."),
    ("id", "Artikel ini membahas bagaimana AI dipakai untuk menulis berita."),
    ("tr", "Birçok site yapay zeka ile yazılmış haberler yayımlıyor."),
    ("ar", "قالت الصحيفة إن مقالات كثيرة كتبت بواسطة الذكاء الاصطناعي."),
    ("ru", "Многие издания публикуют тексты, написанные нейросетью."),
    ("pl", "Wiele portali publikuje teksty napisane przez sztuczną inteligencję."),
    ("cs", "Mnoho webů zveřejňuje texty napsané umělou inteligencí."),
    ("sv", "Många sajter publicerar texter skrivna av AI."),
    ("zh", "许多媒体开始使用人工智能生成新闻。"),
    ("ja", "多くのメディアがAIで記事を作成している。"),
    ("ko", "많은 언론사가 AI로 기사를 작성하고 있다."),
]

BYLINE = {
    "id": "Artikel ini ditulis oleh wartawan kami di Surabaya.",
    "fr": "Cet article a été rédigé par notre correspondant à Lyon.",
    "en": "This article was written by our reporter in Leeds.",
    "es": "Este artículo fue escrito por nuestra corresponsal en Sevilla.",
    "pt": "Este texto foi escrito por nosso repórter em Recife.",
    "de": "Dieser Artikel wurde von unserem Korrespondenten geschrieben.",
    "it": "Questo articolo è stato scritto dal nostro inviato.",
    "nl": "Dit artikel is geschreven door onze verslaggever.",
    "tr": "Bu haber muhabirimiz tarafından yazılmıştır.",
    "ar": "كتب هذا المقال مراسلنا في القاهرة.",
    "ru": "Эту статью подготовил наш корреспондент.",
    "zh": "本文由本报记者撰写。",
}


def doc(text: str, language: str | None) -> Document:
    return Document(path="t.txt", text=text, sha256="0" * 64, language=language)


def disclaimers(text: str, language: str | None) -> list[Fact]:
    document = doc(text, language)
    found = find_disclaimers(document)
    for fact in found:
        assert fact.kind == "disclaimer"
        assert fact.disclosure in KINDS
        assert document.text[fact.start : fact.end] == fact.text
    return found


def place(statement: str, language: str, position: str) -> str:
    body = BODY[language]
    if position == "start":
        return f"{statement}\n\n{body}\n\n{body}"
    if position == "middle":
        return f"{body}\n\n{statement}\n\n{body}"
    return f"{body}\n\n{body}\n\n{statement}"


@pytest.mark.parametrize("position", ["start", "middle", "end"])
@pytest.mark.parametrize(("language", "statement", "kind"), DISCLOSURES)
def test_disclosure_is_found_with_its_kind_at_every_position(
    language: str, statement: str, kind: str, position: str
):
    found = disclaimers(place(statement, language, position), language)
    assert [(f.text, f.disclosure) for f in found] == [(statement, kind)]
    assert found[0].value == language


@pytest.mark.parametrize(("language", "statement", "kind"), DISCLOSURES)
def test_disclosure_found_when_the_article_language_is_unknown(
    language: str, statement: str, kind: str
):
    found = disclaimers(place(statement, language, "end"), None)
    assert [f.disclosure for f in found] == [kind]


@pytest.mark.parametrize("position", ["start", "middle", "end"])
@pytest.mark.parametrize(("language", "sentence"), NOT_DISCLOSURES)
def test_a_sentence_about_ai_is_not_a_disclosure_wherever_it_stands(
    language: str, sentence: str, position: str
):
    assert disclaimers(place(sentence, language, position), language) == []


@pytest.mark.parametrize("language", sorted(BYLINE))
def test_a_reporter_byline_is_not_a_disclaimer(language: str):
    assert disclaimers(f"{BODY[language]}\n\n{BYLINE[language]}", language) == []


def test_errors_sentence_joins_the_ai_sentence_it_follows():
    text = (
        f"{BODY['en']}\n\nThis story was produced with the help of AI. "
        "It may contain errors or inaccuracies."
    )
    (found,) = disclaimers(text, "en")
    assert found.text.startswith("This story was produced")
    assert found.text.endswith("inaccuracies.")


def test_an_errata_line_without_ai_is_not_a_disclaimer():
    text = f"{BODY['id']}\n\nRalat: berita ini sebelumnya memuat kesalahan penulisan nama."
    assert disclaimers(text, "id") == []
    text = f"{BODY['en']}\n\nCorrection: an earlier version contained errors in a date."
    assert disclaimers(text, "en") == []


def test_the_piece_named_in_the_sentence_before_is_what_it_refers_to():
    text = (
        f"{BODY['en']}\n\nThis report first appeared in Portuguese. "
        "It was translated with a machine translation service."
    )
    (found,) = disclaimers(text, "en")
    assert found.text == "It was translated with a machine translation service."
    assert found.disclosure == "machine_translated"
    # Without the sentence naming the piece, "it" could be anything.
    assert disclaimers(f"{BODY['en']}\n\nIt was translated with DeepL, she said.", "en") == []


def test_the_newsroom_speaking_of_its_own_texts_is_a_disclosure():
    text = (
        f"{BODY['de']}\n\nUnter diesem Namen erscheinen Texte, die wir mithilfe von KI erstellen."
    )
    (found,) = disclaimers(text, "de")
    assert found.disclosure == "ai_assisted"


def test_a_short_label_is_a_disclosure_and_a_long_sentence_starting_alike_is_not():
    assert [f.disclosure for f in disclaimers(f"{BODY['en']}\n\nAI-assisted.", "en")] == [
        "ai_assisted"
    ]
    long = "AI-assisted tools are now used by reporters in almost every large newsroom."
    assert disclaimers(f"{BODY['en']}\n\n{long}", "en") == []


def test_a_tool_name_that_is_also_a_first_name_needs_a_version_or_another_ai_word():
    for sentence in ("rédigé par Claude Dupont.", "rédigé avec Claude."):
        assert disclaimers(f"{BODY['fr']}\n\nCet article a été {sentence}", "fr") == []
    for sentence in ("rédigé avec Claude 3.5 Sonnet.", "rédigé avec Claude, un modèle d'IA."):
        found = disclaimers(f"{BODY['fr']}\n\nCet article a été {sentence}", "fr")
        assert [f.disclosure for f in found] == ["ai_written"], sentence


def test_an_acronym_inside_a_name_is_no_term_but_one_before_a_product_name_is():
    found = disclaimers(
        f"{BODY['de']}\n\nDieser Artikel wurde mit KI Unterstützung erstellt.", "de"
    )
    assert [f.disclosure for f in found] == ["ai_assisted"]
    text = f"{BODY['id']}\n\nDokumen ini diterjemahkan memakai layanan AI Lingo Pro."
    assert [f.disclosure for f in disclaimers(text, "id")] == ["machine_translated"]


def test_arabic_spelling_variants_are_one_term():
    variants = ["الذكاء الاصطناعي", "الذكاء الإصطناعي", "الذكاء الاصطناعى", "الذكاءِ الاصطناعيّ"]
    for variant in variants:
        text = f"{BODY['ar']}\n\nأُعِدَّ هذا التقرير بمساعدة {variant}."
        assert [f.value for f in disclaimers(text, "ar")] == ["ar"], variant


def test_a_disclaimer_appended_in_another_language_is_found():
    body = "Le conseil municipal a voté le budget mardi soir. " * 8
    closing = "\n\nArtikel ini ditulis dengan bantuan kecerdasan buatan (AI)."
    (found,) = disclaimers(body + closing, "fr")
    assert found.value == "id"
    assert found.text == closing.strip()


def test_the_closing_lines_get_no_looser_rule():
    sentence = "Researchers found that many product reviews were generated by AI last year."
    text = f"{BODY['en']}\n\nEditors remain sceptical.\n\n{sentence}"
    assert disclaimers(text, "en") == []


def test_no_ai_mention_means_no_disclaimer():
    assert disclaimers(BODY["en"], "en") == []
    assert disclaimers("", None) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_file_is_read_and_complete(language: str):
    raw = json.loads(
        resources.files("factcheck.extract.rules")
        .joinpath(f"data/disclosures/{language}.json")
        .read_text(encoding="utf-8")
    )
    assert raw["version"] == 1
    for key in ("self", "pieces", "images", "make", "translate", "assist", "ai", "machine"):
        assert raw[key], key
    assert language in {lex.code for lex in lexicons()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_term_has_a_literal_start_for_the_sentence_filter(language: str):
    raw = json.loads(
        resources.files("factcheck.extract.rules")
        .joinpath(f"data/disclosures/{language}.json")
        .read_text(encoding="utf-8")
    )
    index = term_index()
    for key in ("ai", "automation", "machine"):
        for entry in raw[key]:
            start = literal_start(fold(entry))
            limit = 3 if raw["script"] == "spaced" and not entry.startswith("(?-i:") else 2
            assert len(start) >= limit, (key, entry)
            assert index.may_hold_term(start), (key, entry)


@pytest.mark.parametrize(
    "text",
    [
        "Kota itu sepi.\nArtikel ini ditulis dengan bantuan AI.",
        "本文由人工智能生成。市政府今天上午开通了一座新桥。",
        "Die Stadt feierte!KI hat diesen Text übersetzt.",
        "Nota: este texto foi traduzido automaticamente. Os moradores comemoraram.",
        "Ce texte a été rédigé avec l’aide d’un outil génératif.",
        "تمت كتابة هذا المقال بمساعدة الذكاء الاصطناعي.",
    ],
)
def test_a_disclosure_anywhere_in_a_text_passes_the_whole_text_filter(text: str):
    # find_disclaimers skips an article whose whole text fails the term filter: a disclosure
    # after a line break, a "!" or a CJK full stop must still let the text through.
    assert term_index().may_hold_term(fold(text))
    assert find_disclaimers(Document(path="t.txt", text=text, sha256="0"))
