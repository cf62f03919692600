"""`dateline stories`: news stories grouped across outlets, with label and time span."""

from __future__ import annotations

import json

from dateline.cli.provenance import add_db_argument, open_db


def register(sub) -> None:
    p = sub.add_parser(
        "stories",
        help="list news stories: articles about the same news grouped across outlets",
        description="List stories (articles about the same news, beyond copies), largest first, with a label "
        "(top entities and terms) and their time span. With --story ID, list that story's articles.",
    )
    add_db_argument(p)
    p.add_argument("--limit", type=int, default=30, help="how many stories (default 30)")
    p.add_argument("--min-size", type=int, default=2, help="only stories with at least N articles (default 2)")
    p.add_argument("--story", metavar="ID", help="list the articles of one story")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=run)


def run(args) -> int:
    from dateline.link.tables import list_stories, story_articles

    conn = open_db(args.db)
    if conn is None:
        return 1
    found = story_articles(conn, args.story) if args.story else list_stories(conn, args.limit, args.min_size)
    for row in found:
        if args.json:
            print(json.dumps(row, ensure_ascii=False, default=str))
        elif args.story:
            print(f"{row['article_id']}  {row['published'] or '':10}  {row['site'] or '':24}  {row['title'] or ''}")
        else:
            span = f"{row['first_day'] or '?'} .. {row['last_day'] or '?'}"
            print(f"{row['story_id']}  {row['size']:4}  {span:24}  {row['label']}")
    return 0
