"""Longer drills than CI runs: stop `dateline ingest` at random moments, then run it again.

Each round draws a moment, a signal (kill -9 or SIGTERM), an executor (in
process or `--workers 2`) and whether the store already holds an earlier run,
stops the run at that moment, re-runs it to the end and checks what
tests/test_drills.py checks: the store opens with nothing set aside, every
input is stored exactly once, every linkable article is linked, no run is left
`running`, and no process of the stopped run is left. Prints one line per
round and how many held; exits 1 if any did not.

    PYTHONPATH=src python benchmarks/drills.py [--rounds 20] [--docs 600] [--components none|all] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import test_drills as drill  # noqa: E402  (the drill steps and checks are the tests' own)


def one_round(rng: random.Random, folder: Path, inputs: list[Path], options: list[str]) -> str:
    """Run one drill; returns what was done (raises AssertionError or pytest's Failed if a promise broke)."""
    workers = rng.choice(["1", "2"])
    sig = rng.choice([signal.SIGKILL, signal.SIGTERM])
    later = rng.random() < 0.5
    moment = rng.uniform(0.5, 8.0)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "drill.duckdb"
        if later:
            drill.ingest(db, inputs[: len(inputs) // 3], *options)
        started = time.monotonic()
        proc = drill.start(db, [folder], "--workers", workers, *options)
        drill.kill_after(proc, moment, sig)
        stopped = "ended first" if proc.returncode == 0 else f"gone after {time.monotonic() - started:.1f}s"
        drill.ingest(db, [folder], "--workers", workers, *options)
        drill.assert_complete(db, inputs)
    run = "later run" if later else "first run"
    return f"{signal.Signals(sig).name:7} {run:9} --workers {workers}  moment {moment:4.1f}s  {stopped}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--docs", type=int, default=600, help="generated input files (default 600)")
    parser.add_argument("--components", default="none", help="none (default: the store is the point) or all")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    drill.DOCS = args.docs
    from dateline.pipeline import DEFAULT_COMPONENTS

    components = ",".join(DEFAULT_COMPONENTS) if args.components == "all" else args.components
    options = ["--components", components]  # the last --components given wins over the tests' `none`
    rng = random.Random(args.seed)
    held = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        inputs = sorted(drill.write_corpus(folder, args.docs))
        for n in range(1, args.rounds + 1):
            try:
                print(f"{n:3}  held    {one_round(rng, folder, inputs, options)}", flush=True)
                held += 1
            except Exception as exc:  # AssertionError, or pytest's Failed from a helper
                reason = str(exc).splitlines()[0] if str(exc) else ""
                print(f"{n:3}  BROKEN  {type(exc).__name__}: {reason}", flush=True)
    print(f"{held}/{args.rounds} drills held")
    return 0 if held == args.rounds else 1


if __name__ == "__main__":
    sys.exit(main())
