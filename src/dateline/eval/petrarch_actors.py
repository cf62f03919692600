"""Minimal reading of PETRARCH/TABARI ``.actors`` and ``.agents`` dictionaries for the
PETRARCH validation records, until the actors component imports them itself.

Enough of the format for the validation suite: ``PHRASE [CODE]`` entries with
``+SYNONYM`` lines and date-restricted codes (``[CODE <date]``, ``[CODE >date]``,
``[CODE date-date]``); agents ``PHRASE {PLURALS} [~GOV]`` (suffix) or ``[GOV~]``
(prefix) with ``!MACRO! = A, B`` substitutions. A word ending in ``_`` matches
exactly, other words as a prefix, as TABARI did. An actor is the noun chunk
holding a match: its country code joined with its agent's code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from dateline.code.actors import ActorIndex, ActorMention
from dateline.pipeline import Analysis, component

_CODE = re.compile(r"\[([^\]]+)\]")


@dataclass(frozen=True)
class Entry:
    words: tuple[str, ...]
    codes: tuple[tuple[str, str, str], ...]
    """(code, from, to) with dates as YYYYMMDD strings; empty bounds are open."""
    agent: bool = False


def _clean(line: str) -> str:
    return re.sub(r"<!?\s*-?-.*?(-->|$)", "", line).split("#", 1)[0].rstrip()


def _date(text: str) -> str:
    text = text.strip()
    if len(text) == 6:
        text = ("19" if text[:2] >= "50" else "20") + text
    return text


def _restricted(spec: str) -> tuple[str, str, str]:
    """``HOBGOV 19950601 - 19990815`` / ``HOB < 950601`` / ``HOBREB > 990816`` / ``ARN``."""
    spec = spec.strip()
    m = re.match(r"^(\S+)\s*([<>])\s*(\d+)$", spec)
    if m:
        code, op, d = m.groups()
        return (code, "", _date(d)) if op == "<" else (code, _date(d), "")
    m = re.match(r"^(\S+)\s+(\d+)\s*-\s*(\d+)$", spec)
    if m:
        return m.group(1), _date(m.group(2)), _date(m.group(3))
    return spec.split()[0] if spec.split() else "", "", ""


def _phrase(text: str, macros: dict[str, list[str]]) -> list[tuple[str, ...]]:
    text = _CODE.sub(" ", re.sub(r"\{[^}]*\}", " ", text)).strip().lstrip("+").strip()
    variants = [text]
    for name, values in macros.items():
        if name in text:
            variants = [v.replace(name, value) for v in variants for value in values]
    return [tuple(w.lower() for w in re.split(r"[\s_]+", v.strip()) if w) + (("_",) if v.strip().endswith("_") else ())
            for v in variants if v.strip()]


def read_actor_file(path: Path, agent: bool = False) -> list[Entry]:
    macros: dict[str, list[str]] = {}
    entries: list[Entry] = []
    phrases: list[tuple[str, ...]] = []
    codes: list[tuple[str, str, str]] = []

    def flush() -> None:
        if phrases and codes:
            entries.extend(Entry(p, tuple(codes), agent) for p in phrases)

    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = _clean(raw)
        if not line.strip():
            continue
        macro = re.match(r"^\s*(![A-Z]+!)\s*=\s*(.+)$", line)
        if macro:
            macros[macro.group(1)] = [v.strip() for v in macro.group(2).split(",") if v.strip()]
            continue
        stripped = line.strip()
        if stripped.startswith("[") and phrases:
            codes.extend(_restricted(c) for c in _CODE.findall(stripped))
            continue
        if stripped.startswith("+") and phrases:
            phrases.extend(_phrase(stripped, macros))
            codes_here = [_restricted(c) for c in _CODE.findall(stripped)]
            codes.extend(codes_here)
            continue
        flush()
        phrases = _phrase(stripped, macros)
        codes = [_restricted(c) for c in _CODE.findall(stripped)]
        if agent:
            flush()
            phrases, codes = [], []
    flush()
    return entries


@lru_cache(maxsize=4)
def load_entries(paths: tuple[str, ...]) -> tuple[Entry, ...]:
    out: list[Entry] = []
    for p in paths:
        path = Path(p)
        out.extend(read_actor_file(path, agent="agent" in path.name.lower()))
    return tuple(out)


def code_on(entry: Entry, date: str | None) -> str:
    """The entry's code in force on `date` (YYYY-MM-DD), else its unrestricted code."""
    day = (date or "").replace("-", "")
    dated = [c for c, lo, hi in entry.codes if (lo or hi) and day and (not lo or day >= lo) and (not hi or day <= hi)]
    plain = [c for c, lo, hi in entry.codes if not lo and not hi]
    return (dated or plain or [entry.codes[0][0]])[0]


def _word_matches(pattern: str, token: str, exact: bool) -> bool:
    return token == pattern if exact else token.startswith(pattern)


def matches(doc: Any, entries: tuple[Entry, ...]) -> list[tuple[int, int, Entry]]:
    """Longest dictionary matches over the doc's tokens, left to right."""
    words = [t.lower_ for t in doc]
    by_first: dict[str, list[Entry]] = {}
    for e in entries:
        if e.words:
            by_first.setdefault(e.words[0][:3], []).append(e)
    out = []
    i = 0
    while i < len(words):
        best = None
        for e in by_first.get(words[i][:3], ()):
            pattern = [w for w in e.words if w != "_"]
            exact_last = e.words[-1] == "_"
            n = len(pattern)
            if i + n <= len(words) and all(
                _word_matches(p, words[i + k], exact_last and k == n - 1 or len(p) <= 3) for k, p in enumerate(pattern)
            ):
                if best is None or n > len([w for w in best.words if w != "_"]):
                    best = e
        if best and (not best.agent or doc[i + len([w for w in best.words if w != "_"]) - 1].pos_ in ("NOUN", "PROPN")):
            n = len([w for w in best.words if w != "_"])
            out.append((i, i + n, best))
            i += n
        else:
            i += 1
    return out


def compose(found: list[Entry], date: str | None) -> str | None:
    """Country/actor code joined with agent codes (``~GOV`` suffix, ``GOV~`` prefix)."""
    actor = next((code_on(e, date) for e in found if not e.agent), None)
    agents = [code_on(e, date) for e in found if e.agent]
    if actor in ("---", None) and not agents:
        return None
    code = actor if actor and actor != "---" else "---"
    for a in agents[:1]:
        if code.endswith(a.strip("~")):
            break
        code = code + a[1:] if a.startswith("~") else a.rstrip("~") + code if a.endswith("~") else code + a
    return code.upper()


def _of_objects(token: Any) -> list[Any]:
    return [p for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "from", "in")
            for p in c.children if p.dep_ == "pobj"]


def actor_index(doc: Any, entries: tuple[Entry, ...], date: str | None) -> ActorIndex:
    """Mentions: each noun chunk holding dictionary matches, coded from them."""
    hits = matches(doc, entries)
    mentions = []
    covered: set[int] = set()
    for chunk in doc.noun_chunks:
        inside = [e for s, _, e in hits if chunk.start <= s < chunk.end]
        if inside and all(e.agent for e in inside):  # "soldiers from Gondor", "activists in Arnor"
            inside += [e for s, _, e in hits for p in _of_objects(chunk.root) if p.left_edge.i <= s <= p.i]
        code = compose(inside, date) if inside else None
        if code:
            mentions.append(ActorMention(chunk.text, chunk.start_char, chunk.end_char, chunk.start, chunk.end,
                                         name=chunk.text, code=code, rule="petrarch-dictionary", confidence=0.8))
            covered.update(range(chunk.start, chunk.end))
    for s, e, entry in hits:
        if s in covered:
            continue
        code = compose([entry], date)
        if code:
            span = doc[s:e]
            mentions.append(ActorMention(span.text, span.start_char, span.end_char, s, e, name=span.text, code=code,
                                         rule="petrarch-dictionary", confidence=0.7))
    return ActorIndex(mentions)


@component("petrarch_actors")
def petrarch_actors(state: Analysis) -> None:
    """Actors from the PETRARCH dictionaries named by config ``petrarch_actor_files``."""
    entries = load_entries(tuple(state.config.get("petrarch_actor_files", ())))
    state.actors = actor_index(state.doc, entries, state.article.published)
