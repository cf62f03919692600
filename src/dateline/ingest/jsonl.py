"""JSON Lines (.jsonl, .ndjson): one article per line, read line by line; and
JSON files (.json): one article object or an array of them, read whole.

Each article is an object with ``html`` or ``text`` (``html`` wins when both are
given: it still holds the dates and bylines extraction looks for) and optional
``url``, ``title``, ``published`` (or ``date``), ``source``, ``byline`` (or
``author``), ``language``, ``id``, which go to `meta`. A bad line or item becomes
an error document naming it; the others go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from dateline.ingest.documents import error_document, text_document
from dateline.ingest.limits import IngestError, Limits, read_capped, too_large
from dateline.model import RawDocument

META_FIELDS = {
    "url": "url",
    "title": "title",
    "published": "published",
    "date": "published",
    "source": "source",
    "byline": "byline",
    "author": "byline",
    "language": "language",
    "id": "id",
}
"""JSON field → meta key; the first field present wins for a shared key."""


def read_jsonl(stream: BinaryIO, origin: str, limits: Limits, meta: dict[str, Any]) -> Iterator[RawDocument]:
    number = 0
    while line := stream.readline(limits.max_bytes + 1):
        number += 1
        line_origin = f"{origin}#line={number}"
        if len(line) > limits.max_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(stream, limits.max_bytes)
            yield error_document(line_origin, str(too_large(f"line {number}", limits.max_bytes)), meta)
        elif line.strip():
            yield line_document(line, line_origin, number, meta)


def line_document(line: bytes, origin: str, number: int, meta: dict[str, Any]) -> RawDocument:
    """The document one line holds, or an error naming the line and the fault."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return error_document(origin, f"invalid JSON on line {number}: {exc.msg} (column {exc.colno})", meta)
    except UnicodeDecodeError:
        return error_document(origin, f"invalid JSON on line {number}: not UTF-8", meta)
    return record_document(record, origin, f"line {number}", meta)


def read_json(stream: BinaryIO, origin: str, limits: Limits, meta: dict[str, Any]) -> Iterator[RawDocument]:
    """A .json file: one article object, or an array of them (``#item=N``)."""
    try:
        value = json.loads(read_capped(stream, limits.max_bytes))
    except json.JSONDecodeError as exc:
        raise IngestError(f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except UnicodeDecodeError:
        raise IngestError("invalid JSON: not UTF-8") from None
    if isinstance(value, list):
        for number, record in enumerate(value, start=1):
            yield record_document(record, f"{origin}#item={number}", f"item {number}", meta)
    else:
        yield record_document(value, origin, "file", meta)


def record_document(record: Any, origin: str, where: str, meta: dict[str, Any]) -> RawDocument:
    """The article a decoded JSON value holds; `where` names it in error reasons."""
    if not isinstance(record, dict):
        return error_document(origin, f"{where}: expected a JSON object, got {type(record).__name__}", meta)
    kind = next((k for k in ("html", "text") if isinstance(record.get(k), str) and record[k].strip()), None)
    if kind is None:
        return error_document(origin, f"{where}: no non-empty 'html' or 'text' field", meta)
    return text_document(origin, record[kind], kind, {**meta, **record_meta(record)}, unit=where)


def record_meta(record: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for field, key in META_FIELDS.items():
        value = record.get(field)
        if key not in found and isinstance(value, (str, int, float)) and not isinstance(value, bool):
            found[key] = value
    return found


def _skip_rest_of_line(stream: BinaryIO, chunk: int) -> None:
    while (part := stream.readline(chunk)) and not part.endswith(b"\n"):
        pass
