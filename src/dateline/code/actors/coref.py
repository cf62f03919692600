"""Within-article reference: pronouns and definite descriptions resolved to named actors.

A small, measured rule-based resolver (no model): for each pronoun ("he",
"their", "its") or description ("the Russian leader", "The Kremlin aide", "the
two presidents", "the alliance"), the antecedent is the most salient
compatible actor before it:

* compatible: gender and number for pronouns; for descriptions, the same
  title class (president ~ leader) and country when the description names one;
  org descriptions ("the alliance", "the Western-led bloc") take organisations;
* salient: nearest sentence first (at most `MAX_SENTENCES` back); within a
  sentence the root's subject, then any subject, then the nearest. A pronoun
  outside quotation marks never takes an actor named inside a quotation ("“...
  Biden ...,” he said" is the speaker, not Biden).

A resolved reference gets its antecedent's name and code; "the two presidents"
and "their" (of a coordinated pair) become one mention per antecedent, sharing
a coordination group.

Collectives ("the West", "Western powers", "Western leaders") are descriptions
too: a region code whose members `collectives.tsv` lists stands for the nearest
coordinated group before it whose actors are all members ("The United States
and NATO delivered ... the West refused" -> USA and NATO), one mention each, at
lower confidence and with rule ``collective:WST``. With no such group it keeps
the region code.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from dateline.analyse.nlp import doc_text
from dateline.code.actors.dictionary import DATA, split_field
from dateline.code.data_files import tsv_rows
from dateline.code.actors.index import ActorMention
from dateline.code.actors.mentions import INTERNATIONAL, compose_code

MAX_SENTENCES = 3
COLLECTIVE_ROLES = {"GOV", "MIL"}
"""Roles under which a region stands for its states: "Western leaders", not "Western media"."""
COLLECTIVE_CONFIDENCE = 0.5
NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2}
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"|«[^»]*»")


@dataclass(frozen=True)
class Pronoun:
    gender: str | None  # "m", "f" or None (any)
    plural: bool
    person: bool | None  # True: people only; False: organisations only; None: either


@lru_cache(maxsize=1)
def pronouns() -> dict[str, Pronoun]:
    """``pronouns.tsv``: ``form<TAB>gender<TAB>number<TAB>animacy``."""
    out: dict[str, Pronoun] = {}
    for cols in tsv_rows((DATA / "pronouns.tsv").read_text(encoding="utf-8")):
        form, gender, number, animacy = (cols + ["", "", "", ""])[:4]
        out[form.strip()] = Pronoun(
            gender.strip() or None, number.strip() == "pl",
            {"person": True, "thing": False}.get(animacy.strip()),
        )
    return out


@lru_cache(maxsize=8)
def collectives(paths: tuple[str, ...] = ()) -> dict[str, tuple[str, ...]]:
    """``collectives.tsv`` then the user files in `paths` (``code<TAB>name<TAB>members``):
    region code -> member code prefixes; a later row replaces an earlier one's members."""
    table: dict[str, tuple[str, ...]] = {}
    for path in (DATA / "collectives.tsv", *paths):
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:  # a bad user file must not stop every article
            warnings.warn(f"actor collectives {path} skipped: {exc}", stacklevel=2)
            continue
        for cols in tsv_rows(text):
            if len(cols) >= 3:
                table[cols[0].strip().upper()] = tuple(c.upper() for c in split_field(cols[2]))
    return table


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(text)]


class _Context:
    """What the resolver knows about the document: sentences, quotes, actors so far."""

    def __init__(self, doc: Any):
        self.doc = doc
        self.quotes = quoted_spans(doc_text(doc))
        self.sent_of = {i: n for n, sent in enumerate(doc.sents) for i in range(sent.start, sent.end)}
        self.seen: list[ActorMention] = []
        self.roots: dict[tuple[int, int], ActorMention] = {}

    def quoted(self, char: int) -> bool:
        return any(s <= char < e for s, e in self.quotes)

    def root(self, m: ActorMention) -> ActorMention:
        """The named mention a reference ultimately points to."""
        return self.roots.get(m.antecedent, m) if m.antecedent else m

    def salience(self, m: ActorMention, at: int) -> tuple[int, int, int]:
        head = self.doc[m.token_end - 1]
        dist = self.sent_of[at] - self.sent_of[m.token_start]
        subject = head.dep_ in ("nsubj", "nsubjpass")
        rank = 0 if subject and head.head.dep_ == "ROOT" else 1 if subject else 2
        return dist, rank, -m.token_start

    def candidates(self, token_i: int, char: int, ok) -> list[ActorMention]:
        inside = self.quoted(char)
        out = [
            m for m in self.seen
            if m.token_end <= token_i and self.sent_of[token_i] - self.sent_of[m.token_start] <= MAX_SENTENCES
            and (inside or not self.quoted(m.start)) and ok(m)
        ]
        return sorted(out, key=lambda m: self.salience(m, token_i))


def _person(m: ActorMention) -> bool:
    return m.type == "person" and m.kind in ("name", "pronoun", "description") and bool(m.code or m.name)


def _org(m: ActorMention) -> bool:
    return m.type not in ("person", "demonym", "anaphor") and m.kind == "name" and bool(m.code)


def _same_country(description: ActorMention, m: ActorMention) -> bool:
    country = description.country
    return not country or bool(m.code) and (m.code[:3] == country or country in m.code)


def _pick(ctx: _Context, found: list[ActorMention], n: int) -> list[ActorMention]:
    """The `n` most salient distinct actors (by root name) among ranked candidates."""
    out: list[ActorMention] = []
    names: set = set()
    for m in found:
        root = ctx.root(m)
        key = (root.name, root.code)
        if key not in names:
            names.add(key)
            out.append(root)
        if len(out) == n:
            break
    return out


def _description_count(doc: Any, m: ActorMention) -> int:
    if not m.plural:
        return 1
    span = doc[max(0, m.token_start - 2):m.token_end]
    return next((NUMBERS[t.lower_] for t in span if t.lower_ in NUMBERS), 2)


def _resolve_description(ctx: _Context, m: ActorMention) -> list[ActorMention]:
    """Organisations for "the alliance"; for a title, people given the same title class,
    else (untitled people known from the dictionary) people with the title's role."""
    n = _description_count(ctx.doc, m)
    if m.type == "anaphor" or m.title == "alliance":
        tests = [lambda c: _org(c) and c.code[:3] in INTERNATIONAL and _same_country(m, c)]
    else:
        tests = [
            lambda c: _person(c) and ctx.root(c).title == m.title and _same_country(m, c),
            lambda c: _person(c) and ctx.root(c).title is None and bool(m.role) and c.role == m.role
            and _same_country(m, c),
        ]
    for ok in tests:
        picked = _pick(ctx, ctx.candidates(m.token_start, m.start, ok), n)
        if len(picked) == n:
            return picked
    return []


def _resolve_pronoun(ctx: _Context, token: Any, p: Pronoun) -> list[ActorMention]:
    if p.plural:
        groups = _plural_units(ctx, token)
        return groups[0] if groups else []

    def ok(c):
        if c.plural or (p.person is True and not _person(c)) or (p.person is False and not _org(c)):
            return False
        gender = ctx.root(c).gender
        return not (p.gender and gender and gender != p.gender)

    return _pick(ctx, ctx.candidates(token.i, token.idx, ok), 1)


def _plural_units(ctx: _Context, token: Any) -> list[list[ActorMention]]:
    """Coordinated groups and plural actors before `token`, most salient first."""
    units: dict[Any, list[ActorMention]] = {}
    for m in ctx.candidates(token.i, token.idx, lambda c: c.code is not None):
        key = ("g", m.group) if m.group is not None else ("m", m.start) if m.plural else None
        if key is not None:
            units.setdefault(key, []).append(ctx.root(m))
    return [sorted(u, key=lambda x: x.start) for u in units.values() if len(u) > 1 or u[0].plural]


def _collective_members(m: ActorMention, table: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The member prefixes `m` may stand for: a collective ("the West") or a region's
    state role ("Western leaders" -> WSTGOV); not a region as a place ("Euro-Atlantic")."""
    members = table.get(m.code[:3], ()) if m.code else ()
    return members if m.type == "collective" or m.role in COLLECTIVE_ROLES else ()


def _resolve_collective(ctx: _Context, m: ActorMention, members: tuple[str, ...]) -> list[ActorMention]:
    """The most salient coordinated group before `m` of two or more distinct actors, all
    members. A collective noun ("the West") prefers states and organisations to the people
    speaking for them ("the US and NATO" over "Blinken and Stoltenberg"); a role ("Western
    leaders") takes either."""
    units = [u for u in _plural_units(ctx, ctx.doc[m.token_start])
             if len({a.code for a in u}) > 1 and all(a.code.startswith(members) for a in u)]
    if m.type == "collective":
        units.sort(key=lambda u: any(a.type == "person" for a in u))
    return units[0] if units else []


def _collective_reference(span: Any, m: ActorMention, member: ActorMention, group: int) -> ActorMention:
    """`member` as the collective `m` refers to it, in `m`'s role ("Western leaders" -> USAGOV)."""
    ref = _reference(span, "description", member, group, f"collective:{m.code[:3]}", COLLECTIVE_CONFIDENCE)
    role = m.role if m.role in COLLECTIVE_ROLES else None
    return replace(ref, code=compose_code(member.code, role), plural=True)


def _reference(token_span: Any, kind: str, antecedent: ActorMention, group: int | None, rule: str,
               confidence: float) -> ActorMention:
    return ActorMention(
        text=token_span.text, start=token_span.start_char, end=token_span.end_char,
        token_start=token_span.start, token_end=token_span.end, name=antecedent.name, code=antecedent.code,
        kind=kind, rule=rule, confidence=confidence, type=antecedent.type, group=group,
        gender=antecedent.gender, title=antecedent.title, antecedent=(antecedent.start, antecedent.end),
    )


def _pronoun_is_referential(token: Any) -> bool:
    """Skip pleonastic "it" ("it was at this time that ...")."""
    if token.lower_ != "it":
        return True
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_ != "be"


def resolve_references(doc: Any, mentions: list[ActorMention], next_group: int,
                       collective_table: dict[str, tuple[str, ...]] | None = None) -> list[ActorMention]:
    """Name mentions plus resolved pronouns and descriptions, in text order.

    Unresolved descriptions keep their own composed code ("the president of
    Armenia" -> ARMGOV) as kind ``agent``; unresolved pronouns are dropped, and
    unresolved collectives keep their region code. `collective_table` defaults
    to the built-in `collectives()`.
    """
    ctx = _Context(doc)
    table = pronouns()
    regions = collectives() if collective_table is None else collective_table
    by_start = {m.token_start: m for m in mentions}
    out: list[ActorMention] = []
    for token in doc:
        m = by_start.get(token.i)
        if m is not None and m.kind == "description":
            found = _resolve_description(ctx, m)
            span = doc[m.token_start:m.token_end]
            if found:
                group = next_group if len(found) > 1 else None
                next_group += len(found) > 1
                refs = [_reference(span, "description", a, group, "description", 0.7) for a in found]
                _add(ctx, out, refs)
            elif m.code:
                m.kind = "agent" if m.type in ("person", "anaphor") and not m.country else "name"
                _add(ctx, out, [m])
        elif m is not None and (members := _collective_members(m, regions)):
            found = _resolve_collective(ctx, m, members)
            span = doc[m.token_start:m.token_end]
            next_group += bool(found)
            _add(ctx, out, [_collective_reference(span, m, a, next_group - 1) for a in found] or [m])
        elif m is not None:
            _add(ctx, out, [m])
        p = table.get(token.lower_)
        if p is None or not _pronoun_is_referential(token):
            continue
        found = _resolve_pronoun(ctx, token, p)
        if found:
            group = next_group if len(found) > 1 else None
            next_group += len(found) > 1
            _add(ctx, out, [_reference(doc[token.i:token.i + 1], "pronoun", a, group, "pronoun", 0.6)
                            for a in found])
    return out


def _add(ctx: _Context, out: list[ActorMention], mentions: list[ActorMention]) -> None:
    for m in mentions:
        out.append(m)
        ctx.seen.append(m)
        if m.kind == "name":
            ctx.roots.setdefault((m.start, m.end), m)
