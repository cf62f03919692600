"""Judged events: the coder's own events on news from other sources, each judged by a person (`gold/events-judged`).

Unlike the real-news gold, which labels every predicate of a sentence, a judgement says of one coded event whether
its CAMEO root is right and, if not, which root (or none) its trigger should have. That is what the verifier needs
from the web's sport, market, product and campaign pages, which the gold's sentences barely cover. The texts stay
in ``../shared``: a judgement names its document, the hash of its sentence and the trigger's offsets in it, and
`coded` finds the event again by coding the document as `dateline ingest` does, with the verifier off.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.model import Article, Event, RawDocument


@dataclass(frozen=True)
class Judgement:
    doc: str
    sentence: str
    trigger: tuple[int, int]
    code: str
    right_root: str
    annotator: str


def sentence_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def read_judgements(path: Path) -> list[Judgement]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append(Judgement(d["doc"], d["sentence"], tuple(d["trigger"]), d["code"], d["right_root"],
                                 d.get("annotator", "")))
    return out


def raw_document(shared: Path, doc: str) -> RawDocument:
    """The document a ``corpus:id`` names: ``conll:train/12`` (its sentences, one a line), ``polnear:train/text/X.txt``,
    ``mediacloud:X.html`` (a page of the MediaCloud date benchmark), ``readability:NAME`` (a Readability test page)."""
    from dateline.eval.realnews import conll_documents
    from dateline.ingest import read_inputs
    from dateline.ingest.documents import text_document

    corpus, name = doc.split(":", 1)
    if corpus == "conll":
        split, key = name.split("/")
        sentences = conll_documents(shared / "gold/ner/conll2003" / f"{split}.txt")[key]
        return text_document(doc, "\n".join(sentences), "text", {})
    path = {"polnear": shared / "gold/quotes/polnear/data" / name,
            "mediacloud": shared / "gold/dates/htmldate-mediacloud/pages" / name,
            "readability": shared / "gold/extraction/readability/test-pages" / name / "source.html"}[corpus]
    return next(iter(read_inputs([path])))


def event_key(doc: str, event: Event) -> tuple[str, str, int] | None:
    """(document, sentence hash, trigger start in the sentence) of a coded event."""
    sentence, trigger = event.spans.get("sentence"), event.spans.get("trigger")
    if sentence is None or trigger is None:
        return None
    return doc, sentence_key(event.sentence), trigger[0] - sentence[0]


def coded(shared: Path, docs: list[str], config: dict[str, Any]) -> Iterator[tuple[str, Article]]:
    """Each document coded with every component under `config`, as ingest would, named by its id (the pipeline
    yields an article it does not code, e.g. not in English, before those it batches, so not in input order)."""
    from dateline.pipeline import process

    raws = [raw_document(shared, d) for d in docs]
    doc_of = {raw.origin: doc for raw, doc in zip(raws, docs)}
    for article in process(raws, config=config):
        yield doc_of[article.origin], article


def matched(judgements: list[Judgement], shared: Path, config: dict[str, Any]) \
        -> Iterator[tuple[str, Article, list[tuple[Event, bool]]]]:
    """Per judged document, its coded events at judged triggers, each with whether its root is the one the judge
    gave that trigger."""
    by_key = {(j.doc, j.sentence, j.trigger[0]): j for j in judgements}
    for doc, article in coded(shared, sorted({j.doc for j in judgements}), config):
        found = [(e, e.cameo_root == by_key[key].right_root) for e in article.events
                 for key in [event_key(doc, e)] if key in by_key]
        if found:
            yield doc, article, found
