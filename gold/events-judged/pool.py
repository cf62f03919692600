"""Draw the events to judge: the coder's own events, unverified, on news the real-news gold's dev and test and the
audits never read.

Documents (fixed seed): CoNLL-2003 train and PolNeAR train documents whose real-news split (the gold's hash of the
document id, `choose.split_of`) is train, and the pages of the MediaCloud date benchmark and of Mozilla
Readability's test pages (those not in English are skipped by the coder). Each is coded with every component and
the verifier off (`verify_events: false`), so the judged events span every confidence, and a fixed number of events
is drawn uniformly per corpus.

    python gold/events-judged/pool.py ../shared OUT_DIR [ROUND]

writes OUT_DIR/sample.txt (what a judge reads, as the audits print it), OUT_DIR/keys.jsonl (what `assemble.py`
joins the judgements to) and OUT_DIR/parts.json (which judge reads which events: parts of `PART` events, each judge
also reading the first `OVERLAP` of the next part). A later round draws more documents with its own seed and leaves
out every event an earlier round drew (`judgements.jsonl`). Only ids, hashes and offsets reach this folder; the
texts stay in ../shared.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "events-realnews"))
from choose import split_of  # noqa: E402

HERE = Path(__file__).parent
ROUNDS = {1: {"seed": 20261208, "documents": {"conll": 45, "polnear": 35},
              "events": {"conll": 130, "polnear": 130, "mediacloud": 170, "readability": 90}, "part": 104},
          2: {"seed": 20261209, "documents": {"conll": 250, "polnear": 150},
              "events": {"conll": 500, "polnear": 500, "mediacloud": 500, "readability": 300}, "part": 150}}
OVERLAP = 20


def documents(shared: Path, rng: random.Random, counts: dict[str, int]) -> list[str]:
    from dateline.eval.realnews import conll_documents

    conll = sorted(k for k in conll_documents(shared / "gold/ner/conll2003/train.txt")
                   if split_of(f"train/{k}") == "train")
    polnear = sorted(p.name for p in (shared / "gold/quotes/polnear/data/train/text").glob("*.txt")
                     if split_of(f"train/text/{p.name}") == "train")
    return ([f"conll:train/{k}" for k in sorted(rng.sample(conll, counts["conll"]), key=int)]
            + [f"polnear:train/text/{n}" for n in sorted(rng.sample(polnear, counts["polnear"]))]
            + [f"mediacloud:{p.name}" for p in sorted((shared / "gold/dates/htmldate-mediacloud/pages").glob("*.html"))]
            + [f"readability:{p.parent.name}"
               for p in sorted((shared / "gold/extraction/readability/test-pages").glob("*/source.html"))])


def main(shared: Path, out: Path, round_: int = 1) -> None:
    from dateline.code.events import cameo
    from dateline.eval.judged import coded, event_key, read_judgements

    spec = ROUNDS[round_]
    rng = random.Random(spec["seed"])
    earlier = {(j.doc, j.sentence, j.trigger[0]) for j in read_judgements(HERE / "judgements.jsonl")} \
        if round_ > 1 else set()
    events: dict[str, list[tuple]] = {c: [] for c in spec["events"]}
    for doc, article in coded(shared, documents(shared, rng, spec["documents"]), {"verify_events": False}):
        events[doc.split(":")[0]] += [(doc, article, e) for e in article.events
                                      if event_key(doc, e) and event_key(doc, e) not in earlier]
    drawn = [x for c, n in spec["events"].items() for x in rng.sample(events[c], min(n, len(events[c])))]
    rng.shuffle(drawn)
    out.mkdir(parents=True, exist_ok=True)
    starts = range(1, len(drawn) + 1, spec["part"])
    (out / "parts.json").write_text(json.dumps(
        {"round": round_, "overlap": OVERLAP,
         "parts": {chr(65 + k): [a, min(a + spec["part"] - 1, len(drawn))] for k, a in enumerate(starts)}}))
    with (out / "sample.txt").open("w") as txt, (out / "keys.jsonl").open("w") as keys:
        for n, (doc, article, e) in enumerate(drawn, 1):
            entry = cameo.lookup(e.cameo)
            txt.write(f"### {n}\narticle: {doc} | title: {article.title} | published: {article.published}\n"
                      f"sentence: {e.sentence}\ntrigger: {e.trigger!r}\n"
                      f"code: {e.cameo} {entry.name} (root {entry.root})\nsource: {_actor(e.source)}\n"
                      f"target: {_actor(e.target)}\nmodality: {list(e.modality) or ['asserted']}\n\n")
            _, sentence, start = event_key(doc, e)
            trigger = e.spans["trigger"]
            keys.write(json.dumps({"n": n, "round": round_, "doc": doc, "sentence": sentence,
                                   "trigger": [start, start + trigger[1] - trigger[0]], "code": e.cameo}) + "\n")
    print({c: len(v) for c, v in events.items()}, file=sys.stderr)


def _actor(actor) -> str:
    return "(none)" if actor is None else f"{actor.text!r} -> {actor.code or 'uncoded'}"


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 1)
