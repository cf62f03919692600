"""Confidence that means something: the share of events at a given confidence whose root is right.

An event's confidence is the verifier's probability (`verify`), fitted on the real-news gold's train split; this
module checks it: `eval events` reports the reliability table (confidence bin -> share right) and the expected
calibration error on dev and test, so a user who keeps events at 0.8 knows what that buys.
"""

from __future__ import annotations


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
