"""Export format `jsonl`: one store table as JSON Lines."""

from dateline.serve.tables import TABLES, Selection, copy_table

NAME = "jsonl"
HELP = "one store table as JSON Lines (FILE)"


def export(conn, output, table: str = TABLES[0], selection: Selection | None = None) -> int:
    return copy_table(conn, table, output, "FORMAT json", selection)
