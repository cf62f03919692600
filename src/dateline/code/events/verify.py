"""The second opinion: how likely a coded event is to be a real act of its CAMEO root, and whether to keep it.

The rules and the learned step each see one predicate; what they miss is the kind of sentence it stands in: an
opinion ("she has demonstrated her skill"), a sport or business sense, a description with no actor at all. The
verifier is a logistic regression over what the coder knows of an event (its root, modality, rule or learned
origin, raw confidence, whether each side is named and coded, how deep the trigger sits in subordinate clauses),
the MiniLM embedding (`embed`) of the trigger, which carries its sense, and what the article is about (`domains`:
its lead's likeness to sport, business, conflict... news), which tells the senses of one word apart. It is
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
from dateline.code.events.embed import encode
from dateline.model import Event

MODEL = DATA_DIR / "events" / "verifier.npz"
ROOTS = tuple(f"{i:02d}" for i in range(1, 21))
MODALITIES = ("negated", "hypothetical", "future", "historical")
VOICE = 3
"""How many numbers `clauses.voice` gives."""


@dataclass(frozen=True)
class Verifier:
    weights: np.ndarray
    bias: float
    threshold: float

    def probabilities(self, events: list[Event], heads: list[Any | None], lead: str) -> np.ndarray:
        if not events:
            return np.zeros(0, dtype=np.float32)
        return 1.0 / (1.0 + np.exp(-(features(events, heads, lead) @ self.weights + self.bias)))


@cache
def load(path: Path = MODEL) -> Verifier | None:
    if not path.is_file():
        return None
    data = np.load(path, allow_pickle=False)
    return Verifier(data["weights"].astype(np.float32), float(data["bias"]), float(data["threshold"]))


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
    `domains.lead`): `described`, the article's `domains.profile`, then the embedding of its trigger. Embeddings
    of the sentence and of the trigger with five words either side were tried: on dev they moved root F1 by less
    than 0.01 and cost more than the rest of the coder (docs/events.md)."""
    triggers = [e.trigger.lower() for e in events]
    distinct = sorted(set(triggers))
    vectors = dict(zip(distinct, encode(distinct)))
    profile = domains.profile(lead)
    return np.hstack([np.array([described(e, h) for e, h in zip(events, heads)], dtype=np.float32),
                      np.tile(profile, (len(events), 1)), np.array([vectors[t] for t in triggers])])


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
