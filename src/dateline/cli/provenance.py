"""`dateline provenance ID`: where an article came from and who copied it."""

from __future__ import annotations

import json

from dateline.cli.options import add_db, open_store, reports_store_errors


def register(sub) -> None:
    p = sub.add_parser(
        "provenance",
        help="show the copy chain of an article: original source, copies and how each was made",
        description="Show the cluster of copies an article belongs to: the original source (wire agency, "
        "earliest publication or agency site) and, for each copy, whether it is verbatim, lightly edited "
        "or rewritten, with its similarity to the original.",
    )
    p.add_argument("article", metavar="ID", help="an article id, a unique id prefix, or an origin")
    add_db(p)
    p.add_argument("--json", action="store_true", help="print the chain as one JSON object")
    p.set_defaults(func=run)


@reports_store_errors
def run(args) -> int:
    from dateline.link.tables import provenance_chain

    with open_store(args) as store:
        article_id = store.resolve(args.article) or args.article
        chain = provenance_chain(store.con, article_id)
    if chain is None:
        print(f"dateline: article {args.article} is not linked (not stored, not ok, or fewer than 10 words)")
        return 1
    if args.json:
        print(json.dumps(chain, ensure_ascii=False, default=str))
        return 0
    print(f"cluster {chain['cluster_id']}: {len(chain['members'])} article(s)")
    print(f"origin: {chain['origin'] or 'unknown'}   original: {chain['original_id']} ({chain['basis']})")
    for m in chain["members"]:
        sim = "" if m["similarity"] is None else f"{m['similarity']:.2f}"
        mark = "*" if m["article_id"] == article_id else " "
        print(f"{mark} {m['article_id']}  {m['relation'] or '':10} {sim:>5}  {m['published'] or '':10}  "
              f"{m['site'] or ''}  {m['title'] or ''}")
    return 0
