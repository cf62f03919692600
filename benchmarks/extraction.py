"""Extraction speed and peak memory: `extract_article` against bare trafilatura, same pages, same run.

    python benchmarks/extraction.py [--rounds 5] [--limit N]

Runs on the scrapinghub benchmark pages in ../shared (skips when absent). Each
extractor is timed (process CPU time) over all pages (best of --rounds, rounds
interleaved, after a warm-up page), then run once more under tracemalloc for its peak memory. Ratios are against bare
`trafilatura.extract` with default options, as the benchmark's README runs it;
the row "trafilatura fast" is trafilatura with the options we use, to show what
our own steps (metadata, boilerplate, dateline, language, flags) cost on top.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import trafilatura  # noqa: E402

from dateline.eval.extraction_gold import load_gold  # noqa: E402
from dateline.extract import extract_article  # noqa: E402
from dateline.model import RawDocument  # noqa: E402
from measure import peak_bytes  # noqa: E402

Extractor = Callable[[bytes, str], object]
GOLD = ROOT.parent / "shared" / "gold" / "extraction" / "scrapinghub"


def bare(html: bytes, url: str) -> object:
    return trafilatura.extract(html, url=url, include_comments=False)


def bare_fast(html: bytes, url: str) -> object:
    return trafilatura.extract(html, url=url, include_comments=False, fast=True, favor_recall=True)


def ours(html: bytes, url: str) -> object:
    return extract_article(RawDocument(origin=url, kind="html", content=html, meta={"url": url}))


def best_times(fns: list[Extractor], pages: list[tuple[bytes, str]], rounds: int) -> list[float]:
    """Best CPU time of this process for each extractor over all pages. CPU time,
    not wall time, so that other processes on the machine do not count; rounds
    interleave the extractors so that what load remains falls on all alike."""
    for fn in fns:
        fn(*pages[0])
    best = [float("inf")] * len(fns)
    for _ in range(rounds):
        for i, fn in enumerate(fns):
            start = time.process_time()
            for html, url in pages:
                fn(html, url)
            best[i] = min(best[i], time.process_time() - start)
    return best


def peak_memory(fn: Extractor, pages: list[tuple[bytes, str]]) -> int:
    def run() -> None:
        for html, url in pages:
            fn(html, url)

    return peak_bytes(run)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    if not GOLD.exists():
        print(f"skipped: {GOLD} is absent (the shared data folder beside the project)")
        return 0
    pages = [(page.html, page.url or "") for page in load_gold(GOLD, args.limit)]
    extractors = {"trafilatura.extract": bare, "trafilatura fast": bare_fast, "dateline extract": ours}
    times = best_times(list(extractors.values()), pages, args.rounds)
    rows = [(name, seconds, peak_memory(fn, pages)) for (name, fn), seconds in zip(extractors.items(), times)]
    base_time, base_peak = rows[0][1], rows[0][2]
    print(f"{len(pages)} pages, best of {args.rounds} rounds")
    print(f"{'extractor':<22}{'pages/s':>10}{'time ratio':>12}{'peak MiB':>10}{'memory ratio':>14}")
    for name, seconds, peak in rows:
        print(f"{name:<22}{len(pages) / seconds:>10.1f}{seconds / base_time:>12.2f}"
              f"{peak / 2**20:>10.1f}{peak / base_peak:>14.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
