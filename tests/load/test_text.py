"""Raw HTML inside text and markdown bodies, and headline detection."""

from __future__ import annotations

from factcheck.load.text import markdown_title, plain_title, strip_html

TAG_CLOUD = (
    '<div class="tags"><a href="https://example.org/?q=Budget">Budget</a> '
    '<a href="https://example.org/?q=Senate">Senate</a></div><br><br>'
)


def test_a_tag_link_block_is_dropped() -> None:
    body = f"The senate passed the budget.\n\n{TAG_CLOUD}\n"
    assert strip_html(body).strip() == "The senate passed the budget."


def test_a_multi_line_link_block_is_dropped_up_to_the_blank_line() -> None:
    body = (
        "First paragraph.\n\n<ul>\n<li><a href='/a'>Read also: one</a></li>\n"
        "<li><a href='/b'>Read also: two</a></li>\n</ul>\n\nLast paragraph."
    )
    assert strip_html(body) == "First paragraph.\n\nLast paragraph."


def test_a_prose_html_block_keeps_its_words_without_tags() -> None:
    body = "<p>The minister said the plan &amp; budget were final.</p>\n\nNext."
    assert strip_html(body) == "The minister said the plan & budget were final.\n\nNext."


def test_scripts_styles_and_comments_vanish() -> None:
    body = "Intro.\n\n<script>var x = 'tracking';</script>\n\n<!-- ad slot -->\n\nOutro."
    assert strip_html(body) == "Intro.\n\nOutro."


def test_inline_tags_are_removed_but_angle_brackets_in_prose_stay() -> None:
    body = "He called it <b>final</b>; the tool <Claude> and 3 < 4 stay."
    assert strip_html(body) == "He called it final; the tool <Claude> and 3 < 4 stay."


def test_plain_title_is_a_short_first_line_before_a_blank_line() -> None:
    assert plain_title("Budget Passes Senate\n\nThe senate passed it.") == "Budget Passes Senate"


def test_plain_title_rejects_a_sentence_or_a_run_on_first_line() -> None:
    assert plain_title("The senate passed the budget.\n\nMore text.") is None
    assert plain_title("Budget Passes Senate\nThe senate passed it on Monday.") is None
    assert plain_title(("word " * 30).strip() + "\n\nMore text.") is None
    assert plain_title("Only one line") is None


def test_markdown_titles() -> None:
    assert markdown_title("# Budget Passes Senate #\n\nText.") == "Budget Passes Senate"
    assert markdown_title("Budget Passes Senate\n====\n\nText.") == "Budget Passes Senate"
    assert markdown_title("## Background\n\nText.") == "Background"
    assert markdown_title("Plain Headline\n\nText.") == "Plain Headline"


def test_an_unclosed_comment_stays_and_later_elements_still_go() -> None:
    # What the lazy `<!--.*?-->` regexes gave, now found in linear time (issue 16).
    body = "<div>Intro <script>x</script> middle <!-- never closed <style>p {}</style> end</div>"
    assert strip_html(body) == "Intro middle <!-- never closed end"


def test_an_unclosed_link_is_prose_not_link_text() -> None:
    body = (
        '<div>Intro <!-- note --> <a href="/x">link</a> <a href="/y">never closed, long prose</div>'
    )
    assert strip_html(body) == "Intro link never closed, long prose"


def test_markdown_heading_closing_sequences() -> None:
    assert markdown_title("# Title # more ##\n\nText.") == "Title # more"
    assert markdown_title("#\tTabbed  ##\n\nText.") == "Tabbed"
    assert markdown_title("# ###\n\nText.") == "#"
    assert markdown_title("####### Seven\n\nText.") == "####### Seven"  # not a heading
