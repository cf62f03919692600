"""The copy index on disk: LSH band keys and MinHash signatures in a SQLite file beside the store.

A copy may turn up weeks after its original, so every linked article must stay
findable; kept in memory, the index grew by about 2.5 KB an article (2.5 GB at
10^6 articles). A B-tree on disk finds the 42 band keys of an article
in 42 seeks whatever the store's size, with a page cache of fixed size.
DuckDB is the wrong tool here: its ART indexes must fit in memory, and without
one a lookup scans every key (5-7 ms an article at 10^5 articles, and linear).

The banding is datasketch's for `LSH_THRESHOLD` (42 bands of 3 values for 128
permutations), so the candidates are the ones `MinHashLSH` finds; each band is
one 64-bit key (its values and its number, mixed), and two bands sharing a key
by chance only add a candidate, which the signatures' estimate then rejects.

The file is a cache of `link_articles.signature`, keyed by the article's
`seen` number: it is committed after the store, and `sync` trims what the
store rolled back and adds what it has beyond the file (all of it for a new
file, or one that belongs to another store).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable

import numpy as np
from datasketch import MinHashLSH

from dateline.link.duplicates import LSH_THRESHOLD, NUM_PERM, CopyMatch, Signature, decide, estimate

SUFFIX = ".copies.sqlite"
"""The index of the store ``news.duckdb`` is ``news.duckdb.copies.sqlite``."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS signatures (seen INTEGER PRIMARY KEY, article_id TEXT NOT NULL, size INTEGER NOT NULL,
                                       hashes BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS bands (key INTEGER NOT NULL, seen INTEGER NOT NULL, PRIMARY KEY (key, seen)) WITHOUT ROWID;
"""
_RANGES = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM).hashranges

_MIX = np.array(
    [0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, 0xD6E8FEB86659FD93, 0xA0761D6478BD642F,
     0xE7037ED1A0B428DB, 0x8EBC6AF09C88C6E3, 0x589965CC75374CC3, 0x1D8E4E27C47D124F],
    dtype=np.uint64,
)
"""Odd 64-bit constants (splitmix64 and wyhash) for mixing a band's values into one key."""


def band_keys(hashvalues: np.ndarray) -> list[int]:
    """One key per band: the band's values and its number, mixed (multiplication wraps mod 2**64),
    as SQLite's signed 64-bit integers."""
    bands = np.stack([hashvalues[start:end] for start, end in _RANGES]).astype(np.uint64)
    mixed = np.arange(len(_RANGES), dtype=np.uint64) * _MIX[0]
    for i in range(bands.shape[1]):
        mixed = (mixed ^ bands[:, i]) * _MIX[i + 1]
    return mixed.view(np.int64).tolist()


class CopyIndex:
    """Signatures by LSH band, in a SQLite file (`path`), or in memory without one."""

    def __init__(self, path: str | None = None) -> None:
        self.db = sqlite3.connect(path or ":memory:")
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = OFF")  # a cache: a crash loses at most what `sync` adds back
        self.db.execute("PRAGMA cache_size = -16000")  # 16 MB of pages, whatever the file's size
        self.db.executescript(_SCHEMA)

    def __len__(self) -> int:
        return self.db.execute("SELECT count(*) FROM signatures").fetchone()[0]

    def add(self, seen: int, article_id: str, sig: Signature) -> None:
        """Index an article's signature under its `seen` number (uncommitted until `commit`)."""
        self.db.execute(
            "INSERT OR IGNORE INTO signatures VALUES (?, ?, ?, ?)", (seen, article_id, sig.size, sig.to_bytes())
        )
        self.db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)", [(k, seen) for k in band_keys(sig.hashvalues)])

    def matches(self, sig: Signature, exclude: str | None = None) -> list[CopyMatch]:
        """Indexed articles that `sig` is a copy of, most similar first."""
        keys = band_keys(sig.hashvalues)
        found = []
        for article_id, size, hashes in self.db.execute(
            "SELECT article_id, size, hashes FROM signatures WHERE seen IN"
            f" (SELECT seen FROM bands WHERE key IN ({', '.join('?' * len(keys))}))",
            keys,
        ):
            if article_id == exclude:
                continue
            other = Signature.from_bytes(hashes, size)
            jaccard, containment = estimate(sig, other)
            if decide(jaccard, containment, min(sig.size, other.size)):
                found.append(CopyMatch(article_id, jaccard, containment))
        return sorted(found, key=lambda m: (-m.jaccard, m.article_id))

    def commit(self) -> None:
        self.db.commit()

    def rollback(self) -> None:
        self.db.rollback()

    def sync(self, linked: int, article_at: Callable[[int], str | None],
             signatures_after: Callable[[int], Iterable[tuple[int, str, Signature]]]) -> None:
        """Match the store, which has linked `linked` articles: `article_at(seen)` is the id of the article
        linked `seen`-th, `signatures_after(seen)` yields (seen, id, signature) of those linked after it."""
        for seen, size, hashes in self.db.execute(
            "SELECT seen, size, hashes FROM signatures WHERE seen >= ?", (linked,)
        ).fetchall():  # what the store rolled back
            keys = band_keys(Signature.from_bytes(hashes, size).hashvalues)
            self.db.executemany("DELETE FROM bands WHERE key = ? AND seen = ?", [(k, seen) for k in keys])
        self.db.execute("DELETE FROM signatures WHERE seen >= ?", (linked,))
        last = self.db.execute("SELECT seen, article_id FROM signatures ORDER BY seen DESC LIMIT 1").fetchone()
        if last is not None and article_at(last[0]) != last[1]:  # another store's index
            self.db.executescript("DELETE FROM signatures; DELETE FROM bands;")
            last = None
        for seen, article_id, sig in signatures_after(last[0] if last else -1):
            self.add(seen, article_id, sig)
        self.commit()

    def close(self) -> None:
        self.db.close()
