"""Language identification with py3langid (offline, ISO 639-1 codes)."""

from __future__ import annotations

import re

import py3langid

_SAMPLE_CHARS = 600  # plenty for a confident guess; classification time grows with length
_MIN_LETTERS = 12


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of `text`'s language, or None when there is too little text to tell."""
    sample = text[:_SAMPLE_CHARS]
    if len(re.findall(r"[^\W\d_]", sample)) < _MIN_LETTERS:
        return None
    code, _ = py3langid.classify(sample)
    return code
