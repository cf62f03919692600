"""Countries for actors that name none, from their context: the sentence, then the dateline.

"President Museveni" or "police" carry a role but no country (``---GOV``,
``---COP``). News rarely leaves the country unsaid: the sentence usually names
it ("... threatened to ban Ugandan opposition candidates"), and a story's
dateline says where it happens. A named actor ("President Museveni", "Darfur
rebels", "ethnic Albanians") takes its sentence's country first; a bare role
noun ("police said") the dateline's, as local agents are the usual unnamed
ones, and the sentence's only as the subject, troops and spies aside
("Opposition leaders agreed to postpone the rally in Baku"): the object of an
act is as often foreign ("Russian police arrested students" leaves the
students unknown, as PETRARCH does). The sentence counts only when it names exactly one country, leaving out
countries held by another actor of the same title class ("President Mitterrand
welcomed South African leader de Klerk": South Africa is de Klerk's).
Guesses are marked in `rule` and lower the confidence.
"""

from __future__ import annotations

from typing import Any

from dateline.code.actor_index import ActorMention
from dateline.code.actor_mentions import FOREIGN_FORCES, INTERNATIONAL, SUBJECTS, UNKNOWN

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


def _local_subject(doc: Any, mention: ActorMention) -> bool:
    """A subject that is not troops or spies (often abroad: "Troops in Ukraine held the line")."""
    return mention.role not in FOREIGN_FORCES and any(
        t.dep_ in SUBJECTS for t in doc[mention.token_start:mention.token_end])


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
            guesses = [guesses[1]] + ([guesses[0]] if _local_subject(doc, m) else [])
        country, rule, penalty = next(((c, r, p) for c, r, p in guesses if c), (None, "", 0.0))
        if country:
            m.code, m.rule, m.confidence = country + m.code[3:], m.rule + rule, m.confidence - penalty
