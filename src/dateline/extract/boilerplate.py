"""Boilerplate paragraphs (author boxes, share and subscribe lines, related links,
cookie notices, comment-thread widgets, "best viewed with" notices), recognised
by the patterns in `data/boilerplate.tsv`.

Dropping the second copy of a repeated short paragraph (a headline shown again)
was tried and lost on both dev sets (wrapped source lines, repeated code and
captions): repeated headlines are handled at the top of the body (`html.py`)."""

from __future__ import annotations

import re
from functools import cache

from dateline.extract.resources import data_lines

_MAX_CHARS = 600


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    by_kind: dict[str, list[str]] = {"line": [], "tail": []}
    for line in data_lines("boilerplate.tsv", "DATELINE_BOILERPLATE"):
        kind, _, pattern = line.partition("\t")
        if kind in by_kind and pattern:
            by_kind[kind].append(pattern.strip())
    return {kind: re.compile("|".join(f"(?:{p})" for p in ps), re.IGNORECASE) for kind, ps in by_kind.items()}


def _matches(kind: str, paragraph: str) -> bool:
    return len(paragraph) <= _MAX_CHARS and bool(_patterns()[kind].fullmatch(paragraph.strip()))


def strip_boilerplate(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """(kept, removed) paragraphs; a closing block (author box, comments, related
    links) is cut with everything after it. Removed lines may still carry evidence,
    such as a copyright line naming the wire agency."""
    kept, removed = [], []
    for i, paragraph in enumerate(paragraphs):
        if i > 0 and 2 * i >= len(paragraphs) and _matches("tail", paragraph):
            removed.extend(paragraphs[i:])
            break
        (removed if _matches("line", paragraph) else kept).append(paragraph)
    return kept, removed
