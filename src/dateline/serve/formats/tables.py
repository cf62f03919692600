"""Flat table exports written by DuckDB's own COPY: JSON Lines, CSV and Parquet.

Columns are those of the store (docs/schema.md, "Store"); JSON columns stay
JSON in JSON Lines and Parquet, and are JSON text in CSV.
"""

from __future__ import annotations

from pathlib import Path

from dateline.serve.export import exporter
from dateline.store import Store

_ORDER = {"runs": "id", "articles": "ingested_at, id"}


def copy_table(store: Store, table: str, output: Path, options: str) -> int:
    """COPY one table, in a stable order, to `output` with DuckDB's writer `options`."""
    order = _ORDER.get(table, "article_id, seq")
    target = "'" + str(output).replace("'", "''") + "'"
    return store.con.execute(f"COPY (SELECT * FROM {table} ORDER BY {order}) TO {target} ({options})").fetchone()[0]


@exporter("jsonl", "JSON Lines: one object per row")
def write_jsonl(store: Store, table: str, output: Path) -> int:
    return copy_table(store, table, output, "FORMAT json")


@exporter("csv", "CSV with a header row")
def write_csv(store: Store, table: str, output: Path) -> int:
    return copy_table(store, table, output, "FORMAT csv, HEADER true")


@exporter("parquet", "Parquet (zstd)")
def write_parquet(store: Store, table: str, output: Path) -> int:
    return copy_table(store, table, output, "FORMAT parquet, COMPRESSION zstd")
