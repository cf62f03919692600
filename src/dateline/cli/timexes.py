"""`dateline timexes`: find and normalise the temporal expressions in a text."""

from __future__ import annotations

import sys

from dateline.cli.options import print_json_line
from dateline.model import to_dict


def register(sub) -> None:
    p = sub.add_parser(
        "timexes",
        help="list the temporal expressions of a plain text, normalised to TIMEX3",
        description="Read plain text from FILE (or - for standard input), find its temporal expressions and "
        "print them normalised against --dct (the document creation time). Without --dct, values that "
        "need it stay underspecified (XXXX-WXX-6).",
    )
    p.add_argument("input", metavar="FILE", help="a plain-text file, or - for standard input")
    p.add_argument("--dct", help="document creation time, ISO date (e.g. 2022-02-12)")
    p.add_argument("--json", action="store_true", help="one JSON object per timex (JSON Lines)")
    p.set_defaults(func=run)


def run(args) -> int:
    from dateline.analyse.nlp import load
    from dateline.code.time import recognise

    if args.input == "-":
        text = sys.stdin.read()
    else:
        with open(args.input, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    for timex in recognise(text, args.dct, load()(text)):
        if args.json:
            print_json_line(to_dict(timex))
        else:
            (start, end), = timex.spans
            print(f"{start:>6}-{end:<6} {timex.type:9} {timex.value:16} {timex.text}")
    return 0
