"""Document tone as GDELT defines it: % positive words minus % negative words.

GDELT's AvgTone ranges from -100 to +100 with common values between -10 and
+10. We count words against the VADER lexicon (vaderSentiment, MIT licence):
a word with a mean valence above zero is positive, below zero negative. A user
lexicon in the same format (``word<TAB>valence`` per line) can be added with
``DATELINE_TONE_LEXICON``; its entries override VADER's.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from dateline.link.text import with_user_file, words


def _parse(text: str) -> dict[str, float]:
    lexicon = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or line.startswith("#"):
            continue
        try:
            lexicon[parts[0].lower()] = float(parts[1])
        except ValueError:
            continue
    return lexicon


@lru_cache(maxsize=1)
def lexicon() -> dict[str, float]:
    """Word → valence: VADER's lexicon plus the user's file, if any."""
    vader = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    table: dict[str, float] = {}
    for text in with_user_file(vader, "DATELINE_TONE_LEXICON"):
        table.update(_parse(text))
    return table


def tone(text: str) -> float:
    """Percentage of positive words minus percentage of negative words (0.0 for no words)."""
    tokens = words(text)
    if not tokens:
        return 0.0
    lex = lexicon()
    positive = sum(1 for w in tokens if lex.get(w, 0.0) > 0)
    negative = sum(1 for w in tokens if lex.get(w, 0.0) < 0)
    return round(100.0 * (positive - negative) / len(tokens), 4)
