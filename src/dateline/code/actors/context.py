"""Countries for actors that name none, from their context: the sentence, then the dateline.

"President Museveni" or "police" carry a role but no country (``---GOV``,
``---COP``). News rarely leaves the country unsaid: the sentence usually names
it ("... threatened to ban Ugandan opposition candidates"), and a story's
dateline says where it happens.

* A named actor ("President Museveni", "Darfur rebels", "ethnic Albanians")
  takes its sentence's country first, then the dateline's.
* A bare role noun ("police said") takes the dateline's, as local agents are
  the usual unnamed ones; the sentence's only as a collective subject (not
  troops or spies, not people at large, not a lone title: "Opposition leaders
  agreed to postpone the rally in Baku") and only from countries that are a
  setting, not actors themselves (subjects, objects, the side reached by
  "against", "on", "to": "Lawmaker urges retaliation on Russia"). The object
  of an act is as often foreign: "Russian police arrested students" leaves the
  students unknown, as PETRARCH does.

The sentence counts only when it names exactly one country (a state, not a
region), leaving out countries held by another actor of the same title class
("President Mitterrand welcomed South African leader de Klerk": South Africa
is de Klerk's). Guesses are marked in `rule` and lower the confidence.
"""

from __future__ import annotations

from typing import Any

import pycountry

from dateline.code.actors.index import ActorMention
from dateline.code.actors.mentions import FOREIGN_FORCES, SUBJECTS, UNKNOWN

FORMER_STATES = {"USR"}
TARGET_PREPOSITIONS = {"against", "on", "to", "toward", "towards", "with", "into", "over", "at"}
SENTENCE_PENALTY = 0.25
DATELINE_PENALTY = 0.2


def is_state(code: str) -> bool:
    """An ISO 3166 country or a former state CAMEO codes (the Soviet Union); not a region ("WST")."""
    return code in FORMER_STATES or pycountry.countries.get(alpha_3=code) is not None


def sentence_country(mention: ActorMention, others: list[ActorMention], doc: Any,
                     bare: bool = False) -> str | None:
    """The one country the sentence's other actors name, if exactly one. For a bare role
    noun only countries that are a setting count, not actors of their own: "when Congress
    cut funding, Mexico said enough" says nothing of Congress."""
    found = {
        o.country for o in others
        if o is not mention and o.country and is_state(o.country)
        and not (mention.title and o.title == mention.title) and not (bare and _involved(doc, o))
    }
    return found.pop() if len(found) == 1 else None


def _involved(doc: Any, mention: ActorMention) -> bool:
    """An actor of its own, not a setting: a subject, an object, or the other side
    reached by "against", "on", "to"... ("urges retaliation on Russia")."""
    head = doc[mention.token_end - 1]
    return _subject(doc, mention) or head.dep_ in ("dobj", "obj") or \
        head.dep_ == "pobj" and head.head.lower_ in TARGET_PREPOSITIONS


def _subject(doc: Any, mention: ActorMention) -> bool:
    return any(t.dep_ in SUBJECTS for t in doc[mention.token_start:mention.token_end])


def _local_group(doc: Any, mention: ActorMention) -> bool:
    """A collective subject: not troops or spies (often abroad: "Troops in Ukraine held
    the line"), nor people at large ("People who go to Beijing"), nor a lone title ("the
    president declined to threaten Moscow" is no Russian), nor a description ("the two
    presidents"), which refers back instead."""
    return mention.kind == "agent" and mention.role not in FOREIGN_FORCES | {"CVL"} \
        and (mention.plural or mention.type != "person") and _subject(doc, mention)


def fill_countries(doc: Any, mentions: list[ActorMention], home: str | None) -> None:
    """Give unknown-country mentions (``---ROLE``) a country from context, in place."""
    by_sentence: dict[int, list[ActorMention]] = {}
    for m in mentions:
        by_sentence.setdefault(doc[m.token_start].sent.start, []).append(m)
    for m in mentions:
        if m.kind == "description" or not (m.code and m.code.startswith(UNKNOWN)):
            continue  # a description refers back first ("the two presidents")
        others = by_sentence[doc[m.token_start].sent.start]
        if m.kind == "name":
            sentence = sentence_country(m, others, doc)
        else:
            sentence = sentence_country(m, others, doc, bare=True) if _local_group(doc, m) else None
        guesses = [(sentence, "+sentence", SENTENCE_PENALTY), (home, "+dateline", DATELINE_PENALTY)]
        if m.kind != "name":
            guesses.reverse()
        country, rule, penalty = next(((c, r, p) for c, r, p in guesses if c), (None, "", 0.0))
        if country:
            m.code, m.rule, m.confidence = country + m.code[3:], m.rule + rule, m.confidence - penalty
