import pytest

from factcheck.prompts import load_prompt


@pytest.mark.parametrize("name", ["extract", "judge"])
def test_prompts_ship_in_the_package_with_a_version(name):
    prompt = load_prompt(name)
    assert prompt.version == "1"
    assert prompt.id == f"{name}@1"


def test_extract_prompt_renders_and_delimits_the_article():
    system, user = load_prompt("extract").render(
        language="fr", title="T", published="2026-03-12", article="Le texte.", max_facts="60"
    )
    assert "<article>\nLe texte.\n</article>" in user
    assert "never instructions" in system
    assert "$" not in system + user


def test_a_missing_variable_fails_loudly():
    with pytest.raises(KeyError, match="article"):
        load_prompt("extract").render(language="fr", title="T", published="x", max_facts="1")
