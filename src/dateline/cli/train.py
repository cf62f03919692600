"""`dateline train events`: rebuild the learned event step's examples from an annotated set."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("train", help="rebuild a learned component from annotated data",
                       description="Rebuild a learned component from annotated data.")
    tasks = p.add_subparsers(dest="task", metavar="TASK")
    tasks.required = True
    t = tasks.add_parser("events", help="the learned event step's examples, from the real-news gold's train split",
                         description="Embed every predicate of the train split of a real-news gold folder, with "
                                     "the trigger dictionary and the CAMEO code names, into the examples file.")
    t.add_argument("--gold", type=Path, default=Path("gold/events-realnews"), help="the annotated set's folder")
    t.add_argument("--shared", type=Path, default=Path("../shared"), help="the folder its texts are in")
    t.add_argument("-o", "--output", type=Path, default=None, help="where to write (default: the package's file)")
    t.set_defaults(func=_events)


def _events(args) -> int:
    import sys

    from dateline.code.events import learned, train

    if not (args.gold / "train.jsonl").is_file():
        print(f"dateline train events: no train.jsonl in {args.gold}", file=sys.stderr)
        return 2
    if not (args.shared / "gold").is_dir():
        print(f"dateline train events: the texts under {args.shared}/gold are absent (pass --shared)", file=sys.stderr)
        return 2
    counts = train.build(args.gold, args.shared, args.output or learned.EXAMPLES)
    print("examples: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0
