"""Near-duplicate articles: MinHash signatures over word shingles, found with LSH.

A copy of a wire story shares most of its two-word shingles (over content
words, so "he said", swapped articles and punctuation do not count) with the
original even after synonym swaps, reordered sentences or added boilerplate.
LSH finds the candidates in time independent of the store size (no all-pairs
comparison); the signatures' estimated Jaccard similarity then decides.

A copy is a candidate whose estimated Jaccard similarity is at least
`COPY_JACCARD`, or whose estimated containment (the shared shingles over the
smaller article's shingles) is at least `COPY_CONTAINMENT` — the latter keeps
a copy that was cut short, or padded with boilerplate, in its cluster.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from dateline.link.text import shingles

NUM_PERM = 128
LSH_THRESHOLD = 0.25
COPY_JACCARD = 0.35
"""Between the two groups of an all-pairs scan of the ~930 PolNeAR texts (430,000
pairs): different articles reach 0.19 at most (two reports of one debate), editions
of one text start at 0.56."""
COPY_CONTAINMENT = 0.7
CONTAINMENT_FLOOR = 0.15
"""Containment is only trusted above this Jaccard: below it the estimate is noise
(a 15-shingle caption against a 1,500-shingle article looks "contained")."""
MIN_CONTAINED = 50
"""Nor for a smaller text of fewer shingles: a short text that is mostly a site's
boilerplate is "contained" in every other page carrying the same boilerplate."""
MIN_SHINGLES = 12
"""Texts with fewer shingles (a headline, a caption) are too short to call copies."""

_SEED = 1


@dataclass(frozen=True)
class Signature:
    """A text's MinHash signature and how many distinct shingles it summarises."""

    hashvalues: np.ndarray
    size: int

    def to_bytes(self) -> bytes:
        return self.hashvalues.astype(np.uint64).tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, size: int) -> Signature:
        return cls(np.frombuffer(data, dtype=np.uint64).copy(), size)

    def minhash(self) -> MinHash:
        return MinHash(num_perm=len(self.hashvalues), seed=_SEED, hashvalues=self.hashvalues)


@dataclass(frozen=True)
class CopyMatch:
    """An earlier article this one copies (or is copied by), with the estimates that decided it."""

    article_id: str
    jaccard: float
    containment: float


def signature(text: str) -> Signature | None:
    """The MinHash signature of `text`, or None when it is too short to compare."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=_SEED)
    m.update_batch([g.encode("utf-8") for g in grams])
    return Signature(m.hashvalues.copy(), len(grams))


def estimate(a: Signature, b: Signature) -> tuple[float, float]:
    """Estimated (Jaccard, containment) of two shingle sets from their signatures."""
    jaccard = float(np.mean(a.hashvalues == b.hashvalues))
    shared = jaccard * (a.size + b.size) / (1.0 + jaccard)
    containment = min(1.0, shared / max(1, min(a.size, b.size)))
    return jaccard, containment


def decide(jaccard: float, containment: float, smaller: int) -> bool:
    """Copy by Jaccard, or by containment when the smaller text (`smaller` shingles) is long enough."""
    if jaccard >= COPY_JACCARD:
        return True
    return jaccard >= CONTAINMENT_FLOOR and containment >= COPY_CONTAINMENT and smaller >= MIN_CONTAINED


def is_copy(a: Signature, b: Signature) -> bool:
    """Whether two texts are copies of one text, by their signatures."""
    return decide(*estimate(a, b), min(a.size, b.size))


def assign_cluster(article_id: str, matches: Iterable[CopyMatch], cluster_of: Mapping[str, str]) -> tuple[str, set[str]]:
    """The copy cluster `article_id` joins, and the other clusters it bridges.

    Without matches an article starts its own cluster (named after itself).
    When its matches sit in several clusters they are one cluster after all:
    the lowest cluster id survives and the others are returned to be merged.
    """
    clusters = {cluster_of.get(m.article_id, m.article_id) for m in matches}
    if not clusters:
        return article_id, set()
    keep = min(clusters)
    return keep, clusters - {keep}
