"""What every benchmark shares: where the shared data is, and how time and memory are measured.

Benchmarks report ratios against a baseline measured in the same run, since these
machines are noisy; a benchmark whose data is absent prints why and exits 0.
"""

from __future__ import annotations

import resource
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
POLNEAR = SHARED / "gold" / "quotes" / "polnear" / "data"


def polnear_texts(split: str = "dev", limit: int | None = None) -> list[str] | None:
    """The PolNeAR article texts of `split` (real news), or None, saying so, when absent."""
    folder = POLNEAR / split / "text"
    if not folder.exists():
        print(f"skipped: {folder} is absent (needs the shared data folder beside the project)")
        return None
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[:limit]]


def seconds(fn: Callable[[], object], repeat: int = 3) -> float:
    """The best wall time of `repeat` calls: the least disturbed by other work on the machine."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def peak_bytes(fn: Callable[[], object]) -> int:
    """Peak Python heap allocated while `fn` runs (tracemalloc)."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def rss_mb() -> float:
    """This process's resident memory now, in MB (Linux; 0 elsewhere): peaks pass, this stays."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return 0.0
    return next((int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmRSS:")), 0.0)


def max_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
