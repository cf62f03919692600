"""`dateline link --repair`: link what was saved but not linked (after a stop between the two, or a link failure)."""

from __future__ import annotations

import sys
from pathlib import Path

from dateline.cli.options import add_db, open_store, reports_store_errors
from dateline.store import StoreError, default_path


def register(sub) -> None:
    p = sub.add_parser(
        "link",
        help="link stored articles that are not linked yet (copies, stories, merged events)",
        description="Link every stored article that is not in the link tables yet: those saved just before a stop "
        "(kill, power loss) or whose linking failed. Every `dateline ingest` does this first; this command does it "
        "without reading any input.",
    )
    p.add_argument("--repair", action="store_true", required=True, help="link what is saved but not linked")
    add_db(p)
    p.set_defaults(func=run)


@reports_store_errors
def run(args) -> int:
    from dateline.link.repair import repair

    path = args.db or default_path()
    if not Path(path).exists():
        raise StoreError(f"no store at {path}: nothing to link (pass --db FILE)")
    with open_store(args, read_only=False) as store:
        linked = repair(store)
    print(f"linked {linked} article(s) that were stored but not linked", file=sys.stderr)
    return 0
