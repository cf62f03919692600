"""`dateline export`: write the store in a format found in `dateline.serve` (see serve/export.py)."""

from __future__ import annotations

import sys

import duckdb

from dateline.cli.options import add_db, open_store, reports_store_errors
from dateline.serve.export import export, formats
from dateline.serve.tables import TABLES


def register(sub) -> None:
    known = formats()
    p = sub.add_parser(
        "export",
        help="export stored results (" + ", ".join(known) + ")",
        description="Write the store to a file (or folder) in one of these formats: "
        + "; ".join(f"{name}: {module.HELP}" for name, module in known.items()),
    )
    p.add_argument("--format", required=True, choices=list(known), help="the output format")
    p.add_argument("--table", choices=TABLES, help="for jsonl, csv and parquet: the table to export (default articles)")
    p.add_argument("--output", "-o", required=True, metavar="PATH", help="the file (or folder) to write")
    add_db(p)
    p.set_defaults(func=run)


@reports_store_errors
def run(args) -> int:
    with open_store(args) as store:
        try:
            written = export(store.con, args.format, args.output, args.table)
        except ValueError as exc:
            print(f"dateline: {exc}", file=sys.stderr)
            return 2
        except (OSError, duckdb.IOException) as exc:
            if isinstance(exc, duckdb.IOException) and "cannot open file" not in str(exc).lower():
                raise  # reading the store failed: reported as a store error
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc).split(": ")[-1]
            print(f"dateline: cannot write {args.output}: {reason}", file=sys.stderr)
            return 1
    counts = ", ".join(f"{rows} {name}" for name, rows in written.items())
    print(f"wrote {counts} to {args.output}", file=sys.stderr)
    return 0
