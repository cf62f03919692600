"""Ingest: turn paths, URLs and standard input into `RawDocument`s, lazily.

`read_inputs` is a generator: one document is in memory at a time (containers
such as directories, JSON Lines and WARC files are streamed). Reading one input
never stops the others: a failure becomes a ``kind="error"`` document whose
`error` says why. Formats, origins and limits are described in docs/ingest.md.
"""

from __future__ import annotations

import gzip
import io
import os
import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from dateline.ingest.documents import guarded
from dateline.ingest.fetch import is_url, read_url
from dateline.ingest.files import read_path
from dateline.ingest.formats import GZIP_MAGIC, SNIFF_BYTES, read_stream, sniff
from dateline.ingest.limits import DEFAULT_HOST_DELAY, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, Limits
from dateline.model import RawDocument

STDIN = "-"
STDIN_ORIGIN = "<stdin>"

__all__ = ["DEFAULT_HOST_DELAY", "DEFAULT_MAX_BYTES", "DEFAULT_TIMEOUT", "Limits", "read_inputs"]


def read_inputs(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    host_delay: float = DEFAULT_HOST_DELAY,
    stdin: BinaryIO | None = None,
) -> Iterator[RawDocument]:
    """Every document in `inputs`: files, directories, ``http(s)://`` URLs, or ``-``.

    `max_bytes` caps what one document may take in memory (larger ones become
    errors); `timeout` bounds each URL fetch and `host_delay` spaces fetches from
    one host; `stdin` replaces standard input.
    """
    limits = Limits(max_bytes=max_bytes, timeout=timeout, host_delay=host_delay)
    for given in [inputs] if isinstance(inputs, (str, os.PathLike)) else inputs:
        item = os.fspath(given)
        yield from guarded(read_input(item, limits, stdin), origin_of(item))


def read_input(item: str, limits: Limits, stdin: BinaryIO | None = None) -> Iterator[RawDocument]:
    if item == STDIN:
        return read_stdin(stdin or sys.stdin.buffer, limits)
    if is_url(item):
        return read_url(item, limits)
    return read_path(item, limits)


def origin_of(item: str) -> str:
    """The origin a whole input is reported under when it fails as a whole."""
    if item == STDIN:
        return STDIN_ORIGIN
    return item if is_url(item) else os.path.abspath(item)


def read_stdin(stream: BinaryIO, limits: Limits) -> Iterator[RawDocument]:
    """Standard input, its format sniffed from its first bytes (gzip looked through)."""
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream)
    if buffered.peek(2)[:2] == GZIP_MAGIC:
        buffered = gzip.GzipFile(fileobj=buffered)
    fmt = sniff(buffered.peek(SNIFF_BYTES)[:SNIFF_BYTES])
    yield from read_stream(fmt, buffered, STDIN_ORIGIN, limits, {})
