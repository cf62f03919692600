"""`dateline stories`: news stories grouped across outlets, with label and time span."""

from __future__ import annotations

from dateline.cli.options import COUNT, add_db, open_store, print_json_lines, reports_store_errors


def register(sub) -> None:
    p = sub.add_parser(
        "stories",
        help="list news stories: articles about the same news grouped across outlets",
        description="List stories (articles about the same news, beyond copies), largest first, with a label "
        "(top entities and terms) and their time span. With --story ID, list that story's articles.",
    )
    add_db(p)
    p.add_argument("--limit", type=COUNT, default=30, help="how many stories (default 30)")
    p.add_argument("--min-size", type=COUNT, default=2, help="only stories with at least N articles (default 2)")
    p.add_argument("--story", metavar="ID", help="list the articles of one story")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=run)


@reports_store_errors
def run(args) -> int:
    from dateline.link.tables import list_stories, story_articles

    with open_store(args) as store:
        found = story_articles(store.con, args.story) if args.story else list_stories(store.con, args.limit, args.min_size)
    if args.json:
        print_json_lines(found)
        return 0
    for row in found:
        if args.story:
            print(f"{row['article_id']}  {row['published'] or '':10}  {row['site'] or '':24}  {row['title'] or ''}")
        else:
            span = f"{row['first_day'] or '?'} .. {row['last_day'] or '?'}"
            print(f"{row['story_id']}  {row['size']:4}  {span:24}  {row['label']}")
    return 0
