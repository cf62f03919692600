"""Ingest: turn paths, URLs and standard input into `RawDocument`s, lazily.

(Minimal reader being extended: plain text files and directories.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from dateline.model import RawDocument


def read_inputs(inputs: Iterable[str]) -> Iterator[RawDocument]:
    for item in inputs:
        path = Path(item)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            try:
                yield RawDocument(origin=str(file), kind="text", content=file.read_bytes())
            except OSError as exc:
                yield RawDocument(origin=str(file), kind="error", error=f"cannot read: {exc.strerror}")
