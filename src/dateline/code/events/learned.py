"""Learned event recognition: a nearest-neighbour vote over embedded predicate phrases.

The rules are the precise first pass; this step looks at the predicates they left uncoded. Each candidate
predicate (a verb, or a noun that the examples know as an event noun) becomes a short phrase of its own words and
its arguments' heads ("rebels attacked government troops"), embedded with MiniLM (`embed`). Its nearest labelled
examples vote, weighted by similarity; examples labelled ``NONE`` (reporting verbs, sport, markets, states) vote
too, so a predicate is coded only when event examples outvote them. A light verb ("held talks", "made a visit")
is represented by its object, and a control verb ("wants to attack") by its complement, whose act it names.

The examples and their vectors live in ``data/events/examples.npz`` (built by ``dateline train events`` from the
real-news gold's train split, our trigger dictionary and the CAMEO code names); each vote names the example it
came from, so an event's evidence says which annotated predicate it resembles.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from dateline.code.data_files import DATA_DIR
from dateline.code.events.embed import encode
from dateline.code.events.triggers import Match
from dateline.code.events.verbs import Trigger

EXAMPLES = DATA_DIR / "events" / "examples.npz"
NONE = "NONE"
LIGHT_VERBS = {"have", "make", "hold", "take", "give", "launch", "carry", "conduct", "stage", "pay", "issue",
               "begin", "start", "continue", "resume", "open", "mount", "lead", "head", "do", "get", "go"}
CONTROL_VERBS = {"want", "plan", "intend", "seek", "try", "attempt", "prepare", "decide", "hope", "aim", "expect",
                 "continue", "begin", "start", "ready", "able", "going"}
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "prt", "neg", "agent", "attr", "acomp", "prep", "poss",
                 "compound", "amod", "pobj"}
K = 15
RULE = "learned:"
"""How an event's rule starts when this step coded it."""


@dataclass(frozen=True)
class Vote:
    """What the neighbours say: the code (``NONE`` when event examples are outvoted), the share of the vote that
    went to events of any code (``event``) and to this code's root (``share``), and the nearest example of it."""

    code: str
    share: float
    event: float
    example: str


def content_head(token: Any) -> Any:
    """The word whose act a predicate names: a light verb's object, a control verb's complement."""
    lemma = token.lemma_.lower()
    if lemma in LIGHT_VERBS:
        obj = next((c for c in token.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
        if obj is not None:
            return obj
    if lemma in CONTROL_VERBS:
        comp = next((c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if comp is not None:
            return comp
    return token


def _compact(token: Any) -> list[Any]:
    """An argument as its head with its compounds and, for a preposition, its object's head."""
    words = [token, *(c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i)]
    if token.dep_ == "prep":
        words += [c for c in token.children if c.dep_ == "pobj"]
        words += [g for c in token.children if c.dep_ == "pobj" for g in c.children if g.dep_ == "compound"]
    return words


def predicate_word(token: Any) -> str:
    """The act's own word in its lemma form, with its particle ("pull out"), negation left to modality."""
    head = content_head(token)
    particles = [c.lemma_.lower() for c in head.children if c.dep_ == "prt"]
    return " ".join([head.lemma_.lower(), *particles])


def predicate_phrase(token: Any) -> str:
    """The predicate's words and its arguments' heads, in sentence order."""
    head = content_head(token)
    words = {head.i: head}
    if head is not token:
        words[token.i] = token
    subject_of = head if head.pos_ == "VERB" else token
    if head.pos_ != "VERB" and token is head and head.head is not head and head.dep_ in ("dobj", "nsubj", "pobj"):
        subject_of = head.head if head.dep_ != "pobj" else head.head.head
        words[subject_of.i] = subject_of
    for t in (head, subject_of):
        for c in t.children:
            if c.dep_ in ARGUMENT_DEPS and c.dep_ != "pobj":
                for w in _compact(c):
                    words[w.i] = w
    return " ".join(words[i].text for i in sorted(words))


WORD_WEIGHT = 0.5
"""How much the act's word counts against its phrase in the similarity: the word carries the sense, the
arguments tell a team's "beat" from an army's."""


@dataclass
class Examples:
    vectors: np.ndarray
    word_vectors: np.ndarray
    codes: list[str]
    weights: np.ndarray
    ids: list[str]
    nouns: frozenset[str]
    words: dict[str, tuple[Vote, np.ndarray]] = field(default_factory=dict, repr=False, compare=False)
    """Each act word's vote alone and its vector, as `classify` computes them: a few thousand words cover most
    news (1.5 KB each; the oldest leave beyond `WORDS_KEPT`)."""
    distinct_words: np.ndarray = field(init=False, repr=False, compare=False)
    word_rows: np.ndarray = field(init=False, repr=False, compare=False)
    """The examples' word vectors without repeats (1,096 of 3,724: many examples share their act's word), and
    each example's row among them: similarities to words are computed once per distinct word."""

    def __post_init__(self) -> None:
        distinct, rows = np.unique(self.word_vectors, axis=0, return_inverse=True)
        self.distinct_words, self.word_rows = np.ascontiguousarray(distinct), rows.reshape(-1)

    def word_similarities(self, vectors: np.ndarray) -> np.ndarray:
        """Similarities of word vectors to every example's word (``vectors @ word_vectors.T``)."""
        return similarities(vectors, self.distinct_words)[:, self.word_rows]


@cache
def load_examples(path: Path = EXAMPLES) -> Examples | None:
    if not path.is_file():
        return None
    data = np.load(path, allow_pickle=False)
    return Examples(vectors=data["vectors"].astype(np.float32), word_vectors=data["word_vectors"].astype(np.float32),
                    codes=list(data["codes"]),
                    weights=data["weights"].astype(np.float32), ids=list(data["ids"]),
                    nouns=frozenset(data["nouns"]))


def is_candidate(token: Any, nouns: frozenset[str]) -> bool:
    """A verb that names an act of its own (a light or control verb only through its object or complement), or a
    noun the examples know as an event noun."""
    if token.pos_ == "VERB":
        lemma = token.lemma_.lower()
        return lemma not in LIGHT_VERBS | CONTROL_VERBS or content_head(token) is not token
    return token.pos_ == "NOUN" and token.lemma_.lower() in nouns


def vote(similarities: np.ndarray, examples: Examples, k: int = K, exclude: np.ndarray | None = None) -> Vote:
    """The k nearest examples vote (weight: similarity times the example's weight) first on event or not, then,
    among the event examples, on the root, then on the commonest full code of that root."""
    sims = similarities if exclude is None else np.where(exclude, -1.0, similarities)
    nearest = np.argpartition(-sims, min(k, len(sims) - 1))[:k]
    roots: dict[str, float] = defaultdict(float)
    codes: dict[str, float] = defaultdict(float)
    none = 0.0
    for i in nearest:
        w = max(float(sims[i]), 0.0) * float(examples.weights[i])
        code = examples.codes[i]
        if code == NONE:
            none += w
            continue
        roots[code[:2]] += w
        codes[code] += w
    total = (none + sum(roots.values())) or 1.0
    event = 1.0 - none / total
    if not roots:
        return Vote(NONE, 0.0, event, "")
    root = max(roots, key=roots.get)
    code = max((c for c in codes if c[:2] == root), key=codes.get)
    best = max((i for i in nearest if examples.codes[i] == code), key=lambda i: sims[i])
    return Vote(code if event >= 0.5 else NONE, roots[root] / total, event, examples.ids[best])


WORD_FIRST = 0.4
"""Below this event share of a vote on the act's word alone, the phrase is not embedded at all: reporting and
stative verbs, most of any text, stop here. Leave-one-document-out on the train split scores the same with this
shortcut as with 0.35 (root F1 0.515; 0.511 with none, 0.513 at 0.45), and it embeds 14% fewer phrases (684
against 791 in the 84 PolNeAR dev articles); at 0.45 a real attack ("forces pounded rebel positions", 0.41)
would not be embedded."""


@cache
def _ops() -> Any:
    from thinc.api import NumpyOps

    return NumpyOps()


def similarities(vectors: np.ndarray, to: np.ndarray) -> np.ndarray:
    """``vectors @ to.T`` on one thread (spaCy's BLIS through thinc): numpy's OpenBLAS wakes its thread pool for
    these small products and spends three to five times the CPU."""
    return _ops().gemm(np.ascontiguousarray(vectors, dtype=np.float32), to, trans2=True)


WORDS_KEPT = 20_000
"""Act words whose votes a process keeps (30 MB at most)."""


def known_words(words: list[str], examples: Examples) -> list[tuple[Vote, np.ndarray]]:
    """Each act word's vote alone and its vector, computed once per word for the examples (`Examples.words`)."""
    new = sorted({w for w in words if w not in examples.words})
    if new:
        vectors = encode(new)
        for w, vector, row in zip(new, vectors, examples.word_similarities(vectors)):
            examples.words[w] = (vote(row, examples), vector)
    found = [examples.words[w] for w in words]
    while len(examples.words) > WORDS_KEPT:
        del examples.words[next(iter(examples.words))]
    return found


def classify(tokens: list[Any], examples: Examples) -> list[Vote]:
    """The vote for each token: on its word alone first; for those that may be events, on word and phrase."""
    if not tokens:
        return []
    words = known_words([predicate_word(t) for t in tokens], examples)
    votes = [Vote(NONE, 0.0, v.event, "") for v, _ in words]
    maybe = [i for i, v in enumerate(votes) if v.event >= WORD_FIRST]
    if maybe:
        phrase_sims = similarities(encode([predicate_phrase(tokens[i]) for i in maybe]), examples.vectors)
        word_sims = examples.word_similarities(np.array([words[i][1] for i in maybe]))
        for row, i in enumerate(maybe):
            votes[i] = vote(mix(phrase_sims[row], word_sims[row]), examples)
    return votes


def mix(phrase_sims: np.ndarray, word_sims: np.ndarray) -> np.ndarray:
    """Similarity of predicates to examples from their phrases' and their words' similarities (`WORD_WEIGHT`)."""
    return (1 - WORD_WEIGHT) * phrase_sims + WORD_WEIGHT * word_sims


THRESHOLD = 0.6
"""Share of the neighbours' vote that must go to event examples (chosen on the train split by
leave-one-document-out, `dateline.code.events.train.cross_validate`)."""


def candidates(sent: Any, nouns: frozenset[str], skip: set[int]) -> list[Any]:
    """The sentence's predicates the rules did not match, each act once (a light verb stands for its noun)."""
    tokens = [t for t in sent if t.i not in skip and is_candidate(t, nouns)]
    represented = {content_head(t).i for t in tokens if content_head(t) is not t}
    return [t for t in tokens if t.i not in represented]


def predicate_match(token: Any, code: str, rule: str) -> Match:
    """A `Match` for a predicate no dictionary pattern names, so the rules' actor and modality steps can code it."""
    kind = "noun" if token.pos_ == "NOUN" else "verb"
    return Match(Trigger(head=token.lemma_.lower(), kind=kind, code=code, rule=rule), token, [token])


def learned_matches(heads: list[Any], examples: Examples,
                    threshold: float = THRESHOLD) -> list[tuple[Match, Vote] | None]:
    """For each head, in order, a `Match` and its vote when its neighbours vote for an event code, else None."""
    return [None if v.code == NONE or v.event < threshold
            else (predicate_match(token, v.code, f"{RULE}{v.example} event={v.event:.2f} code={v.share:.2f}"), v)
            for token, v in zip(heads, classify(heads, examples))]
