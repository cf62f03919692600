"""Extract: raw document → clean, dated, sourced `Article`.

`extract_article` never raises: whatever goes wrong becomes an article with
status ``error`` and a readable reason. Steps, each in its own module:
body and metadata (`html` for pages, `title.text_title` for plain text),
boilerplate removal (and the lines the document's site repeats on other pages
in the store, `siterepeat`), title/section split, dateline, wire source, publication
date, language, quality flags. Metadata the container gave (`RawDocument.meta`:
url, title, published, source or site, byline or author, language, wire_source)
wins over what is guessed.
"""

from __future__ import annotations

import hashlib
from typing import Any

from dateline.extract.boilerplate import strip_boilerplate
from dateline.extract.dateline import find_dateline, split_glued_byline
from dateline.extract.html import extract_html
from dateline.extract.language import detect_language
from dateline.extract.published import dateline_day, day_in_name, normalise
from dateline.extract.quality import BOILERPLATE_DROPPED, quality_flags
from dateline.extract.siterepeat import SITE_REPEATED, drop_site_repeated
from dateline.extract.title import section_from_categories, split_title, text_title
from dateline.extract.wire import wire_source
from dateline.ingest.decode import decode_bytes
from dateline.ingest.limits import IngestError
from dateline.model import Article, RawDocument

PARAGRAPH_BREAK = "\n\n"

__all__ = ["PARAGRAPH_BREAK", "article_id", "content_hash", "document_key", "extract_article"]


class ExtractionError(Exception):
    """A document that yields no article; the message is the reason shown to users."""


def content_hash(content: bytes | str) -> str:
    if isinstance(content, str):
        data = content.encode("utf-8", "surrogatepass")
    elif isinstance(content, (bytes, bytearray, memoryview)):
        data = bytes(content)
    else:  # not content at all; hashed as written so that the error article still gets an id
        data = repr(content).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def article_id(origin: str, digest: str) -> str:
    """Stable id: the same input (origin and content) always gets the same id."""
    return hashlib.sha256(f"{origin}\n{digest}".encode()).hexdigest()[:16]


def document_key(raw: RawDocument) -> tuple[str, str]:
    """The content hash and article id of `raw`: one rule for extraction, the
    run loop's already-stored check and the error articles workers make."""
    digest = content_hash(raw.content)
    return digest, article_id(raw.origin, digest)


def extract_article(raw: RawDocument) -> Article:
    """The article in `raw`; an error article (status ``error``, `error` saying why) on any failure."""
    digest, doc_id = document_key(raw)
    article = Article(id=doc_id, origin=raw.origin, content_hash=digest)
    try:
        if raw.kind == "error":
            raise ExtractionError(raw.error or "the reader could not read this document")
        _fill(article, raw)
    except ExtractionError as err:
        article.status, article.error = "error", str(err)
    except Exception as err:  # noqa: BLE001 - a bad document must never stop a run
        article.status, article.error = "error", f"extraction failed: {type(err).__name__}: {err}"
    return article


def _fill(article: Article, raw: RawDocument) -> None:
    meta = raw.meta or {}
    if not isinstance(raw.content, (str, bytes)):
        raise ExtractionError(f"content is {type(raw.content).__name__}, not text or bytes")
    if not raw.content.strip():
        raise ExtractionError("empty document")
    dropped: list[str] = []
    if raw.kind == "html":
        paragraphs, dropped = _from_html(article, raw.content, meta.get("url"))
    elif raw.kind == "text":
        paragraphs = _from_text(article, decode_text(raw.content))
    else:
        raise ExtractionError(f"unknown document kind {raw.kind!r}")
    _apply_meta(article, meta)
    kept, removed = strip_boilerplate(paragraphs)
    kept, site_lines = drop_site_repeated(kept, meta.get(SITE_REPEATED))
    removed = dropped + removed
    kept, byline = split_glued_byline(kept)
    article.byline = article.byline or byline
    article.text = PARAGRAPH_BREAK.join(kept)
    if not article.text.strip():
        raise ExtractionError("empty after extraction")
    if article.title:
        article.title, section = split_title(article.title, article.site, article.url)
        article.section = article.section or section
    article.dateline = find_dateline(article.text)
    article.wire_source = meta_text(meta, "wire_source") or wire_source(
        article.text, article.dateline, article.byline, article.url, removed + site_lines
    )
    if article.dateline and article.dateline.date:
        known = article.published if article.published_precision != "year" else None
        article.dateline.date_iso = dateline_day(article.dateline.date, article.text, known)
        if not article.published and article.dateline.date_iso:
            article.published, article.published_inferred = article.dateline.date_iso, True
    if not article.published and (named := day_in_name(article.url) or day_in_name(article.origin)):
        article.published, article.published_inferred = named, True
    if article.published and not article.published_precision:
        article.published_precision = "day"
    article.language = meta_text(meta, "language") or detect_language(article.text)
    article.quality = quality_flags(article.text) + (["lossy_decoding"] if meta.get("encoding_lossy") else [])
    if removed:
        article.quality.append(f"{BOILERPLATE_DROPPED}:{len(removed)}")
    if site_lines:
        article.quality.append(f"{SITE_REPEATED}:{len(site_lines)}")


def _from_html(article: Article, content: bytes | str, url: str | None) -> tuple[list[str], list[str]]:
    """The body's paragraphs and those dropped as link lines; the page's metadata is
    kept even when it has no article, so that an error article still says what the page was."""
    page = extract_html(content, url)
    if page is None:
        raise ExtractionError("no article text found (page is not an article?)")
    meta = page.meta
    article.title, article.byline, article.site, article.url = meta.title, meta.author, meta.site, meta.url
    if meta.date_precision == "year":
        article.published, article.published_precision = meta.date, "year"
    else:
        article.published = normalise(meta.date)
    article.section = section_from_categories(meta.categories)
    if not page.paragraphs:
        raise ExtractionError("no article text found (page is not an article?)")
    return page.paragraphs, page.dropped


def _from_text(article: Article, text: str) -> list[str]:
    paragraphs = text_paragraphs(text)
    if not paragraphs:
        raise ExtractionError("empty document")
    title = text_title(paragraphs[0], paragraphs[1]) if len(paragraphs) > 1 else None
    if title:
        article.title = title
        return paragraphs[1:]
    return paragraphs


def text_paragraphs(text: str) -> list[str]:
    """Paragraphs of a plain text with whitespace normalised: blocks between blank
    lines when the text has them (lines inside a block are wrapped lines), else lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if any(not line.strip() for line in lines[1:-1]):
        blocks = "\n".join(lines).split("\n\n")
        paragraphs = [" ".join(block.split()) for block in blocks]
    else:
        paragraphs = [" ".join(line.split()) for line in lines]
    return [p for p in paragraphs if p]


def decode_text(content: bytes | str) -> str:
    """Text from a document handed over as bytes (the readers decode what they read; a
    caller of `extract` may not), by the readers' own rules."""
    if isinstance(content, str):
        return content
    try:
        return decode_bytes(content, unit="document").text
    except IngestError as err:
        raise ExtractionError(str(err)) from None


def _apply_meta(article: Article, meta: dict[str, Any]) -> None:
    """Container metadata wins over what the page or the text suggested."""
    article.url = meta_text(meta, "url") or article.url
    article.title = meta_text(meta, "title") or article.title
    article.site = meta_text(meta, "source") or meta_text(meta, "site") or article.site
    article.byline = meta_text(meta, "byline") or meta_text(meta, "author") or article.byline
    published = normalise(meta.get("published"))
    if published:
        article.published, article.published_precision = published, "day"


def meta_text(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    return " ".join(str(value).split()) or None if value not in (None, "") else None
