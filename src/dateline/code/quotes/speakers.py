"""Resolve a quote's source as written ("he", "the Kremlin aide", "who") to a named actor.

The actors component owns coreference: when its mention for the source phrase
names someone, that wins. Otherwise a small fallback resolves
pronouns to the most recent person (or organisation) named outside quotation
marks, descriptions to the most recent person introduced with that
description ("Kremlin aide Yury Ushakov" for "the Kremlin aide"), relative
pronouns to the noun they modify, and a surname to the full name used earlier.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from dateline.model import ActorRef

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself", "i", "me", "my", "we", "us", "our"}
GROUP_PRONOUNS = {"they", "them", "their", "it", "its"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom", "whose"}
PERSON_LABELS = {"PERSON"}
GROUP_LABELS = {"ORG", "NORP", "GPE"}
AUTHOR_PREPOSITIONS = {"from", "by", "of"}
DESCRIPTION_WINDOW = 4
"""How many tokens before a name may hold its description ("Kremlin aide Yury Ushakov")."""


@dataclass(frozen=True)
class Named:
    """A named entity of the article that a source may resolve to."""

    text: str
    label: str
    start: int
    end: int
    token_start: int
    token_end: int


class SpeakerResolver:
    """Per-article lookup of named entities, built once and asked once per quote."""

    def __init__(self, doc: Any, actors: Any, quoted: list[tuple[int, int]]):
        self.doc = doc
        self.actors = actors
        self.named = [
            Named(e.text, e.label_, e.start_char, e.end_char, e.start, e.end)
            for e in doc.ents
            if e.label_ in PERSON_LABELS | GROUP_LABELS and not _inside(e.start_char, quoted)
        ]
        self._starts = [n.start for n in self.named]

    def resolve(self, head: Any, span: tuple[int, int], text: str) -> ActorRef:
        """The speaker for the source whose syntactic head is `head`, written as `text` at `span`.

        The actors component's mention wins when it names someone (and codes them, for a
        name); a bare role noun it could not tie to a name ("the minister") and an uncoded
        surname ("Nadal") are tried against the names the article introduced first."""
        mention = self.mention(head)
        if mention is not None and mention.name and mention.kind != "agent" and (mention.code or head.pos_ != "PROPN"):
            return ActorRef(text=text, name=mention.name, code=mention.code, span=span)
        named = self.antecedent(head, span[0])
        if named is not None:  # also a surname the actors component left uncoded ("Steenburgen")
            return ActorRef(text=text, name=named.text, code=self.code_of(named), span=span)
        if mention is not None:
            return ActorRef(text=text, name=mention.name, code=mention.code, span=span)
        return ActorRef(text=text, span=span)

    def mention(self, head: Any) -> Any | None:
        """The actors component's mention for the phrase headed by `head`, if any; for a
        message with no actor of its own, its author's ("a statement from the European
        Commission", "a report by the UN")."""
        if self.actors is None:
            return None
        found = self.actors.head_mention(head)
        if not found and head.pos_ == "NOUN":
            authors = [o for p in head.children if p.dep_ == "prep" and p.lower_ in AUTHOR_PREPOSITIONS
                       for o in p.children if o.dep_ == "pobj"]
            found = [m for o in authors for m in self.actors.head_mention(o)]
        return found[0] if found else None

    def antecedent(self, head: Any, before: int) -> Named | None:
        """The named entity `head` refers to, if one can be found."""
        word = head.lower_
        if word in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            return self.antecedent(head.head.head, head.head.head.idx)
        if head.pos_ == "PROPN" or head.ent_type_:
            own = self.covering(head)
            return self.full_name(own) if own else None
        if word in PERSON_PRONOUNS:
            return self.latest(before, PERSON_LABELS)
        if word in GROUP_PRONOUNS:
            return self.latest(before, GROUP_LABELS)
        if head.pos_ == "NOUN":
            return self.described(head.lemma_.lower(), before)
        return None

    def covering(self, token: Any) -> Named | None:
        i = bisect_left(self._starts, token.idx + 1) - 1
        if i >= 0 and self.named[i].token_start <= token.i < self.named[i].token_end:
            return self.named[i]
        return None

    def latest(self, before: int, labels: set[str]) -> Named | None:
        """The most recent named entity with one of `labels` ending before `before`."""
        for named in reversed(self.named[: bisect_left(self._starts, before)]):
            if named.label in labels and named.end <= before:
                return self.full_name(named)
        return None

    def described(self, noun: str, before: int) -> Named | None:
        """The most recent person introduced with `noun` just before or after the name."""
        for named in reversed(self.named[: bisect_left(self._starts, before)]):
            if named.label not in PERSON_LABELS:
                continue
            lo = max(named.token_start - DESCRIPTION_WINDOW, 0)
            window = list(self.doc[lo : named.token_start]) + [
                t for t in self.doc[named.token_start : named.token_end] for t in t.children if t.dep_ == "appos"
            ]
            if any(t.lemma_.lower() == noun for t in window):
                return self.full_name(named)
        return None

    def full_name(self, named: Named) -> Named:
        """The longest earlier name of the same kind ending in the same word ("Ushakov" → "Yury Ushakov")."""
        last = named.text.split()[-1] if named.text.split() else named.text
        best = named
        for other in self.named:
            if other.start >= named.start:
                break
            if other.label == named.label and other.text.split()[-1:] == [last] and len(other.text) > len(best.text):
                best = other
        return best

    def code_of(self, named: Named) -> str | None:
        """The actor code the actors component gave this name (any mention of it)."""
        if self.actors is None:
            return None
        for mention in self.actors.within(named.start, named.end):
            if mention.code:
                return mention.code
        for mention in self.actors.mentions:
            if mention.code and (mention.name == named.text or mention.text == named.text):
                return mention.code
        return None


def _inside(start: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start < e for s, e in spans)
