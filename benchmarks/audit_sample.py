"""Draw events for a careful-reading audit: N events, uniformly, with a fixed seed, from a store.

    dateline ingest ../shared/gold/quotes/polnear/data/dev/text ../shared/gold/extraction/scrapinghub/html \
        --db audit.duckdb --components timexes,actors,events --no-link
    python benchmarks/audit_sample.py --db audit.duckdb --seed 20261207 -n 100 > sample.txt

Each event is printed with its article, sentence, trigger, code and name, actors (text -> code), modality,
confidence and rule: what a reader judges against the CAMEO codebook (brief: docs/annotation.md, "Audits").
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import duckdb


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("-n", type=int, default=100)
    args = parser.parse_args()
    from dateline.code.events import cameo

    con = duckdb.connect(str(args.db), read_only=True)
    rows = con.execute("""
        SELECT a.origin, a.title, a.published, e.sentence, e.trigger, e.cameo, e.source_text, e.source_code,
               e.target_text, e.target_code, e.modality, e.confidence, e.rule
        FROM events e JOIN articles a ON a.id = e.article_id ORDER BY e.article_id, e.seq""").fetchall()
    sample = random.Random(args.seed).sample(rows, min(args.n, len(rows)))
    print(f"# {len(sample)} of {len(rows)} events, seed {args.seed}", file=sys.stderr)
    for n, (origin, title, published, sentence, trigger, code, st, sc, tt, tc, modality, conf, rule) in \
            enumerate(sample, 1):
        entry = cameo.lookup(code)
        print(f"### {n}\narticle: {Path(origin).name} | title: {title} | published: {published}\n"
              f"sentence: {sentence}\ntrigger: {trigger!r}\ncode: {code} {entry.name} (root {entry.root})\n"
              f"source: {_actor(st, sc)}\ntarget: {_actor(tt, tc)}\nmodality: {list(modality or []) or ['asserted']}\n"
              f"confidence: {conf}\nrule: {rule}\n")
    return 0


def _actor(text: str | None, code: str | None) -> str:
    return "(none)" if not text else f"{text!r} -> {code or 'uncoded'}"


if __name__ == "__main__":
    sys.exit(main())
