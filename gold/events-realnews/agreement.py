"""Agreement between the first annotation and the independent second pass (`second-pass.jsonl`).

Usage: python gold/events-realnews/agreement.py
Predicates of the two passes are paired by overlapping trigger spans; a predicate one annotator listed and the
other did not counts as ``NONE`` for the other. Reported: Cohen's kappa for event against ``NONE``; over the
predicates both call events, the share with the same CAMEO root and the same full code; over those with the same
root, the share with the same source and target country (first three letters of the first code) and full code.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from dateline.eval.realnews import SPLITS, read_labels

HERE = Path(__file__).parent


def overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def pairs(first, second):
    """(first predicate or None, second predicate or None) for every predicate of either pass."""
    out, used = [], set()
    for p in first:
        match = next((i for i, q in enumerate(second) if i not in used and overlaps(p.trigger, q.trigger)), None)
        if match is not None:
            used.add(match)
        out.append((p, second[match] if match is not None else None))
    out += [(None, q) for i, q in enumerate(second) if i not in used]
    return out


def is_event(p) -> bool:
    return p is not None and p.code != "NONE"


def kappa(table: Counter) -> float:
    n = sum(table.values())
    observed = (table[(True, True)] + table[(False, False)]) / n
    a = (table[(True, True)] + table[(True, False)]) / n
    b = (table[(True, True)] + table[(False, True)]) / n
    expected = a * b + (1 - a) * (1 - b)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def first_code(codes: str) -> str:
    return (codes or "").split(";")[0]


def measure() -> dict:
    first = {sid: preds for split in SPLITS for sid, _, preds in read_labels(HERE / f"{split}.jsonl")}
    table, roots, full = Counter(), Counter(), Counter()
    actors = Counter()
    disagreements = Counter()
    sentences = 0
    for sid, _, second in read_labels(HERE / "second-pass.jsonl"):
        if sid not in first:
            continue
        sentences += 1
        for p, q in pairs(first[sid], second):
            table[(is_event(p), is_event(q))] += 1
            if is_event(p) and is_event(q):
                roots[p.code[:2] == q.code[:2]] += 1
                full[p.code == q.code] += 1
                if p.code[:2] != q.code[:2]:
                    disagreements[f"{p.code[:2]} vs {q.code[:2]}"] += 1
                else:
                    for role in ("source_code", "target_code"):
                        a, b = first_code(getattr(p, role)), first_code(getattr(q, role))
                        actors["country_same"] += a[:3] == b[:3]
                        actors["full_same"] += a == b
                        actors["n"] += 1
    both = roots[True] + roots[False]
    return {
        "sentences": sentences,
        "predicates_paired": sum(table.values()),
        "event_in_both": table[(True, True)], "event_first_only": table[(True, False)],
        "event_second_only": table[(False, True)], "none_in_both": table[(False, False)],
        "kappa_event_vs_none": round(kappa(table), 3),
        "root_agreement": round(roots[True] / both, 3) if both else None,
        "full_code_agreement": round(full[True] / both, 3) if both else None,
        "actor_country_agreement": round(actors["country_same"] / actors["n"], 3) if actors["n"] else None,
        "actor_code_agreement": round(actors["full_same"] / actors["n"], 3) if actors["n"] else None,
        "root_disagreements": dict(disagreements.most_common(12)),
    }


if __name__ == "__main__":
    print(json.dumps(measure(), indent=1))
