"""`dateline export`: write a stored table to a file in a registered format."""

from __future__ import annotations

import sys

from dateline.cli.options import add_db, open_store, reports_store_errors
from dateline.serve.export import TABLES, export, formats


def register(sub) -> None:
    known = formats()
    p = sub.add_parser(
        "export",
        help="export stored results (JSON Lines, CSV, Parquet, ...)",
        description="Write a stored table to a file. Formats: "
        + "; ".join(f"{f.name}: {f.help}" for f in known.values()),
    )
    p.add_argument("--format", required=True, choices=list(known), help="the output format")
    p.add_argument("--table", choices=TABLES, help="the table to export (default: the format's main table, articles for flat formats)")
    p.add_argument("--output", "-o", required=True, metavar="FILE", help="the file to write")
    add_db(p)
    p.set_defaults(func=run)


@reports_store_errors
def run(args) -> int:
    with open_store(args) as store:
        try:
            rows = export(store, args.format, args.output, args.table)
        except ValueError as exc:
            print(f"dateline: {exc}", file=sys.stderr)
            return 2
    print(f"wrote {rows} rows to {args.output}", file=sys.stderr)
    return 0
