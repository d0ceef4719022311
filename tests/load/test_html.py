"""HTML pages: main text without boilerplate, metadata, and no network access ever."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from factcheck.load import load_document
from factcheck.load.html import extract_html

PARAGRAPHS = [
    "The city council voted on Tuesday to close the main bridge for repairs.",
    "Engineers found cracks in two of the supporting pillars during an inspection.",
    "“We cannot take any risk with public safety,” said the mayor, Ana Ruiz.",
    "The closure is expected to last six weeks and will cost about 2 million euros.",
    "Residents have been told to use the northern crossing in the meantime.",
]


def page(head: str = "", lang: str = "en", footer: str = "© 2019 Example Daily") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>Bridge closes | Example Daily</title>
<link rel="canonical" href="https://news.example.com/2021/01/02/bridge">
{head}
<script>window.track = function () {{ return "analytics-beacon"; }};</script>
<style>.nav {{ color: red; }}</style></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<header><div class="menu">Subscribe now | Log in</div></header>
<main><article><h1>Bridge closes for six weeks</h1>{body}</article></main>
<footer><p>{footer}</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def write(tmp_path: Path, markup: str, name: str = "story.html") -> Path:
    path = tmp_path / name
    path.write_text(markup, encoding="utf-8")
    return path


def test_main_text_without_scripts_navigation_or_footer(tmp_path: Path) -> None:
    document = load_document(write(tmp_path, page()))
    assert document.format == "html"
    for paragraph in PARAGRAPHS:
        assert paragraph in document.text
    for boilerplate in ("analytics-beacon", "color: red", "Privacy policy", "Subscribe now"):
        assert boilerplate not in document.text
    assert "<p>" not in document.text


def test_published_from_the_article_meta_tag(tmp_path: Path) -> None:
    head = '<meta property="article:published_time" content="2025-08-04T09:30:00+07:00">'
    document = load_document(write(tmp_path, page(head)))
    assert document.published == dt.date(2025, 8, 4)


def test_published_from_json_ld(tmp_path: Path) -> None:
    head = (
        '<script type="application/ld+json">'
        '{"@type": "NewsArticle", "datePublished": "2025-08-04"}</script>'
    )
    assert load_document(write(tmp_path, page(head))).published == dt.date(2025, 8, 4)


def test_no_date_is_guessed_from_the_copyright_footer(tmp_path: Path) -> None:
    markup = page(footer="© 2019 Example Daily").replace(
        '<link rel="canonical" href="https://news.example.com/2021/01/02/bridge">', ""
    )
    assert load_document(write(tmp_path, markup)).published is None


def test_language_title_and_site_from_metadata(tmp_path: Path) -> None:
    head = '<meta property="og:site_name" content="Example Daily">'
    # The text is English; the page says French. An explicit declaration wins.
    document = load_document(write(tmp_path, page(head, lang="fr-FR")))
    assert document.language == "fr"
    assert document.source == "Example Daily"
    assert document.title is not None and "Bridge closes" in document.title


def test_language_is_detected_when_the_page_declares_none(tmp_path: Path) -> None:
    markup = page().replace(' lang="en"', "")
    assert load_document(write(tmp_path, markup)).language == "en"


def test_a_canonical_url_is_never_fetched(tmp_path: Path) -> None:
    # pytest-socket blocks the network for the whole suite: any fetch attempt would raise.
    document = load_document(write(tmp_path, page()))
    assert PARAGRAPHS[0] in document.text


def test_a_bare_fragment_still_gives_its_text() -> None:
    article = extract_html("<p>The mayor resigned on Monday after a long dispute.</p>")
    assert "The mayor resigned on Monday" in article.text


def test_htm_suffix_and_html_inside_a_txt_named_file(tmp_path: Path) -> None:
    assert load_document(write(tmp_path, page(), "story.htm")).format == "html"
    # A .txt holding a whole HTML page is still an HTML page.
    saved = load_document(write(tmp_path, page(), "saved.txt"))
    assert saved.format == "html"
    assert "analytics-beacon" not in saved.text
