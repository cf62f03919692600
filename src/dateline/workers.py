"""Where the per-article work runs: in-process, in a process pool, or on Ray.

The unit of work is `process_batch`, a plain function from raw documents to
articles, so all three executors run the same code. At most a few batches are
in flight at once, so memory stays flat however many documents are read.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from dateline.extract import document_key
from dateline.model import Article, RawDocument
from dateline.pipeline import extract, process

Batch = list[RawDocument]


def process_batch(raws: Batch, components: tuple[str, ...], config: dict[str, Any]) -> list[Article]:
    """Extract and code a batch; no components means extraction only.

    Never raises: when the batch fails as a whole, each document is retried on
    its own and the one that still fails becomes an ``error`` article.
    """
    try:
        return _run(raws, components, config)
    except Exception:
        pass
    articles = []
    for raw in raws:
        try:
            articles.extend(_run([raw], components, config))
        except Exception as exc:
            articles.append(failed_article(raw, f"processing failed: {type(exc).__name__}: {exc}"))
    return articles


def _run(raws: Batch, components: tuple[str, ...], config: dict[str, Any]) -> list[Article]:
    if not components:
        return [extract(raw) for raw in raws]
    return list(process(raws, components, config, batch_size=max(len(raws), 1)))


def failed_article(raw: RawDocument, reason: str) -> Article:
    """The ``error`` article recording why `raw` could not be processed."""
    digest, doc_id = document_key(raw)
    return Article(id=doc_id, origin=raw.origin, content_hash=digest, status="error", error=reason)


def run_batches(
    batches: Iterable[Batch],
    components: tuple[str, ...],
    config: dict[str, Any],
    workers: int = 1,
    use_ray: bool = False,
) -> Iterator[list[Article]]:
    """Process batches lazily, in order, on the chosen executor."""
    if use_ray:
        yield from _on_ray(batches, components, config, workers)
    elif workers > 1:
        yield from _in_pool(batches, components, config, workers)
    else:
        for batch in batches:
            yield process_batch(batch, components, config)


def _in_pool(batches: Iterable[Batch], components: tuple[str, ...], config: dict[str, Any], workers: int):
    """Workers are spawned, not forked: the writing process holds DuckDB's threads."""
    spawn = multiprocessing.get_context("spawn")
    initargs = (components, config, os.getpid())
    with ProcessPoolExecutor(workers, spawn, initializer=_start_worker, initargs=initargs) as pool:

        def submit(batch: Batch) -> Future:
            return pool.submit(process_batch, batch, components, config)

        try:
            yield from bounded(batches, submit, Future.result, workers * 2)
        except BaseException:  # Ctrl-C, SIGTERM, an error, or the run closing this generator
            stop_now(pool)
            raise


def stop_now(pool: ProcessPoolExecutor) -> None:
    """Cancel the queued batches and end the workers at once: an interrupted run does not
    wait for the batches in flight (a re-run does them). Python 3.14 has
    `terminate_workers()`; until then the pool's own map of its processes is used."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=10)


def bounded(
    items: Iterable[Any], submit: Callable[[Any], Any], result: Callable[[Any], Any], limit: int
) -> Iterator[Any]:
    """Submit items as earlier ones finish, never more than `limit` in flight; results in order."""
    in_flight: deque = deque()
    for item in items:
        in_flight.append(submit(item))
        if len(in_flight) >= limit:
            yield result(in_flight.popleft())
    while in_flight:
        yield result(in_flight.popleft())


def _start_worker(components: tuple[str, ...], config: dict[str, Any], parent: int) -> None:
    """Tie the worker's life to its parent's, then load spaCy once, not inside the first batch."""
    die_with_parent(parent)
    if components:
        from dateline.analyse.nlp import load, model_name

        load(model_name(config))


PR_SET_PDEATHSIG = 1
"""prctl(2) option: the signal a process gets when its parent dies."""


def die_with_parent(parent: int) -> None:
    """Have Linux kill this process when `parent` dies, even by kill -9, so no worker outlives
    its run (elsewhere the pool's own shutdown is all there is). If the parent died before
    this call, exit now."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def require_ray():
    """The `ray` module, or an ImportError saying how to install it."""
    try:
        import ray
    except ImportError:
        raise ImportError("--ray needs Ray, which is not installed: pip install 'dateline[ray]'") from None
    return ray


def _on_ray(batches: Iterable[Batch], components: tuple[str, ...], config: dict[str, Any], workers: int):
    ray = require_ray()
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=max(workers, 1), include_dashboard=False, log_to_driver=False)
    remote = ray.remote(process_batch)
    try:
        yield from bounded(batches, lambda b: remote.remote(b, components, config), ray.get, max(workers, 1) * 2)
    except BaseException:  # stop the Ray workers this run started rather than leave them running
        if started:
            ray.shutdown()
        raise
