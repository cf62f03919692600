"""What an article is about, as numbers the verifier reads: the similarity of its lead to kinds of news.

A trigger's embedding carries its word, not the article it stands in: "charged" is the same word in a police report
and a phone review. The lead (title and first words: MiniLM reads 64 tokens) of an article is embedded once and
compared with short descriptions of kinds of news (`data/events/domains.tsv`: government, conflict, sport, business,
technology, health...); the best similarity per kind, less their mean, is a feature of each of the article's events.
One embedding per article, so it costs almost nothing beside the trigger embeddings.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from dateline.code.data_files import DATA_DIR
from dateline.code.events.embed import encode

DOMAINS = DATA_DIR / "events" / "domains.tsv"
LEAD_CHARS = 400
"""More than MiniLM's 64 tokens read; the rest is cut by its tokenizer."""


@dataclass(frozen=True)
class Domains:
    names: tuple[str, ...]
    of_row: np.ndarray
    vectors: np.ndarray


@cache
def load(path: Path = DOMAINS) -> Domains:
    rows = [line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    names = tuple(dict.fromkeys(name for name, _ in rows))
    return Domains(names, np.array([names.index(name) for name, _ in rows]),
                   encode([text.strip() for _, text in rows]))


def lead(title: str | None, text: str) -> str:
    """What the article says it is about first: its title, then its opening words."""
    return " ".join(filter(None, [(title or "").strip(), text[:LEAD_CHARS].strip()]))


def profile(lead_text: str, path: Path = DOMAINS) -> np.ndarray:
    """Per kind of news, how much more like it the lead is than like the average kind."""
    domains = load(path)
    sims = domains.vectors @ encode([lead_text])[0]
    best = np.array([sims[domains.of_row == k].max() for k in range(len(domains.names))], dtype=np.float32)
    return best - best.mean()
