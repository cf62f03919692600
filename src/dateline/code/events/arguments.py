"""Who did it to whom: source and target of a trigger, from the dependency parse.

Verbs: the subject is the source and the object (or the object of a
preposition) the target; in the passive the subject is the target and the
``by`` agent the source; an infinitive complement ("refused to grant Russia")
takes the subject of the verb it complements. Nouns ("a phone call with
Putin", "talks between A and B"): the possessor or the subject of the verb the
noun hangs from is the source, the object of its preposition the target.
Coordinated actors ("the US and NATO") are split, one actor each.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
REPORTING_VERBS = {"say", "declare", "conclude", "insist", "tell", "add", "state", "announce", "stress", "write",
                   "argue", "note", "demand", "urge", "believe", "think", "confirm", "report", "warn", "vow"}
OBJECTS = ("dobj", "dative", "iobj", "attr", "oprd")
TARGET_PREPS = ("to", "with", "against", "on", "at", "toward", "towards", "into", "for", "upon", "over", "from", "in")


def expand(tokens: Iterable[Any]) -> list[Any]:
    """Tokens with their coordinated tokens ("the US and NATO": US, NATO)."""
    out: list[Any] = []
    for t in tokens:
        for c in (t, *t.conjuncts):
            if c not in out:
                out.append(c)
    return out


def clause_subject(verb: Any) -> tuple[Any | None, bool]:
    """The subject of `verb`'s clause (climbing xcomp/conj links to a verb that
    has one) and whether the clause is passive. A passive verb above an
    infinitive does not make it passive: "Gollum was seen to break in" has
    Gollum breaking in."""
    v = verb
    own_passive = any(c.dep_ == "auxpass" for c in verb.children)
    raised = False
    for _ in range(5):
        for c in v.children:
            if c.dep_ in SUBJECTS:
                return antecedent(reduced_relative(c), v), own_passive or (c.dep_ == "nsubjpass" and not raised)
        if v.dep_ not in ("xcomp", "conj", "advcl", "acomp") or v.head is v:
            break
        if v.dep_ == "advcl" and v.head.pos_ not in ("VERB", "AUX"):
            break
        raised = raised or v.dep_ == "xcomp"
        v = v.head
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head, verb.dep_ == "acl" and verb.tag_ == "VBN"
    return None, False


RELATIVE_PRONOUNS = {"who", "which", "that"}


def antecedent(subj: Any, verb: Any) -> Any:
    """A relative clause's pronoun subject stands for the noun the clause modifies: "Olaf
    Scholz, who spoke with Emmanuel Macron" has Scholz speaking."""
    if subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return subj


def reduced_relative(subj: Any) -> Any:
    """The noun a verb-headed subject stands for: the parser makes "operating" the
    subject in "The Red Cross operating in Iraq said ...", with "the Red Cross" its own."""
    if subj.pos_ != "VERB":
        return subj
    return next((c for c in subj.children if c.dep_ == "nsubj"), subj)


def co_subjects(subj: Any) -> list[Any]:
    """Other subjects the parser hung on the subject's verb: parts of a misparsed
    apposition or list ("Old foes Gondor and Osgiliath renewed ...", "Lions,
    tigers, and Gondor welcomed ...")."""
    if subj.dep_ not in SUBJECTS:
        return []
    return [c for c in subj.head.children if c.dep_ == subj.dep_ and c.i != subj.i]


def agent(verb: Any) -> Any | None:
    """The ``by`` phrase's object of a passive verb."""
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


PLACE_PREPS = ("in", "at", "near", "inside", "outside")
PLACE_ENTITIES = ("GPE", "LOC", "FAC")


def is_place(token: Any) -> bool:
    """A place named as where an act happens ("arrested five men in Bangkok"), not whom it is done to: it is a
    target only when nothing else in the clause could be."""
    return token.ent_type_ in PLACE_ENTITIES and token.head.dep_ == "prep" and token.head.lower_ in PLACE_PREPS


def prep_objects(token: Any, preps: Iterable[str]) -> list[Any]:
    """Objects of the prepositions `preps` attached to `token`, in order."""
    preps = tuple(preps)
    return [p for c in token.children if c.dep_ == "prep" and c.lower_ in preps
            for p in ([p for p in c.children if p.dep_ == "pobj"] or stranded_object(c))]


NP_DEPS = ("det", "nummod", "amod", "compound", "poss", "quantmod")


def stranded_object(prep: Any) -> list[Any]:
    """The noun phrase right after a preposition the parser left without object,
    having made it the subject of the next clause ("granted asylum to five
    Panamanian army officers holed up in ..."); not "with", whose clause is
    meant ("with Russia backing the government")."""
    if prep.i + 1 >= len(prep.doc) or prep.lower_ in ("with", "without"):
        return []
    t = prep.doc[prep.i + 1]
    while t.dep_ in NP_DEPS and t.head.i > t.i:
        t = t.head
    return [t] if t.pos_ in ("NOUN", "PROPN") and t.dep_ in SUBJECTS else []


def verb_targets(verb: Any, target_prep: str | None, content_target: bool = False,
                 place_target: bool = False) -> list[Any]:
    """Candidate target tokens of a verb, best first: the pattern's preposition,
    then objects, objects of prepositions (the verb's and its objects'), the
    subject of a content clause with `content_target` ("demanded that the US
    cancel"), the place of the act with `place_target` ("threatened to resume
    attacks in Israel"); along its infinitive complements. Last, with
    `content_target`, the parties of the clause describing an object ("rejected
    an invitation to attend a meeting of Palestinian factions")."""
    chain = [verb]
    for c in verb.children:
        if c.dep_ == "xcomp":
            chain.append(c)
    out: list[Any] = []
    for v in chain:
        if target_prep:
            out += prep_objects(v, (target_prep,))
    for v in chain:
        objects = [c for c in v.children if c.dep_ in OBJECTS]
        pobjs = [p for p in prep_objects(v, TARGET_PREPS) if not is_place(p) or not (objects or out)]
        out += objects + pobjs
        for obj in expand(objects) + pobjs:
            out += nested_objects(obj)
        if content_target:
            out += [s for c in v.children if c.dep_ == "ccomp" for s in c.children if s.dep_ in SUBJECTS]
            out += condition_subjects(v)
        if place_target:
            out += [p for obj in objects + prep_objects(v, TARGET_PREPS) for p in prep_objects(obj, ("in",))]
    reported = verb.lemma_.lower() in REPORTING_VERBS  # what is said is not done to its subject
    out += purpose_objects(verb) + ([] if reported else [s for v in chain for s in clause_object_subjects(v)])
    if content_target:
        out += [t for v in chain for obj in v.children if obj.dep_ in OBJECTS for t in described_parties(obj)]
    return out


def described_parties(noun: Any) -> list[Any]:
    """Nouns in the clauses that describe `noun` ("an invitation to attend a meeting
    of Palestinian factions", "a call for its forces to be deployed in East Timor")."""
    return [t for c in noun.subtree if c.dep_ in ("acl", "relcl")
            for t in c.subtree if t.dep_ in ("dobj", "pobj") and t.pos_ in ("NOUN", "PROPN")]


def clause_object_subjects(verb: Any) -> list[Any]:
    """Subjects of a verb's clausal object: "allow candidate Ouattara to participate",
    parsed with Ouattara the subject of "participate"."""
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    return [s for c in verb.children if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj"]


CONDITIONAL_MARKS = {"if", "unless"}


def condition_subjects(verb: Any) -> list[Any]:
    """Subjects of a condition on the act: whom a threat or demand is aimed at
    ("threatened to stop negotiations if the United States goes ahead")."""
    return [s for c in verb.children if c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in c.children)
            for s in c.children if s.dep_ in SUBJECTS]


def purpose_objects(verb: Any) -> list[Any]:
    """Objects of the to-infinitive saying what an act was for, last resort for
    its target: "opened fire to disperse demonstrators", "began a hunger strike
    to demand the resignation of the President"."""
    out: list[Any] = []
    for c in verb.children:
        if c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            objects = [o for o in c.children if o.dep_ in OBJECTS]
            out += objects + [n for o in objects for n in nested_objects(o)]
    return out


PARTY_PREPS = ("to", "with", "against", "on", "from", "by", "of", "for", "toward", "towards", "between", "among")
OBJECT_PREPS = (*PARTY_PREPS, "in")


def nested_objects(token: Any, depth: int = 3, preps: tuple[str, ...] = OBJECT_PREPS) -> list[Any]:
    """Objects of prepositions hanging from an object, breadth first: the target
    behind "lifted the curfew on Palestinians", "rejected calls by Belarus",
    and the agent of a participle describing it ("prevented the demonstration
    staged by students", "condemned the attack carried out by Hamas")."""
    out: list[Any] = []
    frontier = [token]
    for _ in range(depth):
        frontier = [p for t in frontier for p in [*prep_objects(t, preps), *participle_agents(t)]]
        out += frontier
    return out


def participle_agents(noun: Any) -> list[Any]:
    """Who did what a noun names, by the participle describing it: "staged by
    students" (a reduced clause: no subject or auxiliary of its own)."""
    return [a for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"
            and not any(x.dep_ in (*SUBJECTS, "aux", "auxpass", "mark") for x in c.children)
            for a in [agent(c)] if a is not None]


def governing_verb(noun: Any) -> Any | None:
    """The verb a nominal trigger hangs from ("had" in "had a phone call with")."""
    t = noun
    for _ in range(4):
        if t.head is t:
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.pos_ not in ("ADP",):
            return None
    return None


SUPPORT_VERBS = {"hold", "have", "stage", "launch", "conduct", "start", "begin", "continue", "organize", "organise",
                 "mount", "wage", "resume", "renew", "complete", "undertake", "carry", "make", "attend", "join",
                 "lead", "end", "open", "host", "pay", "sign", "announce", "step", "intensify", "escalate",
                 "speed", "accelerate", "tighten", "expand", "extend", "complete", "finish"}
CIRCUMSTANCE_PREPS = {"in", "during", "at", "after", "following", "on", "since", "before", "for"}


def takes_part(noun: Any, verb: Any) -> bool:
    """Whether the verb's subject is a party to the nominal event: it holds,
    stages or launches it ("Armenia held talks"), or acts in the course of it
    ("Biden said in a phone call ..."); not when the verb only allows,
    prepares for or reports it ("allowing rallies", "brace for protests")."""
    if noun.dep_ == "dobj":
        word = verb.lower_
        # the lemmatiser slips on some ("staged" -> "stag"): try plain suffix stripping too
        return bool({verb.lemma_.lower(), word, word[:-1], word[:-2], word[:-3]} & SUPPORT_VERBS)
    return noun.dep_ == "pobj" and noun.head.lower_ in CIRCUMSTANCE_PREPS


def noun_roles(noun: Any, target_prep: str | None, place_target: bool = False) -> tuple[list[Any], list[Any]]:
    """Source and target candidates of a nominal trigger: its possessor (a pronoun
    one is resolved by the actor index: "his invasions"), then the subject of the
    verb it hangs from when that subject takes part in it; the target is the
    object of its preposition ("talks with", "rallies against"), or with
    `place_target` the place it happens in."""
    between = prep_objects(noun, ("between", "among"))
    if between:
        parties = expand(between)
        return parties[:1], parties[1:]
    sources = [c for c in noun.children if c.dep_ == "poss"]
    verb = governing_verb(noun)
    if verb is not None and takes_part(noun, verb):
        subj, passive = clause_subject(verb)
        sources += [a for a in [agent(verb) if passive else subj] if a is not None]
    preps = (target_prep,) if target_prep else ("with", "against")
    targets = prep_objects(noun, preps)
    if not targets and verb is not None:
        targets = prep_objects(verb, preps)
    targets += [t for pobj in targets for t in nested_objects(pobj)]
    if not targets:  # "a suspension of air links with Serbia", "the withdrawal of forces from Panama";
        # not where it happens: "a NATO summit in Warsaw" is no meeting with Poland
        targets = nested_objects(noun, preps=PARTY_PREPS) + (purpose_objects(verb) if verb is not None else [])
    if place_target:
        targets += prep_objects(noun, ("in",)) + (prep_objects(verb, ("in",)) if verb is not None else [])
    return sources, targets


def verb_roles(verb: Any, target_prep: str | None, source_prep: str | None, target_is_subject: bool = False,
               any_later_noun: bool = False, content_target: bool = False,
               place_target: bool = False, stative: bool = False) -> tuple[list[Any], list[Any]]:
    """Source and target candidates of a verbal trigger (voice-aware); a pattern
    may name the source's preposition or make the subject the target. With
    `any_later_noun`, any noun after the verb may be the target (TABARI's way);
    a `stative` pattern ("be opposed to") reads a passive form as active."""
    subj, passive = clause_subject(verb)
    targets = verb_targets(verb, target_prep, content_target, place_target)
    targets += later_tokens(verb) if any_later_noun else []
    if passive and not stative:
        by = agent(verb)
        # the subject's own attachments name the target too: "a camp for Congolese refugees was attacked"
        passive_targets = [subj, *nested_objects(subj)] if subj is not None else []
        sources, targets = ([by] if by is not None else []), passive_targets + targets
    else:
        sources = [subj] if subj is not None else []
    if target_is_subject and subj is not None and not passive:
        sources, targets = [], [subj] + targets
    if source_prep:
        sources = prep_objects(verb, (source_prep,)) or sources
    if target_is_subject and not sources and verb.dep_ == "ccomp":
        # "Gondor noted that Mordor regretted ...": the reporter acts on the subject
        sources = [s for s in [clause_subject(verb.head)[0]] if s is not None]
    return sources, targets


def later_tokens(verb: Any) -> list[Any]:
    """The last resort for a target, as TABARI and PETRARCH take it: nouns after
    the verb in its subtree, outside its subject."""
    return [t for t in verb.subtree if t.i > verb.i and t.pos_ in ("PROPN", "NOUN", "PRON") and t.dep_ != "poss"
            and not any(a.dep_ in SUBJECTS and a.head == verb for a in [t, *t.ancestors])]


PERSONAL_PRONOUNS = {"it", "he", "she", "they", "we"}
REPORTING_DEPS = ("ccomp", "xcomp", "conj")


def reporter(token: Any) -> Any | None:
    """For a pronoun subject of reported speech, the speaker it stands for:
    "Hungary said it will support ..." gives "Hungary"."""
    if token.lower_ not in PERSONAL_PRONOUNS:
        return None
    clause = token.head
    while clause.dep_ in REPORTING_DEPS and clause.head is not clause:
        clause = clause.head
        subj, passive = clause_subject(clause)
        if subj is not None and subj is not token and not passive and subj.lower_ not in PERSONAL_PRONOUNS:
            return subj
    return None


TEXT_NOUNS = {"statement", "declaration", "letter", "report", "communique", "message", "note", "resolution",
              "paper", "document", "memo", "decree"}


def issuer(token: Any) -> Any | None:
    """Who issued the text a trigger's subject names: "the PKK issued a
    declaration demanding ..." gives "the PKK"."""
    if token.lemma_.lower() not in TEXT_NOUNS:
        return None
    verb = governing_verb(token) if token.dep_ in ("dobj", "pobj") else None
    return clause_subject(verb)[0] if verb is not None else None


def phrases_after(anchor: Any, skip: int = 0) -> list[Any]:
    """Heads of the noun phrases after `anchor` in its sentence, past the first
    `skip` of them: where a PETRARCH pattern's ``+`` or ``$`` (after ``^`` skips)
    puts the target or source ("warned at ^ +": "warned at the Gondor of the
    Prince": the Prince)."""
    sent = anchor.sent
    chunks = [c for c in anchor.doc.noun_chunks if c.start > anchor.i and c.end <= sent.end]
    return [c.root for c in chunks[skip:]]
