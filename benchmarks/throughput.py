"""Throughput of the whole pipeline against a bare spaCy pass, as a ratio.

Reads the PolNeAR dev article texts (real US political news), then in the
same run times (1) ``nlp.pipe`` alone over the texts and (2) the whole
pipeline (`dateline.pipeline.process`: extract, spaCy, every coding
component), and reports articles per second, the ratio (bar: at most 1.5x),
the time each coding component takes and peak resident memory. Times are CPU
seconds of this process, so other work on a shared machine does not skew the
ratio; wall-clock times are printed beside them.

    PYTHONPATH=src python benchmarks/throughput.py [--limit N] [--repeat R] [--cold]

Each pass runs R times, alternating, and the fastest run counts, since other
processes on the machine slow some runs down. No run reuses another's sentence
embeddings; the learned step's votes on act words (a few thousand words, learned
over any long run) carry over unless --cold.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

from measure import max_rss_mb, polnear_texts

ROOT = Path(__file__).resolve().parent.parent


class Timer:
    """CPU seconds of this process (what the ratio uses: other processes on a shared
    machine do not count) and wall-clock seconds, from creation to `stop`."""

    def __init__(self) -> None:
        self.cpu, self.wall = time.process_time(), time.perf_counter()

    def stop(self) -> tuple[float, float]:
        return time.process_time() - self.cpu, time.perf_counter() - self.wall


def time_bare(texts: list[str], batch_size: int) -> tuple[float, float]:
    from dateline.analyse.nlp import load, model_name

    nlp = load(model_name())
    timer = Timer()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return timer.stop()


def time_pipeline(texts: list[str], batch_size: int,
                  cold: bool = False) -> tuple[tuple[float, float], dict[str, float], int]:
    """(CPU, wall) seconds for the whole pipeline, CPU seconds per coding component, articles coded.

    The embedding cache is emptied first (a repeat would reuse the vectors of these very texts); the learned
    step's votes on act words carry over, as over any long run, unless `cold`."""
    from dateline import pipeline
    from dateline.code.events import embed, learned
    from dateline.model import RawDocument

    embed.clear_cache()
    examples = learned.load_examples()
    if cold and examples is not None:
        examples.words.clear()
    shares: dict[str, float] = defaultdict(float)
    originals = {name: pipeline.get_component(name) for name in pipeline.DEFAULT_COMPONENTS}

    def timed(name, fn):
        def run(state):
            t = time.process_time()
            try:
                fn(state)
            finally:
                shares[name] += time.process_time() - t
        return run

    for name, fn in originals.items():
        pipeline._COMPONENTS[name] = timed(name, fn)
    try:
        raws = [RawDocument(origin=f"polnear-{i}.txt", kind="text", content=t) for i, t in enumerate(texts)]
        timer = Timer()
        articles = list(pipeline.process(raws, batch_size=batch_size))
        elapsed = timer.stop()
    finally:
        pipeline._COMPONENTS.update(originals)
    coded = sum(a.status == "ok" and not a.skipped for a in articles)
    return elapsed, dict(shares), coded


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=2, help="alternating runs of each pass; the best counts")
    parser.add_argument("--cold", action="store_true",
                        help="each run starts with no act word known to the learned step (a first batch)")
    args = parser.parse_args(argv)
    texts = polnear_texts("dev", args.limit or None)
    if texts is None:
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    time_bare(texts[:2], args.batch_size)  # load the model and dictionaries outside the timings
    time_pipeline(texts[:2], args.batch_size)
    bare_runs, whole_runs = [], []
    for _ in range(args.repeat):  # alternate, keep the best of each: the machine is shared
        bare_runs.append(time_bare(texts, args.batch_size))
        bare_peak = max_rss_mb()
        whole_runs.append(time_pipeline(texts, args.batch_size, args.cold))
        whole_peak = max_rss_mb()  # the pipeline runs second: includes the bare pass's peak
    bare, bare_wall = min(bare_runs)
    (whole, whole_wall), shares, coded = min(whole_runs, key=lambda run: run[0])
    n = len(texts)
    print(f"{n} PolNeAR dev articles ({coded} coded), batch size {args.batch_size}, best of {args.repeat} runs"
          + (", act words unknown at each run's start" if args.cold else ""))
    print(f"{'pass':<20}{'CPU s':>8}{'articles/s':>12}{'wall s':>9}{'peak RSS MB':>13}")
    print(f"{'bare nlp.pipe':<20}{bare:>8.2f}{n / bare:>12.1f}{bare_wall:>9.2f}{bare_peak:>13.1f}")
    print(f"{'whole pipeline':<20}{whole:>8.2f}{n / whole:>12.1f}{whole_wall:>9.2f}{whole_peak:>13.1f}")
    print(f"ratio whole / bare (CPU): {whole / bare:.2f}x (bar: at most 1.5x); wall: {whole_wall / bare_wall:.2f}x")
    print("\ncoding components (CPU seconds, share of the whole pipeline)")
    for name, seconds in shares.items():
        print(f"  {name:<12}{seconds:>8.2f}  {100 * seconds / whole:5.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
