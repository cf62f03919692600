"""`dateline extract`: ingest and extract only (no NLP, no coding, no store), to inspect what extraction yields."""

from __future__ import annotations

from dateline.cli.inputs import add_inputs, read
from dateline.cli.options import print_json_line

_SUMMARY_FIELDS = ("published", "wire_source", "language")


def register(sub) -> None:
    p = sub.add_parser(
        "extract",
        help="extract articles from inputs and print them, without NLP or coding",
        description="Run ingest and extraction on PATHs: title, section, dateline, wire source, publication date, "
        "language, quality flags and clean text. One line per article, or one JSON object per article with --json. "
        "Nothing is stored.",
    )
    add_inputs(p)
    p.add_argument("--json", action="store_true", help="one JSON object per article (JSON Lines), text included")
    p.set_defaults(func=run)


def run(args) -> int:
    from dateline.extract import extract_article

    for raw in read(args):
        article = extract_article(raw)
        if args.json:
            print_json_line(article.to_dict())
        else:
            print(summary(article))
    return 0


def summary(article) -> str:
    """One readable line: status, key fields, title or the error."""
    if article.status != "ok":
        return f"{article.origin}  {article.status}  {article.error}"
    fields = "  ".join(f"{name}={getattr(article, name)}" for name in _SUMMARY_FIELDS if getattr(article, name))
    dateline = f"  dateline={article.dateline.text!r}" if article.dateline else ""
    flags = f"  quality={','.join(article.quality)}" if article.quality else ""
    return f"{article.origin}  ok  {article.title or '(no title)'}  {fields}{dateline}{flags}"
