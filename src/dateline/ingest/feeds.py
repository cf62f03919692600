"""RSS and Atom feeds (.rss, .atom, .xml): each item an article.

An item's full content (``content:encoded``, Atom ``content``) is preferred to
its summary; its link, title and date go to `meta`, the feed's title as
``source``. Items are not fetched: pass their URLs to fetch the full pages.
feedparser reads the whole feed at once, so a feed is bounded by the byte cap
like a single page. An item with no content becomes an error document naming
it; the other items are kept.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from typing import Any, BinaryIO

import feedparser

from dateline.ingest.documents import error_document, text_document
from dateline.ingest.limits import IngestError, Limits, read_capped
from dateline.model import RawDocument

HTML_TYPES = {"text/html", "application/xhtml+xml"}
ITEM_FIELDS = {"link": "url", "title": "title", "author": "byline"}
"""feedparser entry field → meta key."""


def read_feed(stream: BinaryIO, origin: str, limits: Limits, meta: dict[str, Any]) -> Iterator[RawDocument]:
    data = read_capped(stream, limits.max_bytes)
    if not data or data.isspace():
        raise IngestError("empty file")
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.version:
            raise IngestError("feed has no items")
        problem = parsed.get("bozo_exception") if parsed.bozo else None
        raise IngestError(f"not an RSS or Atom feed ({problem})" if problem else "not an RSS or Atom feed")
    meta = {**meta, "encoding": parsed.get("encoding")}
    if parsed.feed.get("title"):
        meta["source"] = parsed.feed["title"]
    for number, entry in enumerate(parsed.entries, start=1):
        yield item_document(entry, f"{origin}#item={number}", number, meta)


def item_document(entry: Any, origin: str, number: int, meta: dict[str, Any]) -> RawDocument:
    meta = {**meta, **item_meta(entry)}
    body = item_body(entry)
    if body is None:
        return error_document(origin, f"item {number} has no content or summary", meta)
    kind = "html" if body.get("type") in HTML_TYPES else "text"
    return text_document(origin, body.get("value") or "", kind, meta, unit=f"item {number}")


def item_body(entry: Any) -> dict[str, Any] | None:
    """The fullest body an item has: its content, else its summary."""
    for body in [*entry.get("content", []), entry.get("summary_detail")]:
        if body and (body.get("value") or "").strip():
            return body
    return None


def item_meta(entry: Any) -> dict[str, Any]:
    found = {key: entry[field] for field, key in ITEM_FIELDS.items() if entry.get(field)}
    published = published_date(entry)
    if published:
        found["published"] = published
    return found


def published_date(entry: Any) -> str | None:
    """ISO 8601 (UTC) when feedparser could read the date, else the date as written."""
    for key in ("published", "updated"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            stamp = dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC)
            return stamp.isoformat().replace("+00:00", "Z")
        if entry.get(key):
            return entry[key]
    return None
