"""Event coding: the CAMEO/PLOVER events each sentence of an article reports, with evidence.

For every verb and noun of a sentence, the most specific trigger pattern
(`dateline.code.events.verbs`) that matches its phrase gives a CAMEO code; the
parse gives its source and target (`dateline.code.events.arguments`), resolved to
actors through the actors component's `ActorIndex`. Precision before recall:
an event needs a source actor, and a reciprocal one (consultations) a target
too; statements are coded only by the few patterns that say so. Coordinated
actors give one event each; reciprocal codes are coded both ways.

The title is not coded: wire titles restate the lead, and coding both would
count one event twice. When the text starts with the title, triggers inside
it are skipped (the parser may join the title to the first sentence).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from dateline.analyse.nlp import doc_text
from dateline.code.events import arguments, cameo, domains, learned, senses, verify
from dateline.code.events.clauses import embedding, is_purpose, question_content
from dateline.code.events.discards import Discards, discard_files, load_discards
from dateline.code.events.actors import (
    actor_ref, coded_first, grounded, has_country, is_person, phrase_actors, resolve_group,
)
from dateline.code.events.triggers import Match, event_matches, no_event_heads, outermost_dropped
from dateline.code.events.modality import intent_code, modality, negated_before, refusal_code, threat_code
from dateline.code.events.verbs import NO_EVENT, Lexicon, load_lexicon, user_dictionaries
from dateline.model import ActorRef, Article, Event, Timex
from dateline.pipeline import Analysis, component

PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
ISO_PERIOD = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")
"""A calendar date or a coarser one (year, month), as TIMEX3 values give them."""
CONTENT_TARGETS = ("02", "10", "11", "12", "13")
"""Roots whose content clause names the target: "demanded that the US cancel ...", "warned that Iran ..."."""
FORCE_ROOTS = ("18", "19", "20")
CONFLICT_ROOTS = ("13", "14", "15", "16", "17", "18", "19", "20")
"""Roots whose target may be where the act happens: "imposed a curfew in Cizre"."""
MUTUAL_ROOTS = ("03", "06")
"""Roots CAMEO's notes call reciprocal or unilateral: "Jordan and Britain agreed to hold
exercises" is each agreeing with the other."""


def event_date(head: Any, timexes: list[Timex], article: Article) -> str | None:
    """The resolved date of the timex governing the trigger in its sentence (a day,
    or a month or year when that is all it says), else the article's date."""
    sent = head.sent
    best, best_score = None, None
    for tx in timexes:
        value = tx.value or ""
        period = ISO_PERIOD.match(value)
        if tx.type not in ("DATE", "TIME") or not period:
            continue
        for start, end in tx.spans or []:
            if not (sent.start_char <= start < sent.end_char):
                continue
            span = head.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            score = _attachment_distance(span.root, head)
            if best_score is None or score < best_score:
                best, best_score = period.group(0), score
    return best or _article_date(article)


def _attachment_distance(tok: Any, head: Any) -> int:
    """Dependency steps from a timex up to the trigger (token distance when it is elsewhere)."""
    steps, t = 0, tok
    while t.head is not t and steps < 8:
        t, steps = t.head, steps + 1
        if t.i == head.i:
            return steps
    return 10 + abs(tok.i - head.i)


def _article_date(article: Article) -> str | None:
    for value in (article.published, article.dateline.date if article.dateline else None):
        if value and ISO_DATE.match(value):
            return value[:10]
    return None


def event_place(head: Any, used: set[int], article: Article) -> str | None:
    """A place named in the trigger's clause after in/at, else the dateline's place."""
    for ent in head.sent.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC") or any(i in used for i in range(ent.start, ent.end)):
            continue
        prep = ent.root.head
        attached = prep.head in (head, head.head) or head in prep.ancestors
        if ent.root.dep_ == "pobj" and prep.lower_ in PLACE_PREPS and attached:
            return ent.text
    return article.dateline.place if article.dateline else None


def roles(m: Match) -> tuple[list[Any], list[Any]]:
    t = m.trigger
    if t.kind == "demand":  # the speaker: the reporting verb's subject, or who issued the message
        said = m.head.head
        if said.pos_ == "NOUN":
            said = arguments.governing_verb(said) or said
        speaker, _ = arguments.clause_subject(said)
        addressee, _ = arguments.clause_subject(m.head)
        return [x for x in [speaker] if x is not None], [x for x in [addressee] if x is not None]
    if t.kind == "noun":
        return arguments.noun_roles(m.head, t.target_prep, place_target=m.code[:2] in CONFLICT_ROOTS)
    sources, targets = arguments.verb_roles(m.head, t.target_prep, t.source_prep, t.target_is_subject,
                                            any_later_noun=not (t.cameo or t.compound),
                                            content_target=t.cameo and m.code[:2] in CONTENT_TARGETS,
                                            place_target=m.code[:2] in CONFLICT_ROOTS,
                                            stative=frozenset({"be"}) in t.words)
    if t.source_slot:
        sources = slot_phrases(m, t.source_slot) or sources
    if t.target_slot:
        targets = slot_phrases(m, t.target_slot) + targets
    return sources, targets


def slot_phrases(m: Match, slot: tuple[int, int]) -> list[Any]:
    """The noun phrases a PETRARCH pattern's ``+`` or ``$`` points at, nearest first."""
    word, skip = slot
    anchor = m.tokens[word] if 0 <= word < len(m.tokens) else m.head
    return arguments.phrases_after(anchor, skip)


def confidence(m: Match, has_target: bool, modes: list[str], coded: bool) -> float:
    """Rule strength: specific patterns, a target and coded actors raise it;
    modality and embedding in subordinate clauses (often unrealised) lower it."""
    score = 0.45 + min(m.trigger.specificity, 3) * 0.1 + (0.1 if has_target else 0) + (0.1 if coded else 0)
    score -= 0.15 * sum(mode in ("negated", "hypothetical") for mode in modes)
    score -= 0.05 * min(embedding(m.head), 3) + (0.1 if is_purpose(m.head) else 0)
    return round(max(0.05, min(score, 1.0)), 2)


def actor_certainty(*mentions: Any) -> float:
    """How sure the actors are: the square root of the least certain coded mention's confidence ("the West"
    resolved to the US and NATO at 0.5 makes an event less sure than "Washington" at 0.9)."""
    scores = [m.confidence for m in mentions if m is not None and getattr(m, "code", None) and m.confidence]
    return min(scores) ** 0.5 if scores else 1.0


def event_id(article_id: str, sent_index: int, trigger_start: int, code: str, source: ActorRef | None,
             target: ActorRef | None) -> str:
    """Stable across runs: the same article, sentence, trigger, code and actors give the same id."""
    key = "|".join(map(str, (article_id, sent_index, trigger_start, code, source and (source.code or source.text),
                             target and (target.code or target.text))))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def make_event(state: Analysis, m: Match, sent_index: int, code: str, source: Any | None, target: Any | None,
               modes: list[str], date: str | None, place: str | None, unnamed: bool = False) -> Event:
    article, doc = state.article, state.doc
    entry = cameo.lookup(code)
    src = actor_ref(source) if source is not None else None
    tgt = actor_ref(target) if target is not None else None
    trig_tokens = sorted([m.head, *[t for t in m.tokens if abs(t.i - m.head.i) <= 3]], key=lambda t: t.i)
    trig_start, trig_end = trig_tokens[0].idx, trig_tokens[-1].idx + len(trig_tokens[-1])
    sent = m.head.sent
    return Event(
        id=event_id(article.id, sent_index, trig_start, code, src, tgt),
        cameo=entry.code, cameo_root=entry.root, plover=entry.plover, quad_class=entry.quad_class,
        goldstein=entry.goldstein, date=date, place=place, source=src, target=tgt,
        trigger=doc[trig_tokens[0].i : trig_tokens[-1].i + 1].text,  # not doc.text[...]: that rebuilds the whole text
        sentence=sent.text,
        spans={"source": src.span if src else None, "target": tgt.span if tgt else None,
               "trigger": (trig_start, trig_end),
               "sentence": (sent.start_char, sent.end_char)},
        modality=modes, rule=m.trigger.rule,
        confidence=round(confidence(m, tgt is not None, modes, bool(src and src.code)) * (UNNAMED if unnamed else 1)
                         * actor_certainty(source, target), 2),
        article_id=article.id, plover_mode=entry.plover_mode, plover_context=entry.plover_context,
    )


def event_actors(state: Analysis, m: Match) -> tuple[list[Any], list[Any]]:
    """Source and target actors of a match: the actors of the first candidate that
    is one (a pronoun in reported speech or a text stands for its speaker or
    issuer); a target is never the source itself."""
    src_tokens, tgt_tokens = roles(m)
    stand_ins = (f(t) for t in src_tokens[:1] for f in (arguments.reporter, arguments.issuer))
    speaker = [r for r in stand_ins if r is not None]
    sources = (resolve_group(src_tokens, state.actors) or resolve_group(speaker, state.actors)
               or phrase_actors(speaker or src_tokens[:1]))
    targets = resolve_group(tgt_tokens, state.actors, exclude=sources, prefer_country=True)
    return coded_first(sources), coded_first(targets)


def actor_pairs(m: Match, sources: list[Any], targets: list[Any]) -> tuple[list[tuple[Any, Any]], str | None]:
    """(source, target) pairs to code and the code to code back, if any; no pairs
    when the actors are too weak a basis for an event (crowds, officials; no
    coded actor on either side, as PETRARCH requires one; force
    against no one by an actor of no known country, often a figure of speech:
    "companies are fighting to protect their business"; a reciprocal event
    without a partner)."""
    entry = cameo.lookup(m.code)
    reverse = m.trigger.reverse_code or (m.code if entry.reciprocal and m.trigger.cameo else None)
    pairs = [(s, t) for s in sources for t in targets] or [(s, None) for s in sources]
    needs_target = reverse is not None
    mutual = (m.trigger.compound or reverse or (m.trigger.cameo and entry.root in MUTUAL_ROOTS)
              or shared_object(m.head))
    if mutual and not targets and len({s.code or s.text for s in sources}) > 1 and not third_party(m, sources):
        # "A and B held talks": the members of a compound act on each other
        pairs = [(s, t) for s in sources for t in sources if s is not t and not (s.code and s.code == t.code)]
        reverse = None
    if not pairs or (needs_target and pairs[0][1] is None):
        return [], None
    source, target = pairs[0]
    actors = [a for a in (source, target) if a]
    if not any(a.code for a in actors) or not any(grounded(a, m.head.doc) for a in actors):
        return [], None  # an event needs an actor of known code: two unknowns say nothing about whom
    if target is None and not has_country(source) and (entry.root in FORCE_ROOTS or not m.trigger.specificity):
        return [], None  # a bare verb by an agent of no known country on no one: "an official said"
    if not source.code and not (target is not None and has_country(target)):
        return [], None  # an unknown actor acting on no one of known country: "the group called for schools"
    if m.trigger.cameo and entry.quad_class in (1, 3) and not source.code and is_person(source, m.head.doc):
        return [], None  # an uncoded person's words: a pundit's, not a political actor's
    return pairs, reverse


def third_party(m: Match, sources: list[Any]) -> bool:
    """Whether the act's object names a party outside its compound subject (an uncoded name: "Britain, France
    and Germany agreed to sanction the Houthis"): then the members act on it, never on each other. What a content
    clause says ("agreed that Moscow will ...") names no such party."""
    covered = {i for s in sources for i in range(s.token_start, s.token_end)}
    chain = [m.head, *(c for c in m.head.children if c.dep_ == "xcomp")]
    objects = [o for v in chain for o in [*(c for c in v.children if c.dep_ in arguments.OBJECTS),
                                          *arguments.prep_objects(v, arguments.TARGET_PREPS)]]
    return any(t.pos_ == "PROPN" and t.i not in covered for o in objects if not arguments.is_place(o)
               for t in o.subtree)


SHARED = {"their", "other"}
"""Possessors that make the object the compound subject's shared one ("their ties",
"each other's"): "Czechia and Albania upgraded their diplomatic ties" is each upgrading with the other."""


def shared_object(verb: Any) -> bool:
    """Whether the verb's object is owned jointly by its (compound) subject."""
    return any(c.dep_ in arguments.OBJECTS and any(p.dep_ == "poss" and p.lower_ in SHARED for p in c.children)
               for c in verb.children)


VERBAL_ATTACK = "111"


def recoded(m: Match, modes: list[str], reverse: str | None) -> tuple[str, str | None]:
    """CAMEO's code for what the modality makes of the act: a negated concession
    is a rejection, a future cooperation an intent, a future coercion a threat; an attack on a person with
    words is criticism (`senses.verbal_attack`), and a warning that threatens nothing is an appeal or a comment
    (`senses.warning_code`)."""
    if m.code[:2] in ("18", "19") and senses.verbal_attack(m.head):
        return VERBAL_ATTACK, None
    if m.code[:2] == "13" and (warning := senses.warning_code(m.head)):
        return warning, None
    if m.trigger.cameo and negated_before(m.head) and (refused := refusal_code(m.code)):
        return refused, None
    if m.trigger.cameo and "future" in modes and (intended := intent_code(m.code) or threat_code(m.code)):
        return intended, (intended if reverse else None)
    return m.code, reverse


UNNAMED = 0.6
"""Confidence factor of an act whose actors are unnamed or uncoded ("five people were killed")."""


def code_match(state: Analysis, m: Match, sent_index: int) -> list[Event]:
    """The events of one matched trigger: one per source and target actor, and
    back from target to source when the code is reciprocal. An act whose actors are too weak a basis for
    `actor_pairs` is still an event, as GDELT codes it with an empty actor, when the configuration asks for
    ``unnamed_actors`` (the default; PETRARCH's validation, which requires actors, turns it off). A dictionary
    trigger may stand with no actor at all ("the bombing of the embassy"); a learned one needs a coded actor on
    one side ("Russian forces shelled the town"). A politician's or a party's rally is a rally of supporters, no
    event (`senses.supporters_rally`), and a trigger word that names something else by its construction codes
    nothing (`senses.names_no_act`: "called it a common ailment", "threats from Russia"); protesters' clash with
    police is one violent protest (`senses.clash_sides`)."""
    if (m.code.startswith("02") and question_content(m.head)) or senses.names_no_act(m.head, m.code):
        return []
    article = state.article
    sources, targets = event_actors(state, m)
    pairs, reverse = actor_pairs(m, sources, targets)
    learned_trigger = m.trigger.rule.startswith(learned.RULE)
    named = any(a.code for a in sources + targets) if learned_trigger else True
    unnamed = not pairs and named and (state.config or {}).get("unnamed_actors", True)
    if unnamed:
        pairs, reverse = [(sources[0] if sources else None, targets[0] if targets else None)], None
    pairs = [(s, t) for s, t in pairs
             if not senses.supporters_rally([m.head, *m.tokens], m.code, s.code if s else None)]
    if not pairs:
        return []
    date = event_date(m.head, article.timexes, article)
    modes = modality(m.head, m.code, date, _article_date(article))
    code, reverse = recoded(m, modes, reverse)
    if sides := next(filter(None, (senses.clash_sides(m.head, code, pair) for pair in pairs)), None):
        pairs, code, reverse = [sides], senses.STREET_CLASH, None
    used = {i for a in sources + targets for i in range(a.token_start, a.token_end)}
    place = event_place(m.head, used, article)
    events = []
    for s, t in pairs:
        events.append(make_event(state, m, sent_index, code, s, t, modes, date, place, unnamed))
        if reverse and t is not None:
            events.append(make_event(state, m, sent_index, reverse, t, s, modes, date, place))
    return events


def title_span(article: Article) -> tuple[int, int] | None:
    """Where the title sits at the start of the text, if it does."""
    title = (article.title or "").strip()
    if not title:
        return None
    at = article.text.find(title)
    return (at, at + len(title)) if 0 <= at < 200 else None


def code_sentences(state: Analysis, lexicon: Lexicon, discards: Discards = Discards(),
                   learned_scope: str = "uncoded") -> list[Event]:
    """Every event of the article, each once; no trigger inside the title is coded,
    nothing in a discarded story or sentence. The learned step then looks at the predicates the rules left
    (`learned_scope`: ``uncoded``, sentences the rules coded nothing in; ``all``; ``off``), in sentences with a
    coded actor (a learned event needs one)."""
    if discards.story_discarded(doc_text(state.doc)):
        return []
    title = title_span(state.article)
    per_sentence: list[list[Event]] = []
    pending: list[tuple[int, Any]] = []
    custom = (state.config or {}).get("learned_examples")
    examples = learned.load_examples(Path(custom) if custom else learned.EXAMPLES) if learned_scope != "off" else None
    seen: set[str] = set()
    for index, sent in enumerate(state.doc.sents):
        found: list[Event] = []
        per_sentence.append(found)
        if discards.sentence_discarded(sent.text):
            continue
        matches = [m for m in event_matches(sent, lexicon) if not (title and title[0] <= m.head.idx < title[1])]
        coded = {id(m): code_match(state, m, index) for m in matches}
        for m in outermost_dropped(matches, lambda m: bool(coded[id(m)])):
            for event in coded[id(m)]:
                if event.id not in seen:
                    seen.add(event.id)
                    found.append(event)
        if examples is not None and (learned_scope == "all" or not found) and has_coded_actor(state, sent):
            matched = {t.i for m in matches for t in [m.head, *m.tokens]}
            skip = {t.i for t in sent if t.i in matched or (title and title[0] <= t.idx < title[1])} \
                | no_event_heads(sent, lexicon) | {i for m in matches if m.code.startswith("02")
                                                   for i in question_content(m.head)}
            pending += [(index, t) for t in learned.candidates(sent, examples.nouns, skip) if has_coded_party(state, t)]
    if pending:
        for (index, _), hit in zip(pending, learned.learned_matches([t for _, t in pending], examples)):
            if hit is None:
                continue
            m, vote = hit
            for event in code_match(state, m, index):
                event.confidence = round(min(event.confidence, vote.event), 2)
                if event.id not in seen:
                    seen.add(event.id)
                    per_sentence[index].append(event)
    sections = senses.article_sections(state.article.section, state.article.url)
    kept, dropped = [], 0
    for sent, found in zip(state.doc.sents, per_sentence):
        sense_domains = senses.sentence_domains(sent, sections) if found else []
        for e in without_vaguer_duplicates(found):
            if sense_domains and senses.vetoed(e, sense_domains):
                dropped += 1
            else:
                kept.append(e)
    if dropped:
        state.article.quality.append(f"sense_gate:{dropped}")
    config = state.config or {}
    if not config.get("verify_events", True):
        return kept
    kept, dropped = verify.check(kept, state.doc, domains.lead(state.article.title, state.article.text),
                                 config.get("event_threshold"))
    if dropped:
        state.article.quality.append(f"verifier:{dropped}")
    return kept


def has_coded_actor(state: Analysis, sent: Any) -> bool:
    """Whether the sentence holds a coded actor: a learned event needs one."""
    return state.actors is not None and any(m.code for m in state.actors.within(sent.start_char, sent.end_char))


def has_coded_party(state: Analysis, token: Any) -> bool:
    """Whether a candidate predicate has a coded actor among its would-be source and target, as a learned event
    needs: checked before any embedding is computed."""
    sources, targets = event_actors(state, learned.predicate_match(token, NO_EVENT, ""))
    return any(a.code for a in sources + targets)


def without_vaguer_duplicates(events: list[Event]) -> list[Event]:
    """Within a sentence, an event without a coded target adds nothing when the
    same source (by code, else by text) has an event of the same type with one
    ("killed 46 civilians in an attack": one assault on the civilians, not a
    second one on nobody)."""
    def key(e: Event) -> tuple:
        return (e.source.code or e.source.text) if e.source else None, e.plover or e.cameo_root

    targeted = {key(e) for e in events if e.target is not None and e.target.code}
    return [e for e in events if (e.target is not None and e.target.code) or key(e) not in targeted]


@component("events")
def code_events(state: Analysis) -> None:
    config = state.config or {}
    lexicon = load_lexicon(user_dictionaries(config), not config.get("verb_dictionaries_only", False))
    state.article.events = code_sentences(state, lexicon, load_discards(discard_files(config)),
                                          config.get("learned_events", "uncoded"))
