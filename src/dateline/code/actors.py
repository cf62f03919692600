"""Actor resolution: every mention of an actor in an article, coded.

Contract used by quotes and events (keep it stable): the `actors` component
sets ``state.actors`` to an `ActorIndex`, whose mentions carry character and
token offsets, the resolved name and the CAMEO actor code. Pronouns and
descriptions ("he", "the Kremlin aide") are mentions too, resolved to their
antecedent's name and code.

(Placeholder internals: spaCy entities only, no codes; being built.)
"""

from __future__ import annotations

from dataclasses import dataclass

from dateline.model import Entity
from dateline.pipeline import Analysis, component


@dataclass
class ActorMention:
    text: str
    start: int
    end: int
    token_start: int
    token_end: int
    name: str | None = None
    code: str | None = None
    kind: str = "name"
    rule: str = ""
    confidence: float = 0.0


class ActorIndex:
    """The actor mentions of one article, looked up by token or character offset."""

    def __init__(self, mentions: list[ActorMention]):
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self._by_token: dict[int, ActorMention] = {}
        for m in self.mentions:
            for i in range(m.token_start, m.token_end):
                self._by_token.setdefault(i, m)

    def at_token(self, i: int) -> ActorMention | None:
        """The mention covering token `i`, if any."""
        return self._by_token.get(i)

    def within(self, start: int, end: int) -> list[ActorMention]:
        """Mentions lying inside the character range [start, end)."""
        return [m for m in self.mentions if m.start >= start and m.end <= end]


@component("actors")
def resolve_actors(state: Analysis) -> None:
    mentions = [
        ActorMention(
            text=ent.text, start=ent.start_char, end=ent.end_char,
            token_start=ent.start, token_end=ent.end, name=ent.text, kind="name", rule="ner",
        )
        for ent in state.doc.ents
        if ent.label_ in ("PERSON", "ORG", "GPE", "NORP")
    ]
    state.actors = ActorIndex(mentions)
    state.article.entities = [
        Entity(text=ent.text, label=ent.label_, span=(ent.start_char, ent.end_char)) for ent in state.doc.ents
    ]
