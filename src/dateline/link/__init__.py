"""Across articles: near-duplicate copies, provenance, stories, and events merged from many reports.

`link_article(store, article)` is what ingestion calls after saving an article;
`Linker` does the work (see `dateline.link.linker`). The pieces are plain
functions over model objects: `duplicates` (MinHash/LSH), `provenance`,
`stories`, `events`, `tone`.
"""

from __future__ import annotations

from dateline.link.linker import Linker, LinkResult
from dateline.model import Article

__all__ = ["Linker", "LinkResult", "link_article", "linker_for"]

_LINKERS: dict[int, tuple[object, Linker]] = {}


def _connection(store):
    """The DuckDB connection of a store (or the connection itself)."""
    for name in ("conn", "connection", "con", "db"):
        conn = getattr(store, name, None)
        if conn is not None and hasattr(conn, "execute"):
            return conn
    return store


def _text_lookup(store):
    get = getattr(store, "get_article", None) or getattr(store, "article", None)
    if get is None:
        return None

    def text(article_id: str) -> str | None:
        found = get(article_id)
        return getattr(found, "text", None) if found is not None else None

    return text


def linker_for(store) -> Linker:
    """The process's Linker for this store (its indexes are loaded once, then grown)."""
    key = id(store)
    held = _LINKERS.get(key)
    if held is None or held[0] is not store:
        held = (store, Linker(_connection(store), _text_lookup(store)))
        _LINKERS[key] = held
    return held[1]


def link_article(store, article: Article) -> LinkResult | None:
    """Link a saved article; articles that are not ``ok`` are not linked (None)."""
    if article.status != "ok" or not article.text.strip():
        return None
    return linker_for(store).link(article)
