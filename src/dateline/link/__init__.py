"""Across articles: near-duplicate copies, provenance, stories, and events merged from many reports.

`link_articles(store, articles)` is what ingestion calls after saving a batch
(`link_article` for one);
`Linker` does the work (see `dateline.link.linker`). The pieces are plain
functions over model objects: `duplicates` (MinHash/LSH), `provenance`,
`stories`, `events`, `tone`.
"""

from __future__ import annotations

from dateline.link.linker import Linker, LinkResult
from dateline.model import Article

__all__ = ["Linker", "LinkResult", "link_article", "link_articles", "linker_for"]

_LINKERS: dict[int, tuple[object, Linker]] = {}


def _connection(store):
    """The DuckDB connection of a store (or the connection itself)."""
    for name in ("conn", "connection", "con", "db"):
        conn = getattr(store, name, None)
        if conn is not None and hasattr(conn, "execute"):
            return conn
    return store


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
    """The process's Linker for this store (its indexes are loaded once, then grown)."""
    key = id(store)
    held = _LINKERS.get(key)
    if held is None or held[0] is not store:
        held = (store, Linker(_connection(store), _text_lookup(store)))
        _LINKERS[key] = held
    return held[1]


MIN_WORDS = 10
"""Shorter texts (a caption, an empty page) can be neither copies nor part of a story."""


def linkable(article: Article) -> bool:
    """Only extracted articles with some text are linked (errors and exact duplicates are not)."""
    return article.status == "ok" and len(article.text.split()) >= MIN_WORDS


def link_article(store, article: Article) -> LinkResult | None:
    """Link a saved article; articles that are not linkable give None."""
    return linker_for(store).link(article) if linkable(article) else None


def link_articles(store, articles: list[Article]) -> list[LinkResult]:
    """Link a saved batch of articles with one write and commit (what ingestion calls)."""
    batch = [a for a in articles if linkable(a)]
    return list(linker_for(store).link_all(batch, batch=max(1, len(batch)))) if batch else []
