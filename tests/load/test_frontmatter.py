"""YAML and TOML front matter, and text that only looks like it."""

from __future__ import annotations

import datetime as dt

from factcheck.load.frontmatter import split_front_matter


def test_yaml_front_matter() -> None:
    text = '---\ntitle: "Budget passes"\nLang: fr\ndate: 2025-08-04\n---\nBody text.'
    meta, body = split_front_matter(text)
    assert meta == {"title": "Budget passes", "lang": "fr", "date": dt.date(2025, 8, 4)}
    assert body == "Body text."


def test_yaml_title_with_a_newline_inside_the_quotes() -> None:
    meta, _ = split_front_matter('---\ntitle: "Budget passes.\n"\n---\nBody.')
    assert meta["title"].strip() == "Budget passes."


def test_toml_front_matter_with_stdlib_tomllib() -> None:
    text = '+++\ntitle = "Budget passes"\nlanguage = "id"\ndate = 2025-08-04T10:00:00\n+++\nBody.'
    meta, body = split_front_matter(text)
    assert meta["title"] == "Budget passes"
    assert meta["language"] == "id"
    assert meta["date"] == dt.datetime(2025, 8, 4, 10, 0)
    assert body == "Body."


def test_broken_yaml_still_yields_simple_pairs() -> None:
    text = "---\ntitle: Budget: the vote\nsource: Example Daily\n  bad: [indent\n---\nBody."
    meta, body = split_front_matter(text)
    assert meta["source"] == "Example Daily"
    assert body == "Body."


def test_horizontal_rules_around_prose_are_not_front_matter() -> None:
    text = "---\nThe senate passed the budget on Monday.\n---\nMore."
    assert split_front_matter(text) == ({}, text)


def test_no_front_matter() -> None:
    assert split_front_matter("Just text.\n---\nx") == ({}, "Just text.\n---\nx")
    assert split_front_matter("---\nunterminated: yes\nBody.") == (
        {},
        "---\nunterminated: yes\nBody.",
    )


def test_loose_pairs_keep_a_long_run_of_spaces_inside_a_value() -> None:
    # The old `\s*(.*?)\s*$` pattern took 9 s on this line; the pair is the same.
    value = "Budget" + " " * 40_000 + "passes"
    meta, body = split_front_matter(f"---\ntitle: {value}  \n  bad: [\n---\nBody.")
    assert meta == {"title": value}  # the indented line is not a plain pair
    assert body == "Body."


def test_a_top_level_yaml_list_is_not_front_matter_even_with_aliases() -> None:
    text = "---\n- &a [x, x]\n- [*a, *a]\n---\nBody."
    assert split_front_matter(text) == ({}, text)
