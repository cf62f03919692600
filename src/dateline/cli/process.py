"""`dateline process`: run the whole pipeline on files without a store."""

from __future__ import annotations

from dateline.cli.inputs import add_inputs, read
from dateline.cli.options import print_json_line


def register(sub) -> None:
    p = sub.add_parser(
        "process",
        help="process inputs and print the result, touching no store",
        description="Run ingest, extract and coding on PATHs and print one line per article (id, status, title "
        "or error), or one JSON object per article with --json. Nothing is stored.",
    )
    add_inputs(p)
    p.add_argument("--json", action="store_true", help="one JSON object per article (JSON Lines)")
    p.set_defaults(func=run)


def run(args) -> int:
    from dateline.pipeline import process

    for article in process(read(args)):
        if args.json:
            print_json_line(article.to_dict())
        else:
            print(f"{article.id}  {article.status:9}  {article.title or article.error or ''}")
    return 0
