"""Read-back queries: articles, events and quotes filtered, sorted, paged and counted.

Shared by the command line and the HTTP API (`dateline.serve.web`), so `dateline events
--json` prints the rows `/api/events` returns for the same filters. A listing is a `Listing`:
its table, its columns, how each filter reads in it, and its sort keys (events and quotes also
carry their article's fields, joined only where a filter, sort or facet reads them); `page` runs
one with a total count and, on request, facet counts over the whole filtered set.
Merged events, stories and provenance (the link tables) are in `store.linked`.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import duckdb

from dateline.store.db import Store
from dateline.store.filters import Filters, Where, add_dates, order_by
from dateline.store.rows import ARTICLE_DAY

ARTICLE_SOURCE = "coalesce(a.wire_source, a.site)"
OUTLET = "coalesce(a.site, a.wire_source)"
UNREAL = "['negated', 'hypothetical']"


@dataclass(frozen=True)
class Listing:
    select: str
    source: str
    where: Callable[[Filters], Where]
    sorts: dict[str, str]
    tiebreak: str
    facets: dict[str, str]
    article_key: str | None = None
    """The column naming each row's article (events, quotes): the rows carry `ARTICLE_FIELDS`, and `articles a`
    is joined only where a filter, sort or facet reads it (every row's article is stored with it)."""

    @property
    def columns(self) -> str:
        return f"{self.select}, {ARTICLE_FIELDS}" if self.article_key else self.select

    @property
    def joined(self) -> str:
        return f"{self.source} JOIN articles a ON a.id = {self.article_key}" if self.article_key else self.source


@dataclass
class Page:
    total: int
    rows: list[dict[str, Any]]
    facets: dict[str, list[dict[str, Any]]]
    exact: bool = True
    """False: `total` is a lower bound (the count would have passed the deadline)."""
    skipped: tuple[str, ...] = ()
    """Facets asked for but not counted before the deadline."""


def event_conditions(where: Where, filters: Filters, cols: dict[str, str]) -> None:
    """The event filters over the SQL expressions `cols` names (per-article or merged events)."""
    add_dates(where, filters, cols["date"])
    for name, column in (("source_actor", "source_code"), ("target_actor", "target_code")):
        if getattr(filters, name):
            where.add(f"starts_with(upper({cols[column]}), upper(?))", getattr(filters, name))
    if filters.actor:
        where.add(f"(starts_with(upper({cols['source_code']}), upper(?)) OR "
                  f"starts_with(upper({cols['target_code']}), upper(?)))",
                  filters.actor, filters.actor)
    if filters.code:
        where.add(f"starts_with({cols['cameo']}, ?)", filters.code)
    if filters.root:
        where.add(f"{cols['cameo_root']} = ?", filters.root)
    if filters.quad_class:
        where.add(f"{cols['quad_class']} = ?", filters.quad_class)
    if filters.plover:
        where.add(f"upper({cols['plover']}) = upper(?)", filters.plover)
    modality = filters.modality or "asserted"
    if modality == "asserted":
        where.add(f"NOT list_has_any(coalesce({cols['modality']}, []), {UNREAL})")
    elif modality != "all":
        where.add(f"list_contains({cols['modality']}, ?)", modality)
    if filters.min_confidence is not None:
        where.add(f"{cols['confidence']} >= ?", filters.min_confidence)


def add_outlet(where: Where, filters: Filters) -> None:
    if filters.outlet:
        where.contains(("a.site", "a.wire_source"), filters.outlet)


EVENT_COLS = {
    "date": f"coalesce(e.date, e.{ARTICLE_DAY})", "source_code": "e.source_code", "target_code": "e.target_code",
    "cameo": "e.cameo", "cameo_root": "e.cameo_root", "quad_class": "e.quad_class", "plover": "e.plover",
    "modality": "e.modality", "confidence": "e.confidence",
}
EVENT_DAY = f"CASE WHEN length(e.date) >= 10 THEN substr(e.date, 1, 10) ELSE e.{ARTICLE_DAY} END"
"""The day an event counts for in the timeline: its own date when it names a day, else its article's.
(`article_day` is the article's `substr(published, 1, 10)`: a date filter over `coalesce(e.date,
e.article_day)` keeps what one over `coalesce(e.date, a.published)` would, as `day_range` reads no more.)"""


def _event_where(filters: Filters) -> Where:
    where = Where()
    event_conditions(where, filters, EVENT_COLS)
    add_outlet(where, filters)
    if filters.search:
        where.contains(("e.sentence", "e.source_name", "e.source_text", "e.target_name", "e.target_text"),
                       filters.search)
    return where


def _quote_where(filters: Filters) -> Where:
    where = Where()
    add_dates(where, filters, "a.published")
    add_outlet(where, filters)
    if filters.speaker:
        where.contains(("q.speaker_text", "q.speaker_name"), filters.speaker)
    if filters.actor:
        where.add("starts_with(upper(q.speaker_code), upper(?))", filters.actor)
    if filters.search:
        where.contains(("q.text",), filters.search)
    if filters.min_confidence is not None:
        where.add("q.confidence >= ?", filters.min_confidence)
    return where


def _article_where(filters: Filters) -> Where:
    where = Where()
    add_dates(where, filters, "a.published")
    add_outlet(where, filters)
    if filters.status:
        where.add("a.status = ?", filters.status)
    if filters.search:
        where.contains(("a.title", "a.origin"), filters.search)
    return where


ARTICLE_COLUMNS = (
    f"a.id, a.published, {ARTICLE_SOURCE} AS source, {OUTLET} AS outlet, a.status, a.title, a.origin, a.url, "
    "a.error, a.skipped, "
    "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events, "
    "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes, "
    "(SELECT count(*) FROM timexes t WHERE t.article_id = a.id) AS timexes"
)
ARTICLE_FIELDS = (f"a.published AS article_published, {ARTICLE_SOURCE} AS article_source, "
                  f"{OUTLET} AS article_outlet, a.title AS article_title")
EXTRA_FIELDS = ("article_published", "article_source", "article_outlet", "article_title")
"""Columns a listing adds to its store table's (left out of table exports)."""

LISTINGS: dict[str, Listing] = {
    "articles": Listing(
        ARTICLE_COLUMNS, "articles a", _article_where,
        {"date": "substr(a.published, 1, 10)", "outlet": OUTLET, "title": "a.title", "events": "events",
         "quotes": "quotes"},
        "a.ingested_at DESC, a.id",
        {"outlet": OUTLET, "status": "a.status", "day": "substr(a.published, 1, 10)"},
    ),
    "events": Listing(
        f"e.* EXCLUDE ({ARTICLE_DAY})", "events e", _event_where,
        {"date": f"e.{ARTICLE_DAY}", "event_date": "coalesce(e.date, a.published)", "cameo": "e.cameo",
         "quad_class": "e.quad_class", "goldstein": "e.goldstein", "confidence": "e.confidence",
         "source": "e.source_code", "target": "e.target_code", "outlet": OUTLET},
        "e.date DESC NULLS LAST, e.article_id, e.seq",
        {"root": "e.cameo_root", "quad_class": "e.quad_class", "source_country": "substr(e.source_code, 1, 3)",
         "target_country": "substr(e.target_code, 1, 3)", "outlet": OUTLET, "day": EVENT_DAY},
        "e.article_id",
    ),
    "quotes": Listing(
        "q.*", "quotes q", _quote_where,
        {"date": "substr(a.published, 1, 10)", "speaker": "coalesce(q.speaker_name, q.speaker_text)",
         "confidence": "q.confidence", "outlet": OUTLET},
        "q.article_id, q.seq",
        {"speaker": "coalesce(q.speaker_name, q.speaker_text)", "outlet": OUTLET, "day": "substr(a.published, 1, 10)"},
        "q.article_id",
    ),
}

LINKED = (
    "(SELECT l.*, json_extract_string(l.event, '$.source.code') AS source_code, "
    "json_extract_string(l.event, '$.target.code') AS target_code, "
    "TRY_CAST(json_extract(l.event, '$.quad_class') AS INTEGER) AS quad_class, "
    "TRY_CAST(json_extract(l.event, '$.goldstein') AS DOUBLE) AS goldstein, "
    "TRY_CAST(json_extract(l.event, '$.confidence') AS DOUBLE) AS confidence, "
    "from_json(json_extract(l.event, '$.modality'), '[\"VARCHAR\"]') AS modality FROM link_events l) le"
)
"""Merged events with the fields the event filters read pulled out of their representative Event."""
LINKED_COLS = {**{name: f"le.{name}" for name in EVENT_COLS}, "date": "le.day"}


def _linked_where(filters: Filters) -> Where:
    where = Where()
    event_conditions(where, filters, LINKED_COLS)
    if filters.outlet:
        where.add("EXISTS (SELECT 1 FROM link_mentions m WHERE m.event_id = le.event_id AND "
                  "(contains(lower(m.site), ?) OR contains(lower(m.origin), ?)))", *[filters.outlet.lower()] * 2)
    return where


def _story_where(filters: Filters) -> Where:
    where = Where()
    add_dates(where, filters, "s.first_day", "s.last_day")
    if filters.search:
        where.contains(("s.label",), filters.search)
    return where


LISTINGS["linked-events"] = Listing(
    "le.* EXCLUDE (event), le.event::JSON AS event", LINKED, _linked_where,
    {"date": "le.day", "cameo": "le.cameo", "quad_class": "le.quad_class", "goldstein": "le.goldstein",
     "mentions": "le.num_mentions", "articles": "le.num_articles", "sources": "le.num_sources"},
    "le.event_id",
    {"root": "le.cameo_root", "quad_class": "le.quad_class", "source_country": "substr(le.source_code, 1, 3)",
     "target_country": "substr(le.target_code, 1, 3)", "day": "le.day"},
)
LISTINGS["stories"] = Listing(
    "s.story_id, s.label, s.size, s.first_day, s.last_day", "link_stories s", _story_where,
    {"date": "s.last_day", "size": "s.size", "label": "s.label"}, "s.size DESC, s.story_id", {},
)

PAIRS = {
    "timeline": (EVENT_DAY, "e.quad_class", "day", "quad_class"),
    "dyad": ("substr(e.source_code, 1, 3)", "substr(e.target_code, 1, 3)", "source", "target"),
}
"""Two-way counts for events: per day by QuadClass (the timeline), per source and target country."""
FACETS = {name: (*listing.facets, *(PAIRS if name == "events" else ())) for name, listing in LISTINGS.items()}
FACET_LIMIT = 30
LATE_ROWS = 50
"""DuckDB's default `late_materialization_max_rows`: a top-N of up to this many rows reads only their columns."""
COUNT_CAP = 10_000
"""Under a deadline, a full page's rows are first counted up to this many: the lower bound given when
the full count would pass the deadline."""
T = TypeVar("T")


def selection(name: str, filters: Filters, columns: str | None = None) -> tuple[str, list[Any]]:
    """The SQL (and its parameters) of a listing's filtered, sorted rows, without paging."""
    listing = LISTINGS[name]
    where = listing.where(filters)
    order = order_by(filters.sort, listing.sorts, listing.tiebreak)
    return f"SELECT {columns or listing.columns} FROM {listing.joined}{where.sql()} ORDER BY {order}", where.params


def _source(listing: Listing, *sql: str) -> str:
    """The FROM clause of a statement made of `sql`: the listing's own table alone unless one reads the articles'."""
    return listing.joined if any(re.search(r"\ba\.", part) for part in sql) else listing.source


def rows(store: Store, name: str, filters: Filters, broad: bool | None = None) -> list[dict[str, Any]]:
    """A page of a listing. When its filters and sort read only the listing's own table (events by the
    article's day, `article_day`), the page is a top-N over that table alone (DuckDB skips row groups by
    the sort column's min-max index) and its articles' fields are then read by key: no join with every
    article. When the page is `broad` (more than `COUNT_CAP` rows match; when not given, none is
    filtered out or they are counted first, which is quick when many match) the top-N reads only its
    sort keys and fetches the page's rows after (late materialization); when few match, it carries
    them, as fetching rows spread over the table then costs more (docs/scale.md)."""
    listing = LISTINGS[name]
    where = listing.where(filters)
    order = order_by(filters.sort, listing.sorts, listing.tiebreak)
    paging, params = "", list(where.params)
    if filters.limit is not None:
        paging, params = " LIMIT ?", [*params, filters.limit]
    if filters.offset:
        paging, params = f"{paging} OFFSET ?", [*params, filters.offset]
    if not _alone(listing, filters, where):
        return store.rows(f"SELECT {listing.columns} FROM {listing.joined}{where.sql()} ORDER BY {order}{paging}",
                          params)
    if broad is None:
        broad = unfiltered(name, where) or _capped(store, listing, where) > COUNT_CAP
    _late_rows(store, filters.limit + filters.offset if broad else LATE_ROWS)
    picked = store.rows(f"SELECT {listing.select} FROM {listing.source}{where.sql()} ORDER BY {order}{paging}",
                        params)
    key = listing.article_key.split(".")[1]
    found = {row.pop("id"): row for row in store.rows(
        f"SELECT a.id, {ARTICLE_FIELDS} FROM articles a WHERE a.id IN (SELECT unnest(?::VARCHAR[]))",
        [sorted({row[key] for row in picked})])}
    return [{**row, **found[row[key]]} for row in picked if row[key] in found]


def _late_rows(store: Store, top: int) -> None:
    """Let DuckDB's top-N of up to `top` rows fetch them after their sort keys (DuckDB 1.3 and later; earlier ones
    pick the same page without)."""
    try:
        store.con.execute(f"SET late_materialization_max_rows = {max(LATE_ROWS, top)}")
    except duckdb.CatalogException:
        pass


def _alone(listing: Listing, filters: Filters, where: Where) -> bool:
    """Whether a page of the listing is picked from its own table, without the articles."""
    order = order_by(filters.sort, listing.sorts, listing.tiebreak)
    return bool(listing.article_key) and filters.limit is not None and \
        _source(listing, where.sql(), order) == listing.source


def _capped(store: Store, listing: Listing, where: Where) -> int:
    """How many rows match, counted up to `COUNT_CAP` + 1 (quick when many do)."""
    return store.con.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {_source(listing, where.sql())}{where.sql()} LIMIT {COUNT_CAP + 1})",
        where.params).fetchone()[0]


def page(store: Store, name: str, filters: Filters, facets: tuple[str, ...] = (),
         deadline: float | None = None) -> Page:
    """One page of a listing (`filters.offset`, `filters.limit`), the total it is part of, and `facets`
    over the whole filtered set.

    The total and the facets of the events listing without filters (what the web page opens on) are
    read from `event_totals`, kept by the store with each saved batch (`dateline.store.totals`). Others
    are counted in one scan (GROUPING SETS, one set per facet and one for the total); the total is not
    counted when the page shows it (a page not full). With a `deadline` (a `time.monotonic()` value)
    the page is always answered and what would pass the deadline is given up rather than the whole
    request: a full page's rows are first counted up to `COUNT_CAP` (quick when many match), so if the
    scan is interrupted the total is that count, exact below the cap and else a lower bound
    (`Page.exact` False), and the facets are named in `Page.skipped`, as a search engine says
    "10,000+" for a broad query. (A page picked from the listing's table alone is counted so first:
    the count says whether it is broad, `rows`.)"""
    listing = LISTINGS[name]
    where = listing.where(filters)
    kept = kept_totals(store, name, where)
    if kept is not None:
        return Page(kept[0], rows(store, name, filters, broad=True), {f: _facet_items(f, kept[1][f]) for f in facets})
    first = _alone(listing, filters, where)
    capped = within(store, deadline, lambda: _capped(store, listing, where)) if first else None
    found = rows(store, name, filters, broad=capped is None or capped > COUNT_CAP) if first else \
        rows(store, name, filters)
    total = _shown_total(filters, len(found))
    exact = total is not None
    if total is None and deadline is not None:
        if not first:
            capped = within(store, deadline, lambda: _capped(store, listing, where))
        total, exact = (filters.offset + len(found), False) if capped is None else (min(capped, COUNT_CAP),
                                                                                   capped <= COUNT_CAP)
    if exact and not facets:
        return Page(total, found, {})
    counted = within(store, deadline, lambda: counts(store.con, name, where, facets, with_total=not exact))
    if counted is None:
        return Page(total, found, {}, exact, facets)
    return Page(total if exact else counted[0], found, {f: _facet_items(f, counted[1][f]) for f in facets})


def kept_totals(store: Store, name: str, where: Where) -> tuple[int, dict[str, Counted]] | None:
    """The total and every facet of the events listing when `where` is its default (no filter), from
    `event_totals`; None for another listing or filter, or while the table is not filled."""
    if not unfiltered(name, where):
        return None
    found: dict[str, Counted] = {f: [] for f in FACETS[name]}
    total = None
    for facet, value, count in store.con.execute(
            "SELECT facet, value, count FROM event_totals WHERE count > 0 OR facet = 'total'").fetchall():
        if facet == "total":
            total = count
        elif facet in found:
            found[facet].append((tuple(json.loads(value)), count))
    return None if total is None else (total, found)


def unfiltered(name: str, where: Where) -> bool:
    """Whether `where` is the events listing's default (asserted events): the set `event_totals` counts."""
    default = LISTINGS["events"].where(Filters())
    return name == "events" and (where.sql(), where.params) == (default.sql(), default.params)


def _shown_total(filters: Filters, shown: int) -> int | None:
    """The total when the page shows it: a page with fewer rows than its limit is the last (unless it is
    empty past the end)."""
    if (filters.limit is None or shown < filters.limit) and (shown or not filters.offset):
        return filters.offset + shown
    return None


Counted = list[tuple[tuple[Any, ...], int]]
"""A facet's counts: its values (one, or two for a pair), and how many rows have them."""


def counts(con: duckdb.DuckDBPyConnection, name: str, where: Where, facets: tuple[str, ...],
           with_total: bool) -> tuple[int, dict[str, Counted]]:
    """The total (0 unless `with_total`) and the facets of a listing's filtered set, in one scan."""
    listing = LISTINGS[name]
    columns = [(f, f"f{i}_{n}", expr) for i, f in enumerate(facets) for n, expr in enumerate(_facet_columns(name, f))]
    aliases = [alias for _, alias, _ in columns]
    sets = [", ".join(alias for f, alias, _ in columns if f == facet_name) for facet_name in facets]
    inner = ", ".join(f"{expr} AS {alias}" for _, alias, expr in columns) or "1 AS one"
    grouping = f"GROUPING_ID({', '.join(aliases)})" if aliases else "0"
    sql = (f"SELECT {grouping} AS grouping_id, count(*) AS count{''.join(', ' + a for a in aliases)} "
           f"FROM (SELECT {inner} FROM {_source(listing, inner, where.sql())}{where.sql()}) "
           f"GROUP BY GROUPING SETS ({', '.join(f'({s})' for s in [*sets, *([''] if with_total else [])])})")
    found = con.execute(sql, where.params).fetchall()
    bits = {alias: 1 << (len(aliases) - 1 - i) for i, alias in enumerate(aliases)}
    full = sum(bits.values())
    ids = {full - sum(bits[alias] for f, alias, _ in columns if f == facet_name): facet_name for facet_name in facets}
    total = next((row[1] for row in found if row[0] == full), 0)
    counted: dict[str, Counted] = {f: [] for f in facets}
    for grouping_id, count, *values in found:
        if grouping_id != full or not with_total:
            facet_name = ids[grouping_id]
            counted[facet_name].append((tuple(v for (f, _, _), v in zip(columns, values) if f == facet_name), count))
    return total, counted


def within(store: Store, deadline: float | None, work: Callable[[], T]) -> T | None:
    """`work()`, its statement interrupted at `deadline` (`time.monotonic()`; None: no limit); None if
    it was, or if the deadline has passed already. The timer interrupts only while `work` runs (a lock
    keeps a late one off the next statement; one on an idle connection is cleared when the next starts)."""
    if deadline is None:
        return work()
    left = deadline - time.monotonic()
    if left <= 0:
        return None
    lock, running = threading.Lock(), [True]

    def stop() -> None:
        with lock:
            if running[0]:
                store.con.interrupt()

    timer = threading.Timer(left, stop)
    timer.start()
    try:
        return work()
    except duckdb.InterruptException:
        return None
    finally:
        with lock:
            running[0] = False
        timer.cancel()


def _facet_columns(name: str, facet_name: str) -> tuple[str, ...]:
    return PAIRS[facet_name][:2] if facet_name in PAIRS else (LISTINGS[name].facets[facet_name],)


def _facet_items(facet_name: str, counted: Counted) -> list[dict[str, Any]]:
    return _ordered(facet_name, [_facet_item(facet_name, values, count) for values, count in counted])


def _facet_item(facet_name: str, values: tuple[Any, ...], count: int) -> dict[str, Any]:
    if facet_name in PAIRS:
        return {PAIRS[facet_name][2]: values[0], PAIRS[facet_name][3]: values[1], "count": count}
    return {"value": values[0], "count": count}


def _ordered(facet_name: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A facet's counts as sent: pairs and days all of them in order (the timeline leaves out rows
    without a day, the matrix those missing a side), others the most frequent first, at most 30."""
    if facet_name in PAIRS:
        a, b = PAIRS[facet_name][2:]
        kept = [i for i in items if i[a] is not None and (facet_name == "timeline" or i[b] is not None)]
        return sorted(kept, key=lambda i: (i[a], i[b] is None, i[b] or 0))
    if facet_name == "day":
        return sorted(items, key=lambda i: (i["value"] is None, i["value"] or ""))
    return sorted(items, key=lambda i: (-i["count"], i["value"] is None, str(i["value"])))[:FACET_LIMIT]


def articles(store: Store, filters: Filters) -> list[dict[str, Any]]:
    return rows(store, "articles", filters)


def events(store: Store, filters: Filters) -> list[dict[str, Any]]:
    return rows(store, "events", filters)


def quotes(store: Store, filters: Filters) -> list[dict[str, Any]]:
    return rows(store, "quotes", filters)


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


TABLE_ALIAS = {"articles": "a", "events": "e", "quotes": "q"}
"""The store tables a listing reads, by listing name, with their alias in its FROM clause."""


def export_selection(table: str | None, filters: Filters) -> tuple[str, list[Any]]:
    """What a filtered export writes: a table's rows as its listing picks them (`table` articles,
    events or quotes), or, with no table (GDELT, PLOVER), the ids of the merged events picked."""
    if table is None:
        return selection("linked-events", filters, "le.event_id")
    return selection(table, filters, f"{TABLE_ALIAS[table]}.*")
