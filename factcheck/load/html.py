"""HTML articles: the main text and metadata, via trafilatura, never touching the network."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

# Meta tags that carry the original publication date, best first.
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "parsely-pub-date",
    "sailthru.date",
)
_LANGUAGE_META = ("content-language", "dc.language", "language", "og:locale")
# A news page's JSON-LD is a few kilobytes; a block past this is not worth parsing for a date.
_JSON_LD_MAX_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    """What an HTML page gives us: main text plus raw metadata values (parsed by the caller)."""

    text: str
    title: str | None = None
    date: str | None = None
    language: str | None = None
    site: str | None = None


def extract_html(markup: str) -> HtmlArticle:
    """The article inside an HTML page: main text without navigation, scripts or footers."""
    import trafilatura
    from trafilatura.utils import load_html

    if "<html" not in markup[:2_000].lower():
        # trafilatura rejects a lone fragment as "not HTML"; give it a document around it.
        markup = f"<html><body>{markup}</body></html>"
    tree = load_html(markup)  # a string is parsed, never fetched: only a URL would be
    if tree is None:
        return HtmlArticle(text="")
    meta = _meta(tree)
    # Passing the parsed tree (not a string) means htmldate cannot mistake input for a URL;
    # extensive_search off keeps it from guessing the date from body text or a copyright line.
    result = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    text = getattr(result, "text", None) or ""
    if not text.strip():
        text = _baseline(tree)
    return HtmlArticle(
        text=text,
        title=getattr(result, "title", None) or meta.get("og:title") or _title_tag(tree),
        date=_first(meta, _DATE_META) or _json_ld_date(tree) or getattr(result, "date", None),
        language=tree.get("lang") or tree.get("xml:lang") or _first(meta, _LANGUAGE_META),
        site=meta.get("og:site_name") or getattr(result, "sitename", None),
    )


def _meta(tree: Any) -> dict[str, str]:
    """Every <meta> name/property/http-equiv/itemprop, lower-cased, mapped to its content."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        content = (element.get("content") or "").strip()
        if not content:
            continue
        for attribute in ("property", "name", "http-equiv", "itemprop"):
            key = (element.get(attribute) or "").strip().lower()
            if key:
                found.setdefault(key, content)
    for element in tree.iter("time"):
        if element.get("itemprop", "").lower() == "datepublished" and element.get("datetime"):
            found.setdefault("datepublished", element.get("datetime"))
    return found


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((meta[key] for key in keys if key in meta), None)


def _json_ld_date(tree: Any) -> str | None:
    for element in tree.iter("script"):
        if (element.get("type") or "").lower() != "application/ld+json" or not element.text:
            continue
        if len(element.text) > _JSON_LD_MAX_CHARS:
            continue
        try:
            data = json.loads(element.text)
        except (ValueError, RecursionError):
            # RecursionError: arrays or objects nested thousands deep. The page still loads;
            # only this block's date is lost.
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
                return str(item["datePublished"])
    return None


def _title_tag(tree: Any) -> str | None:
    element = tree.find(".//title")
    return element.text_content() if element is not None else None


def _baseline(tree: Any) -> str:
    """Short pages trafilatura declines: take the body's paragraphs as they are."""
    from trafilatura import baseline

    _, text, _ = baseline(tree)
    return text or ""
