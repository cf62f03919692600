"""The actor contract shared by quotes and events: `ActorMention` and `ActorIndex`.

Mentions carry character and token offsets, the resolved name and CAMEO code,
and how they were found (`kind`, `rule`). Coordinated actors ("the US and
NATO") share a `group`; "the two presidents" is one mention per antecedent,
all over the same span and in the same group.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


ROLES = frozenset({
    "GOV", "MIL", "COP", "JUD", "OPP", "REB", "INS", "SEP", "SPY", "UAF", "PTY", "LEG", "MED", "BUS", "NGO",
    "CVL", "EDU", "ELI", "HLH", "LAB", "REF", "AGR", "CRM", "DEV", "ENV", "HRI", "MOD", "RAD",
})
"""CAMEO role codes (codebook table 3.1, plus NGO as a role of a domestic actor)."""


def first_role(code: str | None) -> str | None:
    if not code:
        return None
    return next((code[i:i + 3] for i in range(3, len(code), 3) if code[i:i + 3] in ROLES), None)


@dataclass
class ActorMention:
    """One mention of an actor.

    `kind` is ``name`` (a named actor, possibly with title: "US President Joe
    Biden"), ``agent`` (a role noun only: "police", "the minister" with no
    antecedent), ``pronoun`` or ``description`` (resolved to an antecedent,
    whose name and code they take; `antecedent` is that mention's char span).
    """

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
    type: str | None = None
    group: int | None = None
    plural: bool = False
    gender: str | None = None
    title: str | None = None
    antecedent: tuple[int, int] | None = None

    @property
    def country(self) -> str | None:
        """The first three letters of the code: a country, region or IGO/NGO prefix."""
        return self.code[:3] if self.code and self.code[:3] != "---" else None

    @property
    def role(self) -> str | None:
        """The first role in the code (``USAGOV`` -> GOV, ``IGOUNOMIL`` -> MIL, ``IGOUNO`` -> None)."""
        return first_role(self.code)


class ActorIndex:
    """The actor mentions of one article, looked up by token, span or parse token."""

    def __init__(self, mentions: list[ActorMention]):
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self._by_token: dict[int, ActorMention] = {}
        self._groups: dict[int, list[ActorMention]] = {}
        for m in self.mentions:
            for i in range(m.token_start, m.token_end):
                self._by_token.setdefault(i, m)
            if m.group is not None:
                self._groups.setdefault(m.group, []).append(m)

    def __iter__(self):
        return iter(self.mentions)

    def __len__(self) -> int:
        return len(self.mentions)

    def at_token(self, i: int) -> ActorMention | None:
        """The mention covering token `i`, if any."""
        return self._by_token.get(i)

    def within(self, start: int, end: int) -> list[ActorMention]:
        """Mentions lying inside the character range [start, end)."""
        return [m for m in self.mentions if m.start >= start and m.end <= end]

    def group_of(self, mention: ActorMention) -> list[ActorMention]:
        """All mentions coordinated with `mention` (itself included), in text order."""
        if mention.group is None:
            return [mention]
        return self._groups[mention.group]

    def group_at_token(self, i: int) -> list[ActorMention]:
        """The coordinated mentions whose conjunct covers token `i` ("the US and NATO"
        -> both); empty when no mention covers it."""
        m = self.at_token(i)
        return self.group_of(m) if m else []

    def head_mention(self, token: Any) -> list[ActorMention]:
        """The mention(s) for the noun phrase headed by spaCy `token` (e.g. a verb's nsubj).

        The mention covering the head itself, else the nearest one of known country
        (else the nearest) in the head's compounds, appositions, possessors and
        modifiers (not in its clauses);
        with every conjunct of the phrase ("the US and NATO delivered" -> both).
        """
        found = self._for_head(token)
        if not found:
            return []
        out: list[ActorMention] = []
        for m in [*found, *(x for conj in token.conjuncts for x in self._for_head(conj))]:
            for g in self.group_of(m):
                if g not in out:
                    out.append(g)
        return sorted(out, key=lambda m: (m.start, m.token_end))

    def _for_head(self, token: Any) -> list[ActorMention]:
        m = self.at_token(token.i)
        if m:
            return [m]
        near = [t for t in _phrase_tokens(token) if self.at_token(t.i)]
        if not near:
            return []
        # an actor of known country before an unknown one ("Hizbollah (Party of God) group")
        best = min(near, key=lambda t: (self.at_token(t.i).country is None, abs(t.i - token.i)))
        return [self.at_token(best.i)]


_PHRASE_DEPS = {"compound", "appos", "poss", "amod", "nmod", "det", "nummod", "prep", "pobj", "case", "flat"}


def _phrase_tokens(token: Any) -> list[Any]:
    """Tokens of `token`'s noun phrase proper: follows only nominal-modifier arcs
    (and "of"), so actors in a relative clause or another prepositional phrase
    are never taken for the phrase's own."""
    out, stack = [], list(token.children)
    while stack:
        t = stack.pop()
        if t.dep_ in _PHRASE_DEPS and not (t.dep_ == "prep" and t.lower_ != "of"):
            out.append(t)
            stack.extend(t.children)
    return out
