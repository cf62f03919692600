"""Repair: link what was saved but never linked.

Saving a batch and linking it are two commits, so a stop between them (kill,
power loss) or a failure while linking leaves saved articles out of the link
tables; a re-run skips them as already stored. Every ingest therefore starts
by linking them (and `dateline link --repair` does it on demand): the query
below finds exactly the articles `linkable` accepts that have no link row, so
when nothing is missing it costs one anti-join and loads no index.
"""

from __future__ import annotations

import dateline.link as link
from dateline.link import MIN_WORDS, tables

BATCH = 200
"""Articles linked per commit."""

_WHITESPACE = r"\s\x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
"""What Python's `str.split()` splits on, so the word count below is `linkable`'s own."""

_UNLINKED = f"""
SELECT a.id, a.duplicate_of FROM articles a
WHERE a.id NOT IN (SELECT article_id FROM link_articles)
  AND ((a.status = 'ok' AND len(regexp_extract_all(a.text, '[^{_WHITESPACE}]+')) >= {MIN_WORDS})
       OR (a.status = 'duplicate' AND a.duplicate_of IN (SELECT article_id FROM link_articles)))
ORDER BY a.ingested_at, a.id
"""
"""Linkable articles without a link row, and exact duplicates of linked articles, in the order they were saved."""


def unlinked(con) -> list[tuple[str, str | None]]:
    """(id, duplicate_of) of every saved article that linking has missed."""
    tables.migrate(con)
    return con.execute(_UNLINKED).fetchall()


def repair(store) -> int:
    """Link every saved article that is not linked yet; returns how many were linked."""
    missing = unlinked(store.con)
    if not missing:
        return 0
    before = store.count("link_articles")
    for start in range(0, len(missing), BATCH):
        chunk = missing[start : start + BATCH]
        articles = [a for a in (store.load_article(article_id) for article_id, _ in chunk) if a is not None]
        duplicates = {article_id: original for article_id, original in chunk if original}
        link.link_articles(store, [a for a in articles if link.linkable(a) or a.id in duplicates], duplicates)
    return store.count("link_articles") - before
