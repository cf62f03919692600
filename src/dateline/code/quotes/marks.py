"""Quotation spans in text: straight and curly double quotes, guillemets,
doubled apostrophes (''...'', the New York Times' archive form) and curly single
quotes (‘...’, headline style).

A quotation left open at the end of a paragraph continues when the next
paragraph opens with a quotation mark (the convention for quotes running over
several paragraphs); otherwise it ends with its paragraph. Straight single
quotes are not used: they are too often apostrophes; a curly ’ closes only when
no letter follows it ("don’t" is an apostrophe) and ‘ before a digit ("the ‘80s")
opens nothing.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

OPENERS = {"“": "”", "«": "»", "„": "“", '"': '"', "''": "''", "‘": "’"}
CLOSERS = {"”", "»", '"', "“", "''"}
_MARK = re.compile(r"''|[\"“”«»„]|‘(?!\d)|’(?!\w)")
_PARAGRAPH = re.compile(r"[^\n]+")
_SPACE = re.compile(r"\s*")


def _continues(text: str, end: int) -> int | None:
    """Where the next paragraph's opening mark is, if it opens with one."""
    i = _SPACE.match(text, end).end()
    mark = _MARK.match(text, i)
    return i if mark and mark.group() in OPENERS else None


def _closes_as_typo(text: str, mark: re.Match) -> bool:
    """An opening “ typed where ” was meant: after a word or punctuation, before a space
    or the line end ("here,“ said Jim Clyburn")."""
    i, j = mark.start(), mark.end()
    return mark.group() == "“" and i > 0 and not text[i - 1].isspace() and (j == len(text) or text[j].isspace())


def quotation_spans(text: str) -> list[Span]:
    """Character spans of quotations, marks included, in text order."""
    spans: list[Span] = []
    start: int | None = None
    closer = ""
    skip = -1
    for para in _PARAGRAPH.finditer(text):
        for m in _MARK.finditer(text, para.start(), para.end()):
            ch, i = m.group(), m.start()
            if i == skip:
                continue
            if start is None:
                if ch in OPENERS:
                    start, closer = i, OPENERS[ch]
            elif ch == closer or (ch in CLOSERS and ch != "“") or _closes_as_typo(text, m):
                spans.append((start, m.end()))
                start = None
        if start is not None:
            nxt = _continues(text, para.end())
            if nxt is None:
                spans.append((start, para.end()))
            start, skip = (start, nxt) if nxt is not None else (None, -1)
    return spans
