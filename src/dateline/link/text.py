"""Text normalisation shared by copy detection, provenance and stories.

Copies of a wire story differ in case, punctuation, quote marks, function words
("he said. he pointed out.") and boilerplate; normalising those away before
comparing is what lets a rewritten copy still match its original.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def with_user_file(bundled: str, env: str) -> list[str]:
    """A bundled data file's text, then that of the user's file named by `env` (when it exists), in that order."""
    extra = os.environ.get(env)
    return [bundled, Path(extra).read_text("utf-8")] if extra and Path(extra).is_file() else [bundled]


def bundled(name: str) -> str:
    """The text of `data/NAME` in this package."""
    return resources.files("dateline.link").joinpath(f"data/{name}").read_text("utf-8")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The bundled stop word list plus the file named by ``DATELINE_LINK_STOPWORDS``."""
    return frozenset(
        line.strip().lower()
        for text in with_user_file(bundled("stopwords.txt"), "DATELINE_LINK_STOPWORDS")
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def words(text: str) -> list[str]:
    """Lowercased word tokens, accents folded, punctuation dropped."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return [w.replace("’", "'") for w in _WORD.findall(folded)]


def content_words(text: str, fold: bool = True) -> list[str]:
    """Words that carry the story: stop words and bare numbers removed, plurals folded
    (not in names: "United States" stays itself)."""
    stop = stopwords()
    kept = [w for w in words(text) if w not in stop and not w.isdigit()]
    return [_fold(w) for w in kept] if fold else kept


def _fold(word: str) -> str:
    """Drop a possessive and a plural -s, so "Russia's" and "Russia", "talks" and "talk" meet."""
    if word.endswith("'s"):
        return word[:-2]
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "is", "us")):
        return word[:-1]
    return word


def shingles(text: str, size: int = 2) -> set[str]:
    """The set of `size`-word shingles over the content words of `text`."""
    tokens = content_words(text)
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def comparable(text: str) -> str:
    """The text reduced to its words, one space apart: what copy similarity compares."""
    return " ".join(words(text))


def sentence_starts(text: str) -> list[int]:
    """Character offsets where sentences begin (a light splitter: no NLP needed)."""
    starts = [0]
    starts.extend(m.end() for m in _SENTENCE_END.finditer(text))
    for m in re.finditer(r"\n\s*\n", text):
        starts.append(m.end())
    return sorted(set(starts))


def sentence_number(text: str, offset: int) -> int:
    """1-based number of the sentence holding character `offset` (GDELT's SentenceID)."""
    return sum(1 for s in sentence_starts(text) if s <= offset)
