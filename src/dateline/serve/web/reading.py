"""Reading the store for one request: briefly, under a deadline, and never in a writer's way.

Each request opens the store read-only in a worker thread, runs its queries and closes it
at once, so the file is held only while a query runs. A timer interrupts the query
(DuckDB's `interrupt()`) when it passes its deadline or when the client has gone, so no
request can tie up a core. While `dateline ingest` waits for the file (it leaves
`writer_waiting(path)` beside it), requests open nothing new and get 503, so readers drain
and the writer gets in within one statement timeout however busy the server is.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

import duckdb
from fastapi import HTTPException, Request

from dateline.store import Store, StoreError, StoreLocked
from dateline.store.db import WRITER_WAIT, writer_waiting

T = TypeVar("T")
POLL = 0.05
BUSY = "the store is being written (by `dateline ingest`): retry in a few seconds"


@dataclass
class Reader:
    """Runs read-only work on the store at `path`, each call bounded by `timeout` seconds."""

    path: str
    timeout: float = 2.0
    threads: int = 16
    pool: ThreadPoolExecutor = field(init=False)

    def __post_init__(self) -> None:
        self.pool = ThreadPoolExecutor(self.threads, thread_name_prefix="dateline-read")

    def writer_waits(self) -> bool:
        """Whether a writer is waiting for the file (a marker older than its wait is a leftover)."""
        try:
            return time.time() - writer_waiting(self.path).stat().st_mtime < 2 * WRITER_WAIT
        except OSError:
            return False

    async def __call__(self, request: Request | None, work: Callable[[Store], T], timeout: float | None = None) -> T:
        """`work(store)` in a worker thread; 503 with the reason when the store cannot be read now or
        the work passes its deadline; interrupted when the client disconnects."""
        if self.writer_waits():
            raise HTTPException(503, BUSY)
        opened: list[duckdb.DuckDBPyConnection] = []

        def job() -> T:
            store = Store(self.path, read_only=True)
            opened.append(store.con)
            try:
                return work(store)
            finally:
                store.close()

        loop = asyncio.get_running_loop()
        task = loop.run_in_executor(self.pool, job)
        deadline = loop.time() + (timeout or self.timeout)
        reason = None
        while not task.done():
            await asyncio.wait({task}, timeout=POLL)
            if task.done():
                break
            if reason is None and loop.time() > deadline:
                reason = f"the query took longer than {timeout or self.timeout:g} s: narrow the filters"
            elif reason is None and request is not None and await request.is_disconnected():
                reason = "the client went away"
            if reason and opened:
                _interrupt(opened[0])
        try:
            return task.result()
        except duckdb.Error as exc:
            if reason or isinstance(exc, duckdb.InterruptException):  # an interrupt may surface as another error
                raise HTTPException(503, reason or "the query was interrupted") from None
            raise
        except StoreLocked as exc:
            holder = re.search(r"in use by (process \d+|another process)", str(exc))
            who = f"; it is in use by {holder[1]}" if holder else ""
            raise HTTPException(503, f"{BUSY}{who}") from None
        except StoreError as exc:
            raise HTTPException(503, BUSY if self.writer_waits() else str(exc)) from None

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


def _interrupt(con: duckdb.DuckDBPyConnection) -> None:
    """Interrupt the query on `con`; the worker may have closed it meanwhile, which is as good."""
    try:
        con.interrupt()
    except duckdb.Error:
        pass
