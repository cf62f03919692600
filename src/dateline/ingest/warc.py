"""Web archives (.warc, .warc.gz): the HTML and text responses in them, streamed.

Only ``response`` records with HTTP status 200 and an HTML or plain-text body
are articles; requests, metadata, redirects, images and scripts are passed
over. The target URI and capture date go to `meta`. A record cut short (a
truncated download) becomes an error document; the records before it are kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArchiveLoadFailed

from dateline.ingest.decode import charset_param, media_type
from dateline.ingest.documents import decoded_document, error_document
from dateline.ingest.html import declared_charset
from dateline.ingest.limits import IngestError, Limits, read_capped
from dateline.model import RawDocument

TRUNCATED = "truncated WARC record"
_CHUNK = 64 * 1024

KINDS = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
"""Response content type → document kind; other types are not articles."""


class _CountingReader:
    """Counts the bytes warcio takes from the stream, to tell the end of the
    file from a record the file ends inside of."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.count += len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        data = self.stream.readline(size)
        self.count += len(data)
        return data


def read_warc(stream: BinaryIO, origin: str, limits: Limits, meta: dict[str, Any]) -> Iterator[RawDocument]:
    counted = _CountingReader(stream)
    records = ArchiveIterator(counted)
    number = 0
    try:
        for number, record in enumerate(records, start=1):
            if record.format != "warc":
                raise IngestError("not a WARC file" if number == 1 else f"record {number} is not WARC")
            record_origin = f"{origin}#record={number}"
            doc = record_document(record, record_origin, limits, meta)
            if is_cut_short(record):
                doc = error_document(record_origin, TRUNCATED, doc.meta if doc else meta)
            if doc is not None:
                yield doc
    except ArchiveLoadFailed as exc:
        raise IngestError(f"not a WARC file: {str(exc).strip()}") from None
    if records.offset < counted.count:
        yield error_document(f"{origin}#record={number + 1}", TRUNCATED, meta)
    elif counted.count == 0:
        yield error_document(origin, "empty file", meta)


def record_document(record: Any, origin: str, limits: Limits, meta: dict[str, Any]) -> RawDocument | None:
    """The document a record holds, an error for one too large, or None for a
    record that is not an article."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    kind = KINDS.get(media_type(content_type))
    if kind is None or record.http_headers.get_statuscode() != "200":
        return None
    headers = record.rec_headers
    meta = {
        **meta,
        "url": headers.get_header("WARC-Target-URI"),
        "fetched": headers.get_header("WARC-Date"),
        "warc_record_id": headers.get_header("WARC-Record-ID"),
        "content_type": content_type,
    }
    try:
        data = read_capped(record.content_stream(), limits.max_bytes, "record")
    except IngestError as exc:
        return error_document(origin, str(exc), meta)
    declared = declared_charset(data, content_type) if kind == "html" else charset_param(content_type)
    return decoded_document(origin, data, kind, meta, declared, unit="record")


def is_cut_short(record: Any) -> bool:
    """True when the file ends before the record's declared length (read what is left
    of it first: warcio would anyway, to reach the next record)."""
    if record.rec_type is None:
        return True
    while record.raw_stream.read(_CHUNK):
        pass
    return record.raw_stream.limit > 0
