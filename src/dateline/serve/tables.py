"""Flat exports of one store table, written by DuckDB's own COPY (no pandas or pyarrow).

The formats `jsonl`, `csv` and `parquet` are thin modules over `copy_table`.
Columns are those of the store (docs/schema.md, "Store"); JSON columns stay
JSON in JSON Lines and Parquet and are JSON text in CSV.
"""

from __future__ import annotations

from pathlib import Path

TABLES = ("articles", "events", "quotes", "timexes", "entities", "runs")
_ORDER = {"runs": "id", "articles": "ingested_at, id"}


def copy_table(conn, table: str, output: str | Path, options: str) -> int:
    """COPY one table, in a stable order, to `output` with DuckDB's writer `options`; returns rows written."""
    if table not in TABLES:
        raise ValueError(f"no table {table!r} to export; tables: {', '.join(TABLES)}")
    order = _ORDER.get(table, "article_id, seq")
    target = "'" + str(output).replace("'", "''") + "'"
    return conn.execute(f"COPY (SELECT * FROM {table} ORDER BY {order}) TO {target} ({options})").fetchone()[0]
