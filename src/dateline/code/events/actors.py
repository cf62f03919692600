"""The actors of an event: the actor index's mentions for the parse's source and target tokens.

Uses the actors component's `ActorIndex.head_mention` (the noun phrase's
mentions, coordinated ones included). When no mention covers a subject, an
uncoded noun phrase stands in for it, as PETRARCH codes unknown actors.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dateline.code.events import arguments
from dateline.code.actors import ActorMention
from dateline.model import ActorRef


NOT_ACTORS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
NOT_ACTOR_NOUNS = {"report", "statement", "source", "agreement", "document", "plan", "decision", "move",
                   "demonstration", "protest", "rally", "strike", "attack", "bombing", "explosion", "blast", "meeting",
                   "talk", "visit", "call", "offensive", "operation", "campaign"}
"""Nouns that name events or texts, not actors: never the source of another event."""


def resolve_group(tokens: list[Any], actors: Any, exclude: list[Any] = (),
                  prefer_country: bool = False) -> list[Any]:
    """The actors of the first candidate that is one, with its coordinated
    actors ("the US and NATO" gives both), none of them one of `exclude` or
    the same actor as one (`same_actor`: "warned their populations about ...": not the speakers
    again); an entry coding several actors (``FRO/BIL/SAM``) gives each. With
    `prefer_country`, a later candidate of known country beats a role alone
    ("offered its troops to Lebanon's president": Lebanon, not ---MIL)."""
    first: list[Any] = []
    for tok in tokens:
        found = [m for m in split_codes(head_mentions(tok, actors))
                 if all(m is not e for e in exclude) and not any(same_actor(m, e) for e in exclude)]
        if found and (not prefer_country or any(has_country(m) for m in found)):
            return found
        first = first or found
    return first


def same_actor(mention: Any, other: Any) -> bool:
    """Whether a would-be target is the source again: coded as it, unless the dictionary names them as two
    different people ("Trump attacked Cruz": two candidates, both USAPTY in 2016). A place or a government
    coded as a person is that person's side ("the two presidents agreed that Moscow will ...")."""
    return bool(mention.code) and mention.code == other.code and not (
        persons(mention, other) and mention.name and other.name and mention.name != other.name)


def persons(*mentions: Any) -> bool:
    return all((m.type or "").startswith("person") for m in mentions)


def split_codes(mentions: list[Any]) -> list[Any]:
    """One actor per code of a multi-actor dictionary entry (``FRO/BIL/SAM``)."""
    out: list[Any] = []
    for m in mentions:
        codes = m.code.split("/") if m.code and "/" in m.code else [m.code]
        out += [m] if len(codes) == 1 else [replace(m, code=code) for code in codes]
    return out


def head_mentions(token: Any, actors: Any) -> list[Any]:
    """The actors of the noun phrase headed by `token`, coordinated ones included
    (and the other members of a list the parser split), except a possessive
    pronoun standing for an owner."""
    if actors is None:
        return []
    mentions = [titled(m, actors, token) for m in actors.head_mention(token)]
    for t in listed_modifiers(token) + arguments.co_subjects(token):
        mentions += [m for m in actors.head_mention(t) if m not in mentions]
    return [m for m in mentions if m.token_start == token.i or not is_possessive_pronoun(token.doc, m)]


def titled(mention: Any, actors: Any, head: Any) -> Any:
    """The head's mention with the role a title right before it in the same noun
    phrase gives its country: "Bree Prime Minister Romendacil", indexed as
    "Bree Prime Minister" (BREGOV) and "Romendacil" (BRE), is BREGOV."""
    if not mention.code or mention.token_start == 0 or not mention.token_start <= head.i < mention.token_end:
        return mention
    title = actors.at_token(mention.token_start - 1)
    in_phrase = head.doc[mention.token_start - 1] in head.subtree
    if title is None or not in_phrase or not title.code or title.code == mention.code \
            or not title.code.startswith(mention.code):
        return mention
    return replace(mention, code=title.code, text=head.doc[title.token_start:mention.token_end].text,
                   start=title.start, token_start=title.token_start)


def listed_modifiers(token: Any) -> list[Any]:
    """The other members of a list the parser hung on a name as a modifier or
    apposition: in "Arnor, Calenardhon and the evil awful Gondor" it makes
    "Arnor" (with its conjunct) a modifier of "Gondor", in "Mordor, the awful
    Fornost, and Gondor" "Fornost" an apposition of "Mordor"; "US and British
    forces" are both countries' forces."""
    listed = [c for c in token.lefts if c.dep_ in ("nmod", "compound") and is_list(c)]
    if token.pos_ == "PROPN" and is_list(token):
        listed += [c for c in token.rights if c.dep_ == "appos"]
    return listed


def is_list(token: Any) -> bool:
    """Whether the token heads a coordination ("A, B and C")."""
    return bool(token.conjuncts) and any(g.dep_ == "cc" for x in (token, *token.conjuncts) for g in x.children)


def is_possessive_pronoun(doc: Any, mention: Any) -> bool:
    """"their" in "their written responses" names the owner, not the phrase's actor."""
    first = doc[mention.token_start]
    return mention.token_end - mention.token_start == 1 and first.dep_ == "poss" and first.pos_ == "PRON"


def coded_first(mentions: list[Any]) -> list[Any]:
    """The coded actors of a group when it has any ("Gondor, AFP": Gondor)."""
    coded = [m for m in mentions if m.code]
    return coded or mentions


def phrase_actors(tokens: list[Any]) -> list[ActorMention]:
    """Uncoded actors named by a proper noun ("the Homeland Union"), for a subject
    no actor mention covers, as PETRARCH codes unknown actors: the event is
    reported, its source stays without a code. Common nouns the actors component
    did not code ("slogans", "tools") and dates are not actors."""
    out = []
    for tok in arguments.expand(tokens):
        if tok.pos_ != "PROPN" or tok.ent_type_ in NOT_ACTORS or tok.lemma_.lower() in NOT_ACTOR_NOUNS:
            continue
        span = tok.doc[min(c.i for c in [tok, *tok.lefts] if c.dep_ != "det" or c is tok): tok.i + 1]
        out.append(ActorMention(span.text, span.start_char, span.end_char, span.start, span.end,
                                kind="phrase", rule="noun-phrase", confidence=0.3))
    return out


def grounded(mention: Any, doc: Any) -> bool:
    """Whether an actor is known: it has a code, or it is named (an uncoded
    proper name such as a rebel group the dictionaries lack), not a bare noun
    phrase ("crowds")."""
    return bool(mention.code) or (mention.kind != "phrase" and doc[mention.token_end - 1].pos_ == "PROPN")


def is_person(mention: Any, doc: Any) -> bool:
    """Whether the mention names a person (by the parser's entity type)."""
    return doc[mention.token_end - 1].ent_type_ == "PERSON" or doc[mention.token_end - 1].pos_ == "PRON"


def has_country(mention: Any) -> bool:
    """Whether the actor's code names a country or organisation (not ``---`` + role)."""
    return bool(mention.code) and not mention.code.startswith("---")


def actor_ref(mention: Any) -> ActorRef:
    """The event's JSON form of an actor mention."""
    return ActorRef(text=mention.text, name=mention.name, code=mention.code, span=(mention.start, mention.end))
