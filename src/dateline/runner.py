"""The run loop: read documents, skip what the store has, process the rest, save as results come.

Everything streams: documents are pulled from the reader only as batches are
processed, results are committed per batch, and only the ids of the few
documents in flight are kept. So a run's memory does not grow with its size,
and a run interrupted at any point is finished by running it again (documents
already stored are skipped before any extraction or NLP).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

from dateline.extract import document_key
from dateline.extract.siterepeat import MIN_OTHER_PAGES, SITE_REPEATED, repeated_keys, site_of
from dateline.model import Article, RawDocument
from dateline.pipeline import DEFAULT_COMPONENTS
from dateline.store import Store
from dateline.workers import run_batches

MAX_LISTED_ERRORS = 20
"""Errors kept for the summary; all of them are in the store (`dateline articles --status error`)."""

CODED = ("events", "quotes", "timexes")
"""The `Article` lists a run counts, each also a `runs` column."""


@dataclass
class RunSummary:
    """What one run did, for the closing summary and the `runs` table."""

    run_id: int
    seen: int = 0
    already_stored: int = 0
    statuses: Counter = field(default_factory=Counter)
    coded: Counter = field(default_factory=Counter)
    errors: list[tuple[str, str]] = field(default_factory=list)
    link_errors: list[tuple[str, str]] = field(default_factory=list)
    relinked: int = 0
    started: float = field(default_factory=time.monotonic)

    def record(self, article: Article) -> None:
        self.statuses[article.status] += 1
        for kind in CODED:
            self.coded[kind] += len(getattr(article, kind))
        if article.status == "error" and len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append((article.origin, article.error or "unknown error"))

    @property
    def stored(self) -> int:
        return sum(self.statuses.values())

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def counts(self) -> dict[str, int]:
        """The counts as `runs` table columns."""
        return {
            "seen": self.seen,
            "already_stored": self.already_stored,
            **{status: self.statuses[status] for status in ("ok", "duplicate", "error")},
            **{kind: self.coded[kind] for kind in CODED},
        }


def ingest(
    raws: Iterable[RawDocument],
    store: Store,
    *,
    inputs: Iterable[str] = (),
    components: Iterable[str] = DEFAULT_COMPONENTS,
    config: dict[str, Any] | None = None,
    workers: int = 1,
    use_ray: bool = False,
    batch_size: int = 32,
    link: bool = True,
    retry_errors: bool = False,
    on_progress: Callable[[RunSummary], None] | None = None,
) -> RunSummary:
    """Store every new document in `raws` and return the run's summary.

    With `link`, each saved batch is then linked across articles (copies,
    stories, merged events: `dateline.link.link_articles`), after linking
    what an earlier run saved but did not link (`dateline.link.repair`). With
    `retry_errors`, inputs stored with status ``error`` are processed again.
    The run is recorded in the `runs` table, as ``interrupted`` if it stops early.
    """
    components = tuple(components)
    summary = RunSummary(store.start_run(list(inputs), list(components), workers))
    loop = _Loop(store, summary, on_progress or (lambda s: None), link, retry_errors)
    status = "interrupted"
    try:
        if link:
            loop.repair()
        batches = chunked(loop.new_documents(raws, batch_size), batch_size)
        with closing(run_batches(batches, components, config or {}, workers, use_ray)) as results:
            for articles in results:  # closing stops the workers at once when the run stops early
                loop.save(articles)
        status = "finished"
    finally:
        store.finish_run(summary.run_id, summary.counts(), status)
    return summary


class _Loop:
    """The run's state: the store, the summary, and the documents in flight."""

    def __init__(
        self, store: Store, summary: RunSummary, on_progress: Callable[[RunSummary], None], link: bool,
        retry_errors: bool,
    ):
        self.store = store
        self.summary = summary
        self.on_progress = on_progress
        self.link = link
        self.retry_status = "error" if retry_errors else None
        self.pending_ids: set[str] = set()
        self.pending_hashes: dict[str, str] = {}

    def new_documents(self, raws: Iterable[RawDocument], size: int) -> Iterator[RawDocument]:
        """The documents to process; already stored ones are counted and duplicates saved on the way.

        Looks documents up in chunks of `size`, one query per chunk.
        """
        for chunk in chunked(raws, size):
            keyed = [(raw, *document_key(raw)) for raw in chunk]
            stored = self.store.stored_ids([doc_id for _, _, doc_id in keyed], self.retry_status)
            sites = {doc_id: site_of(raw.meta.get("url") or raw.origin) for raw, _, doc_id in keyed}
            repeats = self.store.site_repeats([s for s in sites.values() if s], MIN_OTHER_PAGES)
            originals = self.store.originals([digest for raw, digest, _ in keyed if _may_duplicate(raw)])
            duplicates: dict[str, str] = {}
            found: list[Article] = []
            for raw, digest, doc_id in keyed:
                self.summary.seen += 1
                if doc_id in stored or doc_id in self.pending_ids or doc_id in duplicates:
                    self.summary.already_stored += 1
                    continue
                original = (self.pending_hashes.get(digest) or originals.get(digest)) if _may_duplicate(raw) else None
                if original:
                    duplicates[doc_id] = original
                    found.append(duplicate_article(raw, digest, doc_id, original))
                    continue
                self.pending_ids.add(doc_id)
                self.pending_hashes.setdefault(digest, doc_id)
                yield _with_site_repeats(raw, repeated_keys(repeats.get(sites[doc_id], {}), doc_id))
            self._save(found, duplicates)

    def save(self, articles: list[Article]) -> None:
        self._save(articles)
        for article in articles:
            self.pending_ids.discard(article.id)
            if self.pending_hashes.get(article.content_hash) == article.id:
                del self.pending_hashes[article.content_hash]

    def _save(self, articles: list[Article], duplicates: dict[str, str] | None = None) -> None:
        if not articles:
            self.on_progress(self.summary)
            return
        try:
            self.store.save_articles(articles, self.summary.run_id, duplicates)
        except Exception:  # find the article the store refused; keep the others
            articles = [self._save_one(article, duplicates) for article in articles]
        for article in articles:
            self.summary.record(article)
        if self.link:
            self._link(articles, duplicates)
        self.on_progress(self.summary)

    def repair(self) -> None:
        """Link what an earlier run saved but did not link (it stopped in between, or linking failed)."""
        from dateline.link.repair import repair

        try:
            self.summary.relinked = repair(self.store)
        except Exception as exc:
            self.summary.link_errors.append(("linking earlier articles", f"{type(exc).__name__}: {exc}"))

    def _link(self, articles: list[Article], duplicates: dict[str, str] | None) -> None:
        """Link the saved articles (copies, stories, events across reports); links are derived
        data, so a failure is reported and the run goes on."""
        from dateline.link import link_articles

        try:
            link_articles(self.store, articles, duplicates)
        except Exception as exc:
            if len(self.summary.link_errors) < MAX_LISTED_ERRORS:
                self.summary.link_errors.append(("linking", f"{type(exc).__name__}: {exc}"))

    def _save_one(self, article: Article, duplicates: dict[str, str] | None) -> Article:
        try:
            self.store.save_article(article, self.summary.run_id, (duplicates or {}).get(article.id))
            return article
        except Exception as exc:
            failed = Article(
                id=article.id, origin=article.origin, content_hash=article.content_hash,
                status="error", error=f"cannot store: {type(exc).__name__}: {exc}",
            )
            self.store.save_article(failed, self.summary.run_id)
            return failed


def _with_site_repeats(raw: RawDocument, keys: list[str]) -> RawDocument:
    """`raw` with the paragraph keys its site repeats on other stored pages, for extraction to drop."""
    return replace(raw, meta={**raw.meta, SITE_REPEATED: keys}) if keys else raw


def _may_duplicate(raw: RawDocument) -> bool:
    """Unreadable and empty inputs share a hash without being copies of each other."""
    return raw.kind != "error" and bool(raw.content)


def duplicate_article(raw: RawDocument, digest: str, doc_id: str, original: str) -> Article:
    """The record of a document whose content is already stored under another origin."""
    return Article(
        id=doc_id, origin=raw.origin, content_hash=digest,
        status="duplicate", skipped=f"duplicate of {original}", url=raw.meta.get("url"),
    )


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of `size` items (the last may be shorter), pulled lazily."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
