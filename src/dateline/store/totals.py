"""The total and facets of the events listing without filters, kept in `event_totals` by the writer.

They are what the web page opens on, and counting them means a scan of every event (joined with
its article for the outlet): seconds at 10^7 events. The store keeps them instead: a saved batch
takes away the counts of the events it replaces and adds those of the events it writes, in its
own transaction, so they are exact after every commit; a writer that opens a store whose table is
not filled (made before migration 007) counts every event once. `query.page` reads them when a
request's filter is the default one (asserted events); any other filter is counted as before.
"""

from __future__ import annotations

import json

import duckdb

from dateline.store import query
from dateline.store.filters import Filters

TOTAL = "total"
"""The row (value ``[]``) holding the number of events; its presence says the table is filled."""
_ROWS = '[{"facet": "VARCHAR", "value": "VARCHAR", "count": "BIGINT"}]'


def ready(con: duckdb.DuckDBPyConnection) -> bool:
    return con.execute("SELECT count(*) FROM event_totals WHERE facet = ?", [TOTAL]).fetchone()[0] > 0


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Count every stored event again, in one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM event_totals")
        add(con, None, 1)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def add(con: duckdb.DuckDBPyConnection, article_ids: list[str] | None, sign: int) -> None:
    """Add (`sign` 1) or take away (-1) the counts of the stored events of `article_ids` (None: every article),
    in one scan; the caller holds the transaction."""
    where = query.LISTINGS["events"].where(Filters())
    if article_ids is not None:
        if not article_ids:
            return
        where.add("e.article_id IN (SELECT unnest(?::VARCHAR[]))", article_ids)
    total, counted = query.counts(con, "events", where, query.FACETS["events"], with_total=True)
    rows = [{"facet": TOTAL, "value": "[]", "count": sign * total}]
    rows += [{"facet": facet, "value": json.dumps(list(values)), "count": sign * count}
             for facet, items in counted.items() for values, count in items]
    con.execute(
        f"INSERT INTO event_totals SELECT r.* FROM (SELECT unnest(from_json(?::JSON, '{_ROWS}')) AS r) "
        "ON CONFLICT (facet, value) DO UPDATE SET count = count + excluded.count",
        [json.dumps(rows)],
    )
