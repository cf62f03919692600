"""HTML pages: article body and metadata through trafilatura (dates by htmldate).

trafilatura runs in its fast mode favouring recall: on news pages its fallback
extractors (readability, jusText) more often add navigation than recover text
(scrapinghub dev split: F1 0.956 default, 0.962 this way). What it keeps too
much of is then trimmed: the headline repeated at the top of the
body, and the page URL; boilerplate lines go in the shared boilerplate step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import trafilatura

_NON_WORD = re.compile(r"\W+")
_LEADING_CHECKED = 3
_SENTENCE_WORDS = 8
_SENTENCE_CHARS = 50  # for scripts written without spaces


@dataclass
class HtmlPage:
    """What an HTML page yields: the body as paragraphs and the page's metadata."""

    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    byline: str | None = None
    site: str | None = None
    published: str | None = None
    url: str | None = None
    categories: list[str] = field(default_factory=list)


def extract_html(content: bytes | str, url: str | None = None) -> HtmlPage | None:
    """The article on an HTML page, or None when the page has none (or is not HTML).

    Bytes are decoded by trafilatura (declared charset, then detection)."""
    tree = trafilatura.load_html(content)
    if tree is None:
        return None
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=True,
        favor_recall=True,
        include_comments=False,
        with_metadata=True,
    )
    if doc is None or not doc.text:
        return None
    paragraphs = [" ".join(line.split()) for line in doc.text.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    if not any(len(p.split()) >= _SENTENCE_WORDS or len(p) >= _SENTENCE_CHARS for p in paragraphs):
        return None  # menus and link lists: nothing reads like a sentence
    repeated = {_key(doc.title), _key(doc.url), _key(url)} - {""}
    return HtmlPage(
        paragraphs=_drop_repeated_heading(paragraphs, repeated),
        title=doc.title,
        byline=doc.author,
        site=doc.sitename,
        published=doc.date,
        url=doc.url or url,
        categories=list(doc.categories or []),
    )


def _key(text: str | None) -> str:
    return _NON_WORD.sub(" ", text or "").strip().casefold()


def _drop_repeated_heading(paragraphs: list[str], repeated: set[str]) -> list[str]:
    """Drop the title or URL where the body repeats them in its first lines."""
    head = [p for p in paragraphs[:_LEADING_CHECKED] if _key(p) not in repeated]
    return head + paragraphs[_LEADING_CHECKED:]
