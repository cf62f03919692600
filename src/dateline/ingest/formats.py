"""Which reader reads an input: by file extension, by content type, or by sniffing.

A reader is ``(stream, origin, limits, meta) -> Iterator[RawDocument]``; a new
format is one module with a reader and an entry in `READERS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from dateline.ingest.decode import media_type
from dateline.ingest.feeds import read_feed
from dateline.ingest.html import looks_like_html, read_html
from dateline.ingest.jsonl import read_json, read_jsonl
from dateline.ingest.limits import Limits
from dateline.ingest.text import read_text
from dateline.ingest.warc import read_warc
from dateline.model import RawDocument

Reader = Callable[[BinaryIO, str, Limits, dict[str, Any]], Iterator[RawDocument]]

READERS: dict[str, Reader] = {
    "text": read_text,
    "html": read_html,
    "jsonl": read_jsonl,
    "json": read_json,
    "warc": read_warc,
    "feed": read_feed,
}

WHOLE_FILE = {"text", "html", "feed", "json"}
"""Formats read into memory whole (bounded by the byte cap); the others stream."""

EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}

CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/json": "json",
    "application/warc": "warc",
}

GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 4096
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]")


def format_for_name(name: str) -> str | None:
    """The format a file name says (``.gz`` looked through), or None when unknown."""
    lower = name.lower().removesuffix(".gz")
    dot = lower.rfind(".")
    return EXTENSIONS.get(lower[dot:]) if dot > lower.rfind("/") else None


def format_for_content_type(content_type: str | None) -> str | None:
    return CONTENT_TYPES.get(media_type(content_type))


def sniff(head: bytes) -> str:
    """The format the first bytes suggest; plain text when nothing else fits
    (decoding then tells text from binary)."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    if looks_like_html(stripped):
        return "html"
    if _FEED_ROOT.search(stripped[:SNIFF_BYTES]):
        return "feed"
    if stripped.startswith(b"{"):
        return "jsonl"
    return "text"


def read_stream(
    fmt: str, stream: BinaryIO, origin: str, limits: Limits, meta: dict[str, Any]
) -> Iterator[RawDocument]:
    return READERS[fmt](stream, origin, limits, {**meta, "format": fmt})
