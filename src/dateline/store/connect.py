"""Opening the store file, and what to tell a user when it cannot be opened or read.

DuckDB keeps committed work in a write-ahead log (``FILE.wal``) until a
checkpoint moves it into the file. A WAL that DuckDB cannot replay (after a
crash at the wrong moment) would make the store unopenable for good; it is set
aside instead, renamed beside the store and reported in one line, and the store
opens at its last checkpoint. What was lost is not marked stored, so the next
run of the same inputs stores it again.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import duckdb


class StoreError(RuntimeError):
    """The store cannot be opened or used; the message says what to do."""


class StoreLocked(StoreError):
    """Another process is writing to the store."""


_LOCKED = ("could not set lock", "conflicting lock")
"""DuckDB's words for a file held by another process (not just "lock": a damaged *block* is no lock)."""

_DAMAGED = ("corrupt", "checksum", "could not read enough bytes", "replaying wal", "serializ", "invalid block")


def connect(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A connection to the store file; a WAL that cannot be replayed is set aside once."""
    try:
        return duckdb.connect(path, read_only=read_only)
    except duckdb.Error as exc:
        if "replaying wal" not in str(exc).lower():
            raise store_error(path, exc) from exc
        kept = set_aside_wal(path)
        print(
            f"dateline: the store's log {path}.wal could not be replayed (a crash before a checkpoint); set aside as "
            f"{kept}: the store opens at its last checkpoint and the next run re-ingests what was lost",
            file=sys.stderr,
        )
    try:
        return duckdb.connect(path, read_only=read_only)
    except duckdb.Error as exc:
        raise store_error(path, exc) from exc


def set_aside_wal(path: str) -> str:
    """Rename the store's WAL beside it (kept, never deleted); returns the new name."""
    wal = Path(f"{path}.wal")
    kept = wal.with_name(f"{wal.name}.{time.strftime('%Y%m%dT%H%M%S')}.unreplayable")
    n = 1
    while kept.exists():
        kept = kept.with_name(f"{wal.name}.{time.strftime('%Y%m%dT%H%M%S')}-{n}.unreplayable")
        n += 1
    wal.rename(kept)
    return str(kept)


def store_error(path: str, exc: Exception) -> StoreError:
    """A DuckDB error opening or reading the store, as one line saying what happened and what to do."""
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    lower = message.lower()
    if any(word in lower for word in _LOCKED):
        holder = _holder(message)
        return StoreLocked(
            f"the store {path} is in use by {holder} (DuckDB allows one writer at a time): "
            "wait for it to finish, or pass another file with --db"
        )
    if "not a valid duckdb database file" in lower:
        return StoreError(f"{path} is not a dateline store (not a DuckDB database file): pass another file with --db")
    if isinstance(exc, duckdb.InternalException) or any(word in lower for word in _DAMAGED):
        return StoreError(
            f"the store {path} is damaged ({message}): restore it from a copy, or re-ingest into a new file with --db"
        )
    return StoreError(f"cannot use the store {path}: {message}")


def _holder(message: str) -> str:
    found = re.search(r"PID (\d+)", message)
    return f"process {found[1]}" if found else "another process"
