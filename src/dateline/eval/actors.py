"""`dateline eval actors`: actor-code accuracy on the PLOVER gold-standard records.

Each record gives a sentence and its source/target actors as text plus an ISO
code and (often) a sector. For each gold actor we find its text in the
sentence, take our mention covering it, and score the country part (first
three letters: ISO-3, or IGO/NGO) and, where gold has one, the sector (the
role after the country: GOV, MIL, REB ...). The records' dates are all the
placeholder 2000-01-01, so codes are chosen as for an undated article.

With ``--petrarch RECORDS.xml`` it also measures actor recall on the PETRARCH
validation records (fictional actors, coded with the dictionaries the records
name, without our built-in ones): the share of expected source/target codes
that some mention of the sentence carries, at the record's date.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from dateline.cli.options import COUNT
from dateline.eval import SHARED

NAME = "actors"
HELP = "actor-code accuracy (country and sector) on the PLOVER gold records"
SHARED_EVENTS = SHARED / "gold" / "events"
DEFAULT_GOLD = SHARED_EVENTS / "plover-gsr" / "PLOVER_GSR_CAMEO.dev.json"
DEFAULT_PETRARCH = SHARED_EVENTS / "universalpetrarch-validate" / "PETR_Validate_records_2_02.xml"


def add_arguments(parser) -> None:
    parser.add_argument("--gold", default=str(DEFAULT_GOLD), help="PLOVER GSR JSON file (default: %(default)s)")
    parser.add_argument("--limit", type=COUNT, default=0, help="only the first N records (0: all)")
    parser.add_argument("--errors", type=COUNT, default=10, help="how many mistakes to list in the report")
    parser.add_argument("--petrarch", nargs="?", const=str(DEFAULT_PETRARCH), default=None,
                        help="also measure actor recall on PETRARCH validation records (default file: %(const)s)")


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


def gold_sector(actor: dict[str, Any]) -> str | None:
    sector = (actor.get("sector") or "")[:3].upper()
    from dateline.code.actors.index import ROLES

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
    from dateline.code.actors.dictionary import builtin_dictionary
    from dateline.code.actors.index import first_role
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
        sector_ok = sector is None or first_role(code) == sector
        counts["resolved"] += bool(code) and not code.startswith("---")
        counts["country"] += country_ok
        counts["with_sector"] += sector is not None
        counts["sector"] += sector is not None and sector_ok
        counts["both"] += country_ok and sector_ok
        if not (country_ok and sector_ok):
            errors.append({"text": gold_text, "gold": actor["code"] + (sector or ""), "ours": code,
                           "mention": m.text if m else None})
    located = counts["located"] or 1
    result = {
        "gold": str(args.gold),
        **counts,
        "country_accuracy": round(counts["country"] / located, 4),
        "sector_accuracy": round(counts["sector"] / (counts["with_sector"] or 1), 4),
        "code_accuracy": round(counts["both"] / located, 4),
        "errors": errors[: args.errors],
    }
    if args.petrarch:
        result["petrarch"] = petrarch_recall(Path(args.petrarch), args.limit)
    return result


_ATTR = re.compile(r'(\w+)="([^"]*)"')
_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.S)


def petrarch_records(path: Path) -> tuple[list[Path], list[dict[str, Any]]]:
    """The dictionaries a PETRARCH records file names, and its evaluated sentences.

    Read with regular expressions, not an XML parser: the files in the wild have
    "--" and nested markers inside comments, which XML parsers reject.
    """
    text = path.read_text(encoding="utf-8", errors="replace")
    files = [re.search(rf"<{tag}>\s*([^<\s]+)\s*</{tag}>", text) for tag in ("Actorfile", "Agentfile")]
    dicts = [path.parent / m.group(1) for m in files if m]
    records = []
    for attrs, body in _SENTENCE.findall(re.sub(r"<!--.*?-->", "", text, flags=re.S)):
        a = dict(_ATTR.findall(attrs))
        if a.get("evaluate", a.get("sentence", "true")) != "true":
            continue
        codes = {c for ev in re.findall(r"<EventCoding\b([^>]*)>", body) for k, c in _ATTR.findall(ev)
                 if k in ("sourcecode", "targetcode") and c and not c.startswith("---")}
        m = re.search(r"<Text>(.*?)</Text>", body, re.S)
        sentence = " ".join(m.group(1).split()) if m else ""
        d = a.get("date", "")
        if sentence and codes:
            records.append({"id": a.get("id"), "text": sentence, "codes": codes,
                            "date": f"{d[:4]}-{d[4:6]}-{d[6:8]}" if len(d) == 8 else None})
    return [p for p in dicts if p.is_file()], records


def petrarch_recall(path: Path, limit: int = 0) -> dict[str, Any]:
    from dateline.analyse.nlp import load
    from dateline.code.actors.dictionary import load_actor_dictionaries
    from dateline.code.actors import resolve

    try:
        dicts, records = petrarch_records(path)
    except OSError as exc:
        return {"records": str(path), "error": f"{type(exc).__name__}: {exc}"}
    records = records[:limit] if limit else records
    dictionary = load_actor_dictionaries(dicts, builtin=False)
    expected = found = 0
    for record, doc in zip(records, load().pipe([r["text"] for r in records])):
        ours = {m.code for m in resolve(doc, dictionary, record["date"])}
        expected += len(record["codes"])
        found += len(record["codes"] & ours)
    return {"records": str(path), "sentences": len(records), "expected_codes": expected, "found": found,
            "recall": round(found / (expected or 1), 4)}


def report(result: dict[str, Any]) -> str:
    lines = [
        f"PLOVER gold actors: {result['actors']} ({result['located']} found in their sentence)",
        f"  coded (a country or IGO found):  {result['resolved']}",
        f"  country accuracy:                {result['country_accuracy']:.1%}",
        f"  sector accuracy (gold sector):   {result['sector_accuracy']:.1%}  of {result['with_sector']}",
        f"  country and sector both right:   {result['code_accuracy']:.1%}",
    ]
    if "petrarch" in result:
        p = result["petrarch"]
        if "error" in p:
            lines.append(f"PETRARCH validation: cannot read {p['records']}: {p['error']}")
        else:
            lines.append(f"PETRARCH validation ({p['sentences']} sentences): expected actor codes found "
                         f"{p['found']}/{p['expected_codes']} = {p['recall']:.1%}")
    if result["errors"]:
        lines.append("Some mistakes (gold text, gold code+sector, ours):")
        lines += [f"  {e['text']!r}: {e['gold']} vs {e['ours']} ({e['mention']!r})" for e in result["errors"]]
    return "\n".join(lines)
