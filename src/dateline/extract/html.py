"""HTML pages: article body through trafilatura, metadata by `metadata.page_metadata`.

trafilatura runs in its fast mode favouring recall: on news pages its fallback
extractors (readability, jusText) more often add navigation than recover text
(scrapinghub dev split: F1 0.956 default, 0.962 this way). Where its body is
short or empty, readability-lxml gets a say (`fallback`). Around it:

- parts that are never article text (hover cards, tooltips: `data/prune.txt`)
  are pruned before extraction;
- the headline or the page URL repeated at the top of the body is dropped
  (boilerplate lines go in the shared boilerplate step);
- a body that ads split into sibling containers of the same class
  (``div.article__body`` … advert … ``div.article__body``), of which
  trafilatura keeps the first, gets the paragraphs of the others appended.

An HTML fragment (a feed item's content, no ``<html>`` or ``<body>``) that is
too short for trafilatura is read as it is, one paragraph per block element.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import trafilatura
from lxml.html import HtmlElement, fragment_fromstring

from dateline.extract.fallback import SHORT_BODY_WORDS, better_body, block_lines, readability_paragraphs
from dateline.extract.metadata import PageMeta, headline_part, page_metadata
from dateline.extract.resources import data_lines
from dateline.extract.title import split_title

_NON_WORD = re.compile(r"\W+")
_LEADING_CHECKED = 3
_SENTENCE_WORDS = 8
_SENTENCE_CHARS = 50
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_KEY_CHARS = 60
_LINK_WORDS = 3
_MAX_BODY_PARTS = 5
_BODY_CLASS = re.compile(r"body|article", re.IGNORECASE)
_PAGE_TAG = re.compile(r"<(?:html|body)\b", re.IGNORECASE)


@dataclass
class HtmlPage:
    """What an HTML page yields: the body as paragraphs and the page's metadata."""

    paragraphs: list[str] = field(default_factory=list)
    meta: PageMeta = field(default_factory=PageMeta)
    dropped: list[str] = field(default_factory=list)
    """Paragraphs dropped as link lines (see `_link_lines`)."""


def extract_html(content: bytes | str, url: str | None = None) -> HtmlPage | None:
    """The article on an HTML page (no paragraphs, metadata only, when the page has
    none), or None when the content is not HTML.

    Bytes are decoded by trafilatura (declared charset, then detection)."""
    tree = trafilatura.load_html(content)
    if tree is None:  # trafilatura takes only what looks like a page
        return _fragment(_parse_fragment(content)) if _is_fragment(content) else None
    doc = trafilatura.bare_extraction(
        tree,  # trafilatura works on a copy: `tree` stays whole for `_split_body`
        url=url,
        fast=True,
        favor_recall=True,
        include_comments=False,
        prune_xpath=_prune_xpath(),
    )
    paragraphs = _lines(doc.text) if doc is not None and doc.text else []
    if sum(len(p.split()) for p in paragraphs) < SHORT_BODY_WORDS:
        second = readability_paragraphs(tree, url)
        if any(map(_sentence_like, second)) and better_body(paragraphs, second):
            paragraphs = second
    if not paragraphs and _is_fragment(content):
        return _fragment(tree)
    if not any(map(_sentence_like, paragraphs)):
        paragraphs = []  # menus and link lists: nothing reads like a sentence
    meta = page_metadata(tree, url)
    if meta.title and paragraphs:
        meta.title = headline_part(meta.title, paragraphs[:_LEADING_CHECKED])
    headline = split_title(meta.title, meta.site, meta.url)[0] if meta.title else None
    repeated = {_key(meta.title), _key(headline), _key(meta.url), _key(url)} - {""}
    dropped: list[str] = []
    if paragraphs:
        paragraphs = _drop_repeated_heading(paragraphs, repeated) + _split_body(tree, paragraphs)
        paragraphs, dropped = _link_lines(tree, paragraphs)
    meta.url = meta.url or url
    return HtmlPage(paragraphs, meta, dropped)


@cache
def _prune_xpath() -> str | None:
    return " | ".join(data_lines("prune.txt", "DATELINE_PRUNE")) or None


def _lines(text: str) -> list[str]:
    return [line for line in (" ".join(raw.split()) for raw in text.splitlines()) if line]


def _is_fragment(content: bytes | str) -> bool:
    head = content[:2000].decode("utf-8", "replace") if isinstance(content, bytes) else content[:2000]
    return not _PAGE_TAG.search(head)


def _parse_fragment(content: bytes | str) -> HtmlElement:
    text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
    return fragment_fromstring(text, create_parent="div")


def _fragment(tree: HtmlElement) -> HtmlPage | None:
    """A fragment's text, a paragraph per block element; None when it is not even a sentence long."""
    paragraphs = block_lines(tree)
    return HtmlPage(paragraphs=paragraphs) if _sentence_like(" ".join(paragraphs)) else None


def _sentence_like(paragraph: str) -> bool:
    """Long enough for a sentence: words, counting two characters of a script written
    without spaces (Chinese, Japanese) as one word."""
    words = len(paragraph.split()) + len(_UNSPACED.findall(paragraph)) // 2
    return words >= _SENTENCE_WORDS or len(paragraph) >= _SENTENCE_CHARS


def _split_body(tree: HtmlElement, paragraphs: list[str]) -> list[str]:
    """Paragraphs from the other parts of a body split into same-class sibling containers."""
    first = next((p[:_KEY_CHARS] for p in paragraphs if len(p.split()) >= _SENTENCE_WORDS), None)
    container = next((p.getparent() for p in tree.iter("p") if _text(p).startswith(first)), None) if first else None
    if container is None or not _BODY_CLASS.search(container.get("class") or ""):
        return []
    parts = tree.xpath(f"//{container.tag}[@class=$c]", c=container.get("class"))
    if len(parts) > _MAX_BODY_PARTS:
        return []
    seen = " ".join(paragraphs)
    return [
        text
        for part in parts
        if part is not container
        for text in map(_text, part.iter("p"))
        if _sentence_like(text) and text[:_KEY_CHARS] not in seen
    ]


def _link_lines(tree: HtmlElement, paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """(kept, dropped): a paragraph that is the whole text of one link to another page
    is a link, not prose: a related story's headline, a navigation entry, a "more
    from" teaser. Links within the page (a table of contents, heading anchors) stay."""
    links = {_key(a.text_content()) for a in tree.iter("a") if not (a.get("href") or "#").startswith("#")}
    kept, dropped = [], []
    for paragraph in paragraphs:
        key = _key(paragraph.removeprefix("- "))
        is_link = len(key.split()) >= _LINK_WORDS and key in links
        (dropped if is_link else kept).append(paragraph)
    return kept, dropped


def _text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _key(text: str | None) -> str:
    return _NON_WORD.sub(" ", text or "").strip().casefold()


def _drop_repeated_heading(paragraphs: list[str], repeated: set[str]) -> list[str]:
    """Drop the title or URL where the body repeats them in its first lines."""
    head = [p for p in paragraphs[:_LEADING_CHECKED] if _key(p) not in repeated]
    return head + paragraphs[_LEADING_CHECKED:]
