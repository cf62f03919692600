"""Flat exports of one store table, written by DuckDB's own COPY (no pandas or pyarrow).

The formats `jsonl`, `csv` and `parquet` are thin modules over `copy_table`.
Columns are those of the store (docs/schema.md, "Store"); JSON columns stay
JSON in JSON Lines and Parquet and are JSON text in CSV.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

Selection = tuple[str, list[Any]]
"""A query choosing what to export, and its parameters."""

TABLES = ("articles", "events", "quotes", "timexes", "entities", "runs")
_ORDER = {"runs": "id", "articles": "ingested_at, id"}


def copy_table(conn, table: str, output: str | Path, options: str, selection: Selection | None = None) -> int:
    """COPY one table, in a stable order, to `output` with DuckDB's writer `options`; returns rows written.
    `selection` (a query of that table's rows, and its parameters) writes just those rows, in its order."""
    if table not in TABLES:
        raise ValueError(f"no table {table!r} to export; tables: {', '.join(TABLES)}")
    order = _ORDER.get(table, "article_id, seq")
    sql, params = selection or (f"SELECT * FROM {table} ORDER BY {order}", [])
    target = "'" + str(output).replace("'", "''") + "'"
    return conn.execute(f"COPY ({sql}) TO {target} ({options})", params).fetchone()[0]
