"""Read-back queries: articles, events and quotes filtered by date, source, actor and text.

Shared by the command line and the HTTP API (`dateline.serve.web`). Dates compare on the ISO
date prefix (``YYYY-MM-DD``) of the event date or the article's publication date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from dateline.store.db import Store


@dataclass
class Filters:
    since: str | None = None
    until: str | None = None
    source: str | None = None
    """Substring of the article's wire source or site."""
    status: str | None = None
    actor: str | None = None
    """A CAMEO actor code prefix, or a substring of the actor's name or mention."""
    code: str | None = None
    """A CAMEO event code prefix."""
    root: str | None = None
    speaker: str | None = None
    search: str | None = None
    limit: int | None = 50


FILTER_HELP = {
    "since": ("DATE", "only on or after this date (YYYY-MM-DD)"),
    "until": ("DATE", "only on or before this date (YYYY-MM-DD)"),
    "source": ("NAME", "wire source or site contains NAME (e.g. TASS, reuters.com)"),
    "status": ("STATUS", "only articles with this status: ok, duplicate or error"),
    "actor": ("ACTOR", "actor code prefix (RUSGOV) or name substring (Putin)"),
    "code": ("CAMEO", "CAMEO event code prefix (e.g. 04, 0411)"),
    "root": ("ROOT", "CAMEO root code (e.g. 4 or 04)"),
    "speaker": ("NAME", "speaker mention or name contains NAME"),
    "search": ("TEXT", "quote text contains TEXT"),
}
"""Each filter's placeholder and meaning, shown by the command line and the HTTP API."""

LIST_FILTERS = {
    "articles": ("since", "until", "source", "status"),
    "events": ("actor", "code", "root", "since", "until", "source"),
    "quotes": ("speaker", "actor", "search", "since", "until", "source"),
}
"""The filters each listing takes (the command of that name, and /api/NAME)."""


def iso_day(value: str) -> str:
    """A filter date as ``YYYY-MM-DD``; ValueError with a readable message otherwise."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"not a date (YYYY-MM-DD): {value!r}") from None


class _Where:
    """A conjunction of SQL conditions with their parameters."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""


def _common(filters: Filters, date: str) -> _Where:
    where = _Where()
    if filters.since:
        where.add(f"substr({date}, 1, 10) >= ?", filters.since)
    if filters.until:
        where.add(f"substr({date}, 1, 10) <= ?", filters.until)
    if filters.source:
        where.add("(a.wire_source ILIKE ? OR a.site ILIKE ?)", *[f"%{filters.source}%"] * 2)
    return where


def _add_actor(where: _Where, term: str, roles: tuple[str, ...]) -> None:
    """Match `term` as a code prefix or a name/mention substring of any of `roles`."""
    like = f"%{term}%"
    parts, params = [], []
    for role in roles:
        parts.append(f"starts_with(upper({role}_code), upper(?)) OR {role}_name ILIKE ? OR {role}_text ILIKE ?")
        params += [term, like, like]
    where.add("(" + " OR ".join(parts) + ")", *params)


def _run(store: Store, sql: str, where: _Where, order: str, limit: int | None) -> list[dict[str, Any]]:
    sql = f"{sql}{where.sql()} ORDER BY {order}"
    params = list(where.params)
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return store.rows(sql, params)


ARTICLE_SOURCE = "coalesce(a.wire_source, a.site)"


def articles(store: Store, filters: Filters) -> list[dict[str, Any]]:
    where = _common(filters, "a.published")
    if filters.status:
        where.add("a.status = ?", filters.status)
    sql = (
        f"SELECT a.id, a.published, {ARTICLE_SOURCE} AS source, a.status, a.title, a.origin, a.error, a.skipped, "
        "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events, "
        "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes, "
        "(SELECT count(*) FROM timexes t WHERE t.article_id = a.id) AS timexes "
        "FROM articles a"
    )
    return _run(store, sql, where, "a.published DESC NULLS LAST, a.ingested_at DESC, a.id", filters.limit)


def events(store: Store, filters: Filters) -> list[dict[str, Any]]:
    where = _common(filters, "coalesce(e.date, a.published)")
    if filters.actor:
        _add_actor(where, filters.actor, ("e.source", "e.target"))
    if filters.code:
        where.add("starts_with(e.cameo, ?)", filters.code)
    if filters.root:
        where.add("e.cameo_root = ?", filters.root.zfill(2))
    sql = (
        f"SELECT e.*, a.published AS article_published, {ARTICLE_SOURCE} AS article_source, a.title AS article_title "
        "FROM events e JOIN articles a ON a.id = e.article_id"
    )
    return _run(store, sql, where, "coalesce(e.date, a.published) DESC NULLS LAST, e.article_id, e.seq", filters.limit)


def quotes(store: Store, filters: Filters) -> list[dict[str, Any]]:
    where = _common(filters, "a.published")
    if filters.speaker:
        where.add("(q.speaker_text ILIKE ? OR q.speaker_name ILIKE ?)", *[f"%{filters.speaker}%"] * 2)
    if filters.actor:
        _add_actor(where, filters.actor, ("q.speaker",))
    if filters.search:
        where.add("q.text ILIKE ?", f"%{filters.search}%")
    sql = (
        f"SELECT q.*, a.published AS article_published, {ARTICLE_SOURCE} AS article_source, a.title AS article_title "
        "FROM quotes q JOIN articles a ON a.id = q.article_id"
    )
    return _run(store, sql, where, "a.published DESC NULLS LAST, q.article_id, q.seq", filters.limit)


def stats(store: Store) -> dict[str, Any]:
    """Totals for `dateline stats`: articles by status, coded records, top codes and sources, recent runs."""
    return {
        "articles": {
            r["status"]: r["n"] for r in store.rows("SELECT status, count(*) AS n FROM articles GROUP BY 1 ORDER BY 1")
        },
        "records": {table: store.count(table) for table in ("events", "quotes", "timexes", "entities")},
        "event_roots": store.rows(
            "SELECT cameo_root, count(*) AS events FROM events GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10"
        ),
        "sources": store.rows(
            f"SELECT {ARTICLE_SOURCE} AS source, count(*) AS articles FROM articles a "
            "WHERE status = 'ok' GROUP BY 1 ORDER BY 2 DESC, 1 NULLS LAST LIMIT 10"
        ),
        "runs": store.rows("SELECT * FROM runs ORDER BY id DESC LIMIT 5"),
    }
