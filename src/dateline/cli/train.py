"""`dateline train events|verifier`: rebuild a learned event step from an annotated set."""

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
    _gold_arguments(t)
    t.set_defaults(func=_events)
    v = tasks.add_parser("verifier", help="the event verifier, from the coder's events on the train split",
                         description="Code the train split of a real-news gold folder (each fold without its own "
                                     "documents' examples) and the documents of the judged events, fit the verifier "
                                     "on whether each event's root is right, and choose its threshold by "
                                     "cross-validation (data/events/verifier.npz).")
    _gold_arguments(v)
    v.add_argument("--judged", type=Path, default=Path("gold/events-judged/judgements.jsonl"),
                   help="judged events to learn from besides the train split (skipped if absent)")
    v.set_defaults(func=_verifier)


def _gold_arguments(parser) -> None:
    parser.add_argument("--gold", type=Path, default=Path("gold/events-realnews"), help="the annotated set's folder")
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the folder its texts are in")
    parser.add_argument("-o", "--output", type=Path, default=None, help="where to write (default: the package's file)")


def _missing(args, task: str) -> int | None:
    """Exit status 2 with one line when the gold folder or its texts are not there."""
    import sys

    if not (args.gold / "train.jsonl").is_file():
        print(f"dateline train {task}: no train.jsonl in {args.gold}", file=sys.stderr)
        return 2
    if not (args.shared / "gold").is_dir():
        print(f"dateline train {task}: the texts under {args.shared}/gold are absent (pass --shared)", file=sys.stderr)
        return 2
    return None


def _events(args) -> int:
    from dateline.code.events import learned, train

    if (problem := _missing(args, "events")) is not None:
        return problem
    counts = train.build(args.gold, args.shared, args.output or learned.EXAMPLES)
    print("examples: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def _verifier(args) -> int:
    from dateline.code.events import train

    if (problem := _missing(args, "verifier")) is not None:
        return problem
    figures = train.build_verifier(args.gold, args.shared, args.output, args.judged)
    print("verifier: " + ", ".join(f"{k} {v}" for k, v in figures.items()))
    return 0
