"""Precision, recall and F1 over character spans, exact or by overlap.

A span is a tuple of character ranges (brat allows discontinuous spans). Spans
are compared as the sets of their non-whitespace characters, so a span that
differs only by surrounding spaces is the same span.

- exact: the two character sets are equal;
- overlap: they share at least one character.

Matching is one-to-one: candidate pairs are taken greedily, largest shared
character count first, and each predicted and gold span is used at most once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dateline.eval.brat import Ranges


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class Counts:
    """Matched, predicted and gold totals (floats: documents with several annotators weigh 1/n each)."""

    matched: float = 0.0
    predicted: float = 0.0
    gold: float = 0.0

    def add(self, matched: int, predicted: int, gold: int, weight: float = 1.0) -> None:
        self.matched += matched * weight
        self.predicted += predicted * weight
        self.gold += gold * weight

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def char_set(ranges: Ranges, text: str) -> frozenset[int]:
    """The non-whitespace character offsets a span covers."""
    return frozenset(i for start, end in ranges for i in range(start, min(end, len(text))) if not text[i].isspace())


def greedy_pairs(
    predicted: Sequence[object], gold: Sequence[object], score: Callable[[object, object], int]
) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted index, gold index) with a positive score, best first."""
    candidates = sorted(
        ((s, i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold) if (s := score(p, g)) > 0),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def overlap(a: frozenset[int], b: frozenset[int]) -> int:
    return len(a & b)


def exact(a: frozenset[int], b: frozenset[int]) -> int:
    return len(a) if a and a == b else 0


def count_matches(
    predicted: Sequence[Ranges], gold: Sequence[Ranges], text: str, score: Callable = overlap
) -> tuple[int, int, int]:
    """(matched, predicted, gold) for two lists of spans; empty spans are left out."""
    p = [s for s in (char_set(r, text) for r in predicted) if s]
    g = [s for s in (char_set(r, text) for r in gold) if s]
    return len(greedy_pairs(p, g, score)), len(p), len(g)
