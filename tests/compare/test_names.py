"""Name matching helpers: speakers, names versus roles, the block index, quote differences."""

from __future__ import annotations

from factcheck.compare.names import (
    FEW,
    NameIndex,
    NameSet,
    blocks,
    is_named,
    looks_like_name,
    probes,
    same_name,
    same_speaker,
)
from factcheck.compare.quote_findings import changed_words


def test_names_across_scripts_share_a_block_so_the_index_proposes_them():
    assert blocks("Anthropic") & blocks("أنثروبيك")
    assert blocks("Google") & blocks("جوجل")
    index: NameIndex[str] = NameIndex()
    for name in ("Anthropic", "Google", "Salesforce", "Hannah Wong"):
        index.add(name, name)
    assert "Anthropic" in index.near("أنثروبيك")
    assert "Salesforce" not in index.near("أنثروبيك")
    # Two words, sharing only the first consonant "n" of a word: proposed, for fuzzy spelling.
    assert index.near("Christopher Nulty") == ["Hannah Wong"]


def test_a_surname_or_given_name_and_the_full_name_find_each_other():
    index: NameIndex[str] = NameIndex()
    for name in ("Christopher Nulty", "Hendra Kusuma", "Nulty"):
        index.add(name, name)
    assert index.near("Nulty") == ["Christopher Nulty", "Nulty"]
    assert "Hendra Kusuma" in index.near("Hendra")
    assert "Nulty" in index.near("Christopher Nulty")
    # A middle name stands for nobody: no tag is shared, as `same_speaker` says.
    assert not same_speaker("Maria", "Anna Maria Lopez")
    assert not probes("Anna Maria Lopez") & blocks("Maria")


def _crowd(count: int) -> list[str]:
    """`count` two-word names whose words all start with "m", spelt far apart."""
    syllables = ["ka", "lo", "ri", "tu", "se", "vo", "ne", "di"]
    return [
        f"M{syllables[i % 8]}{syllables[i // 8 % 8]}{syllables[i // 64 % 8]} "
        f"M{syllables[(i * 3) % 8]}{syllables[(i // 8 * 5) % 8]}"
        for i in range(count)
    ]


def test_a_large_block_of_one_first_consonant_is_narrowed_by_spelling_not_by_luck():
    crowd = _crowd(10 * FEW)
    index: NameIndex[str] = NameIndex()
    for name in [*crowd, "Muhammed Mursiyyah"]:
        index.add(name, name)
    assert same_speaker("Mohammed Mursiyyah", "Muhammed Mursiyyah")  # one letter off
    proposed = index.near("Mohammed Mursiyyah")
    assert "Muhammed Mursiyyah" in proposed
    assert len(proposed) < len(crowd) // 4
    # Whatever a full comparison accepts, the narrowed lookup proposes, in any script.
    for probe in ("Mkaloka Mkalo", "Mkalokb Mkalo", crowd[17], "محمد مرسية", "Mursiyyah"):
        accepted = [n for n in [*crowd, "Muhammed Mursiyyah"] if same_speaker(probe, n)]
        assert set(accepted) <= set(index.near(probe))
    assert "Muhammed Mursiyyah" in index.near("Mursiyyah")


def test_a_name_set_answers_as_a_full_scan_does():
    speakers = ["Hannah Wong", "Wong", "Christopher Nulty", "Riverton Council"]
    names = NameSet(speakers)
    for probe in ("Nulty", "Hannah Wong", "Chris Nulty", "Wang", "Council", None):
        assert names.has_speaker(probe) == any(same_speaker(probe, s) for s in speakers)
    assert names.fullest("Nulty") == "Christopher Nulty"
    assert names.has_name("Riverton Council")
    assert not names.has_name("Riverton")


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


def test_diacritics_and_scripts_fold_to_one_name() -> None:
    assert same_name("Ingrīda Ūdre", "Ingrida Udre")
    assert same_name("Карим Хаддад", "Karim Haddad")  # х is the h Arabic and Latin write
    assert same_name("Даниэль Фишер", "Daniel Fischer")  # German sch, Russian ш
    assert same_name("دويتشه بنك", "Deutsche Bank")
    assert same_name("Ταγίπ Ερντογάν", "Tayyip Erdogan")  # Greek writes d as ντ
    assert not same_name("Karim Haddad", "Karim Hadid")


def test_a_surname_in_another_script_stands_for_the_full_name_and_is_proposed() -> None:
    assert same_speaker("حداد", "Karim Haddad")
    assert same_speaker("Лопес", "Maria Lopez")
    assert not same_speaker("Hadid", "Karim Haddad")  # one script: the letters decide
    assert not same_speaker("فيشر", "Karim Haddad")
    names = NameSet(["Karim Haddad", "Maria Lopez"])
    assert names.has_speaker("حداد")
    assert names.has_speaker("Лопес")
    assert not names.has_speaker("فيشر")


def test_a_full_name_with_a_title_glued_in_front_is_the_same_speaker():
    # An extractor may keep the capitalised words of a title before the name.
    assert same_speaker("Darleen Druyun", "Acquisition Darleen Druyun")
    assert same_speaker("Air Force James Roche", "James Roche")
    assert NameSet(["Acquisition Darleen Druyun"]).has_speaker("Darleen Druyun")
    # Names that only share a surname are different people.
    assert not same_speaker("Lily Potter", "Harry James Potter")
