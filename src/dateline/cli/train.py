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
    c = tasks.add_parser("calibration", help="map event confidence to the share right on the real-news dev split",
                         description="Code the dev split with raw confidences and fit the calibration table "
                                     "(data/events/calibration.tsv) to the share of events whose root is right.")
    c.add_argument("--gold", type=Path, default=Path("gold/events-realnews"), help="the annotated set's folder")
    c.add_argument("--shared", type=Path, default=Path("../shared"), help="the folder its texts are in")
    c.add_argument("--split", default="dev", choices=("train", "dev"), help="the split to fit on (default dev)")
    c.set_defaults(func=_calibration)


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


def _calibration(args) -> int:
    import sys

    from dateline.code.events import calibration
    from dateline.eval import events_realnews
    from dateline.eval.realnews import read_gold_set

    if not (args.shared / "gold").is_dir():
        print(f"dateline train calibration: the texts under {args.shared}/gold are absent", file=sys.stderr)
        return 2
    gold = read_gold_set(args.gold, args.split, args.shared)
    predictions = events_realnews.code_sentences(gold, config={"calibrated": False})
    rows = calibration.fit(events_realnews.outcomes(gold, predictions))
    calibration.write(rows, source=f"fitted on the real-news gold's {args.split} split, {len(gold)} sentences")
    for lo, hi, value, n in rows:
        print(f"{lo:.1f}-{hi:.1f}\t{value:.3f}\t{n}")
    return 0
