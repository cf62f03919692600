"""The sense and domain gate: a trigger in sport, business, entertainment or campaign news is not a political act.

"Washington beat Rafter", "the company charged $5", "rallied supporters in Iowa": the trigger words are the ones a
coder knows, their sense is another. A sentence belongs to a domain by its vocabulary (`data/events/senses.tsv`) and
its article's section or URL; in such a sentence an event is dropped unless an actor on either side has a political
role (a government, military, police, rebel, party, IGO...) where the domain allows that exemption. What is dropped
is counted in the article's quality flags (``sense_gate:N``), so nothing disappears silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from dateline.code.data_files import DATA_DIR

SENSES = DATA_DIR / "events" / "senses.tsv"
VERBAL = DATA_DIR / "events" / "verbal.tsv"
CONSTRUCTIONS = DATA_DIR / "events" / "constructions.tsv"
SCORE = re.compile(r"\b\d{1,3}-\d{1,3}\b(?!-)")
"""A result ("6-4", "2-1"): sport's most reliable mark; not a date range ("1990-1991" has four digits)."""
POLITICAL_ROLES = ("GOV", "MIL", "COP", "JUD", "LEG", "REB", "OPP", "PTY", "SPY", "INS", "SEP", "UAF", "IGO",
                   "NGO", "IMG", "ELI", "HRI", "REF", "CVL", "MED", "LAB", "EDU")
"""Roles of the CAMEO actor codebook that make an actor a political or social one."""


@dataclass(frozen=True)
class Domain:
    name: str
    roots: frozenset[str] | None
    exempt: bool
    cues: frozenset[str]
    sections: frozenset[str]


@cache
def load(path: Path = SENSES) -> tuple[Domain, ...]:
    rows, sections = [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if parts[0] == "SECTIONS":
            sections[parts[1]] = frozenset(parts[2].split(","))
        else:
            rows.append(parts)
    return tuple(
        Domain(name, None if roots == "all" else frozenset(roots.split(",")), exempt == "yes",
               frozenset(cues.split(",")), sections.get(name, frozenset()))
        for name, roots, exempt, cues in rows)


def article_sections(section: str | None, url: str | None) -> set[str]:
    """Words of the article's section and URL path ("/sport/tennis/..." -> sport, tennis)."""
    text = " ".join(filter(None, [section, re.sub(r"^[a-z]+://[^/]+", "", url or "")]))
    return set(re.findall(r"[a-z]+", text.lower()))


def cue_hits(sent: Any) -> list[int]:
    """Per domain (`load`), how many of its cues the sentence shows (a score counts for sport)."""
    words = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
    score_marks = len(SCORE.findall(sent.text))
    return [len(words & d.cues) + (score_marks if d.name == "sport" else 0) for d in load()]


def sentence_domains(sent: Any, sections: set[str]) -> list[Domain]:
    """The domains whose cues the sentence shows (two cue words, or one and the article's section)."""
    return [domain for domain, hits in zip(load(), cue_hits(sent))
            if hits >= 2 or (hits >= 1 and sections & domain.sections)]


def political(code: str | None) -> bool:
    return bool(code) and any(role in code[3:] or code.startswith(role) for role in POLITICAL_ROLES)


def vetoed(event: Any, domains: list[Domain]) -> Domain | None:
    """The domain that vetoes the event, if any."""
    for domain in domains:
        if domain.roots is not None and event.cameo_root not in domain.roots:
            continue
        actors = [a.code for a in (event.source, event.target) if a is not None]
        if domain.exempt and any(political(code) for code in actors):
            continue
        return domain
    return None


PLACES = ("GPE", "LOC", "FAC")
"""What a person's attack may still be a state's ("Putin attacked Ukraine"): never read as words."""


@cache
def word_lists(path: Path) -> dict[str, frozenset[str]]:
    """A file of named word lists (`verbal.tsv`, `constructions.tsv`): kind <TAB> comma-separated words."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return {kind: frozenset(words.strip().split(",")) for kind, words in rows}


def verbal_attack(head: Any) -> bool:
    """Whether a force trigger ("attacked", "an attack on") aims at someone with words: its object is a person, or
    a named person attacks anything but a place, and its sentence names no weapon, armed party or wound
    (`data/events/verbal.tsv`)."""
    words = word_lists(VERBAL)
    if head.lemma_.lower() not in words["verbs"]:
        return False
    objects = [c for c in head.children if c.dep_ in ("dobj", "obj")] + \
        [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "against") for g in c.children
         if g.dep_ == "pobj"]
    governing = [head, head.head] if head.dep_ in ("xcomp", "conj") else [head]
    subject = next((c for v in governing for c in v.children if c.dep_ == "nsubj"), None)
    person = any(o.ent_type_ == "PERSON" or o.lower_ in ("him", "her") for o in objects) or (
        subject is not None and subject.ent_type_ == "PERSON" and any(o.ent_type_ not in PLACES for o in objects))
    return person and not any(t.lower_ in words["force"] for t in head.sent)


OWN_SIDE = {"i", "we", "he", "she", "it", "they"}
"""Subjects of a warned-of clause that stand for the speaker's side ("warned that it would retaliate")."""


def warning_code(head: Any) -> str | None:
    """What "warned" reports when it is not a threat (the project's ruling, docs/annotation.md): an appeal (020)
    when it warns someone to act or not to ("warned Pyongyang to refrain from", "not to invade": the one warned
    is to act, not the speaker) or against something, a pessimistic comment (012) when it warns of an
    outcome that is not the speaker's own act; None when it stays a threat."""
    if head.lemma_.lower() != "warn":
        return None
    kids = list(head.children)
    if any(c.dep_ == "prep" and c.lower_ == "against" for c in kids) or any(c.dep_ == "xcomp" for c in kids):
        return "020"
    clause = next((c for c in kids if c.dep_ == "ccomp"), None)
    if clause is None:
        return "012" if any(c.dep_ == "prep" and c.lower_ == "of" for c in kids) else None
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    speaker = next((c for c in kids if c.dep_ == "nsubj"), None)
    own = subject is not None and (subject.lower_ in OWN_SIDE
                                   or (speaker is not None and subject.lower_ == speaker.lower_))
    return None if own else "012"



def supporters_rally(tokens: list[Any], code: str, source_code: str | None) -> bool:
    """A rally held by a government, a party, a legislator or a politician is a rally of supporters, which the
    project's ruling codes as no event (docs/annotation.md, "Elections and campaigns": "Trump said at a rally",
    "Clinton has held rallies"); a protest march stays 141. Roles: `data/events/constructions.tsv`."""
    if not code.startswith("14") or not source_code or not any(t.lemma_.lower() == "rally" for t in tokens):
        return False
    roles = source_code[3:]
    return "OPP" not in roles and any(role in roles for role in word_lists(CONSTRUCTIONS)["rallying_roles"])


def names_no_act(head: Any, code: str) -> bool:
    """Constructions whose trigger word names something other than the act its code says: "called it a common
    ailment" (naming, with an object predicate: no appeal), "threats from Russia", "considered a threat", "life
    threatening" (a danger: a threat is coded when it is made, "made a threat", "threat to close the strait"), and
    "admitted refugees", "admitting Poland to NATO", "admitted to hospital" (letting in: no admission of
    responsibility). Word lists: `data/events/constructions.tsv`."""
    lemma, lists = head.lemma_.lower(), word_lists(CONSTRUCTIONS)
    if lemma == "call" and any(c.dep_ == "oprd" for c in head.children):
        return True
    if code.startswith("13") and lemma == "threat" and head.pos_ == "NOUN":
        made = head.dep_ == "dobj" and head.head.lemma_.lower() in lists["threat_made_with"]
        return not made and not any(c.dep_ == "acl" and c.pos_ == "VERB" for c in head.children)
    if code.startswith("13") and head.lower_ == "threatening" and head.dep_ in ("acomp", "amod"):
        return True
    if code.startswith("01") and lemma == "admit":
        objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
        return any(c.dep_ == "prep" and c.lower_ == "to" for c in head.children) or \
            any(o.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or o.lemma_.lower() in lists["admitted"]
                for o in objects)
    return False


STREET_CLASH = "145"
"""Protest violently, riot: a clash between protesters and police (the project's ruling, docs/annotation.md)."""


def clash_sides(head: Any, code: str, pair: tuple[Any, Any]) -> tuple[Any, Any] | None:
    """(protesters, police) when a clash coded as fighting (19) sets police (COP) against protesters, strikers,
    students or civilians (`protesting_roles` in `data/events/constructions.tsv`): a violent protest (145) with the
    protesters as source, one event rather than two directions of fighting; None otherwise."""
    if not code.startswith("19") or head.lemma_.lower() != "clash":
        return None
    protesting = word_lists(CONSTRUCTIONS)["protesting_roles"]

    def roles(actor: Any) -> str:
        return (actor.code or "")[3:] if actor is not None else ""
    for side, other in (pair, pair[::-1]):
        if "COP" in roles(other) and any(role in roles(side) for role in protesting):
            return side, other
    return None
