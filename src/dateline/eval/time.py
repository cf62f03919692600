"""`dateline eval time`: TempEval-3 temporal-expression scores on TimeML files.

Measures as the TempEval-3 scorer defines them (UzZaman et al. 2013):
- strict extent: a system timex matches a gold one when the spans are equal;
- relaxed extent: when they overlap (each gold/system timex used once);
- type / value accuracy: share of relaxed matches whose attribute is equal;
- attribute F1 = attribute accuracy × relaxed F1 (precision and recall count
  matches with the right attribute over system and gold timexes).
Each document's creation time (the CREATION_TIME TIMEX3) is the reference
date, and the text is the ``<TEXT>`` element with its tags stripped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from dateline.cli.options import COUNT
from dateline.eval import SHARED
from dateline.eval.span_match import Counts
from dateline.eval.timeml import GoldTimex, iter_tml, read_tml

NAME = "time"
HELP = "temporal expressions against TimeML gold (TempEval-3 measures)"
DEFAULT_GOLD = SHARED / "gold/time/tempeval3/Training/TBAQ-cleaned"


def add_arguments(parser) -> None:
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="folder of .tml files (searched recursively)")
    parser.add_argument("--limit", type=COUNT, default=None, help="score only the first N documents")
    parser.add_argument("--errors", action="store_true", help="list misses, false alarms and wrong values")


@dataclass
class Tally:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0


def match(gold: list[GoldTimex], system: list[tuple[int, int, str, str]]) -> list[tuple[GoldTimex, tuple]]:
    """Pair gold and system timexes that overlap, each used at most once
    (exact span matches first, then the largest overlap)."""
    pairs, used = [], set()
    ranked = sorted(
        ((g, i) for g in gold for i, s in enumerate(system) if g.start < s[1] and s[0] < g.end),
        key=lambda p: (-(p[0].start == system[p[1]][0] and p[0].end == system[p[1]][1]),
                       -(min(p[0].end, system[p[1]][1]) - max(p[0].start, system[p[1]][0]))),
    )
    matched_gold = set()
    for g, i in ranked:
        if i in used or id(g) in matched_gold:
            continue
        used.add(i)
        matched_gold.add(id(g))
        pairs.append((g, system[i]))
    return pairs


def score_document(gold: list[GoldTimex], system: list[tuple[int, int, str, str]], tally: Tally) -> list[str]:
    """Add one document's counts to `tally`; return its error lines."""
    pairs = match(gold, system)
    tally.gold += len(gold)
    tally.system += len(system)
    tally.relaxed += len(pairs)
    errors = []
    for g, s in pairs:
        tally.strict += (g.start, g.end) == (s[0], s[1])
        tally.type_ok += g.type == s[2]
        tally.value_ok += g.value == s[3]
        if g.value != s[3]:
            errors.append(f"value gold={g.value} {g.type} system={s[3]} {s[2]}")
    return errors


def evaluate(args) -> dict:
    from dateline.analyse.nlp import load
    from dateline.code.time import recognise

    paths = list(iter_tml(args.gold))[: args.limit]
    docs, unreadable = [], []
    for path in paths:
        try:
            docs.append(read_tml(path))
        except (ET.ParseError, OSError, UnicodeDecodeError) as exc:
            unreadable.append(f"{path.name}: {exc}")
    nlp = load()
    tally, errors = Tally(), []
    for doc, parsed in zip(docs, nlp.pipe([d.text for d in docs], batch_size=16)):
        found = recognise(doc.text, doc.dct, parsed)
        system = [(t.spans[0][0], t.spans[0][1], t.type, t.value) for t in found]
        for line in score_document(doc.timexes, system, tally):
            errors.append(f"{doc.name}: {line}")
        if getattr(args, "errors", False):
            errors += _extent_errors(doc, system)
    result = summarise(tally, len(docs), errors if getattr(args, "errors", False) else None)
    result["unreadable"] = unreadable
    return result


def _extent_errors(doc, system) -> list[str]:
    lines = []
    for g in doc.timexes:
        if not any(g.start < s[1] and s[0] < g.end for s in system):
            lines.append(f"{doc.name}: miss {doc.text[g.start:g.end]!r} {g.type} {g.value}")
    for s in system:
        if not any(g.start < s[1] and s[0] < g.end for g in doc.timexes):
            lines.append(f"{doc.name}: false {doc.text[s[0]:s[1]]!r} {s[2]} {s[3]}")
    return lines


def summarise(tally: Tally, documents: int, errors: list[str] | None = None) -> dict:
    strict = Counts(tally.strict, tally.system, tally.gold)
    relaxed = Counts(tally.relaxed, tally.system, tally.gold)
    type_acc = tally.type_ok / tally.relaxed if tally.relaxed else 0.0
    value_acc = tally.value_ok / tally.relaxed if tally.relaxed else 0.0
    result = {
        "documents": documents,
        "gold": tally.gold,
        "system": tally.system,
        "strict_precision": strict.precision, "strict_recall": strict.recall, "strict_f1": strict.f1,
        "relaxed_precision": relaxed.precision, "relaxed_recall": relaxed.recall, "relaxed_f1": relaxed.f1,
        "type_accuracy": type_acc, "type_f1": type_acc * relaxed.f1,
        "value_accuracy": value_acc, "value_f1": value_acc * relaxed.f1,
    }
    if errors is not None:
        result["errors"] = errors
    return result


def report(result: dict) -> str:
    lines = [f"TempEval-3 timex scores over {result['documents']} documents "
             f"({result['gold']} gold, {result['system']} system timexes)"]
    for name in ("strict", "relaxed"):
        lines.append(f"  {name:8} extent  P {result[f'{name}_precision']:.3f}  R {result[f'{name}_recall']:.3f}"
                     f"  F1 {result[f'{name}_f1']:.3f}")
    lines.append(f"  type    accuracy {result['type_accuracy']:.3f}  F1 {result['type_f1']:.3f}")
    lines.append(f"  value   accuracy {result['value_accuracy']:.3f}  F1 {result['value_f1']:.3f}")
    lines += [f"  unreadable: {line}" for line in result.get("unreadable", [])]
    lines += result.get("errors", [])
    return "\n".join(lines)
