"""HTML pages (.html, .htm, .xhtml, also gzipped): one page, one document.

The page is decoded here (see `documents`), trusting the HTTP header charset,
then the page's own ``<meta charset>``, before detection; finding the article
in it is extraction's job, so a page with no article still passes through.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from dateline.ingest.decode import charset_param
from dateline.ingest.documents import decoded_document
from dateline.ingest.limits import Limits, read_capped
from dateline.model import RawDocument

_PRESCAN = 16 * 1024
"""Bytes searched for ``<meta charset>`` (browsers scan 1 KB; real pages put it later)."""

_META_CHARSET = re.compile(rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.I)


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset the server or the page itself declares, if any."""
    header = charset_param(content_type)
    if header:
        return header
    match = _META_CHARSET.search(data[:_PRESCAN])
    return match.group(1).decode("ascii") if match else None


def looks_like_html(head: bytes) -> bool:
    return bool(_HTML_START.search(head[:_PRESCAN]))


def read_html(stream: BinaryIO, origin: str, limits: Limits, meta: dict[str, Any]) -> Iterator[RawDocument]:
    data = read_capped(stream, limits.max_bytes)
    yield decoded_document(origin, data, "html", meta, declared_charset(data, meta.get("content_type")))
