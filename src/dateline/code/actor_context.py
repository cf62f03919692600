"""Countries for actors that name none, from their context: the sentence, then the dateline.

"President Museveni" or "police" carry a role but no country (``---GOV``,
``---COP``). News rarely leaves the country unsaid: the sentence usually names
it ("... threatened to ban Ugandan opposition candidates"), and a story's
dateline says where it happens. A named actor ("President Museveni", "Darfur
rebels", "ethnic Albanians") takes its sentence's country first; a bare role
noun ("police said") the dateline's first, as local agents are the usual
unnamed ones. The sentence counts only when it names exactly one country,
leaving out countries held by another actor of the same title class ("President
Mitterrand welcomed South African leader de Klerk": South Africa is de Klerk's).
Guesses are marked in `rule` and lower the confidence.
"""

from __future__ import annotations

from typing import Any

from dateline.code.actor_index import ActorMention
from dateline.code.actor_mentions import INTERNATIONAL

UNKNOWN = "---"
SENTENCE_PENALTY = 0.25
DATELINE_PENALTY = 0.2


def sentence_country(mention: ActorMention, others: list[ActorMention]) -> str | None:
    """The one country the sentence's other actors name, if exactly one."""
    found = {
        o.country for o in others
        if o is not mention and o.country and o.country not in INTERNATIONAL and o.type != "region"
        and not (mention.title and o.title == mention.title)
    }
    return found.pop() if len(found) == 1 else None


def fill_countries(doc: Any, mentions: list[ActorMention], home: str | None) -> None:
    """Give unknown-country mentions (``---ROLE``) a country from context, in place."""
    by_sentence: dict[int, list[ActorMention]] = {}
    for m in mentions:
        by_sentence.setdefault(doc[m.token_start].sent.start, []).append(m)
    for m in mentions:
        if not (m.code and m.code.startswith(UNKNOWN)):
            continue
        sentence = sentence_country(m, by_sentence[doc[m.token_start].sent.start])
        guesses = [(sentence, "+sentence", SENTENCE_PENALTY), (home, "+dateline", DATELINE_PENALTY)]
        if m.kind != "name":
            guesses = guesses[1:]
        country, rule, penalty = next(((c, r, p) for c, r, p in guesses if c), (None, "", 0.0))
        if country:
            m.code, m.rule, m.confidence = country + m.code[3:], m.rule + rule, m.confidence - penalty
