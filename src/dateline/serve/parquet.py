"""Export format `parquet`: one store table as Parquet (zstd)."""

from dateline.serve.tables import TABLES, Selection, copy_table

NAME = "parquet"
HELP = "one store table as Parquet, zstd-compressed (FILE)"


def export(conn, output, table: str = TABLES[0], selection: Selection | None = None) -> int:
    return copy_table(conn, table, output, "FORMAT parquet, COMPRESSION zstd", selection)
