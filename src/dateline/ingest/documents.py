"""Building `RawDocument`s: decoded content, or an error with its reason.

One rule for content: ingest always decodes, so `content` is a ``str`` for
``text`` and ``html`` documents (``meta["encoding"]`` names the codec used) and
empty for ``error`` documents.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dateline.ingest.decode import decode_bytes
from dateline.ingest.limits import IngestError, reason_for
from dateline.model import RawDocument


def error_document(origin: str, reason: str, meta: dict[str, Any] | None = None) -> RawDocument:
    return RawDocument(origin=origin, kind="error", content="", meta=dict(meta or {}), error=reason)


def decoded_document(
    origin: str,
    data: bytes,
    kind: str,
    meta: dict[str, Any],
    declared: str | None = None,
    unit: str = "file",
) -> RawDocument:
    """A ``text`` or ``html`` document from bytes, or an error saying why it is not text.

    `unit` names what was read (``file``, ``record``, ``item``) in the reason.
    """
    if not data or data.isspace():
        return error_document(origin, f"empty {unit}", meta)
    try:
        decoded = decode_bytes(data, declared, unit)
    except IngestError as exc:
        return error_document(origin, str(exc), meta)
    meta = {**meta, "encoding": decoded.encoding}
    if decoded.lossy:
        meta["encoding_lossy"] = True
    return text_document(origin, decoded.text, kind, meta, unit)


def text_document(origin: str, text: str, kind: str, meta: dict[str, Any], unit: str = "file") -> RawDocument:
    """A document from text that is already decoded (JSON fields, feed items)."""
    if not text or text.isspace():
        return error_document(origin, f"empty {unit}", meta)
    return RawDocument(origin=origin, kind=kind, content=text, meta=meta)


def guarded(docs: Iterator[RawDocument], origin: str) -> Iterator[RawDocument]:
    """Yield `docs`; if reading fails part-way, end with an error document for
    `origin` instead of raising, so what was read before is kept."""
    try:
        yield from docs
    except Exception as exc:  # noqa: BLE001 - any failure of one input is reported, never raised
        yield error_document(origin, reason_for(exc))
