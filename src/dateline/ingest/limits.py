"""How much ingest reads and waits, and the errors that become a document's reason.

Every document is read into memory whole (extraction needs it whole), so one
byte cap bounds memory per document: a single file, a JSON Lines line, a WARC
record, a feed file, a fetched page. Containers (directories, JSON Lines,
WARC) stream, so their total size is not capped.
"""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass
from typing import BinaryIO

DEFAULT_MAX_BYTES = 10 * 2**20
"""News pages are well under 5 MB; past 10 MB a page is a dump or an attack and
extraction time grows with size, so it is rejected with a reason instead."""

DEFAULT_TIMEOUT = 20.0
"""Seconds for connecting to and downloading one URL."""

DEFAULT_HOST_DELAY = 1.0
"""Seconds between two requests to the same host, to be a polite client."""

_CHUNK = 256 * 1024


@dataclass(frozen=True)
class Limits:
    """The knobs of one ingest run (`read_inputs` builds it from its arguments)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT
    host_delay: float = DEFAULT_HOST_DELAY


class IngestError(Exception):
    """A failure with a human-readable reason, to be reported as an error document."""


def format_size(n: int) -> str:
    """``512 bytes``, ``3.5 KB``, ``52 MB``: sizes as people read them."""
    for unit, scale in (("MB", 2**20), ("KB", 2**10)):
        if n >= scale:
            value = n / scale
            return f"{value:.0f} {unit}" if value >= 10 or value.is_integer() else f"{value:.1f} {unit}"
    return f"{n} bytes"


def too_large(what: str, limit: int, size: int | None = None) -> IngestError:
    shown = f"{format_size(size)} > " if size is not None else "over the "
    return IngestError(f"{what} too large ({shown}{format_size(limit)} limit)")


def read_capped(stream: BinaryIO, limit: int, what: str = "file") -> bytes:
    """Read the whole stream, refusing (without reading further) past `limit` bytes.

    Reads in chunks: ``read(limit)`` would set aside `limit` bytes for every document.
    """
    data = bytearray()
    while len(data) <= limit and (chunk := stream.read(min(_CHUNK, limit + 1 - len(data)))):
        data += chunk
    if len(data) > limit:
        raise too_large(what, limit)
    return bytes(data)


def reason_for(exc: BaseException) -> str:
    """The reason shown for an exception raised while reading an input."""
    if isinstance(exc, IngestError):
        return str(exc)
    if isinstance(exc, EOFError):
        return "truncated gzip stream"
    if isinstance(exc, (zlib.error, gzip.BadGzipFile)):
        return f"corrupt gzip stream: {exc}"
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, OSError):
        return f"cannot read: {exc.strerror or exc}"
    return f"cannot read: {type(exc).__name__}: {exc}"
