"""Actor resolution: every mention of an actor in an article, coded (the `actors` component).

Contract used by quotes and events (keep it stable): the component sets
``state.actors`` to an `ActorIndex`, whose mentions carry character and token
offsets, the resolved name and the CAMEO actor code. Pronouns and
descriptions ("he", "the Kremlin aide") are mentions too, resolved to their
antecedent's name and code. It also fills ``article.entities``.

The work is split by concern: `dictionary` (dictionaries and matching),
`petrarch` (PETRARCH/TABARI formats), `mentions` (named phrases
and their codes), `coref` (pronouns, descriptions, collectives). User dictionaries come
from ``config["actor_dictionaries"]`` and ``$DATELINE_ACTOR_DICTS``; user collectives
("the West" and its members) from ``config["actor_collectives"]``.
"""

from __future__ import annotations

import re
from typing import Any

from dateline.code.actors.context import fill_countries
from dateline.code.actors.dictionary import ActorDictionary, dictionary_for, load_actor_dictionaries
from dateline.code.actors.index import ActorIndex, ActorMention
from dateline.code.actors.mentions import NER_ACTOR_LABELS, named_mentions, remember_people
from dateline.code.actors.coref import collectives, resolve_references
from dateline.model import Article, Entity
from dateline.pipeline import Analysis, component

__all__ = [
    "ActorDictionary", "ActorIndex", "ActorMention", "article_date", "home_country", "load_actor_dictionaries",
    "resolve", "resolve_actors",
]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ENTITY_LABELS = {"person": "PERSON", "country": "GPE", "capital": "GPE", "place": "GPE", "region": "LOC",
                  "demonym": "NORP", "group": "ORG", "org": "ORG", "collective": "NORP"}


def article_date(article: Article, config: dict[str, Any] | None = None) -> str | None:
    """The date that picks date-limited codes: ``config["actor_date"]``, else the
    article's publication date, else its dateline's (when ISO)."""
    for value in ((config or {}).get("actor_date"), article.published,
                  article.dateline.date if article.dateline else None):
        m = _ISO_DATE.match(value or "")
        if m:
            return m.group(0)
    return None


def home_country(article: Article, dictionary: ActorDictionary, date: str | None) -> str | None:
    """The country of the article's dateline place ("MOSCOW, February 12" -> RUS)."""
    place = article.dateline.place if article.dateline else None
    entries = [e for e in dictionary.lookup(place or "") if e.kind == "actor"]
    code = entries[0].code_at(date) if entries else None
    return code[:3] if code and code[:3].isalpha() else None


def resolve(doc: Any, dictionary: ActorDictionary, date: str | None = None,
            home: str | None = None, collective_table: dict[str, tuple[str, ...]] | None = None) -> ActorIndex:
    """All actor mentions of a parsed document, names then references.

    Unknown countries come from context (`context`): the sentence, or
    `home` (the dateline's country): "police said" in a MOSCOW-datelined story
    is RUSCOP, at lower confidence. `collective_table` (region code -> member
    prefixes) defaults to the built-in `collectives()`.
    """
    mentions = named_mentions(doc, dictionary, date)
    fill_countries(doc, mentions, home)
    remember_people(mentions)  # "Sullivan" after "national security adviser Jake Sullivan" (USA from context)
    next_group = 1 + max((m.group for m in mentions if m.group is not None), default=-1)
    resolved = resolve_references(doc, mentions, next_group, collective_table)
    fill_countries(doc, resolved, home)  # descriptions that found no antecedent
    return ActorIndex(resolved)


def entities(doc: Any, index: ActorIndex, dictionary: ActorDictionary, date: str | None) -> list[Entity]:
    """NER entities with their actor code, plus coded named mentions NER missed
    ("Kremlin" as a metonym, "NATO" when untagged).

    An entity heading a mention takes the mention's resolved code ("Joe Biden"
    in "US President Joe Biden" -> USAGOV); one inside it, its own ("US" -> USA);
    one in a collective, the collective's own ("West" in "the West" -> WST, whatever
    members the mention stands for).
    """
    out: list[Entity] = []
    covered: set[int] = set()
    for ent in doc.ents:
        name, code = _entity_code(ent, index, dictionary, date)
        out.append(Entity(ent.text, ent.label_, (ent.start_char, ent.end_char), name, code))
        covered.update(range(ent.start, ent.end))
    for m in index:
        if m.kind == "name" and m.code and not covered.intersection(range(m.token_start, m.token_end)):
            out.append(Entity(m.text, _ENTITY_LABELS.get(m.type or "", "ORG"), (m.start, m.end), m.name, m.code))
    return sorted(out, key=lambda e: e.span)


def _entity_code(ent: Any, index: ActorIndex, dictionary: ActorDictionary, date: str | None):
    if ent.label_ not in NER_ACTOR_LABELS and ent.label_ != "LOC":
        return None, None
    m = index.at_token(ent.root.i)
    if m is not None and m.kind == "name" and ent.start <= m.token_end - 1 < ent.end:
        return m.name, m.code
    words = [t.text for t in ent if t.lower_ not in ("the", "'s", "’s")]
    forms = [" ".join(words)] + ([m.text] if m is not None else [])  # "the West" resolved to its members
    entry = next((e for form in forms for e in dictionary.lookup(form) if e.kind == "actor"), None)
    return (entry.name, entry.code_at(date)) if entry else (None, None)


@component("actors")
def resolve_actors(state: Analysis) -> None:
    dictionary = dictionary_for(state.config)
    date = article_date(state.article, state.config)
    table = collectives(tuple(state.config.get("actor_collectives") or ()))
    index = resolve(state.doc, dictionary, date, home_country(state.article, dictionary, date), table)
    body = state.article.body_start  # the dateline's place is where the story was filed, not an actor in it
    state.actors = ActorIndex([m for m in index if m.start >= body]) if body else index
    state.article.entities = entities(state.doc, state.actors, dictionary, date)
