"""Page metadata: title, author, canonical URL, site name, date and category.

trafilatura's `with_metadata` also collects tags and the licence and costs a
third of the whole extraction; this reads only what an `Article` holds, with
trafilatura's own readers (meta tags, then JSON-LD, then the page) and the date
from htmldate (publication rather than modification date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import (
    examine_meta,
    extract_author,
    extract_catstags,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)


@dataclass
class PageMeta:
    """What a page says about itself; None where it says nothing."""

    title: str | None = None
    author: str | None = None
    url: str | None = None
    site: str | None = None
    date: str | None = None
    categories: list[str] = field(default_factory=list)


def page_metadata(tree: HtmlElement, url: str | None = None) -> PageMeta:
    """The metadata of a parsed page; `url` is where it was fetched (a fallback for the canonical URL)."""
    found = examine_meta(tree)
    try:
        found = extract_meta_json(tree, found)
    except Exception:  # noqa: BLE001 - malformed JSON-LD: the meta tags and the page remain
        pass
    page_url = _clean(found.url or extract_url(tree, url))
    return PageMeta(
        title=_clean(found.title or extract_title(tree)),
        author=_clean(found.author or extract_author(tree)),
        url=page_url,
        site=_clean((found.sitename or extract_sitename(tree) or "").lstrip("@")) or _host(page_url),
        date=find_date(tree, url=page_url, original_date=True, max_date=dt.date.today().isoformat()),
        categories=list(found.categories or extract_catstags("category", tree)),
    )


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None


def _host(url: str | None) -> str | None:
    """The site's host name (``www.`` dropped) when the page names no site."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None
