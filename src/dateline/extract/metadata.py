"""Page metadata: title, author, canonical URL, site name, date and category.

trafilatura's `with_metadata` also collects tags and the licence and costs a
third of the whole extraction; this reads only what an `Article` holds, with
trafilatura's own readers (meta tags, then JSON-LD, then the page) and the date
from `pubdate` (htmldate, checked: publication rather than modification date).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml.html import HtmlElement
from trafilatura.metadata import (
    examine_meta,
    extract_author,
    extract_catstags,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
    normalize_authors,
)

from dateline.extract.pubdate import page_date, strip_comments

_SEPARATOR = re.compile(r"\s+(?:[–—|»·_]|-{1,2}|::)\s+|\s*_\s*")
"""Between a headline and a site or section name; not a colon, which headlines use themselves."""


_CDATA_OPEN = re.compile(r"\s*(?://|/\*)?\s*<!\[CDATA\[(?:\s*\*/)?")
_CDATA_CLOSE = re.compile(r"(?://|/\*)?\s*\]\]>(?:\s*\*/)?\s*$")


_CHROME_TEST = "self::nav or starts-with(@id, 'nav') or starts-with(@class, 'nav')"
_CHROME = f"//text()[normalize-space(.) = $author][ancestor::*[{_CHROME_TEST}]]"
_BYLINE = "//*[self::span or self::div or self::p][contains(@class, 'byline')]"
_BYLINE_CHARS = 100


@dataclass
class PageMeta:
    """What a page says about itself; None where it says nothing."""

    title: str | None = None
    author: str | None = None
    url: str | None = None
    site: str | None = None
    date: str | None = None
    date_precision: str | None = None
    categories: list[str] = field(default_factory=list)


def page_metadata(tree: HtmlElement, url: str | None = None) -> PageMeta:
    """The metadata of a parsed page; `url` is where it was fetched (a fallback for the canonical URL)."""
    found = examine_meta(tree)
    _unwrap_cdata(tree)
    try:
        found = extract_meta_json(tree, found)
    except Exception:  # noqa: BLE001 - malformed JSON-LD: the meta tags and the page remain
        pass
    page_url = _clean(found.url or extract_url(tree, url))
    title = _clean(found.title) or page_title(tree) or _clean(extract_title(tree))
    scripts = strip_comments(tree)
    date = page_date(tree, url or page_url, title, scripts)
    return PageMeta(
        title=title,
        author=_clean(found.author) or _page_author(tree),
        url=page_url,
        site=_clean((found.sitename or extract_sitename(tree) or "").lstrip("@")) or _host(page_url),
        date=date.value if date else None,
        date_precision=date.precision if date else None,
        categories=list(found.categories or extract_catstags("category", tree)),
    )


def _page_author(tree: HtmlElement) -> str | None:
    """The author the page's markup names (trafilatura's reader), unless that is
    the text of the site's navigation (a ``username`` account menu): then
    the page's byline element (``class="pb-byline"``: "By Jane Doe"), outside them."""
    author = _clean(extract_author(tree))
    if not author or not tree.xpath(_CHROME, author=author):
        return author
    for element in tree.xpath(_BYLINE):
        byline = _clean(element.text_content())
        if byline and len(byline) <= _BYLINE_CHARS and not element.xpath(f"ancestor::*[{_CHROME_TEST}]"):
            return _clean(normalize_authors(None, byline))
    return None


def _unwrap_cdata(tree: HtmlElement) -> None:
    """JSON-LD wrapped in a CDATA section (XHTML-era templates: ``<![CDATA[ {...} ]]>``)
    is not JSON to trafilatura's or htmldate's readers; unwrap it, in place."""
    for script in tree.xpath("//script[contains(@type, 'ld+json')]"):
        if script.text and _CDATA_OPEN.match(script.text):
            script.text = _CDATA_CLOSE.sub("", _CDATA_OPEN.sub("", script.text, count=1))


def page_title(tree: HtmlElement) -> str | None:
    """The title a page gives itself when no meta tag names one: the ``<title>``
    element, or the part of it that a ``<h1>`` repeats (the headline without an
    unknown site name). A lone ``<h1>`` is not trusted over ``<title>``: on many
    pages it is a site, section or widget heading ("Hi, I'm Nicolas.", "Lorem")."""
    elements = tree.xpath("//head/title") or tree.xpath("//title[not(ancestor::svg)]")
    title = _clean(elements[0].text_content()) if elements else None
    if not title:
        return None
    return headline_part(title, (_clean(h1.text_content()) or "" for h1 in tree.iter("h1")))


def headline_part(title: str, lines: Iterable[str]) -> str:
    """The separator-delimited part of `title` that one of `lines` (a heading, the
    body's first lines) starts with, when it holds at least half the title's words;
    else the whole title."""
    parts = [p for p in _SEPARATOR.split(title) if p]
    if len(parts) < 2:
        return title
    half = len(title.split()) / 2
    for line in lines:
        folded = line.casefold()
        if folded.startswith(title.casefold()):
            return title
        for part in parts:
            if len(part.split()) >= half and folded.startswith(part.casefold()):
                return part
    return title


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None


def _host(url: str | None) -> str | None:
    """The site's host name (``www.`` dropped) when the page names no site."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None
