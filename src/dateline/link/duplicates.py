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
from datasketch import MinHash, MinHashLSH

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


class CopyIndex:
    """An in-memory LSH index of signatures, grown one article at a time, in about 2.5 KB an article.

    The banding is datasketch's for `LSH_THRESHOLD` (42 bands of 3 values for 128
    permutations), so the candidates are the ones `MinHashLSH` finds; but where
    `MinHashLSH` keeps a byte string and a set per band and article (about 10 KB
    an article), this keeps the signatures in one array and each band as a
    64-bit key and a row number (12 bytes) in sorted arrays: the latest keys sit
    in a small dict, flushed into a sorted run, and runs of similar length are
    merged (as in an LSM tree: each key is re-sorted about log2(n) times, and a
    lookup searches a few runs). Two bands sharing a key by chance only add a
    candidate, which the signatures' estimate then rejects.
    """

    def __init__(self) -> None:
        self._ranges = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM).hashranges
        self._ids: list[str] = []
        self._row_of: dict[str, int] = {}
        self._hashes = np.empty((0, NUM_PERM), dtype=np.uint64)
        self._sizes = np.empty(0, dtype=np.int64)
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []
        self._recent: dict[int, list[int]] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._row_of

    def add(self, article_id: str, sig: Signature) -> None:
        if article_id in self._row_of:
            return
        row = len(self._ids)
        if row == len(self._hashes):  # grow by half: amortised appends
            grown = max(1024, row + row // 2)
            self._hashes = np.resize(self._hashes, (grown, NUM_PERM))
            self._sizes = np.resize(self._sizes, grown)
        self._hashes[row] = sig.hashvalues
        self._sizes[row] = sig.size
        self._ids.append(article_id)
        self._row_of[article_id] = row
        for key in self._band_keys(sig.hashvalues).tolist():
            self._recent.setdefault(key, []).append(row)
        if len(self._recent) >= _FLUSH_AT:
            self._flush()

    def matches(self, sig: Signature, exclude: str | None = None) -> list[CopyMatch]:
        """Indexed articles that `sig` is a copy of, most similar first."""
        found = []
        for row in sorted(self._candidates(sig)):
            key = self._ids[row]
            if key == exclude:
                continue
            other = Signature(self._hashes[row], int(self._sizes[row]))
            jaccard, containment = estimate(sig, other)
            if decide(jaccard, containment, min(sig.size, other.size)):
                found.append(CopyMatch(key, jaccard, containment))
        return sorted(found, key=lambda m: (-m.jaccard, m.article_id))

    def _candidates(self, sig: Signature) -> set[int]:
        keys = self._band_keys(sig.hashvalues)
        rows: set[int] = set()
        for run_keys, run_rows in self._runs:
            starts = np.searchsorted(run_keys, keys, side="left")
            ends = np.searchsorted(run_keys, keys, side="right")
            rows.update(int(r) for start, end in zip(starts, ends) if end > start for r in run_rows[start:end])
        for key in keys.tolist():
            rows.update(self._recent.get(key, ()))
        return rows

    def _band_keys(self, hashvalues: np.ndarray) -> np.ndarray:
        """One 64-bit key per band: the band's values and its number, mixed (multiplication wraps mod 2**64)."""
        bands = np.stack([hashvalues[start:end] for start, end in self._ranges]).astype(np.uint64)
        mixed = np.arange(len(self._ranges), dtype=np.uint64) * _MIX[0]
        for i in range(bands.shape[1]):
            mixed = (mixed ^ bands[:, i]) * _MIX[i + 1]
        return mixed

    def _flush(self) -> None:
        """Turn the recent keys into a sorted run, then merge the last runs while the one
        before is at most twice as long (so there are about log2(n) runs)."""
        pairs = [(key, row) for key, rows in self._recent.items() for row in rows]
        keys = np.fromiter((k for k, _ in pairs), np.uint64, len(pairs))
        self._runs.append(_sorted_run(keys, np.fromiter((r for _, r in pairs), np.uint32, len(pairs))))
        self._recent = {}
        while len(self._runs) > 1 and len(self._runs[-2][0]) <= 2 * len(self._runs[-1][0]):
            (keys_a, rows_a), (keys_b, rows_b) = self._runs.pop(), self._runs.pop()
            self._runs.append(_sorted_run(np.concatenate([keys_b, keys_a]), np.concatenate([rows_b, rows_a])))


def _sorted_run(keys: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(keys, kind="stable")
    return keys[order], rows[order]


_FLUSH_AT = 20_000
"""Recent band keys kept in a dict (about 3 MB) before they become a sorted run."""

_MIX = np.array(
    [0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, 0xD6E8FEB86659FD93, 0xA0761D6478BD642F,
     0xE7037ED1A0B428DB, 0x8EBC6AF09C88C6E3, 0x589965CC75374CC3, 0x1D8E4E27C47D124F],
    dtype=np.uint64,
)
"""Odd 64-bit constants (splitmix64 and wyhash) for mixing a band's values into one key."""


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
