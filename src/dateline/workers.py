"""Where the per-article work runs: in-process, in a process pool, or on Ray.

The unit of work is `process_batch`, a plain function from raw documents to
articles, so all three executors run the same code. At most a few batches are
in flight at once, so memory stays flat however many documents are read.
"""

from __future__ import annotations

import multiprocessing
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
    with ProcessPoolExecutor(workers, spawn, initializer=_warm_up, initargs=(components, config)) as pool:

        def submit(batch: Batch) -> Future:
            return pool.submit(process_batch, batch, components, config)

        try:
            yield from bounded(batches, submit, Future.result, workers * 2)
        except BaseException:  # stop at once: do not finish the batches in flight
            pool.shutdown(wait=False, cancel_futures=True)
            raise


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


def _warm_up(components: tuple[str, ...], config: dict[str, Any]) -> None:
    """Load spaCy once when a worker starts, not inside the first batch."""
    if components:
        from dateline.analyse.nlp import load, model_name

        load(model_name(config))


def require_ray():
    """The `ray` module, or an ImportError saying how to install it."""
    try:
        import ray
    except ImportError:
        raise ImportError("--ray needs Ray, which is not installed: pip install 'dateline[ray]'") from None
    return ray


def _on_ray(batches: Iterable[Batch], components: tuple[str, ...], config: dict[str, Any], workers: int):
    ray = require_ray()
    if not ray.is_initialized():
        ray.init(num_cpus=max(workers, 1), include_dashboard=False, log_to_driver=False)
    remote = ray.remote(process_batch)
    yield from bounded(batches, lambda b: remote.remote(b, components, config), ray.get, max(workers, 1) * 2)
