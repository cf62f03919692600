"""Which words of a sentence report events: trigger patterns matched over the parse.

Each verb and noun is looked up in the trigger dictionary (`dateline.code.events.verbs`);
the most specific pattern whose words occur in its phrase wins. The matches
are then reconciled: an infinitive complement belongs to its verb ("threatened
to ban"), what is requested, refused or threatened is not itself an event, a
to-infinitive modifying a noun names a plan, "X said Y must ..." is a demand,
and a PETRARCH verb's bare default yields to the event in its clause.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from dateline.code.events import arguments
from dateline.code.events.modality import intent_code, threat_code
from dateline.code.events.verbs import NO_EVENT, Lexicon, Trigger


PHRASE_DEPS = {"prt", "prep", "pobj", "dobj", "dative", "xcomp", "aux", "auxpass", "attr", "acomp", "oprd", "compound",
               "amod", "advmod", "neg", "npadvmod", "acl", "pcomp"}


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
    subjects or clauses, except the subject of a verb's clausal object ("allow
    candidate Ouattara to participate", parsed as a clause). A noun shares the
    prepositions of the verb it hangs from ("opened a hearing into ...",
    "arrived in Amman on a visit")."""
    out: list[Any] = []
    verb = arguments.governing_verb(head) if head.pos_ in ("NOUN", "PROPN") else None
    if verb is not None:
        out.extend(c for c in verb.children if c.dep_ == "prep" and head not in c.subtree)
    frontier = [head, *arguments.clause_object_subjects(head)]
    out.extend(frontier[1:])
    for _ in range(depth):
        frontier = [c for t in frontier for c in t.children if c.dep_ in PHRASE_DEPS]
        out.extend(frontier)
    return out


def _forms(token: Any) -> set[str]:
    return {token.lower_, token.lemma_.lower()}


def match_at(head: Any, candidates: list[Trigger]) -> Match | None:
    """The most specific pattern whose words all occur in the head's phrase
    (and words before ``*``: before the head in its sentence). PETRARCH
    patterns, written for a shallow parse, may find their words anywhere after
    the verb in its sentence, as TABARI matched them."""
    words = phrase(head)
    before = [t for t in head.sent if t.i < head.i]
    best: Match | None = None
    for trig in candidates:
        if trig.cameo:
            used = _find_all(trig.words, words, head if trig.kind == "verb" else None)
            found = used is not None and _find_all(trig.before, before) is not None
        else:
            used = petrarch_match(trig, head)
            found = used is not None
        if not found:
            continue
        if best is None or trig.specificity >= best.trigger.specificity:
            best = Match(trig, head, used)
    return best


def petrarch_match(trig: Trigger, head: Any) -> list[Any] | None:
    """A PETRARCH pattern's words in order: those after ``*`` after the verb,
    those before it before the verb, as written (no lemmas), the nearest one
    touching the verb when the pattern joins it with ``_``."""
    after = _in_order(trig.words, [t for t in head.sent if t.i > head.i])
    before = _in_order(trig.before[::-1], [t for t in head.sent if t.i < head.i][::-1])
    if after is None or before is None:
        return None
    if trig.adjacent_after and after and after[0].i != head.i + 1:
        return None
    if trig.adjacent_before and before and before[0].i != head.i - 1:
        return None
    return after


def _in_order(wanted: tuple[frozenset[str], ...], tokens: list[Any]) -> list[Any] | None:
    """The first token matching each wanted word, each after the previous one in `tokens`."""
    used: list[Any] = []
    rest = tokens
    for alternatives in wanted:
        at = next((k for k, t in enumerate(rest) if _is(t, alternatives, exact=True)), None)
        if at is None:
            return None
        used.append(rest[at])
        rest = rest[at + 1:]
    return used


def _is(token: Any, alternatives: frozenset[str], exact: bool = False) -> bool:
    """Whether the token is one of the alternatives (as written, or also by lemma
    unless `exact`); a multi-word alternative matches at its last word when the
    words before it precede the token."""
    forms = {token.lower_} if exact else _forms(token)
    for alt in alternatives:
        *first, last = alt.split(" ")
        before = [t.lower_ for t in token.doc[max(token.i - len(first), 0):token.i]]
        if last in forms and (not first or before == first):
            return True
    return False


PARTICLES = frozenset({"in", "over", "off", "down", "out", "up", "back", "away", "on"})


def _find_all(wanted: tuple[frozenset[str], ...], tokens: list[Any], head: Any = None) -> list[Any] | None:
    """Tokens matching each wanted word; a verb's particle ("give in", "call
    off") must be its particle or follow it, not any preposition later on."""
    used: list[Any] = []
    for n, alternatives in enumerate(wanted):
        particle = head is not None and n == 0 and alternatives <= PARTICLES
        hit = next((t for t in tokens if t not in used and _is(t, alternatives)
                    and (not particle or t.dep_ == "prt" or t.i == head.i + 1)), None)
        if hit is None:
            return None
        used.append(hit)
    return used


KINDS = (("verb", ("VERB", "AUX")), ("noun", ("NOUN", "PROPN")))
"""Dictionary kinds and the parts of speech their heads take, in the order they are matched."""


def dictionary_matches(sent: Any, lexicon: Lexicon, skip: set[int]) -> Iterator[tuple[str, Any, Match]]:
    """(kind, head token, match) of every dictionary pattern in the sentence, ``---`` ones included, verbs first;
    tokens in `skip` are passed over, read as the walk goes, so a caller may grow it."""
    for kind, pos in KINDS:
        for tok in sent:
            if tok.pos_ not in pos or tok.i in skip:
                continue
            candidates = lexicon.candidates(kind, tok.lemma_.lower(), tok.lower_)
            m = match_at(tok, candidates) if candidates else None
            if m is not None:
                yield kind, tok, m


def find_matches(sent: Any, lexicon: Lexicon) -> list[Match]:
    """Trigger matches in a sentence; a noun used by a verb's pattern is not coded again."""
    matches: list[Match] = []
    consumed: set[int] = set()
    for kind, tok, m in dictionary_matches(sent, lexicon, consumed):
        consumed.update(t.i for t in m.tokens)
        consumed.add(tok.i)
        if kind == "verb":  # "called off a strike", "cancelled a visit": one event (or none)
            consumed.update(c.i for c in tok.children if c.dep_ == "dobj")
        if m.trigger.code != NO_EVENT:
            matches.append(m)
    return matches


def no_event_heads(sent: Any, lexicon: Lexicon) -> set[int]:
    """Tokens whose phrase the dictionary says reports no event ("seized upon an appearance", "asked about"):
    the learned step must not code what a ``---`` pattern rules out."""
    return {tok.i for _, tok, m in dictionary_matches(sent, lexicon, set()) if m.trigger.code == NO_EVENT}


MODAL_DEMANDS = {"must": "100", "should": "020"}
MESSAGE_NOUNS = arguments.TEXT_NOUNS | {"reminder", "warning", "message", "ultimatum", "appeal"}
"""Nouns for what is said: "a reminder that Iraq must ..." says so as much as "said Iraq must"."""


def demand_matches(sent: Any, matches: list[Match]) -> list[Match]:
    """"X said Y must do Z" is X demanding of Y (CAMEO 10; "should": an appeal, 02),
    whatever Z is: the reported clause's event gives way to the demand; so is a
    message saying so ("issued a stern reminder to Iraq that it must cooperate")."""
    out = {m.head.i: m for m in matches}
    for tok in sent:
        modal = next((c.lower_ for c in tok.children if c.dep_ == "aux" and c.lower_ in MODAL_DEMANDS), None)
        said = tok.dep_ == "ccomp" and tok.head.lemma_.lower() in arguments.REPORTING_VERBS
        if modal and (said or (tok.dep_ == "acl" and tok.head.lemma_.lower() in MESSAGE_NOUNS)):
            trigger = Trigger(head=modal, kind="demand", code=MODAL_DEMANDS[modal], rule=f"rule:reported-{modal}")
            out[tok.i] = Match(trigger, tok, [])
    return sorted(out.values(), key=lambda m: m.head.i)


REQUESTS = ("02", "10")
CONTENT_ROOTS = ("02", "10", "11", "12", "13")
"""Requests, disapprovals, rejections and threats: their object is asked for, blamed, refused or
threatened; it is not done by whoever asks, blames, refuses or threatens."""
GROUNDS = ("for", "of", "over")
"""Prepositions giving what such an act is about ("blamed Israel for an airstrike")."""


def requested(matches: list[Match]) -> list[list[Any]]:
    """The objects of requests, rejections and threats: what is asked for,
    refused or threatened has not happened ("called for sanctions against",
    "rejected a call for its forces to be deployed")."""
    return [list(c.subtree) for m in matches if m.trigger.cameo and m.code[:2] in CONTENT_ROOTS
            for c in m.head.children
            if c.dep_ == "dobj" or (c.dep_ == "prep" and (c in m.tokens or c.lower_ in GROUNDS))]


def is_unrealised(m: Match) -> bool:
    """A to-infinitive modifying a noun names a right, plan or call, not an act:
    "the right of Russian troops to fire on militants"."""
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in m.head.children)
    return m.trigger.cameo and m.head.dep_ == "acl" and infinitive


TEMPORAL_MARKS = {"after", "before", "since", "when", "while", "until"}


def is_background(m: Match) -> bool:
    """A PETRARCH-coded verb in a temporal clause ("five years after crowds burned
    down its embassy") sets the scene, and a bare verb in a relative clause
    ("raids in which spokesmen said ...") describes a noun; TABARI and PETRARCH
    code the main clause."""
    return not m.trigger.cameo and any(
        (t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in t.children))
        or (t.dep_ == "relcl" and not m.trigger.specificity)
        for t in [m.head, *m.head.ancestors])


def complemented(m: Match, by_head: dict[int, Match]) -> bool:
    """Whether a PETRARCH verb is the infinitive complement (through any chain of
    them) of another PETRARCH-coded verb."""
    t = m.head
    while t.dep_ == "xcomp" and t.head is not t:
        t = t.head
        outer = by_head.get(t.i)
        if outer is not None:
            return not outer.trigger.cameo
    return False


def absorb_complements(matches: list[Match]) -> list[Match]:
    """An event verb's infinitive complement is part of it, not another event:
    "threatened to ban" is one threat, "refused to deploy" one rejection,
    "agreed to withdraw" one intent (0356); so is what a request asks for
    ("demanded that the government provide ...", "called for sanctions").
    CAMEO dictionaries only."""
    by_head = {m.head.i: m for m in matches}
    contents = requested(matches)
    kept = []
    for m in matches:
        outer = by_head.get(m.head.head.i) if m.head.dep_ in ("xcomp", "ccomp") else None
        aside = any(m.head in content for content in contents) or is_unrealised(m) or is_background(m)
        if outer is None and aside:
            continue
        if outer is not None and m.head.dep_ == "ccomp" and outer.code[:2] not in REQUESTS:
            outer = None
        if not m.trigger.cameo and complemented(m, by_head):
            continue  # PETRARCH codes the verb phrase once: "urged Bree to help win" is the urging
        if outer is None or outer is m or not (outer.trigger.cameo and m.trigger.cameo):
            kept.append(m)
            continue
        specific = {"03": intent_code, "13": threat_code}.get(outer.code[:2], lambda c: None)(m.code)
        if specific and not outer.trigger.specificity:
            outer.code = specific
    return kept


def outermost_dropped(matches: list[Match], coded: Callable[[Match], bool]) -> list[Match]:
    """Drop a PETRARCH verb's bare default code when a clause it governs holds an
    event that `coded` says was coded: "X said Y attacked Z" reports the attack,
    not a statement. (Our dictionary has no "say"; its "warn that ..." is an
    event of its own.)"""
    heads = [m.head for m in matches if m.head.pos_ != "AUX" and coded(m)]

    def governs_event(m: Match) -> bool:
        return any(c.dep_ in ("ccomp", "advcl") and any(h in c.subtree for h in heads if h is not m.head)
                   for c in m.head.children)

    return [m for m in matches if m.trigger.cameo or m.trigger.specificity or m.trigger.kind != "verb"
            or not governs_event(m)]


def event_matches(sent: Any, lexicon: Lexicon) -> list[Match]:
    """The reconciled trigger matches of one sentence (before `outermost_dropped`,
    which needs to know which of them code an event)."""
    return absorb_complements(demand_matches(sent, find_matches(sent, lexicon)))
