from factcheck.llm.extract import chunks, merge
from factcheck.models import Fact, Source

LLM = Source("llm", "openai", "gpt-5-mini")


def test_chunks_cut_on_paragraphs_and_cover_the_text_exactly():
    paragraphs = [f"Paragraf {i}. " + "kata " * 40 for i in range(30)]
    text = "\n\n".join(paragraphs)
    pieces = chunks(text, max_chars=1000)
    assert len(pieces) > 5
    assert "".join(piece for _, piece in pieces) == text
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)] == piece
        assert len(piece) <= 1000
    # every cut falls right after a paragraph break
    assert all(text[offset - 2 : offset] == "\n\n" for offset, _ in pieces[1:])


def test_a_paragraph_longer_than_a_chunk_is_still_split():
    text = "x" * 2500
    pieces = chunks(text, max_chars=1000)
    assert [len(p) for _, p in pieces] == [1000, 1000, 500]


def test_merge_keeps_every_rules_fact_and_adds_only_new_llm_facts():
    rules = [
        Fact("quote", '"Kami siap"', 10, 21, value="Kami siap", speaker="Rina Halim"),
        Fact("number", "340", 40, 43, value=340.0),
    ]
    llm = [
        Fact(
            "quote",
            "Kami siap",
            11,
            20,
            value="Kami siap",
            speaker="Rina",
            gloss_en="We are ready",
            source=LLM,
        ),
        Fact("claim", "pabrik ditutup", 50, 64, value="The plant closed", source=LLM),
        Fact("claim", "pabrik ditutup", 50, 64, value="The plant closed", source=LLM),
    ]
    merged = merge(rules, llm)
    assert [(f.kind, f.start, f.source.extractor) for f in merged] == [
        ("quote", 10, "rules"),
        ("number", 40, "rules"),
        ("claim", 50, "llm"),
    ]
    # the overlapping LLM quote contributed its gloss, not a second quote
    assert merged[0].speaker == "Rina Halim"
    assert merged[0].gloss_en == "We are ready"


def test_an_llm_that_returns_nothing_removes_nothing():
    rules = [Fact("quote", '""', 5, 7, value="")]
    assert merge(rules, []) == rules
