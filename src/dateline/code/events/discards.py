"""Discard phrases: words that mark a story or a sentence as not about political events.

The PETRARCH/TABARI ``.discards`` format, one phrase a line, ``#`` comments:
a phrase marked ``+`` discards the whole story (a sports or weather story:
"+Manchester United", "+TYPHOON"), an unmarked one the sentence it occurs in
("YEARS LATER"). Phrases match whole words, case-insensitively. Files come
from config key ``discard_files`` or the environment variable
``DATELINE_DISCARDS`` (paths joined by the OS path separator); there is no
built-in list, so nothing is discarded unless a user asks for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dateline.code.data_files import configured_paths

ENV_VAR = "DATELINE_DISCARDS"


@dataclass(frozen=True)
class Discards:
    """Compiled story-level and sentence-level discard phrases (None: no phrase)."""

    story: re.Pattern | None = None
    sentence: re.Pattern | None = None

    def story_discarded(self, text: str) -> bool:
        return bool(self.story and self.story.search(text))

    def sentence_discarded(self, text: str) -> bool:
        return bool(self.sentence and self.sentence.search(text))


def _pattern(phrases: list[str]) -> re.Pattern | None:
    """Whole-word, case-insensitive alternation; the phrase's words may be split by any spacing."""
    if not phrases:
        return None
    parts = sorted({r"\s+".join(map(re.escape, p.split())) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.I)


def read_discards(paths: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Story-level and sentence-level phrases of discard files."""
    story: list[str] = []
    sentence: list[str] = []
    for p in paths:
        for line in Path(p).read_text(encoding="utf-8", errors="replace").splitlines():
            phrase = line.split("#", 1)[0].strip()
            if phrase.startswith("+"):
                story.append(phrase[1:].strip())
            elif phrase:
                sentence.append(phrase)
    return [s for s in story if s], sentence


@lru_cache(maxsize=8)
def load_discards(paths: tuple[str, ...]) -> Discards:
    story, sentence = read_discards(paths)
    return Discards(_pattern(story), _pattern(sentence))


def discard_files(config: dict) -> tuple[str, ...]:
    """Discard files named by config key ``discard_files`` or ``DATELINE_DISCARDS``."""
    return configured_paths(config, "discard_files", ENV_VAR)
