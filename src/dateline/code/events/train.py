"""Build the learned step's examples (`learned.EXAMPLES`) from labelled predicates, and fit the verifier
(`build_verifier`) on the coder's own events on the train split and on the judged events.

Three sources, weighted by how much like news each is:
* the real-news gold's train split (weight 1): every annotated predicate, events and ``NONE`` alike, as the
  phrase `learned.predicate_phrase` makes of it in its parsed sentence;
* our trigger dictionary (`data/triggers.tsv`, weight 0.5): each pattern's words, ``---`` patterns as ``NONE``;
* the CAMEO code names (`data/cameo.tsv`, weight 0.3).
Dev and test are never read here.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import numpy as np

from dateline.code.data_files import DATA_DIR
from dateline.code.events import learned
from dateline.code.events.embed import encode
from dateline.code.events.verbs import NO_EVENT
from dateline.eval.span_match import f1

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
                            "f1": round(f1(p, r), 3)})
    return results


FOLDS = 5
CURVE = (0.2, 0.25, 0.35, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8)
"""Thresholds at which `build_verifier` reports what keeping only the events above would buy."""
VERIFIER_C = 0.3
"""Inverse regularisation of the verifier: its features outnumber the train split's events, so it is strong."""


def document_of(sentence_id: str) -> str:
    """``corpus:doc`` of a ``corpus:doc:index`` sentence id."""
    return sentence_id.rsplit(":", 1)[0]


def fold_of(document: str) -> int:
    return int(hashlib.md5(document.encode("utf-8")).hexdigest(), 16) % FOLDS


def examples_without(examples: learned.Examples, fold: int) -> dict[str, np.ndarray]:
    """The arrays of an examples file less the gold examples of one fold's documents."""
    keep = np.array([not (i.startswith("realnews:") and fold_of(document_of(i.split(":", 1)[1].split("@")[0]))
                          == fold) for i in examples.ids])
    return {"vectors": examples.vectors[keep], "word_vectors": examples.word_vectors[keep],
            "codes": np.array(examples.codes)[keep], "ids": np.array(examples.ids)[keep],
            "weights": examples.weights[keep], "nouns": np.array(sorted(examples.nouns))}


def coded_train_events(directory: Path, shared: Path) -> tuple[np.ndarray, np.ndarray, list[str], int]:
    """The coder's events on the train split, the most confident per trigger, unverified: each fold coded with
    the learned step's examples of its own documents left out. Returns the verifier's features of each event,
    whether its root is right, its document, and the number of gold events."""
    import tempfile

    from dateline.analyse.nlp import pipe_docs
    from dateline.code.events import domains, verify
    from dateline.eval.events_realnews import code_sentences, judged
    from dateline.eval.realnews import read_gold_set

    gold = read_gold_set(directory, "train", shared)
    examples = learned.load_examples()
    rows, right, documents = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for fold in range(FOLDS):
            part = [g for g in gold if fold_of(document_of(g.sentence.id)) == fold]
            path = Path(tmp) / f"fold{fold}.npz"
            np.savez(path, **examples_without(examples, fold))
            config = {"verify_events": False, "learned_examples": str(path)}
            docs = pipe_docs([g.sentence.with_context for g in part], batch_size=64)
            for g, found, doc in zip(part, code_sentences(part, config=config), docs):
                pairs = [(evs[0], ok) for _, evs, _, ok in judged(g, found)]
                if pairs:
                    events = [e for e, _ in pairs]
                    rows.append(verify.features(events, [verify.trigger_head(e, doc) for e in events],
                                                domains.lead(None, g.sentence.with_context)))
                    right += [ok for _, ok in pairs]
                    documents += [document_of(g.sentence.id)] * len(pairs)
    gold_events = sum(p.code != learned.NONE for g in gold for p in g.predicates)
    return np.vstack(rows), np.array(right), documents, gold_events


def judged_events(path: Path, shared: Path) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The coder's events at the triggers judged in `path` (`dateline.eval.judged`), unverified: their features,
    whether each root is the judged one, and their documents."""
    from dateline.analyse.nlp import pipe_docs
    from dateline.code.events import domains, verify
    from dateline.eval.judged import matched, read_judgements

    coded = list(matched(read_judgements(path), shared, {"verify_events": False}))
    rows, right, documents = [], [], []
    for (doc_id, article, found), doc in zip(coded, pipe_docs([a.text for _, a, _ in coded], batch_size=16)):
        events = [e for e, _ in found]
        rows.append(verify.features(events, [verify.trigger_head(e, doc) for e in events],
                                    domains.lead(article.title, article.text)))
        right += [ok for _, ok in found]
        documents += [doc_id] * len(found)
    return np.vstack(rows), np.array(right), documents


def precision_recall(right: np.ndarray, keep: np.ndarray, gold_events: int) -> tuple[float, float]:
    """Root precision and recall if only `keep` were coded (a right event matches one gold event)."""
    kept = int(keep.sum())
    return (float((right & keep).sum()) / kept if kept else 0.0), float((right & keep).sum()) / gold_events


def held_out_probabilities(model, x: np.ndarray, right: np.ndarray, documents: np.ndarray) -> np.ndarray:
    """Each event's probability from a model fitted on the other folds' documents, its neighbour features
    (`verify.neighbour_shares`) voted by those folds' events alone; within a fold's training rows, by the events
    of other documents, as in the final fit."""
    from sklearn.model_selection import GroupKFold

    from dateline.code.events import verify

    held_out = np.zeros(len(right))
    for fit, out in GroupKFold(FOLDS).split(x, right, documents):
        bank = verify.Bank.of(x[fit], right[fit])
        model.fit(verify.with_neighbours(x[fit], bank, documents[fit], documents[fit]), right[fit])
        held_out[out] = model.predict_proba(verify.with_neighbours(x[out], bank))[:, 1]
    return held_out


def build_verifier(directory: Path, shared: Path, out: Path | None = None, judged: Path | None = None) \
        -> dict[str, float]:
    """Fit the verifier (`verify.MODEL`) on the train split and the judged events, and choose its threshold by
    cross-validation: root F1 on the train split (the judged events have no recall to measure); the judged
    events' precision at that threshold is reported beside it."""
    from sklearn.linear_model import LogisticRegression

    from dateline.code.events import verify

    x, right, documents, gold_events = coded_train_events(directory, shared)
    n_gold = len(right)
    if judged is not None and judged.is_file():
        jx, jright, jdocs = judged_events(judged, shared)
        x, right, documents = np.vstack([x, jx]), np.concatenate([right, jright]), documents + jdocs
    documents = np.array(documents)
    model = LogisticRegression(C=VERIFIER_C, max_iter=5000)
    held_out = held_out_probabilities(model, x, right, documents)
    gold_right, gold_held = right[:n_gold], held_out[:n_gold]
    threshold = max(np.arange(0.2, 0.71, 0.05),
                    key=lambda t: f1(*precision_recall(gold_right, gold_held >= t, gold_events)))
    bank = verify.Bank.of(x, right)
    model.fit(verify.with_neighbours(x, bank, documents, documents), right)
    p, r = precision_recall(gold_right, gold_held >= threshold, gold_events)
    p0, r0 = precision_recall(gold_right, np.ones_like(gold_right), gold_events)
    judged_right, judged_kept = right[n_gold:], held_out[n_gold:] >= threshold

    def cut_figures(t: float) -> tuple[float, float, float]:
        """Cross-validated train-split root P and R, and judged events' precision, keeping events from `t` up."""
        kept = held_out[n_gold:] >= t
        return (*(round(x, 3) for x in precision_recall(gold_right, gold_held >= t, gold_events)),
                round(float(judged_right[kept].mean()), 3) if kept.any() else 0.0)
    verify.save(out or verify.MODEL, model.coef_[0], float(model.intercept_[0]), round(float(threshold), 2), bank)
    return {"events": n_gold, "right": int(gold_right.sum()), "judged_events": len(judged_right),
            "judged_right": int(judged_right.sum()), "threshold": round(float(threshold), 2),
            "cv_precision_before": round(p0, 3), "cv_recall_before": round(r0, 3),
            "cv_precision": round(p, 3), "cv_recall": round(r, 3),
            "judged_precision_before": round(float(judged_right.mean()), 3) if len(judged_right) else None,
            "judged_precision": round(float(judged_right[judged_kept].mean()), 3) if judged_kept.any() else None,
            "judged_kept": int(judged_kept.sum()),
            "curve": ";".join(f"{t:.2f}:{'/'.join(map(str, cut_figures(t)))}" for t in CURVE)}
