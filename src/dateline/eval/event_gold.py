"""Gold event records for `dateline eval events`: PLOVER gold-standard JSON and PETRARCH validation XML.

Both become `GoldRecord`s: a sentence and its expected (source, event, target)
triples. Actors marked ``SRC/TAR`` in a PLOVER record's markup are, as its
readme defines, reciprocal: each is coded as acting on the others. PLOVER
records use the v0.5b1 labels, mapped here to PLOVER 2.0 as
the PLOVER 2.0 manual's CAMEO-to-PLOVER table does (DEMAND to REQUEST,
DISAPPROVE and INVESTIGATE to ACCUSE, FIGHT to ASSAULT). PETRARCH XML is read
with regular expressions, not an XML parser: the UD suite's file is not
well-formed XML, and one bad record must not lose the rest.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

PLOVER_V05_TO_V2 = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "YIELD": "CONCEDE",
}


@dataclass(frozen=True)
class GoldEvent:
    source: str | None
    event: str
    target: str | None


@dataclass
class GoldRecord:
    id: str
    text: str
    events: list[GoldEvent]
    date: str | None = None
    category: str = ""
    dictionaries: dict[str, Path] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    """Dictionaries the file names that are not beside it (coded with the built-in ones instead)."""


def plover_type(label: str) -> str:
    """A PLOVER v0.5b1 event label as its PLOVER 2.0 type."""
    label = label.strip().upper()
    return PLOVER_V05_TO_V2.get(label, label)


ISO_FIXES = {"ITL": "ITA", "JAP": "JPN"}
"""Country codes in the PLOVER records that are not the ISO-3166 alpha-3 codes its
readme says it uses, read as the ISO code meant."""


def _plover_actors(value) -> list[str | None]:
    """Codes of a PLOVER record's source or target list (code + sector: ``HUNGOV``)."""
    if not isinstance(value, list) or not value:
        return [None]
    codes = []
    for actor in value:
        if isinstance(actor, dict) and actor.get("code"):
            code = actor["code"].upper()
            codes.append(ISO_FIXES.get(code, code) + (actor.get("sector") or "").upper())
    return codes or [None]


def read_plover(path: Path) -> list[GoldRecord]:
    """PLOVER gold-standard records (a JSON list); documentation records are skipped."""
    records = []
    for r in json.loads(path.read_text(encoding="utf-8")):
        if not isinstance(r, dict) or r.get("event") in (None, "DOCUMENT") or not r.get("text"):
            continue
        event = plover_type(r["event"])
        sources, targets = _plover_actors(r.get("source")), _plover_actors(r.get("target"))
        markup = (r.get("textInfo") or {}).get("markup", "") if isinstance(r.get("textInfo"), dict) else ""
        if "SRC/TAR" in markup and targets == [None] and len(sources) > 1:
            # the readme's "reciprocal source/target": each actor acts on the others
            triples = [GoldEvent(s, event, t) for s in sources for t in sources if s != t]
        else:
            triples = [GoldEvent(s, event, t) for s in sources for t in targets]
        text = r["text"].strip().strip("{}")
        records.append(GoldRecord(id=r.get("id", ""), text=text, events=triples, date=r.get("date")))
    return records


_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.S)
_CODING = re.compile(r"<EventCoding\b([^>]*)/?>", re.S)
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_ATTR = re.compile(r"""(\w+)\s*=\s*("[^"]*"|'[^']*')""")
_ENV = re.compile(r"<(Verbfile|Actorfile|Agentfile|Discardfile)>\s*([^<]+?)\s*</\1>")
DISCARD_ERRORS = {"storydiscard", "sentencediscard"}
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _attrs(text: str) -> dict[str, str]:
    return {k: html.unescape(v[1:-1]) for k, v in _ATTR.findall(text)}


def read_petrarch(path: Path) -> list[GoldRecord]:
    """PETRARCH validation records with their expected codings and the dictionaries
    the file's ``<Environment>`` names (resolved beside it). Records that expect
    an input error are left out: they test the old program's parser, not coding;
    those expecting a story or sentence discard expect no event (when the file
    names its discards file)."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    named = _ENV.findall(raw)
    dictionaries = {kind: path.parent / name for kind, name in named if (path.parent / name).exists()}
    missing = tuple(f"{kind} {name}" for kind, name in named if kind not in dictionaries)
    records = []
    for head, body in _SENTENCE.findall(_COMMENT.sub("", raw)):
        attrs = _attrs(head)
        codings = [_attrs(c) for c in _CODING.findall(body)]
        text = _TEXT.search(body)
        errors = {c["error"] for c in codings if "error" in c}
        if text is None or (errors - DISCARD_ERRORS) or (errors and "Discardfile" not in dictionaries):
            continue
        events = [
            GoldEvent(_petrarch_actor(c.get("sourcecode")), c["eventcode"].strip(),
                      _petrarch_actor(c.get("targetcode")))
            for c in codings if c.get("eventcode")
        ]
        records.append(GoldRecord(
            id=attrs.get("id", ""), text=" ".join(text.group(1).split()), events=events,
            date=_iso(attrs.get("date")), category=attrs.get("category", ""), dictionaries=dictionaries,
            missing=missing,
        ))
    return records


def _petrarch_actor(code: str | None) -> str | None:
    """A PETRARCH actor code; quoted codes (actors found but not in the dictionary) and
    ``---`` mean no coded actor (``---GOV``, an agent of no known country, is a code)."""
    code = (code or "").strip()
    return None if not code or code.startswith('"') or code == "---" else code.upper()


def _iso(yyyymmdd: str | None) -> str | None:
    if yyyymmdd and re.fullmatch(r"\d{8}", yyyymmdd):
        return f"{yyyymmdd[:4]}-{yyyymmdd[4:6]}-{yyyymmdd[6:]}"
    return None


def read_gold(path: Path) -> tuple[str, list[GoldRecord]]:
    """The format (``plover`` or ``petrarch``) and records of a gold file."""
    if path.suffix.lower() == ".json":
        return "plover", read_plover(path)
    return "petrarch", read_petrarch(path)
