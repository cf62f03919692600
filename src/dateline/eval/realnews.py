"""The real-news event gold (`gold/events-realnews/`): sentences kept as ids and offsets into the texts in
`../shared/gold`, labels kept beside them.

The texts (Reuters via CoNLL-2003, AP/NYT/Xinhua via TBAQ, US political news via PolNeAR) may not be
redistributed, so the set stores where each sentence is, and this module cuts it out again. A sentence's
``context`` is the two sentences before it in its document: annotators read it, and the coder runs on it so
that pronouns and titles resolve as they would in a whole article.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from dateline.eval.timeml import read_tml

CONTEXT_SENTENCES = 2


@dataclass(frozen=True)
class Sentence:
    """One sentence of a source document: ``id`` is ``corpus:doc:index``; text is rebuilt from ``shared``."""

    id: str
    corpus: str
    doc: str
    index: int
    text: str
    context: str
    date: str | None

    @property
    def offset(self) -> int:
        """Where the sentence starts in `with_context`."""
        return len(self.context) + 2 if self.context else 0

    @property
    def with_context(self) -> str:
        """The text a coder is given: the context sentences, a paragraph break, the sentence."""
        return f"{self.context}\n\n{self.text}" if self.context else self.text


@dataclass
class Predicate:
    """One annotated predicate: character spans are offsets into the sentence text."""

    trigger: tuple[int, int]
    code: str
    plover: str = ""
    mode: str = ""
    modality: str = "asserted"
    source: tuple[int, int] | None = None
    source_code: str = ""
    target: tuple[int, int] | None = None
    target_code: str = ""
    note: str = ""


@dataclass
class GoldSentence:
    sentence: Sentence
    split: str
    predicates: list[Predicate] = field(default_factory=list)


_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}]|'s\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def detokenise(tokens: list[str]) -> str:
    """CoNLL tokens back to plain text: no space before closing punctuation or clitics, none after opening ones."""
    text = " ".join(tokens)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    text = _NO_SPACE_AFTER.sub(r"\1", text)
    return re.sub(r'" (.*?) "', r'"\1"', text)


_CONLL_DATE = re.compile(r"^[A-Z][A-Z .'-]+ (\d{4}-\d{2}-\d{2})$")


@cache
def conll_documents(path: Path) -> dict[str, list[str]]:
    """CoNLL-2003 documents of one file as lists of sentences, keyed by their position (``0``, ``1``...)."""
    docs: list[list[str]] = []
    tokens: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("-DOCSTART-"):
            docs.append([])
            continue
        if not line.strip():
            if tokens and docs:
                docs[-1].append(detokenise(tokens))
            tokens = []
            continue
        tokens.append(line.split(" ")[0])
    return {str(i): sentences for i, sentences in enumerate(docs)}


def conll_date(sentences: list[str]) -> str | None:
    """The dateline date of a Reuters document ("BAGHDAD 1996-08-22"), usually its second sentence."""
    for sentence in sentences[:3]:
        match = _CONLL_DATE.match(sentence)
        if match:
            return match.group(1)
    return None


@cache
def _segmenter():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets of a plain text: paragraphs (blank lines or single newlines) first, then spaCy's
    rule-based sentencizer, so the offsets never depend on a statistical model's version."""
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        doc = _segmenter()(para.group())
        for sent in doc.sents:
            stripped = sent.text.strip()
            if stripped:
                start = para.start() + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
                spans.append((start, start + len(stripped)))
    return spans


@cache
def plain_document(shared: Path, corpus: str, doc: str) -> tuple[str, list[tuple[int, int]], str | None]:
    """Text, sentence spans and date of a TBAQ or PolNeAR document."""
    if corpus == "tbaq":
        tml = read_tml(shared / "gold/time/tempeval3/Training/TBAQ-cleaned" / doc)
        return tml.text, split_sentences(tml.text), (tml.dct or "")[:10] or None
    text = (shared / "gold/quotes/polnear/data" / doc).read_text(encoding="utf-8")
    return text, split_sentences(text), _polnear_date(doc)


def _polnear_date(doc: str) -> str | None:
    match = re.search(r"_(\d{4}-\d{2}-\d{2})_", doc)
    return match.group(1) if match else None


def iter_documents(shared: Path) -> Iterator[tuple[str, str, list[str], str | None]]:
    """Every source document as ``(corpus, doc, sentences, date)``: CoNLL train and valid, TBAQ, PolNeAR train
    and dev (PolNeAR's test split is never read)."""
    for name in ("train", "valid"):
        for key, sentences in conll_documents(shared / "gold/ner/conll2003" / f"{name}.txt").items():
            yield "conll", f"{name}/{key}", sentences, conll_date(sentences)
    tbaq = shared / "gold/time/tempeval3/Training/TBAQ-cleaned"
    for path in sorted(tbaq.rglob("*.tml")):
        doc = str(path.relative_to(tbaq))
        text, spans, date = plain_document(shared, "tbaq", doc)
        yield "tbaq", doc, [text[a:b] for a, b in spans], date
    polnear = shared / "gold/quotes/polnear/data"
    for split in ("train", "dev"):
        for path in sorted((polnear / split / "text").glob("*.txt")):
            doc = str(path.relative_to(polnear))
            text, spans, date = plain_document(shared, "polnear", doc)
            yield "polnear", doc, [text[a:b] for a, b in spans], date


def sentences_of(shared: Path, corpus: str, doc: str) -> tuple[list[str], str | None]:
    if corpus == "conll":
        name, key = doc.split("/")
        sentences = conll_documents(shared / "gold/ner/conll2003" / f"{name}.txt")[key]
        return sentences, conll_date(sentences)
    text, spans, date = plain_document(shared, corpus, doc)
    return [text[a:b] for a, b in spans], date


def make_sentence(corpus: str, doc: str, index: int, sentences: list[str], date: str | None) -> Sentence:
    context = " ".join(sentences[max(0, index - CONTEXT_SENTENCES) : index])
    return Sentence(f"{corpus}:{doc}:{index}", corpus, doc, index, sentences[index], context, date)


def resolve(shared: Path, sentence_id: str) -> Sentence:
    """The sentence an id names, rebuilt from the texts in ``shared``."""
    corpus, rest = sentence_id.split(":", 1)
    doc, index = rest.rsplit(":", 1)
    sentences, date = sentences_of(shared, corpus, doc)
    return make_sentence(corpus, doc, int(index), sentences, date)


def _span(value) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value else None


def predicate_from_dict(d: dict) -> Predicate:
    return Predicate(trigger=_span(d["trigger"]), code=d["code"], plover=d.get("plover", ""), mode=d.get("mode", ""),
                     modality=d.get("modality", "asserted"), source=_span(d.get("source")),
                     source_code=d.get("source_code", ""), target=_span(d.get("target")),
                     target_code=d.get("target_code", ""), note=d.get("note", ""))


def predicate_to_dict(p: Predicate) -> dict:
    d = {"trigger": list(p.trigger), "code": p.code}
    if p.code != "NONE":
        d |= {"plover": p.plover, "mode": p.mode, "modality": p.modality,
              "source": list(p.source) if p.source else None, "source_code": p.source_code,
              "target": list(p.target) if p.target else None, "target_code": p.target_code}
    if p.note:
        d["note"] = p.note
    return d


SPLITS = ("train", "dev", "test")


def read_labels(path: Path) -> list[tuple[str, str, list[Predicate]]]:
    """``(sentence id, annotator, predicates)`` per line of a label file."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out.append((rec["id"], rec.get("annotator", ""), [predicate_from_dict(p) for p in rec["predicates"]]))
    return out


def read_gold_set(directory: Path, split: str, shared: Path) -> list[GoldSentence]:
    """The labelled sentences of one split (``train``, ``dev``, ``test`` or ``all``), texts rebuilt from ``shared``."""
    splits = SPLITS if split == "all" else (split,)
    gold = []
    for name in splits:
        for sid, _, predicates in read_labels(directory / f"{name}.jsonl"):
            gold.append(GoldSentence(resolve(shared, sid), name, predicates))
    return gold


def sentence_splits(directory: Path) -> dict[str, str]:
    with (directory / "sentences.tsv").open(encoding="utf-8") as fh:
        return {r["id"]: r["split"] for r in csv.DictReader(fh, delimiter="\t")}
