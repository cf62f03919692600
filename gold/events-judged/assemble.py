"""Join the judges' files to the drawn events: `judgements.jsonl` (one judgement per event, its part's judge) and
`second-pass.jsonl` (the second opinions on the overlaps, for agreement only), then print the agreement.

    python gold/events-judged/assemble.py DRAW_DIR [DRAW_DIR ...]

Each DRAW_DIR (one per round) holds `keys.jsonl` and `parts.json` from `pool.py` and `judged-<LETTER>.tsv` from
each judge (header ``n, root_right, right_root, note``): the judge of a part also judged the first events of the
next part, for agreement. An optional `rejudged.tsv` replaces the judgements of the events it lists (events judged
again after a fault in how they were shown; their first judgements leave the agreement too).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent


def root_of(row: dict, code: str) -> str:
    """The root the judge gives the trigger: the coded one if right, else theirs (``NONE``: no act)."""
    right = row["right_root"].strip().upper()
    if row["root_right"].strip().lower() == "yes":
        return code[:2]
    return "NONE" if right in ("", "NONE") else right.zfill(2)


def read_round(draw: Path) -> tuple[dict, dict]:
    """(first judgements, second opinions) of one round, by (round, n)."""
    keys = {k["n"]: k for k in map(json.loads, (draw / "keys.jsonl").read_text().splitlines())}
    spec = json.loads((draw / "parts.json").read_text())
    first, second = {}, {}
    for letter, (a, b) in spec["parts"].items():
        for n, record in rows(draw / f"judged-{letter}.tsv", keys, f"{spec['round']}{letter}"):
            (first if a <= n <= b else second)[(spec["round"], n)] = record
    for n, record in rows(draw / "rejudged.tsv", keys, f"{spec['round']}R"):
        first[(spec["round"], n)] = record
        second.pop((spec["round"], n), None)
    return first, second


def rows(path: Path, keys: dict, annotator: str):
    """(n, judgement) of each usable row of a judge's file."""
    if not path.is_file():
        return
    for row in csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"):
        n = int(row["n"]) if row["n"].strip().isdigit() else 0
        if n in keys and row["root_right"].strip().lower() in ("yes", "no"):
            key = keys[n]
            yield n, {"doc": key["doc"], "sentence": key["sentence"], "trigger": key["trigger"], "code": key["code"],
                      "right_root": root_of(row, key["code"]), "annotator": annotator}


def main(draws: list[Path]) -> None:
    from sklearn.metrics import cohen_kappa_score

    first, second = {}, {}
    for draw in draws:
        f, s = read_round(draw)
        first.update(f)
        second.update(s)
    for name, records in (("judgements.jsonl", first), ("second-pass.jsonl", second)):
        (HERE / name).write_text("".join(json.dumps(records[k]) + "\n" for k in sorted(records)))
    both = sorted(set(first) & set(second))
    right = [[r[k]["right_root"] == r[k]["code"][:2] for k in both] for r in (first, second)]
    roots = [[r[k]["right_root"] for k in both] for r in (first, second)]
    print(f"judged {len(first)}; root right {sum(r['right_root'] == r['code'][:2] for r in first.values())}; "
          f"overlap {len(both)}: root right agreement {sum(a == b for a, b in zip(*right)) / max(len(both), 1):.2f}, "
          f"kappa {cohen_kappa_score(*right):.2f}; right root agreement "
          f"{sum(a == b for a, b in zip(*roots)) / max(len(both), 1):.2f}", file=sys.stderr)


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]])
