"""Name matching helpers: speakers, names versus roles, the block index, quote differences."""

from __future__ import annotations

from factcheck.compare.names import NameIndex, blocks, is_named, looks_like_name
from factcheck.compare.quote_findings import changed_words


def test_names_across_scripts_share_a_block_so_the_index_proposes_them():
    assert blocks("Anthropic") & blocks("أنثروبيك")
    assert blocks("Google") & blocks("جوجل")
    index: NameIndex[str] = NameIndex()
    for name in ("Anthropic", "Google", "Salesforce", "Hannah Wong"):
        index.add(name, name)
    assert "Anthropic" in index.near("أنثروبيك")
    assert "Salesforce" not in index.near("أنثروبيك")
    assert index.near("Christopher Nulty") == ["Anthropic", "Hannah Wong"]  # shares "n" only


def test_roles_are_not_names_and_organisations_are_not_speakers_by_name():
    assert looks_like_name("Hannah Wong")
    assert not looks_like_name("la société")
    assert not looks_like_name("juru bicara OpenAI")
    assert not looks_like_name("متحدث باسمها")  # caseless script: only entities can tell
    assert is_named("متحدث", persons=["متحدث"])
    assert not is_named("Riverton Council", orgs=["Riverton Council"])
    assert not is_named(None)


def test_changed_words_show_the_difference_with_a_little_context():
    before, after = changed_words(
        "The bridge will open to traffic before the summer of 2027.",
        "The bridge will open to traffic before the winter of 2028.",
    )
    assert (before, after) == ("…before the summer of 2027.", "…before the winter of 2028.")


def test_a_speaker_phrase_with_a_verb_attached_still_names_its_speaker():
    from factcheck.compare.names import speaker_matches

    assert speaker_matches("Sari Lestari", "ليستاري وقالت")  # "Lestari, and she said"
    assert speaker_matches("Hendra Kusuma", "Hendra")  # given name, as Indonesian articles use
    assert not speaker_matches("Hannah Wong", "Christopher Nulty")
