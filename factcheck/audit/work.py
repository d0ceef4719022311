"""The units of work of an audit, as pure functions over plain data.

`extract_batch` and `compare_group` take and return picklable values only, so the executor that
runs them can be swapped: a local process pool today, Dask's or Ray's executor for folders that
outgrow one machine (see the README).

With an LLM, a pair is compared in two steps (`compare_or_ask`), both in a worker process: the
first stops where the comparison would ask the judge and returns the question, which the audit's
main process sends from its event loop; the second compares the pair again with the answer. The
wait for the model holds no worker, and the comparisons use every core.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.config import DEFAULT_MAX_BYTES
from factcheck.errors import FactcheckError, LoadError, ProviderError
from factcheck.models import AuditDocument, Comparison, Disclosure, Document, Fact, PairResult

if TYPE_CHECKING:
    from factcheck.backend import Backend
    from factcheck.compare.judge import Judge, JudgeRequest, JudgeResult
    from factcheck.compare.story import Profile
    from factcheck.llm.providers.base import Completion


@dataclass(frozen=True, slots=True)
class Extracted:
    """One article after loading and extraction, or the reason it could not be used."""

    path: str
    document: Document | None
    facts: tuple[Fact, ...] = ()
    error: str | None = None
    profile: Profile | None = None  # its `rules_profile`, when the worker made it (LLM audits)


def file_sha256(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """SHA-256 of the raw bytes (the extraction cache key), None when unreadable.

    Read like every input (`read_input`): a FIFO or a file over `max_bytes` gives None here,
    never a blocked or unbounded read, and `extract_one` then reports why it cannot be used.
    """
    from factcheck.load.read import read_input

    try:
        return hashlib.sha256(read_input(path, max_bytes)).hexdigest()
    except LoadError:
        return None


def extract_one(path: str, max_bytes: int, backend: Backend | None = None) -> Extracted:
    """Load and extract one article (rules, or the run's backend); a bad file becomes an error."""
    from factcheck.extract.rules import extract
    from factcheck.load import load_document

    try:
        document = load_document(path, max_bytes=max_bytes)
        facts = backend.extract(document) if backend is not None else extract(document)
        return Extracted(path, document, tuple(facts))
    except ProviderError:
        raise  # every backend failed and the chain has no `rules`: the whole run must stop
    except FactcheckError as error:
        return Extracted(path, None, error=getattr(error, "reason", None) or str(error))
    except OSError as error:  # unreadable after discovery: permissions, vanished file
        return Extracted(path, None, error=f"cannot read: {error.strerror or error}")


def extract_batch(
    paths: list[str], max_bytes: int, backend: Backend | None = None, profiled: bool = False
) -> list[Extracted]:
    """`extract_one` over a batch (one task per batch keeps pool overhead small); `profiled`
    adds each usable article's `rules_profile`, made here rather than by the process that
    asked (an LLM audit's, which has the model's requests to send)."""
    items = [extract_one(path, max_bytes, backend) for path in paths]
    if not profiled:
        return items
    return [replace(i, profile=rules_profile(i)) if i.document else i for i in items]


@dataclass(frozen=True, slots=True)
class Card:
    """What an audit's main process keeps of one article it has read: the line it reports,
    the profile it is grouped by, and where the article itself was filed (`factcheck.audit.shelf`).
    """

    path: str
    document: AuditDocument  # its documents.jsonl line (the story it joins is not known yet)
    profile: Profile | None  # None: the article cannot be used (see document.error)
    shelf: str | None = None  # the file holding the article, when filed
    row: tuple[str, str] | None = None  # a fresh extraction's cache row (document, facts)
    reused: bool = False  # read from the extraction cache
    article: Extracted | None = None  # the article itself, when not filed (Dask keeps it)


def card_of(
    item: Extracted, shelf: str | None, row: tuple[str, str] | None = None, reused: bool = False
) -> Card:
    """`item`'s card; `shelf` None keeps the article in it."""
    document = item.document
    if document is None:
        return Card(item.path, AuditDocument(path=item.path, error=item.error), None)
    line = AuditDocument(
        path=item.path,
        language=document.language,
        title=document.title,
        published=document.published,
        sha256=document.sha256,
        flags=disclosures(item.facts),
    )
    kept = None if shelf else item
    return Card(item.path, line, item.profile or rules_profile(item), shelf, row, reused, kept)


def disclosures(facts: Iterable[Fact]) -> tuple[Disclosure, ...]:
    """The AI-use disclosures an article's facts make (its documents.jsonl `flags`)."""
    return tuple(
        Disclosure(f.disclosure or "ai_written", f.evidence)
        for f in facts
        if f.kind == "disclaimer"
    )


def rules_profile(item: Extracted) -> Profile:
    """The story profile of a usable article, from its rules facts only: the stories of a
    folder do not depend on the backend, and an LLM audit groups its articles (and starts
    comparing pairs) before the model has answered for every one of them."""
    from factcheck.compare.story import profile

    assert item.document is not None
    return profile(item.document, (f for f in item.facts if f.source.extractor == "rules"))


def read_batch(
    items: list[tuple[str, str | None]], max_bytes: int, cache: str | None, shelf: str | None
) -> list[Card]:
    """Read each (path, cache key) of a batch: from the extraction cache at `cache` when it
    holds the key, else loaded and rules-extracted (with the cache row to store). Usable
    articles are filed in the `shelf` folder; with `shelf` None each card keeps its article.
    """
    from factcheck.audit.cache import from_row, stored_rows, to_row
    from factcheck.audit.shelf import put_away

    stored = stored_rows(cache, [key for _, key in items if key]) if cache else {}
    read: list[tuple[Extracted, tuple[str, str] | None, bool]] = []
    for path, key in items:
        hit = stored.get(key) if key else None
        if hit is not None:
            document, facts = from_row(hit)
            read.append((Extracted(path, document, tuple(facts)), None, True))
            continue
        item = extract_one(path, max_bytes)
        row = None
        if key and item.document is not None:
            row = to_row(item.document, item.facts)
        read.append((item, row, False))
    file = None
    if shelf is not None:
        file = put_away(shelf, [item for item, _, _ in read if item.document is not None])
    return [card_of(item, file, row, reused) for item, row, reused in read]


def compare_pair(
    reference: Extracted, candidate: Extracted, backend: Backend | None = None
) -> Comparison:
    """Compare one group member with its reference, exactly as `factcheck compare` does."""
    from factcheck.compare import compare

    ref, cand = reference.document, candidate.document
    assert ref is not None and cand is not None
    if backend is not None:
        return backend.compare_facts(ref, reference.facts, cand, candidate.facts)
    return compare(ref, reference.facts, cand, candidate.facts)


def _usable(item: Extracted) -> tuple[Document, tuple[Fact, ...]]:
    assert item.document is not None
    return item.document, item.facts


Filed = tuple[str, str]  # (shelf file, path): an article `read_batch` filed


def compare_filed(
    reference: Filed,
    members: list[Filed],
    report_dir: str | None,
    names: list[str],
    backend: Backend | None = None,
) -> list[PairResult]:
    """`compare_group` on articles read back from the shelf files they were filed in."""
    from factcheck.audit.shelf import fetch

    return compare_group(
        fetch(*reference), [fetch(*m) for m in members], report_dir, names, backend
    )


def compare_group(
    reference: Extracted,
    members: list[Extracted],
    report_dir: str | None,
    names: list[str],
    backend: Backend | None = None,
    judge: Judge | None = None,
) -> list[PairResult]:
    """Compare every member with the reference; write each pair's HTML report under report_dir.

    The comparisons are the rules' own, or `backend`'s (its LLM judge asked), or put to `judge`.
    """
    from factcheck.files import write_text_atomic
    from factcheck.report import to_html
    from factcheck.report.audit_html import pair_anchor

    comparisons: Iterable[Comparison]
    if judge is not None:
        from factcheck.compare import compare

        comparisons = (
            compare(*_usable(reference), *_usable(member), judge=judge) for member in members
        )
    elif backend is None:  # the rules: the reference is read once for the whole story
        from factcheck.compare import compare_each

        assert reference.document is not None
        comparisons = compare_each(
            reference.document, reference.facts, (_usable(m) for m in members)
        )
    else:
        comparisons = (compare_pair(reference, member, backend) for member in members)
    results = []
    for member, name, comparison in zip(members, names, comparisons, strict=True):
        report = None
        if report_dir is not None:
            report = f"pairs/{name}.html"
            # The pair report links back to its row in the index, one folder up.
            index = f"../index.html#{pair_anchor(report)}"
            write_text_atomic(Path(report_dir) / report, to_html(comparison, index=index))
        counts: dict[str, int] = {}
        for found in comparison.discrepancies:
            counts[found.kind] = counts.get(found.kind, 0) + 1
        results.append(
            PairResult(
                reference=reference.path,
                candidate=member.path,
                verdict=comparison.verdict,
                counts=counts,
                report=report,
                worst=comparison.worst_severity(),
            )
        )
    return results


@dataclass(frozen=True, slots=True)
class Answer:
    """The judge's answer to a pair's question, as the main process got it: its verdicts, or
    why there are none (`failure`: the error the judge raised, which the comparison reports
    as a judge that failed)."""

    result: JudgeResult | None = None  # None: no verdict (nothing was asked)
    failure: str | None = None


class _Answered:
    """A `Judge` that gives an answer already got."""

    def __init__(self, answer: Answer) -> None:
        self._answer = answer

    def judge(self, request: JudgeRequest) -> JudgeResult:
        if self._answer.failure is not None:
            raise FactcheckError(self._answer.failure)
        if self._answer.result is None:
            from factcheck.compare.judge import JudgeResult

            return JudgeResult()
        return self._answer.result


class _Asked(Exception):  # not an error: how the question leaves the comparison
    """Raised by `_Asking` out of a comparison, with what the judge was asked."""

    def __init__(self, request: JudgeRequest) -> None:
        super().__init__("the judge was asked")
        self.request = request


class _Asking:
    """A `Judge` that ends the comparison where it is asked: the question is all it wants.

    `_Asked` is no FactcheckError, so the comparison does not take it for a judge's failure."""

    def judge(self, request: JudgeRequest) -> JudgeResult:
        raise _Asked(request)


def compare_or_ask(
    reference: Filed,
    member: Filed,
    report_dir: str | None,
    name: str,
    ask: bool,
    answer: Answer | None = None,
) -> list[PairResult] | JudgeRequest:
    """One pair of an LLM audit, in one step or two (see the module docstring).

    Without `answer`: the pair compared by rules alone when `ask` is false (the LLM may not be
    asked) or the comparison has nothing to ask the judge; else the question, and nothing
    written. With `answer`: the pair compared with the judge's answer. Either way a finished
    pair is the one `compare_filed` with the run's backend gives.
    """
    from factcheck.audit.shelf import fetch

    ref, cand = fetch(*reference), fetch(*member)
    if answer is not None:
        return compare_group(ref, [cand], report_dir, [name], judge=_Answered(answer))
    if not ask:
        return compare_group(ref, [cand], report_dir, [name])
    try:
        return compare_group(ref, [cand], report_dir, [name], judge=_Asking())
    except _Asked as asked:
        return asked.request


@dataclass(frozen=True, slots=True)
class Joined:
    """A pair compared with its part of a joint answer (`compare_answered`), and what the
    answer adds to the two articles' lines: their disclosures with the model's, and how many
    of its facts had no evidence in their article."""

    pairs: list[PairResult]
    reference_flags: tuple[Disclosure, ...]
    member_flags: tuple[Disclosure, ...]
    dropped: int


def compare_answered(
    reference: Filed,
    member: Filed,
    completion: Completion,
    index: int,
    report_dir: str | None,
    name: str,
) -> Joined:
    """One pair of an LLM audit asked with its story (`factcheck.llm.joint`): the answer's
    facts for the reference and for its candidate `index` (`member`) grounded and merged with
    the rules', and the pair compared with the model's verdicts, as `factcheck compare` does
    with the answer for the pair alone."""
    from factcheck.audit.shelf import fetch
    from factcheck.llm.joint import AnnotatedJudge, ground_joint

    ref, cand = fetch(*reference), fetch(*member)
    assert ref.document is not None and cand.document is not None
    found = ground_joint(ref.document, cand.document, completion, index)
    ref_facts, cand_facts = found.merged(list(ref.facts), list(cand.facts))
    ref, cand = replace(ref, facts=tuple(ref_facts)), replace(cand, facts=tuple(cand_facts))
    pairs = compare_group(ref, [cand], report_dir, [name], judge=AnnotatedJudge(found))
    return Joined(pairs, disclosures(ref.facts), disclosures(cand.facts), found.dropped)
