"""Confidence that means something: the share of events at a given confidence that are right.

The coder's raw confidence (rule strength, actor certainty, vote share) ranks events; `data/events/calibration.tsv`
maps it to the share of events of that raw confidence whose CAMEO root was right on the real-news gold's dev split
(fitted by ``dateline train calibration``: ten bins, counts smoothed by one right and one wrong, then made
monotone by pooling adjacent bins). A user who keeps events at 0.8 and above keeps those that were right about
eight times in ten on dev; `eval events` reports the reliability table on dev and test.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dateline.code.data_files import DATA_DIR

CALIBRATION = DATA_DIR / "events" / "calibration.tsv"
BINS = 10


@dataclass(frozen=True)
class Calibration:
    uppers: tuple[float, ...]
    values: tuple[float, ...]

    def __call__(self, raw: float) -> float:
        i = min(bisect.bisect_left(self.uppers, raw), len(self.values) - 1)
        return self.values[i]


@cache
def load(path: Path = CALIBRATION) -> Calibration | None:
    if not path.is_file():
        return None
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return Calibration(tuple(float(r[1]) for r in rows), tuple(float(r[2]) for r in rows))


def fit(pairs: list[tuple[float, bool]], bins: int = BINS) -> list[tuple[float, float, float, int]]:
    """(lower, upper, calibrated share right, count) per bin of raw confidence, monotone non-decreasing. Bins
    with events are smoothed by one right and one wrong and pooled where they would decrease; an empty bin takes
    the value of the nearest bin below it (above it, for the lowest)."""
    edges = [i / bins for i in range(bins + 1)]
    counts = []
    for i in range(bins):
        inside = [ok for raw, ok in pairs if edges[i] < raw <= edges[i + 1] or (i == 0 and raw == 0)]
        counts.append((sum(inside), len(inside)))
    merged: list[list] = []  # [right, total, bins]
    for i, (right, n) in enumerate(counts):
        if not n:
            continue
        merged.append([right + 1, n + 2, [i]])
        while len(merged) > 1 and merged[-2][0] / merged[-2][1] > merged[-1][0] / merged[-1][1]:
            right2, total2, members = merged.pop()
            merged[-1][0] += right2
            merged[-1][1] += total2
            merged[-1][2] += members
    value = {i: right / total for right, total, members in merged for i in members}
    filled, last = [], None
    for i in range(bins):
        last = value.get(i, last)
        filled.append(last)
    first = next((v for v in filled if v is not None), 0.5)
    return [(edges[i], edges[i + 1], round(v if v is not None else first, 3), counts[i][1])
            for i, v in enumerate(filled)]


def write(rows: list[tuple[float, float, float, int]], path: Path = CALIBRATION, source: str = "") -> None:
    lines = ["# Raw event confidence -> share of such events whose CAMEO root was right "
             f"({source}); columns: lower, upper, calibrated, events in the bin when fitted"]
    lines += [f"{lo:.1f}\t{hi:.1f}\t{value:.3f}\t{n}" for lo, hi, value, n in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def reliability(pairs: list[tuple[float, bool]], bins: int = 5) -> tuple[list[dict], float]:
    """Confidence bin -> events, mean confidence, share right; and the expected calibration error."""
    table, ece = [], 0.0
    for i in range(bins):
        lo, hi = i / bins, (i + 1) / bins
        inside = [(c, ok) for c, ok in pairs if lo < c <= hi or (i == 0 and c == 0)]
        if not inside:
            continue
        mean = sum(c for c, _ in inside) / len(inside)
        share = sum(ok for _, ok in inside) / len(inside)
        ece += len(inside) / len(pairs) * abs(mean - share)
        table.append({"bin": f"{lo:.1f}-{hi:.1f}", "events": len(inside), "mean_confidence": round(mean, 3),
                      "share_right": round(share, 3)})
    return table, round(ece, 4)
