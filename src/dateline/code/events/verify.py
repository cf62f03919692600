"""The second opinion: how likely a coded event is to be a real act of its CAMEO root, and whether to keep it.

The rules and the learned step each see one predicate; what they miss is the kind of sentence it stands in: an
opinion ("she has demonstrated her skill"), a sport or business sense, a description with no actor at all. The
verifier is a logistic regression over what the coder knows of an event (its root, modality, rule or learned
origin, raw confidence, whether each side is named and coded, how deep the trigger sits in subordinate clauses),
the MiniLM embeddings (`embed`) of the trigger, which carries its sense, and of its predicate phrase (the trigger
with its arguments' heads, `learned.predicate_phrase`: a team's "beat" against an army's), what the article is
about (`domains`: its lead's likeness to sport, business, conflict... news), which tells the senses of one word
apart, and how often its nearest training events of the same root were right (`neighbour_shares`: a linear model
cannot learn alone that one word is right in one root and wrong in another). It is
trained on the real-news gold's train split (``dateline train verifier``): the coder's own events there, each
labelled by whether its root is right,
the learned step's examples of a fold's documents left out while that fold is coded, so that no event is voted
on by its own annotation; and the coder's events on news from other sources judged one by one
(`gold/events-judged`).

Its probability becomes the event's confidence (what a user filters on; the reliability table in `eval events`
checks it on dev and test), and events below the threshold are dropped: the threshold maximises F1 of root
precision and recall in cross-validation on the train split, as the learned step's threshold was chosen. Config
``event_threshold`` sets another (0 keeps every event).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from dateline.code.data_files import DATA_DIR
from dateline.code.events import domains, learned, senses
from dateline.code.events.clauses import embedding, is_purpose, voice
from dateline.code.events.embed import DIMENSIONS, encode
from dateline.model import Event

MODEL = DATA_DIR / "events" / "verifier.npz"
ROOTS = tuple(f"{i:02d}" for i in range(1, 21))
MODALITIES = ("negated", "hypothetical", "future", "historical")
VOICE = 3
"""How many numbers `clauses.voice` gives."""


NEIGHBOURS = 5
"""How many of the most similar training events of the same root vote in `neighbour_shares`."""
PRIOR = 1.0
"""Weight of the training events' overall share right in each vote: an event with no close neighbour gets it."""


@dataclass(frozen=True)
class Bank:
    """The training events the neighbour features vote with: the verifier's feature rows (the trigger's and the
    phrase's vectors are their last columns) and whether each event's root was right."""
    vectors: np.ndarray
    roots: np.ndarray
    right: np.ndarray

    @classmethod
    def of(cls, x: np.ndarray, right: np.ndarray) -> Bank:
        return cls(np.ascontiguousarray(x[:, -2 * DIMENSIONS:], dtype=np.float32), roots_of(x),
                   np.asarray(right, dtype=bool))


def roots_of(x: np.ndarray) -> np.ndarray:
    """Each feature row's root index (the first `ROOTS` columns are its one-hot root)."""
    return x[:, :len(ROOTS)].argmax(axis=1)


def neighbour_shares(x: np.ndarray, bank: Bank, groups: np.ndarray | None = None,
                     bank_groups: np.ndarray | None = None) -> np.ndarray:
    """For each feature row, by its trigger's vector and by its phrase's: the share right among its `NEIGHBOURS`
    most similar bank events of the same root (all of those as similar as the last, since a trigger word recurs:
    every "beat" coded 18 votes, not five of them), weighted by squared similarity, with `PRIOR` of the bank's
    overall share. With `groups` a row never votes on itself: bank events of its own group (document) are left out."""
    base = float(bank.right.mean()) if len(bank.right) else 0.0
    allowed = roots_of(x)[:, None] == bank.roots[None, :]
    if groups is not None:
        allowed &= np.asarray(groups)[:, None] != np.asarray(bank_groups)[None, :]
    k = min(NEIGHBOURS, len(bank.right))
    out = np.full((len(x), 2), base, dtype=np.float32)
    if not k:
        return out
    for column in range(2):
        part = slice(len(x[0]) - (2 - column) * DIMENSIONS, len(x[0]) - (1 - column) * DIMENSIONS)
        sims = np.where(allowed, learned.similarities(x[:, part], np.ascontiguousarray(
            bank.vectors[:, column * DIMENSIONS:(column + 1) * DIMENSIONS])), -np.inf)
        kth = -np.partition(-sims, k - 1, axis=1)[:, k - 1:k]
        weight = np.where((sims >= kth) & np.isfinite(sims), np.clip(sims, 0.0, None), 0.0) ** 2
        out[:, column] = (weight @ bank.right + PRIOR * base) / (weight.sum(axis=1) + PRIOR)
    return out


def with_neighbours(x: np.ndarray, bank: Bank, groups: np.ndarray | None = None,
                    bank_groups: np.ndarray | None = None) -> np.ndarray:
    return np.hstack([x, neighbour_shares(x, bank, groups, bank_groups)])


@dataclass(frozen=True)
class Verifier:
    weights: np.ndarray
    bias: float
    threshold: float
    bank: Bank

    def probabilities(self, events: list[Event], heads: list[Any | None], lead: str) -> np.ndarray:
        if not events:
            return np.zeros(0, dtype=np.float32)
        x = with_neighbours(features(events, heads, lead), self.bank)
        return 1.0 / (1.0 + np.exp(-(x @ self.weights + self.bias)))


def save(path: Path, weights: np.ndarray, bias: float, threshold: float, bank: Bank) -> None:
    np.savez_compressed(path, weights=weights.astype(np.float32), bias=bias, threshold=threshold,
                        bank_vectors=bank.vectors.astype(np.float16), bank_roots=bank.roots.astype(np.int8),
                        bank_right=bank.right)


@cache
def load(path: Path = MODEL) -> Verifier | None:
    if not path.is_file():
        return None
    data = np.load(path, allow_pickle=False)
    bank = Bank(data["bank_vectors"].astype(np.float32), data["bank_roots"].astype(int), data["bank_right"])
    return Verifier(data["weights"].astype(np.float32), float(data["bias"]), float(data["threshold"]), bank)


def trigger_head(event: Event, doc: Any) -> Any | None:
    span = event.spans.get("trigger")
    found = doc.char_span(span[0], span[1], alignment_mode="expand") if span else None
    return found.root if found is not None else None


def described(event: Event, head: Any | None) -> list[float]:
    """What the coder knows of the event, as numbers: root, modality, origin, raw confidence, actors, how
    deep its trigger sits in subordinate clauses (a purpose "to demand" is the aim of another act), its sentence's
    voice (`clauses.voice`: a question, a quotation, I or we) and the sense gate's cue words in its sentence per
    domain (`senses.cue_hits`), which the gate alone acts on only past its fixed count."""
    src, tgt = event.source, event.target
    return [*(event.cameo_root == r for r in ROOTS), *(m in event.modality for m in MODALITIES),
            event.rule.startswith(learned.RULE), event.rule.startswith("rule:"), event.confidence,
            bool(src and src.code), bool(tgt and tgt.code), src is not None, tgt is not None,
            min(len(event.trigger.split()), 4), min(embedding(head), 3) if head is not None else 0,
            head is not None and is_purpose(head), *(voice(head) if head is not None else [0.0] * VOICE),
            *(min(hits, 3) for hits in (senses.cue_hits(head.sent) if head is not None
                                        else [0] * len(senses.load())))]


def features(events: list[Event], heads: list[Any | None], lead: str) -> np.ndarray:
    """One row per event (`heads`: its trigger's head token, `trigger_head`; `lead`: its article's,
    `domains.lead`): `described`, the article's `domains.profile`, then the embeddings of its trigger and of its
    predicate phrase (`learned.predicate_phrase`; the trigger where it has no head). A learned event's phrase
    vector comes from `embed`'s cache. Tried in cross-validation and not taken: the mean of the phrase's word
    vectors (cached across articles, yet no cheaper in `benchmarks/throughput.py`, and judged events right 0.548
    against 0.558), the sentence's embedding, the trigger's with five words either side (no better than the
    phrase's, dearer; docs/events.md)."""
    triggers = [e.trigger.lower() for e in events]
    phrases = [learned.predicate_phrase(h) if h is not None else e.trigger for e, h in zip(events, heads)]
    distinct = sorted(set(triggers) | set(phrases))
    vectors = dict(zip(distinct, encode(distinct)))
    profile = domains.profile(lead)
    return np.hstack([np.array([described(e, h) for e, h in zip(events, heads)], dtype=np.float32),
                      np.tile(profile, (len(events), 1)), np.array([vectors[t] for t in triggers]),
                      np.array([vectors[p] for p in phrases])])


def check(events: list[Event], doc: Any, lead: str, threshold: float | None = None) -> tuple[list[Event], int]:
    """The events the verifier keeps (`lead`: the article's, `domains.lead`), each with its probability as
    confidence, and how many it dropped. Without a model file every event is kept as it is."""
    verifier = load()
    if verifier is None or not events:
        return events, 0
    cut = verifier.threshold if threshold is None else threshold
    kept = []
    for event, p in zip(events, verifier.probabilities(events, [trigger_head(e, doc) for e in events], lead)):
        if p >= cut:
            event.confidence = round(float(p), 2)
            kept.append(event)
    return kept, len(events) - len(kept)
