"""Across articles: near-duplicate copies, provenance, stories, and events merged from many reports.

`link_articles(store, articles)` is what ingestion calls after saving a batch
(`link_article` for one);
`Linker` does the work (see `dateline.link.linker`). The pieces are plain
functions over model objects: `duplicates` (MinHash/LSH), `provenance`,
`stories`, `events`, `tone`.
"""

from __future__ import annotations

import weakref
from dataclasses import replace

from dateline.link.linker import Linker, LinkResult
from dateline.model import Article

__all__ = ["Linker", "LinkResult", "link_article", "link_articles", "linker_for"]

_LINKERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_BY_ID: dict[int, tuple[object, Linker]] = {}


def _connection(store):
    """The DuckDB connection of a store (`Store.con`), or the connection itself."""
    return getattr(store, "con", store)


def _text_lookup(store):
    """Stored article text by id, read from the store's `articles` table."""
    conn = _connection(store)

    def text(article_id: str) -> str | None:
        try:
            found = conn.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        except Exception:  # a bare connection without the store's tables: no texts to compare
            return None
        return found[0] if found else None

    return text


def linker_for(store) -> Linker:
    """The process's Linker for this store (its indexes are loaded once, then grown).

    Held weakly, so it goes with the store; objects that take no weak reference
    (a bare DuckDB connection) are held by id for the life of the process.
    """
    try:
        linker = _LINKERS.get(store)
        if linker is None:
            linker = _LINKERS[store] = Linker(_connection(store), _text_lookup(store))
        return linker
    except TypeError:
        held = _BY_ID.get(id(store))
        if held is None or held[0] is not store:
            held = _BY_ID[id(store)] = (store, Linker(_connection(store), _text_lookup(store)))
        return held[1]


MIN_WORDS = 10
"""Shorter texts (a caption, an empty page) can be neither copies nor part of a story."""


def linkable(article: Article) -> bool:
    """Only extracted articles with some text are linked (errors and exact duplicates are not)."""
    return article.status == "ok" and len(article.text.split()) >= MIN_WORDS


def link_article(store, article: Article) -> LinkResult | None:
    """Link a saved article; articles that are not linkable give None."""
    return linker_for(store).link(article) if linkable(article) else None


def link_articles(store, articles: list[Article], duplicates: dict[str, str] | None = None) -> list[LinkResult]:
    """Link a saved batch of articles with one write and commit (what ingestion calls).

    `duplicates` maps an exact duplicate (status ``duplicate``: same content under
    another origin, stored without text) to its original. Such a copy is linked as
    the original's text and events under its own id and URL, so it counts as one
    more (not independent) report; if its original is not linked yet, it is linked
    when the original is.
    """
    linker = linker_for(store)
    batch = [a for a in articles if linkable(a)]
    pairs = [(a, (duplicates or {}).get(a.id)) for a in articles if a.status == "duplicate"]
    pairs += _stored_duplicates(store, [a.id for a in batch])
    results = list(linker.link_all(batch, batch=max(1, len(batch)))) if batch else []
    copies = [c for dup, orig in pairs if orig and linker.is_linked(orig) for c in [_as_copy(store, dup, orig)] if c]
    return results + (list(linker.link_all(copies, batch=len(copies))) if copies else [])


def _stored_duplicates(store, original_ids: list[str]) -> list[tuple[Article, str]]:
    """Exact duplicates stored earlier whose originals are in this batch."""
    load = getattr(store, "load_article", None)
    if not original_ids or load is None:
        return []
    marks = ", ".join("?" for _ in original_ids)
    try:
        found = _connection(store).execute(
            f"SELECT id, duplicate_of FROM articles WHERE status = 'duplicate' AND duplicate_of IN ({marks})", original_ids
        ).fetchall()
    except Exception:  # not the store's schema: no duplicates recorded
        return []
    return [(dup, orig) for dup_id, orig in found for dup in [load(dup_id)] if dup is not None]


def _as_copy(store, duplicate: Article, original_id: str) -> Article | None:
    """The duplicate as an article: the original's text, date and events under the duplicate's id and URL."""
    load = getattr(store, "load_article", None)
    original = load(original_id) if load else None
    if original is None or not linkable(original):
        return None
    return replace(
        original, id=duplicate.id, origin=duplicate.origin, url=duplicate.url, site=duplicate.site,
        events=[replace(e, article_id=duplicate.id) for e in original.events],
    )
