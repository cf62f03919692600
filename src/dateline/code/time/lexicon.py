"""The temporal lexicon: words by class (month, unit, number...) with their values.

Read once from ``data/timex/lexicon.tsv`` plus any user files named in
``DATELINE_TIMEX_LEXICON``; the recogniser builds its regular expressions from
the classes and the normaliser looks the values up.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from dateline.code.data_files import DATA_DIR, tsv_rows

DATA = DATA_DIR / "timex" / "lexicon.tsv"
ENV_VAR = "DATELINE_TIMEX_LEXICON"


def _read(path: Path) -> list[tuple[str, str, str]]:
    rows = []
    for cols in tsv_rows(path.read_text(encoding="utf-8")):
        word, cls, value = cols[:3]
        rows.append((word.strip().lower(), cls.strip(), value.strip()))
    return rows


@lru_cache(maxsize=1)
def lexicon() -> dict[str, dict[str, str]]:
    """class → {word: value}; user files may add words or override values."""
    paths = [DATA] + [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    table: dict[str, dict[str, str]] = {}
    for path in paths:
        for word, cls, value in _read(path):
            table.setdefault(cls, {})[word] = value
    return table


def words(cls: str) -> dict[str, str]:
    return lexicon().get(cls, {})


def alternation(*classes: str) -> str:
    """A regex alternation of every word in `classes`, longest first, spaces
    matching any whitespace and periods optional at the end of abbreviations."""
    found = {w for cls in classes for w in words(cls)}
    parts = []
    for word in sorted(found, key=len, reverse=True):
        escaped = re.escape(word).replace(r"\ ", r"\s+")
        if escaped.endswith(r"\."):
            escaped += "?"
        parts.append(escaped)
    return "(?:" + "|".join(parts) + ")"


def lookup(cls: str, word: str) -> str | None:
    """The value of `word` in `cls`, forgiving case, spacing and a final period."""
    key = " ".join(word.lower().split())
    table = words(cls)
    if key in table:
        return table[key]
    return table.get(key + ".") or table.get(key.rstrip("."))
