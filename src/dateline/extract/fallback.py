"""A second body extractor for pages where trafilatura finds little or nothing.

trafilatura's fast mode drops paragraphs on some layouts (paragraphs in sibling
blocks it scores as boilerplate, bodies made of ``<div>``s and ``<br>``s) and
finds nothing on others. readability-lxml scores blocks differently (Mozilla
Readability's algorithm) and often recovers them. It costs about three times
trafilatura's time, so it runs only where trafilatura's body is short, and its
body replaces trafilatura's only when it holds what trafilatura found and
clearly more (measured on both dev sets: docs/extract.md).
"""

from __future__ import annotations

import re
from collections import Counter

from lxml.html import HtmlElement, fragment_fromstring, tostring

SHORT_BODY_WORDS = 200
"""Below this many words (a news brief) trafilatura's body is checked against the fallback's."""
_MORE = 1.5
_CONTAINED = 0.7
_BLOCKS = ("p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "pre", "figcaption")
_BLOCK_END = "\u2029"
_TOKEN = re.compile(r"\w+")
_SHINGLE = 4


def readability_paragraphs(tree: HtmlElement, url: str | None = None) -> list[str]:
    """The body readability-lxml finds in a parsed page, one paragraph per block; [] when
    it finds none. It gets the page as text: given bytes it would guess their encoding
    with chardet, which costs more than the rest of its work."""
    from readability import Document

    try:
        summary = Document(tostring(tree, encoding="unicode"), url=url).summary(html_partial=True)
        tree = fragment_fromstring(summary, create_parent="div")
    except Exception:  # noqa: BLE001 - a page it cannot parse simply gives no second opinion
        return []
    return block_lines(tree)


def block_lines(tree: HtmlElement) -> list[str]:
    """The text of `tree`, a line per block element, whitespace normalised (line
    breaks inside a block are only the source's wrapping)."""
    for element in tree.iter(*_BLOCKS):
        element.tail = _BLOCK_END + (element.tail or "")
    return [line for line in (" ".join(raw.split()) for raw in tree.text_content().split(_BLOCK_END)) if line]


def better_body(first: list[str], second: list[str]) -> bool:
    """Whether `second` holds most of `first` and clearly more: a fuller extraction
    of the same article, not another part of the page."""
    words_first = sum(len(p.split()) for p in first)
    words_second = sum(len(p.split()) for p in second)
    if words_second <= _MORE * words_first:
        return False
    if not first:
        return True
    a, b = _shingles(" ".join(first)), _shingles(" ".join(second))
    return sum((a & b).values()) >= _CONTAINED * sum(a.values())


def _shingles(text: str) -> Counter:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + _SHINGLE]) for i in range(max(1, len(tokens) - _SHINGLE + 1)))
