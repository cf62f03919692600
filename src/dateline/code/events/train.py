"""Build the learned step's examples (`learned.EXAMPLES`) from labelled predicates.

Three sources, weighted by how much like news each is:
* the real-news gold's train split (weight 1): every annotated predicate, events and ``NONE`` alike, as the
  phrase `learned.predicate_phrase` makes of it in its parsed sentence;
* our trigger dictionary (`data/triggers.tsv`, weight 0.5): each pattern's words, ``---`` patterns as ``NONE``;
* the CAMEO code names (`data/cameo.tsv`, weight 0.3).
Dev and test are never read here.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from dateline.code.data_files import DATA_DIR
from dateline.code.events import learned
from dateline.code.events.embed import encode
from dateline.code.events.verbs import NO_EVENT

WEIGHTS = {"gold": 1.0, "dictionary": 0.5, "codebook": 0.3}


Example = tuple[str, str, str, str]
"""(phrase, word, code, id) of one labelled predicate."""


def gold_examples(directory: Path, shared: Path) -> tuple[list[Example], set[str]]:
    """(phrase, word, code, id) for every predicate of the train split, and the lemmas of event nouns."""
    from dateline.analyse.nlp import pipe_docs
    from dateline.eval.realnews import read_gold_set

    gold = read_gold_set(directory, "train", shared)
    out, nouns = [], set()
    for g, doc in zip(gold, pipe_docs([g.sentence.with_context for g in gold], batch_size=64)):
        offset = g.sentence.offset
        for p in g.predicates:
            span = doc.char_span(offset + p.trigger[0], offset + p.trigger[1], alignment_mode="expand")
            if span is None:
                continue
            token = span.root
            out.append((learned.predicate_phrase(token), learned.predicate_word(token), p.code,
                        f"realnews:{g.sentence.id}@{p.trigger[0]}-{p.trigger[1]}"))
            if token.pos_ == "NOUN" and p.code != learned.NONE:
                nouns.add(token.lemma_.lower())
    return out, nouns


def dictionary_examples() -> tuple[list[Example], set[str]]:
    out, nouns = [], set()
    path = DATA_DIR / "triggers.tsv"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, pattern, code, *_ = line.split("\t")
        words = pattern.replace("*", "").split()
        out.append((" ".join(words), words[0], learned.NONE if code == NO_EVENT else code, f"triggers.tsv:{number}"))
        if kind == "noun" and code != NO_EVENT:
            nouns.add(words[0])
    return out, nouns


def codebook_examples() -> list[Example]:
    with (DATA_DIR / "cameo.tsv").open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return [(name, name.split()[0].lower(), r["code"], f"cameo.tsv:{r['code']}")
                for r in rows for name in [r["name"].split(",")[0]]]


def build(directory: Path, shared: Path, out: Path = learned.EXAMPLES) -> dict[str, int]:
    gold, gold_nouns = gold_examples(directory, shared)
    dictionary, dict_nouns = dictionary_examples()
    codebook = codebook_examples()
    rows = [(*x, WEIGHTS["gold"]) for x in gold] + [(*x, WEIGHTS["dictionary"]) for x in dictionary] \
        + [(*x, WEIGHTS["codebook"]) for x in codebook]
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, vectors=encode([r[0] for r in rows]).astype(np.float16),
                        word_vectors=encode([r[1] for r in rows]).astype(np.float16),
                        codes=np.array([r[2] for r in rows]), ids=np.array([r[3] for r in rows]),
                        weights=np.array([r[4] for r in rows], dtype=np.float32),
                        nouns=np.array(sorted(gold_nouns | dict_nouns)))
    return {"gold": len(gold), "dictionary": len(dictionary), "codebook": len(codebook),
            "event_nouns": len(gold_nouns | dict_nouns)}


def cross_validate(path: Path = learned.EXAMPLES, ks=(5, 9, 15), thresholds=(0.4, 0.5, 0.6, 0.7)) -> list[dict]:
    """Leave-one-document-out on the train split's examples: each annotated predicate is voted on by every other
    example except those of its own document; root P/R/F1 over the annotated predicates, per k and threshold."""
    examples = learned.load_examples(path)
    gold = [i for i, x in enumerate(examples.ids) if x.startswith("realnews:")]
    docs = np.array([x.split("@")[0].rsplit(":", 1)[0] if x.startswith("realnews:") else "" for x in examples.ids])
    sims = learned.mix(examples.vectors[gold] @ examples.vectors.T,
                       examples.word_vectors[gold] @ examples.word_vectors.T)
    results = []
    for k in ks:
        votes = [learned.vote(sims[row], examples, k, exclude=(docs == docs[i]) & (docs != ""))
                 for row, i in enumerate(gold)]
        for threshold in thresholds:
            tp = n_pred = n_gold = 0
            for v, i in zip(votes, gold):
                code = examples.codes[i]
                predicted = v.code != learned.NONE and v.event >= threshold
                n_gold += code != learned.NONE
                n_pred += predicted
                tp += predicted and code != learned.NONE and v.code[:2] == code[:2]
            p, r = (tp / n_pred if n_pred else 0.0), (tp / n_gold if n_gold else 0.0)
            results.append({"k": k, "threshold": threshold, "precision": round(p, 3), "recall": round(r, 3),
                            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0})
    return results
