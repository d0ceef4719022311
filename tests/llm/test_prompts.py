"""The packaged prompts, and a user's own folder of them (FACTCHECK_PROMPTS)."""

from pathlib import Path
from typing import Any

import pytest

from factcheck.config import Settings
from factcheck.llm.prompts import load_prompt, load_prompts
from factcheck.llm.providers import ScriptedProvider
from factcheck.llm.providers.base import Request
from factcheck.pipeline import compare_files
from tests.llm.test_llm_pipeline import article_pair as _article_pair


@pytest.mark.parametrize("name", ["extract", "judge"])
def test_prompts_ship_in_the_package_with_a_version(name):
    prompt = load_prompt(name)
    version = {"extract": "2", "judge": "2"}[name]
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


# --- a user's own prompts (FACTCHECK_PROMPTS) ---------------------------------------------------

MY_EXTRACT = """Prompt: my newsroom's extraction prompt.
version: 2

## system
MY OWN RULES: extract facts from a $language article, at most $max_facts.

## user
<article>
$article
</article>
"""


def _folder(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "my-prompts"
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.prompt").write_text(text, encoding="utf-8")
    return folder


CLAIM = "Le pont ne rouvrira jamais."


def per_article(**values: Any) -> Settings:
    """Settings whose `compare` asks per article, then judges: the requests these tests follow."""
    return Settings(joint_compare=False, **values)


def _answer(request: Request) -> dict:
    """The candidate's one claim (so that the judge is asked about it), and no verdict."""
    if request.schema_name != "facts":
        return {"quotes": [], "claims": []}
    found = CLAIM in request.messages[-1].content
    return {"facts": [_claim(CLAIM)] if found else []}


def _claim(text: str) -> dict:
    keys = ("value", "speaker", "unit", "context", "entity_type", "disclosure", "gloss_en")
    return {"kind": "claim", "evidence": text, **dict.fromkeys(keys)}


def test_a_prompt_in_the_users_folder_replaces_the_packaged_one_and_the_rest_stay(tmp_path):
    folder = _folder(tmp_path, extract=MY_EXTRACT)
    model = ScriptedProvider(respond=_answer)
    compare_files(*_article_pair(tmp_path), per_article(prompts=folder), provider=model)
    extractions = model.asked("facts")
    assert len(extractions) == 2
    assert all(r.system.startswith("MY OWN RULES: extract facts from a") for r in extractions)
    assert "a fr article" in extractions[1].system
    # Same version line as the packaged prompt, yet another id: no cached answer is reused.
    assert extractions[0].prompt_version.startswith("extract@2~")
    (judgement,) = model.asked("judgement")
    assert judgement.prompt_version == load_prompt("judge").id  # not in the folder: packaged
    assert judgement.system.startswith(load_prompt("judge").system.template[:60])


def test_a_users_compare_prompt_makes_the_one_request_of_a_compare(tmp_path):
    user = load_prompt("compare").user.template
    folder = _folder(
        tmp_path, compare=f"version: 1\n\n## system\nHOUSE RULES.\n\n## user\n{user}\n"
    )
    model = ScriptedProvider(respond={"reference": [], "candidates": [{"facts": []}]})
    compare_files(*_article_pair(tmp_path), Settings(prompts=folder), provider=model)
    (request,) = model.requests
    assert (request.schema_name, request.system) == ("comparison", "HOUSE RULES.")
    assert request.prompt_version.startswith("compare@1~")
    assert '<candidate_article n="1">' in request.messages[-1].content


def test_an_edited_prompt_is_asked_again_instead_of_hitting_the_cache(tmp_path):
    articles = _article_pair(tmp_path)
    first = compare_files(*articles, per_article(), provider=ScriptedProvider(respond=_answer))
    again = compare_files(*articles, per_article(), provider=ScriptedProvider(respond=_answer))
    assert first.run.llm_calls == 3 and again.run.llm_calls == 0  # the packaged prompt: cached
    folder = _folder(tmp_path, extract=MY_EXTRACT)
    model = ScriptedProvider(respond=_answer)
    mine = compare_files(*articles, per_article(prompts=folder), provider=model)
    assert len(model.asked("facts")) == 2 and mine.run.llm_calls == 2
    assert mine.run.cache_hits == 1  # the judgement: its prompt is still the packaged one


def test_the_folder_comes_from_the_environment_or_the_config_file_and_says_so(
    tmp_path, monkeypatch, capsys
):
    from factcheck.cli import run
    from factcheck.config import resolve

    config = tmp_path / "conf" / "config.toml"
    config.parent.mkdir()
    config.write_text('prompts = "house-prompts"\n', encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_CONFIG", str(config))
    settings, sources = resolve()
    assert settings.prompts == tmp_path / "conf" / "house-prompts"  # beside the config file
    assert sources["prompts"] == "config file"
    mine = _folder(tmp_path, extract=MY_EXTRACT)
    monkeypatch.setenv("FACTCHECK_PROMPTS", str(mine))
    settings, sources = resolve()
    assert (settings.prompts, sources["prompts"]) == (mine, "environment")
    assert run(["config"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("prompts:"))
    assert str(mine) in line and "extract.prompt from there" in line
    assert line.endswith("(environment)")
    assert run(["providers"]) == 0
    out = capsys.readouterr().out
    assert (
        f"Prompts: {mine} (extract.prompt from there; packaged: compare.prompt, judge.prompt)"
        in out
    )


def test_without_a_folder_the_packaged_prompts_are_used_and_shown(capsys):
    from factcheck.cli import run

    packaged = ("compare", "extract", "judge")
    assert load_prompts(None).ids == tuple(load_prompt(name).id for name in packaged)
    assert run(["config"]) == 0
    assert "prompts:     packaged  (default)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("files", "problem"),
    [
        ({}, "prompts folder not found"),
        ({"extract": "version: 3\nno sections at all\n"}, "needs a 'version:' line"),
        ({"extract": MY_EXTRACT.replace("$article", "$articel")}, "unknown variable $articel"),
        ({"extarct": MY_EXTRACT}, "no prompt has this name"),
        ({"extract": "DIRECTORY"}, "cannot be read"),
        ({"extract": "LATIN-1"}, "not UTF-8 text"),
    ],
)
def test_a_bad_prompts_folder_is_one_line_naming_the_path_and_exit_2(
    tmp_path, monkeypatch, capsys, files, problem
):
    from factcheck.cli import run

    folder = tmp_path / "my-prompts"
    if files:
        folder.mkdir()
    for name, text in files.items():
        if text == "DIRECTORY":  # a path that cannot be read as a file
            (folder / f"{name}.prompt").mkdir()
        elif text == "LATIN-1":
            (folder / f"{name}.prompt").write_bytes(
                MY_EXTRACT.replace("RULES", "RÈGLES").encode("latin-1")
            )
        else:
            (folder / f"{name}.prompt").write_text(text, encoding="utf-8")
    named = folder / f"{next(iter(files))}.prompt" if files else folder
    reference, candidate = _article_pair(tmp_path)
    monkeypatch.setenv("FACTCHECK_PROMPTS", str(folder))
    code = run(["compare", str(reference), str(candidate), "--provider", "rules"])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1
    assert err.startswith(f"error: {named}:") and problem in err


def test_the_config_files_env_table_cannot_name_the_prompts_folder(tmp_path, monkeypatch):
    from factcheck.config import resolve
    from factcheck.errors import UsageError

    config = tmp_path / "config.toml"
    config.write_text('[env]\nFACTCHECK_PROMPTS = "x"\n', encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_CONFIG", str(config))
    with pytest.raises(UsageError, match="top-level key 'prompts'"):
        resolve()
