"""The HTML page shell shared by the comparison and audit reports: inline CSS and JS, nothing else.

A report is one file that opens offline and fetches nothing, so styles and scripts are read from
the package and inlined.
"""

from __future__ import annotations

import functools
from html import escape
from importlib import resources


@functools.cache
def asset(name: str) -> str:
    """A packaged CSS or JS file from factcheck/report/assets."""
    return (resources.files("factcheck.report") / "assets" / name).read_text("utf-8")


def esc(text: object) -> str:
    """Text made safe for HTML content and attribute values."""
    return escape(str(text), quote=True)


def page(title: str, body: str, *, script: str | None = "report.js") -> str:
    """A complete, self-contained HTML document around `body`."""
    js = f"<script>\n{asset(script)}</script>\n" if script else ""
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # No referrer and no remote loads, in case anything in an article slips through as a URL.
        '<meta name="referrer" content="no-referrer">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{esc(title)}</title>\n<style>\n{asset('report.css')}</style>\n</head>\n"
        f"<body>\n{body}\n{js}</body>\n</html>\n"
    )
