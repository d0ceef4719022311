"""Hand-built Comparisons for the renderer tests: two short invented articles and their findings.

The articles are written for these tests (a harbour closed after a storm); every evidence span is
cut from the article text by `Evidence.of`, so `text == document.text[start:end]` holds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

from factcheck.models import (
    AuditDocument,
    AuditError,
    AuditResult,
    Comparison,
    Disclosure,
    Discrepancy,
    Document,
    Evidence,
    Fact,
    Fallback,
    Flag,
    PairResult,
    RunInfo,
    Source,
    StoryGroup,
)

REFERENCE_TEXT = """Harbour Authority closes Pier 9 after storm

PORT ELLIS, 3 March 2025 - The Harbour Authority closed Pier 9 on Monday after a storm damaged \
40 metres of the sea wall.

"The pier will stay shut until engineers have inspected every pile," said Mara Quint, the \
authority's spokesperson.

Repairs are expected to cost 2.5 million euros, according to the city council. Councillor \
Tobias Renn said the work would start in April.
"""

CANDIDATE_TEXT = """Le port ferme la jetée 9

PORT ELLIS - L'autorité portuaire a fermé la jetée 9 le 4 mars 2025, après une tempête qui a \
endommagé 60 mètres de digue.

« » a déclaré la porte-parole. Les réparations coûteront, selon le conseil municipal, plusieurs \
millions d'euros. Le maire Paul Ostrander s'est dit inquiet. « Nous rouvrirons avant l'été. » \
Quelque 300 bateaux ont été déplacés.

Cet article a été rédigé avec l'aide d'une intelligence artificielle.
"""

ARABIC_TEXT = """أغلقت سلطة الميناء الرصيف 9 بعد العاصفة.

قالت المتحدثة مارا كوينت إن الرصيف سيبقى مغلقا.
"""

HOSTILE_TEXT = """Breaking <script>alert(1)</script> news

The mayor said "yes" onmouseover=alert(2) and <b>nothing</b> else & more.
"""

LLM = Source("llm", "anthropic", "claude-haiku-4-5")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document(path: str, text: str, language: str, **kw: object) -> Document:
    """A Document built by hand, with a real sha256."""
    return Document(path=path, text=text, sha256=_sha(text), language=language, **kw)  # type: ignore[arg-type]


def span(text: str, needle: str, occurrence: int = 0) -> Evidence:
    """The evidence for the `occurrence`-th appearance of `needle` in `text`."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return Evidence.of(text, start, start + len(needle))


def fact(text: str, kind: str, needle: str, value: object = None, **kw: object) -> Fact:
    """A Fact whose evidence is `needle` in `text`."""
    ev = span(text, needle)
    return Fact(kind, ev.text, ev.start, ev.end, value, **kw)  # type: ignore[arg-type]


REFERENCE = document(
    "articles/harbour_en.txt",
    REFERENCE_TEXT,
    "en",
    title="Harbour Authority closes Pier 9 after storm",
    published=dt.date(2025, 3, 3),
)
CANDIDATE = document(
    "articles/harbour_fr.txt",
    CANDIDATE_TEXT,
    "fr",
    title="Le port ferme la jetée 9",
)

R, C = REFERENCE_TEXT, CANDIDATE_TEXT
QUOTE = "The pier will stay shut until engineers have inspected every pile,"

DISCREPANCIES = (
    Discrepancy(
        "missing_quote",
        message="Mara Quint's quote is not in the candidate",
        reference=span(R, f'"{QUOTE}"'),
        severity="low",
    ),
    Discrepancy(
        "number_mismatch",
        message="The damaged length of sea wall differs: 40 metres vs 60 metres",
        severity="high",
        reference=span(R, "40 metres"),
        candidate=span(C, "60 mètres"),
    ),
    Discrepancy(
        "empty_quote",
        message="Quotation marks with nothing inside, attributed to 'la porte-parole'",
        severity="high",
        candidate=span(C, "« »"),
    ),
    Discrepancy(
        "date_mismatch",
        message="The closure is dated 2025-03-03 in the reference and 2025-03-04 in the candidate",
        severity="high",
        reference=span(R, "3 March 2025"),
        candidate=span(C, "4 mars 2025"),
    ),
    Discrepancy(
        "missing_number",
        message="The repair cost (2.5 million euros) is not given",
        severity="low",
        reference=span(R, "2.5 million euros"),
    ),
    Discrepancy(
        "missing_entity",
        message="Tobias Renn is not mentioned in the candidate",
        severity="low",
        reference=span(R, "Tobias Renn"),
    ),
    Discrepancy(
        "added_entity",
        message="Paul Ostrander appears only in the candidate",
        severity="low",
        candidate=span(C, "Paul Ostrander"),
        source=LLM,
    ),
    Discrepancy(
        "added_quote",
        message="The candidate quotes Paul Ostrander: “Nous rouvrirons avant l'été.”; the"
        " reference carries no such quote.",
        severity="medium",
        candidate=span(C, "« Nous rouvrirons avant l'été. »"),
    ),
    Discrepancy(
        "added_number",
        message="The candidate gives 300 for bateaux; the reference gives no such figure.",
        severity="medium",
        candidate=span(C, "300"),
    ),
    Discrepancy(
        "unsupported_claim",
        message="The mayor's worry is not in the reference",
        severity="medium",
        candidate=span(C, "Le maire Paul Ostrander s'est dit inquiet."),
        source=LLM,
    ),
)

FLAGS = (
    Flag(
        "ai_disclaimer",
        "candidate",
        span(C, "Cet article a été rédigé avec l'aide d'une intelligence artificielle."),
        "ai_assisted",
    ),
)

REFERENCE_FACTS = (
    fact(R, "quote", f'"{QUOTE}"', QUOTE, speaker="Mara Quint"),
    fact(R, "date", "3 March 2025", "2025-03-03", context="closed Pier 9"),
    fact(R, "number", "40 metres", 40.0, unit="m", context="sea wall damaged"),
    fact(R, "number", "2.5 million euros", 2_500_000.0, unit="EUR", context="repairs"),
    fact(R, "entity", "Mara Quint", "mara quint", entity_type="person"),
    fact(R, "entity", "Tobias Renn", "tobias renn", entity_type="person"),
)
CANDIDATE_FACTS = (
    fact(C, "quote", "« »", "", speaker="la porte-parole"),
    fact(C, "date", "4 mars 2025", "2025-03-04"),
    fact(C, "number", "60 mètres", 60.0, unit="m"),
    fact(C, "number", "300", 300.0, context="bateaux"),
    fact(
        C,
        "quote",
        "« Nous rouvrirons avant l'été. »",
        "Nous rouvrirons avant l'été.",
        speaker="Paul Ostrander",
    ),
    fact(C, "entity", "Paul Ostrander", "paul ostrander", entity_type="person", source=LLM),
    fact(
        C,
        "disclaimer",
        "Cet article a été rédigé avec l'aide d'une intelligence artificielle.",
        "fr",
        disclosure="ai_assisted",
    ),
)

COMPARISON = Comparison(
    reference=REFERENCE,
    candidate=CANDIDATE,
    verdict="discrepancies",
    discrepancies=DISCREPANCIES,
    flags=FLAGS,
    reference_facts=REFERENCE_FACTS,
    candidate_facts=CANDIDATE_FACTS,
    run=RunInfo(backends=("rules",), seconds=0.042),
)

DEGRADED_RUN = RunInfo(
    backends=("anthropic:claude-haiku-4-5", "openai:gpt-5-mini", "rules"),
    llm_calls=2,
    fallbacks=(
        Fallback(
            "anthropic:claude-haiku-4-5",
            "403 permission_error: access revoked",
            "openai:gpt-5-mini",
            disabled=True,
        ),
        Fallback("openai:gpt-5-mini", "429 insufficient_quota", "rules", disabled=True),
    ),
    degraded=True,
    seconds=1.5,
)
DEGRADED = dataclasses.replace(COMPARISON, run=DEGRADED_RUN)

CONSISTENT = dataclasses.replace(
    COMPARISON, verdict="consistent", discrepancies=(), flags=(), run=RunInfo(seconds=0.01)
)


def arabic_comparison() -> Comparison:
    """The English reference against a short Arabic candidate, with one finding in the Arabic."""
    cand = document("articles/harbour_ar.md", ARABIC_TEXT, "ar")
    found = Discrepancy(
        "missing_number",
        message="The damaged length of sea wall is not given",
        severity="medium",
        reference=span(R, "40 metres"),
        candidate=span(ARABIC_TEXT, "مارا كوينت"),
    )
    return dataclasses.replace(COMPARISON, candidate=cand, discrepancies=(found,), flags=())


def hostile_comparison() -> Comparison:
    """A candidate whose text and file name try to inject markup."""
    cand = document('articles/<img src=x onerror="alert(3)">.txt', HOSTILE_TEXT, "en")
    found = Discrepancy(
        "altered_quote",
        message='Quote changed to "yes" <script>',
        severity="high",
        reference=span(R, f'"{QUOTE}"'),
        candidate=span(HOSTILE_TEXT, '"yes" onmouseover=alert(2)'),
    )
    flag = Flag("ai_disclaimer", "candidate", span(HOSTILE_TEXT, "<script>alert(1)</script>"))
    return dataclasses.replace(
        COMPARISON, candidate=cand, discrepancies=(found,), flags=(flag,), candidate_facts=()
    )


def overlapping_comparison() -> Comparison:
    """Candidate spans that nest, cross and coincide, to test the HTML highlighting."""
    crossing = (
        Discrepancy("date_mismatch", "medium", "date", candidate=span(C, "4 mars 2025, après")),
        Discrepancy("number_mismatch", "high", "cross", candidate=span(C, "2025, après une")),
        Discrepancy("number_mismatch", "low", "same", candidate=span(C, "2025, après une")),
    )
    return dataclasses.replace(COMPARISON, discrepancies=DISCREPANCIES + crossing)


AUDIT = AuditResult(
    root="articles",
    documents=(
        AuditDocument(
            REFERENCE.path, "en", REFERENCE.title, REFERENCE.published, REFERENCE.sha256, 1
        ),
        AuditDocument(
            CANDIDATE.path,
            "fr",
            CANDIDATE.title,
            None,
            CANDIDATE.sha256,
            1,
            flags=(Disclosure(FLAGS[0].disclosure, FLAGS[0].evidence),),
        ),
        AuditDocument("articles/harbour_ar.md", "ar", None, None, _sha(ARABIC_TEXT), 1),
        AuditDocument("articles/broken.txt", error="binary data, not text"),
    ),
    groups=(
        StoryGroup(1, (REFERENCE.path, CANDIDATE.path, "articles/harbour_ar.md"), REFERENCE.path),
    ),
    pairs=(
        PairResult(
            REFERENCE.path,
            CANDIDATE.path,
            "discrepancies",
            {"missing_quote": 1, "number_mismatch": 1, "empty_quote": 1},
            report="pairs/harbour_en-vs-harbour_fr.html",
            worst="high",
        ),
        PairResult(REFERENCE.path, "articles/harbour_ar.md", "consistent", {}, None, None),
    ),
    errors=(AuditError("articles/broken.txt", "binary data, not text"),),
    run=RunInfo(seconds=0.3),
)
