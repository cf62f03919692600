"""`dateline stats`: what the store holds, at a glance."""

from __future__ import annotations

import json

from dateline.cli.options import add_db, open_store, reports_store_errors
from dateline.cli.render import console, stats_tables
from dateline.store import query


def register(sub) -> None:
    p = sub.add_parser(
        "stats",
        help="summarise the store: articles by status, coded records, top event codes and sources, recent runs",
        description="Summarise the store: articles by status, coded records, top CAMEO roots and sources, recent runs. "
        "Reads every block of the store first, so damage anywhere in the file is reported (exit status 2).",
    )
    p.add_argument("--quick", action="store_true", help="skip reading every block (a large store takes a while)")
    p.add_argument("--json", action="store_true", help="one JSON object")
    add_db(p)
    p.set_defaults(func=run)


@reports_store_errors
def run(args) -> int:
    with open_store(args) as store:
        if not args.quick:
            store.verify()
        result = query.stats(store)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, default=str))
    else:
        out = console()
        for table in stats_tables(result):
            out.print(table)
    return 0
