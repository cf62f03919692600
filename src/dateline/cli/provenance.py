"""`dateline provenance ID`: where an article came from and who copied it."""

from __future__ import annotations

import json
import os

DEFAULT_DB = "dateline.duckdb"


def add_db_argument(parser) -> None:
    parser.add_argument(
        "--db", default=os.environ.get("DATELINE_DB", DEFAULT_DB),
        help=f"the DuckDB store (default: $DATELINE_DB or {DEFAULT_DB})",
    )


def open_db(path: str):
    """The store read-only; None (with a message) when it does not exist or was never linked."""
    import duckdb

    if not os.path.exists(path):
        print(f"no store at {path}: ingest articles first (dateline ingest --db {path} ...)")
        return None
    conn = duckdb.connect(path, read_only=True)
    if not conn.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'link_articles'").fetchone()[0]:
        print(f"{path} has no link tables: nothing has been linked yet")
        return None
    return conn


def register(sub) -> None:
    p = sub.add_parser(
        "provenance",
        help="show the copy chain of an article: original source, copies and how each was made",
        description="Show the cluster of copies an article belongs to: the original source (wire agency, "
        "earliest publication or agency site) and, for each copy, whether it is verbatim, lightly edited "
        "or rewritten, with its similarity to the original.",
    )
    p.add_argument("article_id", metavar="ID", help="an article id")
    add_db_argument(p)
    p.add_argument("--json", action="store_true", help="print the chain as one JSON object")
    p.set_defaults(func=run)


def run(args) -> int:
    from dateline.link.tables import provenance_chain

    conn = open_db(args.db)
    if conn is None:
        return 1
    chain = provenance_chain(conn, args.article_id)
    if chain is None:
        print(f"article {args.article_id} is not linked in {args.db}")
        return 1
    if args.json:
        print(json.dumps(chain, ensure_ascii=False, default=str))
        return 0
    print(f"cluster {chain['cluster_id']}: {len(chain['members'])} article(s)")
    print(f"origin: {chain['origin'] or 'unknown'}   original: {chain['original_id']} ({chain['basis']})")
    for m in chain["members"]:
        sim = "" if m["similarity"] is None else f"{m['similarity']:.2f}"
        mark = "*" if m["article_id"] == args.article_id else " "
        print(f"{mark} {m['article_id']}  {m['relation'] or '':10} {sim:>5}  {m['published'] or '':10}  "
              f"{m['site'] or ''}  {m['title'] or ''}")
    return 0
