"""A large audit's terminal view is a summary; the per-pair tables stay in the files."""

from __future__ import annotations

from factcheck.models import AuditDocument, AuditError, AuditResult, PairResult, StoryGroup
from factcheck.report import audit_to_markdown, audit_to_terminal
from factcheck.report.audit_text import SUMMARY_ROWS, TERMINAL_TABLE_PAIRS


def _audit(stories: int, per_story: int, errors: int = 0) -> AuditResult:
    groups, pairs, documents = [], [], []
    for story in range(1, stories + 1):
        paths = [f"/news/s{story:03d}-{n:02d}.txt" for n in range(per_story)]
        groups.append(StoryGroup(story, tuple(paths), paths[0]))
        documents += [AuditDocument(path=p, group=story) for p in paths]
        for n, path in enumerate(paths[1:]):
            high = story <= 3 or (n == 0 and story == 4)
            pairs.append(
                PairResult(
                    reference=paths[0],
                    candidate=path,
                    verdict="discrepancies" if high else "consistent",
                    counts={"number_mismatch": story} if high else {},
                    worst="high" if high else None,
                )
            )
    return AuditResult(
        root="/news",
        documents=tuple(documents),
        groups=tuple(groups),
        pairs=tuple(pairs),
        errors=tuple(AuditError(f"/news/bad-{n}.txt", "empty") for n in range(errors)),
    )


def test_past_the_threshold_the_terminal_shows_counts_and_the_worst_stories():
    audit = _audit(stories=30, per_story=6, errors=15)
    assert len(audit.pairs) > TERMINAL_TABLE_PAIRS
    out = audit_to_terminal(audit, width=120, color=False)
    assert "s030-05.txt" not in out  # no row per pair
    assert "pairs by worst finding: high 16, none 134" in out
    assert "story 1: 5 high, reference s001-00.txt" in out
    assert "story 4: 1 high" in out  # fourth, after the three stories with five each
    assert "150 pairs: one row each in index.md, index.html and pairs.jsonl." in out
    assert f"... and {15 - SUMMARY_ROWS} more in index.html and audit.json" in out
    assert "s030-05.txt" in audit_to_markdown(audit)  # the file keeps every row


def test_a_small_audit_keeps_its_tables():
    out = audit_to_terminal(_audit(stories=2, per_story=3), width=120, color=False)
    assert "s002-02.txt" in out
    assert "pairs by worst finding" not in out
