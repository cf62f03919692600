"""Files and directories: walk them in a stable order, read each by its format.

Directories are walked recursively in sorted order, skipping hidden entries
(names starting with a dot) and not following symbolic links to directories.
A ``.gz`` suffix is looked through (``page.html.gz`` is HTML). A file whose
extension says nothing is sniffed: HTML, a feed, a WARC or JSON Lines by their
first bytes, else text if it decodes as text, else a "binary file" error.
Origins are absolute paths, so re-ingesting from another directory gives the
same origins.
"""

from __future__ import annotations

import gzip
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from dateline.ingest.documents import error_document, guarded
from dateline.ingest.formats import SNIFF_BYTES, WHOLE_FILE, format_for_name, read_stream, sniff
from dateline.ingest.limits import Limits, reason_for, too_large
from dateline.model import RawDocument


def read_path(item: str, limits: Limits) -> Iterator[RawDocument]:
    """Every document under a path given by the user (a file or a directory)."""
    path = Path(os.path.abspath(item))
    for entry in walk(path) if path.is_dir() else [path]:
        if isinstance(entry, OSError):
            yield error_document(str(entry.filename), reason_for(entry))
        else:
            yield from guarded(read_file(entry, limits), str(entry))


def walk(root: Path) -> Iterator[Path | OSError]:
    """Files under `root`, sorted, hidden ones skipped, and the error for each
    directory that cannot be listed; lazy, one directory at a time."""
    failures: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=failures.append):
        yield from failures
        failures.clear()
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(folder, name)
    yield from failures


def read_file(path: Path, limits: Limits) -> Iterator[RawDocument]:
    origin = str(path)
    fmt = format_for_name(path.name)
    compressed = path.name.lower().endswith(".gz")
    status = path.stat()
    size = status.st_size
    if not stat.S_ISREG(status.st_mode):
        yield error_document(origin, "not a regular file (use - for standard input)")
        return
    if size == 0:
        yield error_document(origin, "empty file")
        return
    with open_file(path, compressed and fmt != "warc") as stream:
        fmt = fmt or sniff(stream.peek(SNIFF_BYTES)[:SNIFF_BYTES])
        if fmt in WHOLE_FILE and not compressed and size > limits.max_bytes:
            yield error_document(origin, str(too_large("file", limits.max_bytes, size)))
            return
        yield from read_stream(fmt, stream, origin, limits, {})


def open_file(path: Path, decompress: bool) -> BinaryIO:
    """The file as a buffered binary stream (so it can be peeked), gunzipped if asked."""
    return gzip.open(path, "rb") if decompress else path.open("rb")
