"""`dateline eval copies`: precision and recall of near-duplicate detection.

The labelled set is built from real texts:

1. originals: the PolNeAR article texts (train and dev) and the seed article;
2. copies made from them: every `--every`-th original gets one rewritten copy,
   cycling through the transformations of `dateline.eval.rewrites`
   (artefacts, synonyms, reorder, boilerplate, truncate, rewrite), each from
   another "site", with a fixed random seed;
3. copies that occur naturally in PolNeAR: `NATURAL_COPIES`, versions of one
   text published under two headlines (a day-later edition, an AP "The Latest"
   live blog updated during the day), found by an all-pairs scan when the set
   was built and checked by reading them.

Every article is linked in turn (as ingestion would), and the copy clusters
found are compared with the true ones pair by pair: a pair of articles in one
found cluster is a true positive when they are copies of one text.

This is a development set: the copy thresholds were set by looking at these
texts (dateline.link.duplicates), so its figures are not a held-out measurement.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from dateline.cli.options import COUNT, POSITIVE
from dateline.eval import ROOT, SHARED
from dateline.eval.rewrites import REWRITES, apply

NAME = "copies"
HELP = "precision/recall of near-duplicate (copy) detection on PolNeAR texts, the seed and rewritten copies"

POLNEAR = SHARED / "gold" / "quotes" / "polnear" / "data"
SEED = ROOT / "examples" / "tass-2022-02-12.txt"

NATURAL_COPIES = [
    ("wash-post_2015-12-22_as-spotlight-shines-on-trump-and", "wash-post_2015-12-23_as-spotlight-shines-on-trump-and"),
    ("wash-post_2015-12-12_misinformation-enters-mainstream", "wash-post_2015-12-13_misinformation-enters-mainstream"),
    ("nyt_2016-03-04_republicans-have-stake-in-a-deal", "nyt_2016-03-05_polls-suggest-possibility-of-dea"),
    ("nyt_2015-11-25_golf-courses-forced-to-reach-int", "nyt_2015-11-26_with-fewer-golfers-in-u-s-course"),
    ("usa-today_2016-04-06_sanders-says-he-s-riding-momentu", "usa-today_2016-04-06_sanders-winning-streak-continues"),
    ("nyt_2016-03-15_sanders-advances-agenda-via-side", "nyt_2016-03-16_via-legislative-side-doors-sande"),
    ("breitbart_2016-03-15_the-latest-kasich-scores-all-del", "breitbart_2016-03-15_the-latest-sanders-declares-revo"),
]


def add_arguments(parser) -> None:
    parser.add_argument(
        "--every", type=POSITIVE, default=2, help="make a rewritten copy of every N-th original (default 2)"
    )
    parser.add_argument("--limit", type=COUNT, default=0, help="use only the first N originals (0: all)")


def labelled_set(every: int = 2, limit: int = 0) -> list[dict]:
    """Articles in linking order, each with its true copy group and how it was made."""
    paths = sorted(POLNEAR.glob("*/text/*.txt"), key=lambda p: p.name) if POLNEAR.exists() else []
    originals = [(p.stem, p.read_text(encoding="utf-8"), p.name.split("_")[1]) for p in paths]
    originals.append(("tass-2022-02-12", SEED.read_text(encoding="utf-8"), "2022-02-12"))
    if limit:
        originals = originals[:limit]
    group = {name: name for name, _, _ in originals}
    for a, b in NATURAL_COPIES:
        if a in group and b in group:
            group[b] = group[a]
    items = [{"id": n, "text": t, "day": d, "group": group[n], "made": "original"} for n, t, d in originals]
    names = sorted(REWRITES)
    for i, (name, text, day) in enumerate(originals[::every]):
        how = names[i % len(names)]
        items.append({"id": f"{name}~{how}", "text": apply(how, text, seed=i), "day": day, "group": group[name], "made": how})
    return items


def _pairs(clusters: dict[str, list[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for members in clusters.values() for p in combinations(members, 2)}


def evaluate(args) -> dict:
    import duckdb

    from dateline.link import Linker
    from dateline.model import Article

    items = labelled_set(args.every, args.limit)
    linker = Linker(duckdb.connect(), {i["id"]: i["text"] for i in items}.get)
    for item in items:
        linker.link(Article(id=item["id"], origin=item["id"], content_hash=item["id"], text=item["text"],
                            published=item["day"], site=item["made"] + ".example"))
    found: dict[str, list[str]] = defaultdict(list)
    truth: dict[str, list[str]] = defaultdict(list)
    for item in items:
        found[linker.clusters.cluster(item["id"])].append(item["id"])
        truth[item["group"]].append(item["id"])
    predicted, gold = _pairs(found), _pairs(truth)
    made = {i["id"]: i["made"] for i in items}
    by_kind = {}
    for how in sorted({m for m in made.values() if m != "original"}):
        kind_pairs = {p for p in gold if how in (made[p[0]], made[p[1]])}
        by_kind[how] = {"pairs": len(kind_pairs), "recall": _ratio(len(kind_pairs & predicted), len(kind_pairs))}
    tp = len(predicted & gold)
    return {
        "articles": len(items),
        "true_pairs": len(gold),
        "found_pairs": len(predicted),
        "precision": _ratio(tp, len(predicted)),
        "recall": _ratio(tp, len(gold)),
        "recall_by_rewrite": by_kind,
        "false_pairs": sorted(predicted - gold)[:20],
        "missed_pairs": sorted(gold - predicted)[:20],
    }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 1.0


def report(result: dict) -> str:
    lines = [
        f"copy detection on {result['articles']} articles: {result['true_pairs']} true copy pairs, "
        f"{result['found_pairs']} found",
        f"precision {result['precision']:.4f}  recall {result['recall']:.4f}",
        "recall by rewrite:",
    ]
    lines += [f"  {k:12} {v['recall']:.4f}  ({v['pairs']} pairs)" for k, v in result["recall_by_rewrite"].items()]
    lines += [f"  false: {a}  ~  {b}" for a, b in result["false_pairs"]]
    lines += [f"  missed: {a}  ~  {b}" for a, b in result["missed_pairs"]]
    return "\n".join(lines)
