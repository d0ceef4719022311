"""Every error factcheck raises on purpose, and the exit code the CLI gives it.

    FactcheckError                  base; `exit_code` is what the CLI exits with
    ├── UsageError                  bad options or arguments (exit 2)
    ├── LoadError                   an input file cannot be used (exit 2); names the file
    │   ├── FileMissingError        no such file
    │   ├── NotAFileError           a directory or other non-file
    │   ├── EmptyFileError          zero bytes, or only whitespace once decoded
    │   ├── BinaryFileError         looks like binary data, not text
    │   ├── DecodeError             bytes that no supported encoding decodes
    │   └── TooLargeError           over the size limit
    ├── OutputError                 a report cannot be written there (exit 2); names the path
    ├── ExtractionError             an extractor could not produce facts
    ├── ConfigError                 a provider spec or setting that cannot work (exit 2)
    └── ProviderError               an LLM call failed; `retryable` and `disable` drive fallback
        ├── TransientError          408/409/429 rate limit/5xx/529/timeout/connection: retry
        ├── AccessError             401/402/403/404 model: disable the provider for the run
        │   └── QuotaError          insufficient quota, spend or usage limit: disable too
        ├── UnavailableError        disabled or resting after failures: skipped, no request sent
        ├── OversizeError           the task is too big for one request: split it, else fall back
        │   ├── ContextTooLongError 400 context length: the input does not fit
        │   └── OutputTooLongError  the answer was cut at the output token limit
        ├── InvalidOutputError      not JSON, or fails the schema: one re-ask, then fall back
        ├── BadRequestError         any other 400: fail the request
        │   └── FormatRefusedError  the output format was refused; the provider stepped down
        │       └── FormatIgnoredError  a 200 that ignored the schema; stepped down too
        └── AllBackendsFailedError  every backend in the chain failed (exit 3)

Any other exception is a bug: the CLI exits with INTERNAL_ERROR_EXIT (4) after one line saying
where the full traceback was saved.

SDK exceptions are converted to these at the provider call site and nowhere else. Messages never
contain an API key: `redact` scrubs anything shaped like one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# The user information of a URL (user:password@ or token@), e.g. in an OPENAI_BASE_URL.
_URL_CREDENTIALS = re.compile(r"(?<=://)[^/\s@?#]+@")
_KEY_SHAPES = re.compile(
    r"(sk-ant-[A-Za-z0-9_\-*]{6,}|sk-(?:proj-)?[A-Za-z0-9_\-*]{6,}|(?:Bearer\s+)[A-Za-z0-9._\-*]{8,}"
    r"|AIza[A-Za-z0-9_\-]{30,})"  # Google API keys (Gemini)
)


def redact(text: str, *secrets: str | None) -> str:
    """Remove API keys (known values and anything key-shaped) and URL credentials from `text`."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "[redacted]")
    return hide_url_credentials(_KEY_SHAPES.sub("[redacted]", text))


def hide_url_credentials(text: str) -> str:
    """`text` with the user name and password of every URL in it replaced by "[redacted]"."""
    return _URL_CREDENTIALS.sub("[redacted]@", text)


# Environment variables whose values are secrets, by the shape of their names.
_SECRET_NAMES = re.compile(r"KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH", re.IGNORECASE)


def redact_environment(text: str, env: Mapping[str, str]) -> str:
    """`redact`, plus the value of every variable in `env` named like a secret (…_API_KEY,
    …_TOKEN, …_SECRET, …PASSWORD…) and the credentials in any URL: for text that leaves the
    process with no control over what it contains, such as a saved traceback."""
    secrets = [v for k, v in env.items() if _SECRET_NAMES.search(k) and len(v) >= 8]
    # Longest first, so that a key containing another key is removed whole.
    return redact(text, *sorted(secrets, key=len, reverse=True))


INTERNAL_ERROR_EXIT = 4


class FactcheckError(Exception):
    """Base of every deliberate factcheck error."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(redact(message))


class UsageError(FactcheckError):
    """Bad options or arguments."""


class ConfigError(FactcheckError):
    """A provider spec or setting that cannot work."""


class LoadError(FactcheckError):
    """An input file that cannot be used; the message starts with the path."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class FileMissingError(LoadError):
    """No such file."""


class NotAFileError(LoadError):
    """A directory or other non-regular file."""


class EmptyFileError(LoadError):
    """Zero bytes, or nothing but whitespace."""


class BinaryFileError(LoadError):
    """Binary data, not text."""


class DecodeError(LoadError):
    """Bytes that no supported encoding decodes."""


class TooLargeError(LoadError):
    """A file over the size limit."""


class OutputError(FactcheckError):
    """A report path that cannot be written; the message starts with the path."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")

    def __reduce__(self) -> tuple[type[OutputError], tuple[str, str]]:
        # Raised in audit worker processes too: it must survive the trip back through pickle.
        return type(self), (self.path, self.reason)


class ExtractionError(FactcheckError):
    """An extractor could not produce facts."""

    exit_code = 3


class ProviderError(FactcheckError):
    """An LLM call failed. Subclasses say whether to retry, fall back, or disable the provider."""

    exit_code = 3
    retryable = False  # try the same provider again after a backoff
    disable = False  # take the provider out of the chain for the rest of the run
    fallback = True  # let the next backend in the chain try

    def __init__(
        self,
        message: str,
        *,
        provider: str = "",
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.provider = provider
        self.status = status
        self.retry_after = retry_after
        super().__init__(f"{provider}: {message}" if provider else message)

    @property
    def kind(self) -> str:
        """A short name for logs: 'transient', 'access', ..."""
        return _KIND_NAMES.get(type(self), "error")


class TransientError(ProviderError):
    """Rate limit, overload, server error, timeout or dropped connection: retry, then fall back."""

    retryable = True


class AccessError(ProviderError):
    """Revoked or missing access, unknown model, exhausted quota: disable and fall back at once."""

    disable = True


class QuotaError(AccessError):
    """Insufficient quota, a spend or usage limit: no request will succeed until it is raised."""


class UnavailableError(ProviderError):
    """The provider was disabled or is resting earlier in this run: skipped without a request."""


class OversizeError(ProviderError):
    """One request cannot hold the task. A caller that can cut its input in parts (the
    extractor's article, the judge's items) asks with a splittable request and splits it;
    otherwise the chain falls back to the next provider."""


class ContextTooLongError(OversizeError):
    """The input does not fit the model's context window."""


class OutputTooLongError(OversizeError):
    """The answer was cut off at the output token limit: asking again with a longer prompt would
    only be cut again, a smaller part of the input is answered in full."""


class InvalidOutputError(ProviderError):
    """The model's answer is not JSON or fails the schema: re-ask once, then fall back."""

    refused = False  # the model declined to answer (not a format problem)


class BadRequestError(ProviderError):
    """Any other 400: the request itself is wrong; no other provider will fix it."""

    fallback = False


class FormatRefusedError(BadRequestError):
    """The server refused the structured-output format; the provider has stepped down to a
    plainer one, so the same request may be sent again at once."""


class FormatIgnoredError(FormatRefusedError):
    """The server answered 200 at a native structured-output level, but the answer does not fit
    the schema: it ignored the format (a compatible server without that feature). The provider
    has stepped down to a plainer level, which puts the schema in the prompt."""


class AllBackendsFailedError(ProviderError):
    """Every backend in the chain failed; carries each failure."""

    def __init__(self, failures: list[ProviderError]) -> None:
        self.failures = failures
        detail = "; ".join(str(f) for f in failures) or "no backend configured"
        super().__init__(f"every configured backend failed: {detail}")


_KIND_NAMES: dict[type, str] = {
    TransientError: "transient",
    AccessError: "access",
    QuotaError: "quota",
    UnavailableError: "unavailable",
    FormatRefusedError: "format_refused",
    FormatIgnoredError: "format_ignored",
    ContextTooLongError: "context_too_long",
    OutputTooLongError: "output_too_long",
    InvalidOutputError: "invalid_output",
    BadRequestError: "bad_request",
    AllBackendsFailedError: "all_failed",
}
