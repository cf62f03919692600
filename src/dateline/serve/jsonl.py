"""Export format `jsonl`: one store table as JSON Lines."""

from dateline.serve.tables import TABLES, copy_table

NAME = "jsonl"
HELP = "one store table as JSON Lines (FILE)"


def export(conn, output, table: str = TABLES[0]) -> int:
    return copy_table(conn, table, output, "FORMAT json")
