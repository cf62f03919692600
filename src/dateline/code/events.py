"""Event coding: the CAMEO/PLOVER events each sentence of an article reports, with evidence.

For every verb and noun of a sentence, the most specific trigger pattern
(`dateline.code.verbs`) that matches its phrase gives a CAMEO code; the
parse gives its source and target (`dateline.code.arguments`), resolved to
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
from dataclasses import dataclass
from typing import Any

from dateline.code import arguments, cameo
from dateline.code.actors import ActorMention
from dateline.code.modality import intent_code, modality, threat_code
from dateline.code.verbs import NO_EVENT, Lexicon, Trigger, load_lexicon, user_dictionaries
from dateline.model import ActorRef, Article, Event, Timex
from dateline.pipeline import Analysis, component

PHRASE_DEPS = {"prt", "prep", "pobj", "dobj", "dative", "xcomp", "aux", "attr", "acomp", "oprd", "compound",
               "amod", "advmod", "neg", "npadvmod", "acl", "pcomp"}
NOT_ACTORS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
NOT_ACTOR_NOUNS = {"report", "statement", "source", "agreement", "document", "plan", "it", "which", "that"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass
class Match:
    """A trigger pattern matched at a head token, with the tokens its words matched."""

    trigger: Trigger
    head: Any
    tokens: list[Any]
    code: str = ""

    def __post_init__(self) -> None:
        self.code = self.code or self.trigger.code


def phrase(head: Any, depth: int = 4) -> list[Any]:
    """The head's phrase: particles, prepositions, objects and complements, not
    subjects or clauses. An object noun shares its verb's prepositions ("opened a
    hearing into ...": the parser may attach "into" to the verb)."""
    out: list[Any] = []
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ == "dobj":
        out.extend(c for c in head.head.children if c.dep_ == "prep")
    frontier = [head]
    for _ in range(depth):
        frontier = [c for t in frontier for c in t.children if c.dep_ in PHRASE_DEPS]
        out.extend(frontier)
    return out


def _forms(token: Any) -> set[str]:
    return {token.lower_, token.lemma_.lower()}


def match_at(head: Any, candidates: list[Trigger]) -> Match | None:
    """The most specific pattern whose words all occur in the head's phrase
    (and words before ``*``: before the head in its sentence)."""
    words = phrase(head)
    before = [t for t in head.sent if t.i < head.i]
    best: Match | None = None
    for trig in candidates:
        used = _find_all(trig.words, words)
        if used is None or _find_all(trig.before, before) is None:
            continue
        if best is None or trig.specificity >= best.trigger.specificity:
            best = Match(trig, head, used)
    return best


def _is(token: Any, alternatives: frozenset[str]) -> bool:
    """Whether the token is one of the alternatives; a multi-word alternative
    matches at its last word when the words before it precede the token."""
    forms = _forms(token)
    for alt in alternatives:
        *first, last = alt.split(" ")
        if last in forms and (not first or [t.lower_ for t in token.doc[max(token.i - len(first), 0):token.i]] == first):
            return True
    return False


def _find_all(wanted: tuple[frozenset[str], ...], tokens: list[Any]) -> list[Any] | None:
    used: list[Any] = []
    for alternatives in wanted:
        hit = next((t for t in tokens if t not in used and _is(t, alternatives)), None)
        if hit is None:
            return None
        used.append(hit)
    return used


def find_matches(sent: Any, lexicon: Lexicon) -> list[Match]:
    """Trigger matches in a sentence; a noun used by a verb's pattern is not coded again."""
    matches: list[Match] = []
    consumed: set[int] = set()
    for kind, pos in (("verb", ("VERB", "AUX")), ("noun", ("NOUN", "PROPN"))):
        for tok in sent:
            if tok.pos_ not in pos or tok.i in consumed:
                continue
            candidates = lexicon.candidates(kind, tok.lemma_.lower(), tok.lower_)
            m = match_at(tok, candidates) if candidates else None
            if m is None:
                continue
            consumed.update(t.i for t in m.tokens)
            consumed.add(tok.i)
            if kind == "verb":  # "called off a strike", "cancelled a visit": one event (or none)
                consumed.update(c.i for c in tok.children if c.dep_ == "dobj")
            if m.trigger.code != NO_EVENT:
                matches.append(m)
    return matches


REPORTING_VERBS = {"say", "declare", "conclude", "insist", "tell", "add", "state", "announce", "stress", "write",
                   "argue", "note", "demand", "urge", "believe", "think"}
MODAL_DEMANDS = {"must": "100", "should": "020"}


def demand_matches(sent: Any, matches: list[Match]) -> list[Match]:
    """"X said Y must do Z" is X demanding of Y (CAMEO 10; "should": an appeal, 02),
    whatever Z is: the reported clause's event gives way to the demand."""
    out = {m.head.i: m for m in matches}
    for tok in sent:
        modal = next((c.lower_ for c in tok.children if c.dep_ == "aux" and c.lower_ in MODAL_DEMANDS), None)
        if modal and tok.dep_ == "ccomp" and tok.head.lemma_.lower() in REPORTING_VERBS:
            trigger = Trigger(head=modal, kind="demand", code=MODAL_DEMANDS[modal], rule=f"rule:reported-{modal}")
            out[tok.i] = Match(trigger, tok, [])
    return sorted(out.values(), key=lambda m: m.head.i)


# ---- actors -------------------------------------------------------------------


def actor_at(token: Any, actors: Any, modifiers: bool = False) -> Any | None:
    """The actor mention at a token or, with `modifiers`, at a name modifying it
    ("Russian" in "the Russian Foreign Ministry", "Romania" in "leaders of
    Romania's government"; not pronoun possessors)."""
    if actors is None:
        return None
    if not modifiers:
        return actors.at_token(token.i)
    of_objects = arguments.prep_objects(token, ("of",))
    for c in [*token.children, *of_objects]:
        if (c.dep_ in arguments.MODIFIERS or c in of_objects) and c.pos_ in ("PROPN", "ADJ", "NOUN"):
            m = actors.at_token(c.i) or (actor_at(c, actors, True) if c in of_objects else None)
            if m is not None:
                return m
    return None


def resolve(tokens: list[Any], actors: Any) -> list[Any]:
    """Actor mentions for candidate tokens, each actor once: the tokens' own
    mentions when any is one, else mentions modifying them."""
    for modifiers in (False, True):
        out: list[Any] = []
        for tok in tokens:
            m = actor_at(tok, actors, modifiers)
            if m is not None and all(m is not o for o in out):
                out.append(m)
        if out:
            return out
    return []


def resolve_group(tokens: list[Any], actors: Any, exclude: list[Any] = ()) -> list[Any]:
    """The actors of the first candidate that is one, with its coordinated
    actors ("the US and NATO" gives both)."""
    for tok in tokens:
        found = [m for m in resolve(arguments.expand([tok]), actors) if all(m is not e for e in exclude)]
        if found:
            return found
    return []


def phrase_actors(tokens: list[Any]) -> list[ActorMention]:
    """Uncoded actors written as noun phrases ("Hezbollah guerrillas"), for a
    subject no actor mention covers, as PETRARCH codes unknown actors: the event
    is reported, its source stays without a code. Pronouns, numbers and dates
    are not actors."""
    out = []
    for tok in arguments.expand(tokens):
        if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in NOT_ACTORS or tok.lemma_.lower() in NOT_ACTOR_NOUNS:
            continue
        span = tok.doc[min(c.i for c in [tok, *tok.lefts] if c.dep_ != "det" or c is tok): tok.i + 1]
        out.append(ActorMention(span.text, span.start_char, span.end_char, span.start, span.end,
                                kind="phrase", rule="noun-phrase", confidence=0.3))
    return out


def actor_ref(mention: Any) -> ActorRef:
    return ActorRef(text=mention.text, name=mention.name, code=mention.code, span=(mention.start, mention.end))


# ---- date and place -----------------------------------------------------------


def event_date(head: Any, timexes: list[Timex], article: Article) -> str | None:
    """The resolved date of the timex governing the trigger in its sentence, else the article's date."""
    sent = head.sent
    best, best_score = None, None
    for tx in timexes:
        value = tx.value or ""
        if tx.type not in ("DATE", "TIME") or not ISO_DATE.match(value):
            continue
        for start, end in tx.spans or []:
            if not (sent.start_char <= start < sent.end_char):
                continue
            span = head.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            score = _attachment_distance(span.root, head)
            if best_score is None or score < best_score:
                best, best_score = value[:10], score
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
        if ent.root.dep_ == "pobj" and prep.lower_ in PLACE_PREPS and (prep.head in (head, head.head) or head in prep.ancestors):
            return ent.text
    return article.dateline.place if article.dateline else None


# ---- events -------------------------------------------------------------------


def roles(m: Match) -> tuple[list[Any], list[Any]]:
    t = m.trigger
    if t.kind == "demand":
        speaker, _ = arguments.clause_subject(m.head.head)
        addressee, _ = arguments.clause_subject(m.head)
        return [x for x in [speaker] if x is not None], [x for x in [addressee] if x is not None]
    if t.kind == "noun":
        return arguments.noun_roles(m.head, t.target_prep)
    return arguments.verb_roles(m.head, t.target_prep, t.source_prep, t.target_is_subject, any_later_noun=not t.cameo)


EMBEDDING_DEPS = {"ccomp", "xcomp", "advcl", "acl", "relcl", "pcomp", "pobj"}


def embedding(token: Any) -> int:
    """How many clauses the trigger is embedded in (0 in the main clause)."""
    return sum(t.dep_ in EMBEDDING_DEPS for t in [token, *token.ancestors])


def confidence(m: Match, has_target: bool, modes: list[str], coded: bool) -> float:
    """Rule strength: specific patterns, a target and coded actors raise it;
    modality and embedding in subordinate clauses (often unrealised) lower it."""
    score = 0.45 + min(m.trigger.specificity, 3) * 0.1 + (0.1 if has_target else 0) + (0.1 if coded else 0)
    score -= 0.15 * sum(mode in ("negated", "hypothetical") for mode in modes)
    score -= 0.05 * min(embedding(m.head), 3)
    return round(max(0.05, min(score, 1.0)), 2)


def event_id(article_id: str, sent_index: int, trigger_start: int, code: str, source: ActorRef, target: ActorRef | None) -> str:
    """Stable across runs: the same article, sentence, trigger, code and actors give the same id."""
    key = "|".join(map(str, (article_id, sent_index, trigger_start, code, source.code or source.text,
                             target and (target.code or target.text))))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def make_event(state: Analysis, m: Match, sent_index: int, code: str, source: Any, target: Any | None,
               modes: list[str], date: str | None, place: str | None) -> Event:
    article, doc = state.article, state.doc
    entry = cameo.lookup(code)
    src, tgt = actor_ref(source), (actor_ref(target) if target is not None else None)
    trig_tokens = sorted([m.head, *[t for t in m.tokens if abs(t.i - m.head.i) <= 3]], key=lambda t: t.i)
    trig_start, trig_end = trig_tokens[0].idx, trig_tokens[-1].idx + len(trig_tokens[-1])
    sent = m.head.sent
    return Event(
        id=event_id(article.id, sent_index, trig_start, code, src, tgt),
        cameo=entry.code, cameo_root=entry.root, plover=entry.plover, quad_class=entry.quad_class,
        goldstein=entry.goldstein, date=date, place=place, source=src, target=tgt,
        trigger=doc.text[trig_start:trig_end], sentence=sent.text,
        spans={"source": src.span, "target": tgt.span if tgt else None, "trigger": (trig_start, trig_end),
               "sentence": (sent.start_char, sent.end_char)},
        modality=modes, rule=m.trigger.rule,
        confidence=confidence(m, tgt is not None, modes, bool(src.code)),
        article_id=article.id, plover_mode=entry.plover_mode, plover_context=entry.plover_context,
    )


def code_match(state: Analysis, m: Match, sent_index: int) -> list[Event]:
    """The events of one matched trigger: one per source and target actor, and
    back from target to source when the code is reciprocal."""
    article = state.article
    src_tokens, tgt_tokens = roles(m)
    speaker = [r for r in map(arguments.reporter, src_tokens[:1]) if r is not None]
    sources = (resolve_group(src_tokens, state.actors) or resolve_group(speaker, state.actors)
               or phrase_actors(speaker or src_tokens[:1]))
    targets = resolve_group(tgt_tokens, state.actors, exclude=sources)
    entry = cameo.lookup(m.code)
    reverse = m.trigger.reverse_code or (m.code if entry.reciprocal and m.trigger.cameo else None)
    pairs = [(s, t) for s in sources for t in targets] or [(s, None) for s in sources]
    needs_target = reverse is not None
    if (m.trigger.compound or reverse) and not targets and len(sources) > 1:
        # "A and B held talks": the members of a compound act on each other
        pairs, reverse = [(s, t) for s in sources for t in sources if s is not t], None
    if not pairs or (needs_target and pairs[0][1] is None) or (pairs[0][1] is None and sources[0].kind == "phrase"):
        return []  # an uncoded noun phrase alone is too weak a basis for an event
    date = event_date(m.head, article.timexes, article)
    modes = modality(m.head, m.code, date, _article_date(article))
    code = m.code
    if m.trigger.cameo and "future" in modes and (intended := intent_code(code)):
        code, reverse = intended, (intended if reverse else None)
    used = {i for a in sources + targets for i in range(a.token_start, a.token_end)}
    place = event_place(m.head, used, article)
    events = []
    for s, t in pairs:
        events.append(make_event(state, m, sent_index, code, s, t, modes, date, place))
        if reverse and t is not None:
            events.append(make_event(state, m, sent_index, reverse, t, s, modes, date, place))
    return events


REQUESTS = ("02", "10")


def absorb_complements(matches: list[Match]) -> list[Match]:
    """An event verb's infinitive complement is part of it, not another event:
    "threatened to ban" is one threat, "refused to deploy" one rejection,
    "agreed to withdraw" one intent (0356); so is what a request asks for
    ("demanded that the government provide ..."). CAMEO dictionaries only."""
    by_head = {m.head.i: m for m in matches}
    kept = []
    for m in matches:
        outer = by_head.get(m.head.head.i) if m.head.dep_ in ("xcomp", "ccomp") else None
        if outer is not None and m.head.dep_ == "ccomp" and outer.code[:2] not in REQUESTS:
            outer = None
        if outer is None or outer is m or not (outer.trigger.cameo and m.trigger.cameo):
            kept.append(m)
            continue
        specific = {"03": intent_code, "13": threat_code}.get(outer.code[:2], lambda c: None)(m.code)
        if specific and not outer.trigger.specificity:
            outer.code = specific
    return kept


def outermost_dropped(matches: list[Match]) -> list[Match]:
    """Drop a PETRARCH verb's bare default code when a clause it governs holds a
    coded event: "X said Y attacked Z" reports the attack, not a statement. (Our
    dictionary has no "say"; its "warn that ..." is an event of its own.)"""
    heads = [m.head for m in matches if m.head.pos_ != "AUX"]

    def governs_event(m: Match) -> bool:
        return any(c.dep_ in ("ccomp", "xcomp", "advcl") and any(h in c.subtree for h in heads if h is not m.head)
                   for c in m.head.children)

    return [m for m in matches if m.trigger.cameo or m.trigger.specificity or m.trigger.kind != "verb"
            or not governs_event(m)]


def title_span(article: Article) -> tuple[int, int] | None:
    """Where the title sits at the start of the text, if it does."""
    title = (article.title or "").strip()
    if not title:
        return None
    at = article.text.find(title)
    return (at, at + len(title)) if 0 <= at < 200 else None


def code_sentences(state: Analysis, lexicon: Lexicon) -> list[Event]:
    """Every event of the article, each once; no trigger inside the title is coded."""
    title = title_span(state.article)
    events: list[Event] = []
    seen: set[str] = set()
    for index, sent in enumerate(state.doc.sents):
        for m in outermost_dropped(absorb_complements(demand_matches(sent, find_matches(sent, lexicon)))):
            if title and title[0] <= m.head.idx < title[1]:
                continue
            for event in code_match(state, m, index):
                if event.id not in seen:
                    seen.add(event.id)
                    events.append(event)
    return events


@component("events")
def code_events(state: Analysis) -> None:
    config = state.config or {}
    lexicon = load_lexicon(user_dictionaries(config), not config.get("verb_dictionaries_only", False))
    state.article.events = code_sentences(state, lexicon)
