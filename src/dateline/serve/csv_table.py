"""Export format `csv`: one store table as CSV with a header row."""

from dateline.serve.tables import TABLES, Selection, copy_table

NAME = "csv"
HELP = "one store table as CSV with a header row (FILE)"


def export(conn, output, table: str = TABLES[0], selection: Selection | None = None) -> int:
    return copy_table(conn, table, output, "FORMAT csv, HEADER true", selection)
