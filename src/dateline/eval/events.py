"""`dateline eval events`: event coding accuracy on PLOVER and PETRARCH gold records.

Each gold sentence is coded as a tiny article by the real pipeline (spaCy in
batches, then the coding components). Per record we compare:

* the event type: the gold record's first event against our most confident
  event (PLOVER 2.0 type for PLOVER gold; CAMEO root for PETRARCH gold), with
  ``NONE`` when there is none: accuracy, macro F1 over gold types, a confusion table;
* actors and triples use all our events for PETRARCH gold, and for PLOVER gold
  (one annotated event per sentence) our events of the record's type only,
  since the sentence's other events are not annotated;
* actors: the sets of source and target codes (micro F1), at country level
  (first three letters) and as full codes;
* triples: the sets of (source country, type, target country) (micro P/R/F1);
* "no event": of the records whose gold says no event, how many we leave empty;
* PETRARCH: the fraction of records whose set of (source, target, CAMEO code)
  triples is exactly the gold set.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

from dateline.cli.options import COUNT, PROBABILITY
from dateline.eval.event_gold import GoldRecord, read_gold
from dateline.eval.span_match import Counts
from dateline.model import Article, Event

NAME = "events"
HELP = "event coding accuracy on PLOVER gold JSON, PETRARCH validation XML or the real-news gold folder"
NONE = "NONE"


def add_arguments(parser) -> None:
    parser.add_argument("--gold", required=True, type=Path,
                        help="PLOVER gold JSON (plover-gsr), PETRARCH validation records XML, or the real-news "
                             "gold folder (gold/events-realnews/)")
    parser.add_argument("--learned", choices=("off", "uncoded", "all"), default="uncoded",
                        help="the learned event step: off, only in sentences the rules coded nothing in (default), "
                             "or on every predicate the rules left")
    parser.add_argument("--no-unnamed", action="store_true",
                        help="drop acts whose actors are unnamed or uncoded, as the coder did before (baseline)")
    parser.add_argument("--threshold", type=PROBABILITY, default=None,
                        help="keep events the verifier gives at least this probability (default: the model file's "
                             "own; 0 keeps all); --no-verifier codes without it")
    parser.add_argument("--no-verifier", action="store_true",
                        help="code without the verifier: every event, with the rule's confidence")
    parser.add_argument("--lowercase", action="store_true",
                        help="real-news gold: code a lower-cased copy of each sentence "
                             "(as archives that serve lower case)")
    parser.add_argument("--split", choices=("train", "dev", "test", "all"), default="dev",
                        help="real-news gold: which split to measure (default dev)")
    parser.add_argument("--shared", type=Path, default=Path("../shared"),
                        help="real-news gold: the folder whose texts the set points into (default ../shared)")
    parser.add_argument("--limit", type=COUNT, default=0, help="only the first N records (0: all)")
    parser.add_argument("--errors", action="store_true",
                        help="also list the records we code wrong: text, gold and our triples")


# ---- running the pipeline ---------------------------------------------------


def pipeline_config(kind: str, records: list[GoldRecord]) -> tuple[tuple[str, ...], dict[str, Any]]:
    """Components and config for a gold file: PETRARCH files bring their own verb,
    actor and agent dictionaries, used instead of ours."""
    if kind != "petrarch" or not records:
        return ("timexes", "actors", "events"), {}
    dicts = records[0].dictionaries
    if records[0].missing:
        print("dateline eval events: dictionaries named by the gold file are absent ("
              + ", ".join(records[0].missing) + "); coding with the built-in ones instead", file=sys.stderr)
    actor_files = [str(dicts[k]) for k in ("Actorfile", "Agentfile") if k in dicts]
    config = {
        "verb_dictionaries": [str(dicts["Verbfile"])] if "Verbfile" in dicts else [],
        "verb_dictionaries_only": "Verbfile" in dicts,
        "actor_dictionaries": actor_files,
        "discard_files": [str(dicts["Discardfile"])] if "Discardfile" in dicts else [],
        "actor_builtin": not actor_files,
        "unnamed_actors": False,
    }
    return ("actors", "events"), config


def run_config(args) -> dict[str, Any]:
    """The coder's switches the command line sets (the learned step's scope, unnamed actors, the verifier)."""
    config: dict[str, Any] = {"learned_events": getattr(args, "learned", "uncoded")}
    if getattr(args, "no_unnamed", False):
        config["unnamed_actors"] = False
    if getattr(args, "no_verifier", False):
        config["verify_events"] = False
    if getattr(args, "threshold", None) is not None:
        config["event_threshold"] = args.threshold
    return config


def code_records(kind: str, records: list[GoldRecord], switches: dict[str, Any] | None = None) -> list[list[Event]]:
    """Our events for each record, in order."""
    from dateline.pipeline import analyse

    components, config = pipeline_config(kind, records)
    config = {**(switches or {}), **config}
    articles = [Article(id=f"{i}:{r.id}", origin="gold", content_hash=str(i), text=r.text, published=r.date,
                        language="en")
                for i, r in enumerate(records)]
    for _ in analyse(articles, components=components, config=config, batch_size=64):
        pass  # coding fills each article's events in place; gold ids need not be unique
    return [a.events for a in articles]


# ---- metrics ------------------------------------------------------------------


def label(event: Event, kind: str) -> str | None:
    """The event's type on the gold's scale: PLOVER type, or CAMEO root for PETRARCH."""
    return event.cameo_root if kind == "petrarch" else event.plover


def gold_label(gold: GoldRecord, kind: str) -> str:
    if not gold.events:
        return NONE
    return gold.events[0].event[:2] if kind == "petrarch" else gold.events[0].event


def primary(events: list[Event], kind: str) -> str:
    """Our label for a record: the most confident event that has one."""
    labelled = [e for e in events if label(e, kind)]
    if not labelled:
        return NONE
    return label(max(labelled, key=lambda e: e.confidence), kind) or NONE


def country(code: str | None) -> str | None:
    return code[:3] if code else None


def set_counts(pairs: list[tuple[set, set]]) -> Counts:
    """Micro counts over per-record (predicted, gold) sets."""
    return Counts(sum(len(p & g) for p, g in pairs), sum(len(p) for p, _ in pairs), sum(len(g) for _, g in pairs))


def macro_f1(confusion: Counter) -> float:
    """Mean F1 over the gold labels (NONE included when the gold has it)."""
    labels = {g for g, _ in confusion}
    scores = []
    for lab in labels:
        tp = confusion[(lab, lab)]
        n_pred = sum(n for (_, p), n in confusion.items() if p == lab)
        n_gold = sum(n for (g, _), n in confusion.items() if g == lab)
        scores.append(Counts(tp, n_pred, n_gold).f1)
    return sum(scores) / len(scores) if scores else 0.0


def actor_sets(items, role: str, level) -> set:
    return {level(getattr(x, role)) for x in items if getattr(x, role)}


def actor_code(actor) -> str | None:
    return actor.code if actor is not None else None


def score(kind: str, records: list[GoldRecord], predictions: list[list[Event]]) -> dict[str, Any]:
    """All metrics for records and our events for them."""
    confusion: Counter = Counter()
    src, src_full, tgt, tgt_full, triples = [], [], [], [], []
    none_gold = none_right = exact = 0
    errors = []
    for gold, events in zip(records, predictions):
        confusion[(gold_label(gold, kind), primary(events, kind))] += 1
        main = primary(events, kind)
        ours = [_Triple(actor_code(e.source), label(e, kind), actor_code(e.target), e.cameo) for e in events
                if label(e, kind) and (kind == "petrarch" or label(e, kind) == main)]
        src.append((actor_sets(ours, "source", country), actor_sets(gold.events, "source", country)))
        tgt.append((actor_sets(ours, "target", country), actor_sets(gold.events, "target", country)))
        src_full.append((actor_sets(ours, "source", str), actor_sets(gold.events, "source", str)))
        tgt_full.append((actor_sets(ours, "target", str), actor_sets(gold.events, "target", str)))
        gold_type = (lambda g: g.event[:2]) if kind == "petrarch" else (lambda g: g.event)
        triples.append(({(country(t.source), t.event, country(t.target)) for t in ours},
                        {(country(g.source), gold_type(g), country(g.target)) for g in gold.events}))
        if not gold.events:
            none_gold += 1
            none_right += not ours
        if kind == "petrarch":
            gold_set = {(g.source, g.target, g.event) for g in gold.events}
            ours_set = {(t.source, t.target, t.cameo) for t in ours}
            right = ours_set == gold_set
            exact += right
        else:
            gold_set = {(g.source, g.event, g.target) for g in gold.events}
            ours_set = {(t.source, t.event, t.target) for t in ours}
            right = triples[-1][0] == triples[-1][1]
        if not right:
            errors.append({"id": gold.id, "text": gold.text, "gold": sorted(map(_show, gold_set)),
                           "ours": sorted(map(_show, ours_set))})
    triple = set_counts(triples)
    n = len(records)
    result: dict[str, Any] = {
        "gold_format": kind,
        "records": n,
        "event_accuracy": round(sum(v for (g, p), v in confusion.items() if g == p) / n, 4) if n else 0.0,
        "event_macro_f1": round(macro_f1(confusion), 4),
        "source_f1": round(set_counts(src).f1, 4),
        "target_f1": round(set_counts(tgt).f1, 4),
        "source_f1_full": round(set_counts(src_full).f1, 4),
        "target_f1_full": round(set_counts(tgt_full).f1, 4),
        "triple_precision": round(triple.precision, 4),
        "triple_recall": round(triple.recall, 4),
        "triple_f1": round(triple.f1, 4),
        "no_event_records": none_gold,
        "no_event_right": round(none_right / none_gold, 4) if none_gold else None,
        "confusion": {f"{g}>{p}": v for (g, p), v in sorted(confusion.items())},
    }
    result["errors"] = errors
    if kind == "petrarch":
        result["exact_records_fraction"] = round(exact / n, 4) if n else 0.0
    return result


def _show(triple: tuple) -> str:
    return " ".join(x or "-" for x in triple)


class _Triple:
    __slots__ = ("source", "event", "target", "cameo")

    def __init__(self, source, event, target, cameo):
        self.source, self.event, self.target, self.cameo = source, event, target, cameo


def evaluate(args) -> dict[str, Any]:
    from dateline.eval import events_realnews

    if events_realnews.is_realnews(args.gold):
        if not (args.shared / "gold").is_dir():
            raise SystemExit(f"dateline eval events: the real-news gold points into texts under {args.shared}/gold, "
                             "which is absent (pass --shared)")
        result = events_realnews.measure(args.gold, args.split, args.shared, args.limit, run_config(args),
                                         getattr(args, "lowercase", False))
        result["gold"] = str(args.gold)
        if not getattr(args, "errors", False):
            del result["errors"]
        return result
    if not args.gold.is_file():
        raise SystemExit(f"dateline eval events: no gold file at {args.gold}")
    kind, records = read_gold(args.gold)
    if args.limit:
        records = records[: args.limit]
    result = score(kind, records, code_records(kind, records, run_config(args)))
    result["gold"] = str(args.gold)
    if not getattr(args, "errors", False):
        del result["errors"]
    return result


# ---- report -------------------------------------------------------------------


def confusion_table(confusion: dict[str, int], top: int = 12) -> str:
    pairs = Counter({tuple(k.split(">", 1)): v for k, v in confusion.items()})
    gold_totals = Counter()
    for (g, _), v in pairs.items():
        gold_totals[g] += v
    labels = [g for g, _ in gold_totals.most_common(top)]
    cols = sorted({p for (_, p) in pairs} & (set(labels) | {NONE})) + ["other"]
    lines = ["gold \\ ours".ljust(12) + "".join(c[:9].rjust(10) for c in cols)]
    for g in labels:
        row = [pairs[(g, c)] for c in cols[:-1]]
        other = gold_totals[g] - sum(row)
        lines.append(g[:11].ljust(12) + "".join(str(v).rjust(10) for v in row + [other]))
    return "\n".join(lines)


def report(result: dict[str, Any]) -> str:
    if result["gold_format"] == "realnews":
        from dateline.eval.events_realnews import report as realnews_report

        lines = [f"events on {result['gold']} (real-news gold)", *realnews_report(result)]
        lines += ["", "confusion (rows gold, columns ours; most frequent gold roots)",
                  confusion_table(result["confusion"], top=22)]
        for e in result.get("errors", ()):
            lines += ["", f"[{e['id']}] {e['text']}", f"  gold: {'; '.join(e['gold']) or 'no event'}",
                      f"  ours: {'; '.join(e['ours']) or 'no event'}"]
        return "\n".join(lines)
    lines = [
        f"events on {result['gold']} ({result['gold_format']}, {result['records']} records)",
        f"  event type accuracy   {result['event_accuracy']:.3f}   macro F1 {result['event_macro_f1']:.3f}",
        f"  source F1 (country)   {result['source_f1']:.3f}   full code {result['source_f1_full']:.3f}",
        f"  target F1 (country)   {result['target_f1']:.3f}   full code {result['target_f1_full']:.3f}",
        f"  triples               P {result['triple_precision']:.3f}  R {result['triple_recall']:.3f}  "
        f"F1 {result['triple_f1']:.3f}",
    ]
    if result["no_event_records"]:
        lines.append(f"  'no event' right      {result['no_event_right']:.3f} of {result['no_event_records']} records")
    if "exact_records_fraction" in result:
        lines.append(f"  records exactly right {result['exact_records_fraction']:.3f}")
    lines += ["", "confusion (rows gold, columns ours; most frequent gold types)", confusion_table(result["confusion"])]
    for e in result.get("errors", ()):
        lines += ["", f"[{e['id']}] {e['text']}", f"  gold: {'; '.join(e['gold']) or 'no event'}",
                  f"  ours: {'; '.join(e['ours']) or 'no event'}"]
    return "\n".join(lines)
