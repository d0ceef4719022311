import pytest

from factcheck.llm.prompts import load_prompt


@pytest.mark.parametrize("name", ["extract", "judge"])
def test_prompts_ship_in_the_package_with_a_version(name):
    prompt = load_prompt(name)
    version = {"extract": "2", "judge": "1"}[name]
    assert prompt.version == version
    assert prompt.id == f"{name}@{version}"


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
