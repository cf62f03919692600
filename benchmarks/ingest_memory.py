"""Does `dateline ingest` keep memory flat as runs grow? Peak RSS and speed for N documents.

Ingests N copies of real news texts (the PolNeAR dev texts, each copy under a
new name and with a distinct last line so none is a duplicate) into a fresh
store, once per N, each in its own process so peak RSS is that run's alone.
Prints, as ratios to the smallest N (flat memory: ~1), the peak of Python's
heap (tracemalloc, in a second pass: the run loop's own memory) and the peak
RSS (which also holds DuckDB's block cache and indexes, growing with the
store), and documents per second (untraced pass). By default only extraction
runs (--components none), so 10,000 documents take a few minutes; pass
--components all to include NLP and coding, and --link to link articles as
well (linking keeps indexes that grow with the store, by design).

    python benchmarks/ingest_memory.py [--sizes 1000,10000] [--components none|all|LIST]
                                       [--workers N] [--link]

With --long, it measures instead one article of each length (characters; the
first is the baseline), made of the same texts one after another, ingested with
every component and linking: peak RSS and seconds per article. spaCy parses a
long text in pieces (dateline.analyse.nlp.CHUNK_CHARS), so its memory is
bounded; what still grows with the length is the article itself and its records.

    python benchmarks/ingest_memory.py --long 10000,100000,1000000,1200000
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from measure import POLNEAR, max_rss_mb

ROOT = Path(__file__).resolve().parent.parent
TEXTS = POLNEAR / "dev" / "text"


def copies(n: int):
    """N raw documents cycling over the texts, lazily."""
    from dateline.model import RawDocument

    paths = sorted(TEXTS.glob("*.txt"))
    for i in range(n):
        path = paths[i % len(paths)]
        content = path.read_bytes() + f"\n\n(copy {i})\n".encode()
        yield RawDocument(origin=f"bench/{i:06d}/{path.name}", kind="text", content=content)


def child(n: int, components: str, workers: int, trace: bool, link: bool) -> dict:
    """One measured run in this process (with `trace`, the Python heap is traced too)."""
    from dateline.cli.ingest import components_option
    from dateline.runner import ingest
    from dateline.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        if trace:
            tracemalloc.start()
        start = time.perf_counter()
        summary = ingest(copies(n), store, components=components_option(components), workers=workers, link=link)
        seconds = time.perf_counter() - start
        heap = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
        assert summary.statuses["ok"] == n, dict(summary.statuses)
    return {"n": n, "seconds": seconds, "docs_per_s": n / seconds, "peak_rss_mb": max_rss_mb(), "peak_heap_mb": heap}


def long_article(chars: int):
    """One document of `chars` characters: the texts one after another, as paragraphs."""
    from dateline.model import RawDocument

    parts, size = [], 0
    for path in itertools.cycle(sorted(TEXTS.glob("*.txt"))):
        if size >= chars:
            break
        parts.append(path.read_text(encoding="utf-8").strip())
        size += len(parts[-1]) + 2
    return RawDocument(origin=f"bench/long-{chars}.txt", kind="text", content="\n\n".join(parts)[:chars].encode())


def child_long(chars: int) -> dict:
    """Ingest one long article (every component, linking) into a fresh store, in this process."""
    from dateline.runner import ingest
    from dateline.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        start = time.perf_counter()
        summary = ingest([long_article(chars)], store)
        seconds = time.perf_counter() - start
        assert summary.statuses["ok"] == 1, (dict(summary.statuses), summary.errors)
        events = summary.coded["events"]
    return {"chars": chars, "seconds": seconds, "peak_rss_mb": max_rss_mb(), "events": events}


def measure_long(lengths: list[int]) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    print(f"one long article: every component, linking; pieces of {_chunk_chars()} characters")
    print(f"{'characters':>10} {'seconds':>8} {'s/100KB':>8} {'events':>7} {'RSS MB':>8} {'RSS ratio':>10}")
    base = None
    for chars in lengths:
        cmd = [sys.executable, __file__, "--child-long", str(chars)]
        r = json.loads(subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout.splitlines()[-1])
        base = base or r
        print(f"{chars:>10} {r['seconds']:>8.1f} {r['seconds'] / chars * 1e5:>8.1f} {r['events']:>7} "
              f"{r['peak_rss_mb']:>8.0f} {r['peak_rss_mb'] / base['peak_rss_mb']:>10.2f}", flush=True)


def _chunk_chars() -> int:
    from dateline.analyse.nlp import CHUNK_CHARS

    return CHUNK_CHARS


def measure(n: int, components: str, workers: int, link: bool) -> dict:
    """Two runs in fresh processes: untraced for speed and RSS, traced for the Python heap."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    cmd = [sys.executable, __file__, "--child", str(n), "--components", components, "--workers", str(workers)]
    cmd += ["--link"] if link else []
    runs = [json.loads(subprocess.run(c, env=env, capture_output=True, text=True, check=True).stdout.splitlines()[-1])
            for c in (cmd, [*cmd, "--trace"])]
    return {**runs[0], "peak_heap_mb": runs[1]["peak_heap_mb"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated document counts; the first is the baseline")
    parser.add_argument("--components", default="none", help="coding components (default none: extraction only)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--link", action="store_true", help="also link articles (its indexes grow with the store)")
    parser.add_argument("--long", help="comma-separated article lengths in characters: measure one long article each")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child-long", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.components, args.workers, args.trace, args.link)))
        return 0
    if args.child_long:
        print(json.dumps(child_long(args.child_long)))
        return 0
    if not TEXTS.is_dir():
        print(f"skipped: {TEXTS} is absent (this benchmark needs the shared data folder beside the project)")
        return 0
    if args.long:
        measure_long([int(n) for n in args.long.split(",")])
        return 0
    components = "timexes,actors,quotes,events" if args.components == "all" else args.components
    texts = len(list(TEXTS.glob("*.txt")))
    print(f"ingest memory: components={components} workers={args.workers} link={args.link} texts={texts}")
    print(f"{'documents':>10} {'seconds':>8} {'docs/s':>8} {'heap MB':>8} {'heap ratio':>10} {'RSS MB':>8} {'RSS ratio':>10}")
    base = None
    for n in args.sizes.split(","):
        r = measure(int(n), components, args.workers, args.link)
        base = base or r
        print(f"{r['n']:>10} {r['seconds']:>8.1f} {r['docs_per_s']:>8.1f} {r['peak_heap_mb']:>8.1f} "
              f"{r['peak_heap_mb'] / base['peak_heap_mb']:>10.2f} {r['peak_rss_mb']:>8.1f} "
              f"{r['peak_rss_mb'] / base['peak_rss_mb']:>10.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
