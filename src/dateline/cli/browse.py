"""`dateline articles | show | events | quotes`: read the store back."""

from __future__ import annotations

import json
import sys

from dateline.cli import render
from dateline.cli.options import add_db, add_filters, filters, open_store, print_json_lines, reports_store_errors
from dateline.store import StoreError, query
from dateline.store.rows import TABLES, unflatten


def register(sub) -> None:
    p = sub.add_parser("articles", help="list stored articles", description="List stored articles, newest first.")
    add_filters(p, "articles")
    add_db(p)
    p.set_defaults(func=_lister("articles", render.articles_table))

    p = sub.add_parser(
        "show",
        help="show one stored article with its events, quotes and times",
        description="Show a stored article: dateline, wire source, quality flags, and every event, quote and "
        "time expression with its evidence (sentence, spans, rule, confidence).",
    )
    p.add_argument("ref", metavar="ID", help="article id, a unique id prefix, or the input's origin (path or URL)")
    p.add_argument("--json", action="store_true", help="the article's JSON form (docs/schema.md)")
    add_db(p)
    p.set_defaults(func=show)

    p = sub.add_parser("events", help="list stored events", description="List stored events, newest article first: by default those asserted as having happened (not negated or hypothetical); --all or --modality for the others.")
    add_filters(p, "events")
    add_db(p)
    p.set_defaults(func=_lister("events", render.events_table, "events"))

    p = sub.add_parser("quotes", help="list stored quotes", description="List stored quotes, newest first.")
    add_filters(p, "quotes")
    add_db(p)
    p.set_defaults(func=_lister("quotes", render.quotes_table, "quotes"))


def _lister(listing: str, table, spec: str | None = None):
    """A list command: the rows of `listing` as a rich `table`, or as JSON (the model's form when `spec`
    names a table): the rows /api/LISTING returns for the same filters."""

    @reports_store_errors
    def run(args) -> int:
        try:
            chosen = filters(args, listing)
        except ValueError as exc:
            print(f"dateline: {exc}", file=sys.stderr)
            return 2
        with open_store(args) as store:
            rows = query.rows(store, listing, chosen)
        if args.json:
            print_json_lines([unflatten(row, TABLES[spec]) for row in rows] if spec else rows)
        else:
            render.console().print(table(rows))
        return 0

    return run


@reports_store_errors
def show(args) -> int:
    with open_store(args) as store:
        article_id = store.resolve(args.ref)
        if article_id is None:
            raise StoreError(f"no stored article matches {args.ref!r} (see `dateline articles`)")
        article = store.load_article(article_id)
        stored = store.rows("SELECT duplicate_of, ingested_at, run_id FROM articles WHERE id = ?", [article_id])[0]
    if args.json:
        sys.stdout.write(json.dumps(article.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        render.show_article(render.console(), article, stored)
    return 0
