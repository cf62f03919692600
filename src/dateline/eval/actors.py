"""`dateline eval actors`: actor-code accuracy on the PLOVER gold-standard records.

Each record gives a sentence and its source/target actors as text plus an ISO
code and (often) a sector. For each gold actor we find its text in the
sentence, take our mention covering it, and score the country part (first
three letters: ISO-3, or IGO/NGO) and, where gold has one, the sector (the
role after the country: GOV, MIL, REB ...). The records' dates are all the
placeholder 2000-01-01, so codes are chosen as for an undated article.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

NAME = "actors"
HELP = "actor-code accuracy (country and sector) on the PLOVER gold records"
DEFAULT_GOLD = Path(__file__).resolve().parents[3].parent / "shared" / "gold" / "events" / "plover-gsr" / \
    "PLOVER_GSR_CAMEO.dev.json"
ROLES = {"GOV", "MIL", "COP", "JUD", "OPP", "REB", "INS", "SEP", "SPY", "UAF", "PTY", "LEG", "MED", "BUS",
         "NGO", "CVL", "EDU", "ELI", "HLH", "LAB", "REF", "AGR", "CRM", "DEV", "ENV", "HRI", "MOD", "RAD"}


def add_arguments(parser) -> None:
    parser.add_argument("--gold", default=str(DEFAULT_GOLD), help="PLOVER GSR JSON file (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N records (0: all)")
    parser.add_argument("--errors", type=int, default=10, help="how many mistakes to list in the report")


def gold_actors(records: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(record, actor) pairs for every source/target actor with text and a code."""
    out = []
    for r in records:
        if not r.get("text"):
            continue
        for side in ("source", "target"):
            actors = r.get(side)
            for a in actors if isinstance(actors, list) else []:
                if a.get("actorText") and a.get("code"):
                    out.append((r, a))
    return out


def our_sector(code: str | None) -> str | None:
    """The first role in a code: ``USAGOV`` -> GOV, ``IGOUNOMIL`` -> MIL, ``IGOUNO`` -> None."""
    if not code:
        return None
    chunks = [code[i:i + 3] for i in range(3, len(code), 3)]
    return next((c for c in chunks if c in ROLES), None)


def gold_sector(actor: dict[str, Any]) -> str | None:
    sector = (actor.get("sector") or "")[:3].upper()
    return sector if sector in ROLES else None


def mention_for(index, start: int, end: int):
    """Our mention for the gold span: the one overlapping it most, names before references."""
    best, best_key = None, None
    for m in index:
        overlap = min(end, m.end) - max(start, m.start)
        if overlap <= 0 or m.kind == "pronoun":
            continue
        key = (overlap, m.kind != "agent")
        if best_key is None or key > best_key:
            best, best_key = m, key
    return best


def evaluate(args) -> dict[str, Any]:
    from dateline.analyse.nlp import load
    from dateline.code.actor_dictionary import builtin_dictionary
    from dateline.code.actors import resolve

    records = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    if args.limit:
        records = records[: args.limit]
    pairs = gold_actors(records)
    texts = sorted({r["text"] for r, _ in pairs})
    dictionary = builtin_dictionary()
    indexes = {t: resolve(doc, dictionary, None) for t, doc in zip(texts, load().pipe(texts))}
    counts = {"actors": len(pairs), "located": 0, "resolved": 0, "country": 0, "with_sector": 0, "sector": 0,
              "both": 0}
    errors = []
    for record, actor in pairs:
        text, gold_text = record["text"], actor["actorText"]
        start = text.find(gold_text)
        if start < 0:
            continue
        counts["located"] += 1
        m = mention_for(indexes[text], start, start + len(gold_text))
        code = m.code if m else None
        country_ok = bool(code) and code[:3] == actor["code"][:3]
        sector = gold_sector(actor)
        sector_ok = sector is None or our_sector(code) == sector
        counts["resolved"] += bool(code) and not code.startswith("---")
        counts["country"] += country_ok
        counts["with_sector"] += sector is not None
        counts["sector"] += sector is not None and sector_ok
        counts["both"] += country_ok and sector_ok
        if not (country_ok and sector_ok):
            errors.append({"text": gold_text, "gold": actor["code"] + (sector or ""), "ours": code,
                           "mention": m.text if m else None})
    located = counts["located"] or 1
    return {
        "gold": str(args.gold),
        **counts,
        "country_accuracy": round(counts["country"] / located, 4),
        "sector_accuracy": round(counts["sector"] / (counts["with_sector"] or 1), 4),
        "code_accuracy": round(counts["both"] / located, 4),
        "errors": errors[: args.errors],
    }


def report(result: dict[str, Any]) -> str:
    lines = [
        f"PLOVER gold actors: {result['actors']} ({result['located']} found in their sentence)",
        f"  coded (a country or IGO found):  {result['resolved']}",
        f"  country accuracy:                {result['country_accuracy']:.1%}",
        f"  sector accuracy (gold sector):   {result['sector_accuracy']:.1%}  of {result['with_sector']}",
        f"  country and sector both right:   {result['code_accuracy']:.1%}",
    ]
    if result["errors"]:
        lines.append("Some mistakes (gold text, gold code+sector, ours):")
        lines += [f"  {e['text']!r}: {e['gold']} vs {e['ours']} ({e['mention']!r})" for e in result["errors"]]
    return "\n".join(lines)
