"""Event coding measured on the real-news gold (`gold/events-realnews/`), predicate by predicate.

Each sentence is coded with its two context sentences before it, as part of a small article dated as its
document; only events whose trigger lies in the sentence count. A system predicate is one trigger span (events
fanned out over several actors from one trigger count once, with the code of the most confident). Per root:

* a system predicate is right when its trigger overlaps a gold predicate of the same CAMEO root (or is chained
  to it: "pledged to send", see `chained`); a gold predicate is found when such a system predicate matches it.
  P/R/F1 per root and micro over all roots;
* detection: the same, ignoring the code (event or not);
* full-code accuracy, modality accuracy and actor accuracy over the predicates found with the right root;
* triples: per sentence, the sets of (source country, root, target country), coordinated actors expanded;
* the confusion table: gold root or ``NONE`` (a predicate annotated as no event) or ``-`` (a span the
  annotators did not list) against ours.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from dateline.code.events.calibration import reliability
from dateline.eval.events import actor_code
from dateline.eval.realnews import GoldSentence, Predicate, read_gold_set
from dateline.eval.span_match import Counts, f1
from dateline.model import Article, Event

NONE, UNLISTED = "NONE", "-"
MODALITIES = ("negated", "hypothetical", "future", "background")
"""Our modality flags in the gold's order of precedence; an event with none is asserted. `historical` is our
name for background."""


def code_sentences(gold: list[GoldSentence], components=("timexes", "actors", "events"),
                   config: dict | None = None, lowercase: bool = False) -> list[list[tuple[Event, tuple[int, int]]]]:
    """Our events in each sentence, each with its trigger span in sentence offsets; with `lowercase`, coded from a
    lower-cased copy (as some archives serve text), the offsets unchanged."""
    from dateline.pipeline import analyse

    articles = [Article(id=f"{i}:{g.sentence.id}", origin="gold", content_hash=str(i),
                        text=g.sentence.with_context.lower() if lowercase else g.sentence.with_context,
                        published=g.sentence.date, language="en")
                for i, g in enumerate(gold)]
    offsets = [g.sentence.offset for g in gold]
    for _ in analyse(articles, components=components, config=config or {}, batch_size=64):
        pass
    out = []
    for article, offset in zip(articles, offsets):
        if article.status == "error":
            raise RuntimeError(f"{article.id}: {article.error}")
        events = []
        for e in article.events:
            span = e.spans.get("trigger")
            if span and span[0] >= offset:
                events.append((e, (span[0] - offset, span[1] - offset)))
        out.append(events)
    return out


def overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return bool(a and b) and a[0] < b[1] and b[0] < a[1]


CHAIN_WORDS = {"to", "not", "n't", "that", "be", "been", "will", "would", "also", "formally", "immediately"}
"""Words that may stand between a verb of intent, appeal or threat and the act it names ("pledged to send",
"threatened not to renew"): CAMEO codes the pair as one act, and annotators and coders may put the code on either
word (docs/annotation.md, "Matching")."""


def chained(a: tuple[int, int], b: tuple[int, int], text: str) -> bool:
    """Whether two triggers are one verb chain: only `CHAIN_WORDS` (at most three) stand between them."""
    lo, hi = (a, b) if a[0] <= b[0] else (b, a)
    gap = text[lo[1]:hi[0]].split()
    return lo[1] <= hi[0] and len(gap) <= 3 and all(w.lower() in CHAIN_WORDS for w in gap)


def matches(ours: tuple[int, int], gold: Predicate, text: str) -> bool:
    return overlaps(ours, gold.trigger) or (gold.code != NONE and chained(ours, gold.trigger, text))


def modality_of(event: Event) -> str:
    flags = {"historical" if m == "background" else m for m in event.modality}
    for name in MODALITIES:
        if name in flags or (name == "background" and "historical" in flags):
            return name
    return "asserted"


def predicates_of(events: list[tuple[Event, tuple[int, int]]]) -> list[tuple[tuple[int, int], list[Event]]]:
    """Our events grouped by trigger span, most confident first."""
    groups: dict[tuple[int, int], list[Event]] = {}
    for e, span in events:
        groups.setdefault(span, []).append(e)
    return [(span, sorted(evs, key=lambda e: -e.confidence)) for span, evs in sorted(groups.items())]


def _countries(codes: str | None) -> set[str | None]:
    parts = [c[:3] for c in (codes or "").split(";") if c]
    return set(parts) or {None}


def _triples(source: str | None, root: str, target: str | None) -> set[tuple]:
    return {(s, root, t) for s in _countries(source) for t in _countries(target)}


def _actor_right(ours: str | None, gold: str) -> tuple[bool, bool]:
    """(full code right, country right) for one side; an absent gold code wants no code from us."""
    golds = [g for g in gold.split(";") if g]
    if not golds:
        return ours is None, ours is None
    return ours in golds, bool(ours) and ours[:3] in {g[:3] for g in golds}


def judged(g: GoldSentence, events: list[tuple[Event, tuple[int, int]]]):
    """Each of our predicates in a sentence as (span, its events, the gold predicates it matches, root right)."""
    for span, evs in predicates_of(events):
        hits = [p for p in g.predicates if matches(span, p, g.sentence.text)]
        yield span, evs, hits, any(p.code != NONE and p.code[:2] == evs[0].cameo_root for p in hits)


def outcomes(gold: list[GoldSentence], predictions) -> list[tuple[float, bool]]:
    """(confidence, root right) for each of our predicates: what calibration is fitted and checked on."""
    return [(evs[0].confidence, right) for g, events in zip(gold, predictions)
            for _, evs, _, right in judged(g, events)]


def score(gold: list[GoldSentence], predictions: list[list[tuple[Event, tuple[int, int]]]]) -> dict[str, Any]:
    per_root: dict[str, Counter] = {}
    detection, confusion = Counter(), Counter()
    full = modality = actors_full = actors_country = matched = 0
    triples, errors, outcome = [], [], []

    def bump(root: str, key: str) -> None:
        per_root.setdefault(root, Counter())[key] += 1

    for g, events in zip(gold, predictions):
        positives = [p for p in g.predicates if p.code != NONE]
        ours = predicates_of(events)
        for span, evs, hits, right in judged(g, events):
            root = evs[0].cameo_root
            detection["pred"] += 1
            detection["tp_pred"] += any(p.code != NONE for p in hits)
            bump(root, "pred")
            if right:
                bump(root, "tp_pred")
            outcome.append((evs[0].confidence, right))
            if not any(overlaps(span, p.trigger) for p in g.predicates):
                confusion[(UNLISTED, root)] += 1
        for p in g.predicates:
            hit = [(span, evs) for span, evs in ours if matches(span, p, g.sentence.text)]
            ours_root = hit[0][1][0].cameo_root if hit else NONE
            confusion[(p.code[:2] if p.code != NONE else NONE, ours_root)] += 1
            if p.code == NONE:
                continue
            detection["gold"] += 1
            detection["tp_gold"] += bool(hit)
            bump(p.code[:2], "gold")
            right = [evs for _, evs in hit if evs[0].cameo_root == p.code[:2]]
            if not right:
                continue
            bump(p.code[:2], "tp_gold")
            event = right[0][0]
            matched += 1
            full += event.cameo == p.code
            modality += modality_of(event) == p.modality
            for ours_code, gold_code in ((actor_code(event.source), p.source_code),
                                         (actor_code(event.target), p.target_code)):
                f, c = _actor_right(ours_code, gold_code)
                actors_full += f
                actors_country += c
        ours_t = set().union(*(_triples(actor_code(e.source), e.cameo_root, actor_code(e.target))
                               for e, _ in events)) \
            if events else set()
        gold_t = set().union(*(_triples(p.source_code, p.code[:2], p.target_code) for p in positives)) \
            if positives else set()
        triples.append((ours_t, gold_t))
        if ours_t != gold_t:
            errors.append({"id": g.sentence.id, "text": g.sentence.text,
                           "gold": sorted(map(_show, gold_t)), "ours": sorted(map(_show, ours_t))})
    roots = {}
    for root in sorted(per_root):
        c = per_root[root]
        p = c["tp_pred"] / c["pred"] if c["pred"] else 0.0
        r = c["tp_gold"] / c["gold"] if c["gold"] else 0.0
        roots[root] = {"gold": c["gold"], "ours": c["pred"], "precision": round(p, 4), "recall": round(r, 4),
                       "f1": round(f1(p, r), 4)}
    tp_p = sum(c["tp_pred"] for c in per_root.values())
    tp_g = sum(c["tp_gold"] for c in per_root.values())
    n_p = sum(c["pred"] for c in per_root.values())
    n_g = sum(c["gold"] for c in per_root.values())
    root_p, root_r = (tp_p / n_p if n_p else 0.0), (tp_g / n_g if n_g else 0.0)
    det_p = detection["tp_pred"] / detection["pred"] if detection["pred"] else 0.0
    det_r = detection["tp_gold"] / detection["gold"] if detection["gold"] else 0.0
    tri = Counts(sum(len(o & g) for o, g in triples), sum(len(o) for o, _ in triples), sum(len(g) for _, g in triples))
    return {
        "gold_format": "realnews",
        "sentences": len(gold),
        "gold_predicates": sum(len(g.predicates) for g in gold),
        "gold_events": n_g,
        "our_events": n_p,
        "root_precision": round(root_p, 4),
        "root_recall": round(root_r, 4),
        "root_f1": round(f1(root_p, root_r), 4),
        "detection_precision": round(det_p, 4),
        "detection_recall": round(det_r, 4),
        "detection_f1": round(f1(det_p, det_r), 4),
        "full_code_accuracy": round(full / matched, 4) if matched else 0.0,
        "modality_accuracy": round(modality / matched, 4) if matched else 0.0,
        "actor_code_accuracy": round(actors_full / (2 * matched), 4) if matched else 0.0,
        "actor_country_accuracy": round(actors_country / (2 * matched), 4) if matched else 0.0,
        "triple_precision": round(tri.precision, 4),
        "triple_recall": round(tri.recall, 4),
        "triple_f1": round(tri.f1, 4),
        "roots": roots,
        "reliability": (rel := reliability(outcome))[0],
        "expected_calibration_error": rel[1],
        "confusion": {f"{g}>{p}": v for (g, p), v in sorted(confusion.items())},
        "errors": errors,
    }


def _show(triple: tuple) -> str:
    return " ".join(x or "-" for x in triple)


def measure(directory: Path, split: str, shared: Path, limit: int = 0, config: dict | None = None,
            lowercase: bool = False) -> dict[str, Any]:
    gold = read_gold_set(directory, split, shared)
    if limit:
        gold = gold[:limit]
    result = score(gold, code_sentences(gold, config=config, lowercase=lowercase))
    result["split"] = split
    return result


def report(result: dict[str, Any]) -> list[str]:
    lines = [
        f"  split                 {result['split']}: {result['sentences']} sentences, "
        f"{result['gold_predicates']} predicates, {result['gold_events']} events",
        f"  root (predicate)      P {result['root_precision']:.3f}  R {result['root_recall']:.3f}  "
        f"F1 {result['root_f1']:.3f}   ({result['our_events']} ours)",
        f"  event or not          P {result['detection_precision']:.3f}  R {result['detection_recall']:.3f}  "
        f"F1 {result['detection_f1']:.3f}",
        f"  triples               P {result['triple_precision']:.3f}  R {result['triple_recall']:.3f}  "
        f"F1 {result['triple_f1']:.3f}",
        f"  on right roots        full code {result['full_code_accuracy']:.3f}  modality "
        f"{result['modality_accuracy']:.3f}  actor code {result['actor_code_accuracy']:.3f}  "
        f"actor country {result['actor_country_accuracy']:.3f}",
        f"  calibration           expected calibration error {result['expected_calibration_error']:.3f}",
        "  confidence  events  mean  share right",
        *(f"  {r['bin']:>9} {r['events']:>7}  {r['mean_confidence']:.2f}  {r['share_right']:.2f}"
          for r in result["reliability"]),
        "", "  root   gold  ours     P      R     F1",
    ]
    for root, r in result["roots"].items():
        lines.append(f"  {root:>4} {r['gold']:>6} {r['ours']:>5}  "
                     f"{r['precision']:.3f}  {r['recall']:.3f}  {r['f1']:.3f}")
    return lines


def is_realnews(path: Path) -> bool:
    return path.is_dir() and (path / "sentences.tsv").is_file()

