"""The fact backend of one run: the rules extractor, plus the LLM chain when one is configured."""

from __future__ import annotations

from types import TracebackType

from factcheck.config import Settings
from factcheck.extract.rules import extract as rules_extract
from factcheck.models import Comparison, Document, Fact, RunInfo


class Backend:
    """Extracts facts and compares documents for one run, and accounts for what it did."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.backends: tuple[str, ...] = ("rules",)

    def extract(self, document: Document) -> list[Fact]:
        """The facts of `document`."""
        return rules_extract(document)

    def compare(self, reference: Document, candidate: Document) -> Comparison:
        """Extract both documents and compare them."""
        from factcheck.compare import compare

        return compare(reference, self.extract(reference), candidate, self.extract(candidate))

    def run_info(self, seconds: float) -> RunInfo:
        """What this run did so far."""
        return RunInfo(backends=self.backends, seconds=round(seconds, 3))

    def close(self) -> None:
        """Release whatever the run holds."""

    def __enter__(self) -> Backend:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_backend(settings: Settings) -> Backend:
    """The backend the settings ask for."""
    return Backend(settings)
