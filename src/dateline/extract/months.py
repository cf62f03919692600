"""Dates a page writes with a month name in its own language.

``06 Dicembre 2020``, ``24 août 2020``, ``24 نيسان / أبريل 2020`` (a Levantine and
an Egyptian name side by side), ``ديسمبر 25, 2020``. The names come from
dateparser's locale data (about 200 languages, loaded once, lazily: only pages
whose date is not in their markup need them). A name that means different months
in different languages (``listopad``: November in Polish, October in Croatian) is
read in the page's language, and not at all when the page does not say it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from functools import cache

_MONTH_KEYS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_WORD = r"[^\W\d_]{3,}\.?"
_YEAR = r"((?:19|20)\d\d)(?!\d)"
_DAY_FIRST = re.compile(rf"(?<!\d)(\d{{1,2}})\.?\s+(?:de\s+)?({_WORD})(?:\s*/\s*({_WORD}))?,?\s+(?:de\s+)?{_YEAR}")
"""``06 Dicembre 2020``, ``6. Dezember 2020``, ``6 de dezembro de 2020``, ``24 نيسان / أبريل 2020``."""
_MONTH_FIRST = re.compile(rf"({_WORD})\s+(\d{{1,2}})(?!\d),?\s+{_YEAR}")
"""``ديسمبر 25, 2020``, ``diciembre 6 2020``."""


@cache
def _tables() -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """(names with one meaning in every language, names by language)."""
    from dateparser.languages.loader import default_loader

    meanings: dict[str, set[int]] = defaultdict(set)
    by_language: dict[str, dict[str, int]] = defaultdict(dict)
    for locale in default_loader.get_locales():
        language = locale.shortname.split("-")[0].lower()
        for month, key in enumerate(_MONTH_KEYS, 1):
            for name in locale.info.get(key, []):
                folded = name.casefold().rstrip(".")
                meanings[folded].add(month)
                by_language[language].setdefault(folded, month)
    return {n: next(iter(m)) for n, m in meanings.items() if len(m) == 1}, dict(by_language)


def month_of(name: str, language: str | None = None) -> int | None:
    """1-12 for a month name in the page's language or one meaning the same month in all languages."""
    plain, by_language = _tables()
    folded = name.casefold().rstrip(".")
    own = by_language.get((language or "").split("-")[0].lower(), {})
    return own.get(folded) or plain.get(folded)


def named_dates(text: str, language: str | None = None) -> list[dt.date]:
    """The dates in `text` written day, month name, year or month name, day, year, in order."""
    found = []
    for m in _DAY_FIRST.finditer(text):
        month = month_of(m[2], language) or (month_of(m[3], language) if m[3] else None)
        found.append((m.start(), int(m[4]), month, int(m[1])))
    for m in _MONTH_FIRST.finditer(text):
        found.append((m.start(), int(m[3]), month_of(m[1], language), int(m[2])))
    dates = []
    for _, year, month, day in sorted(found):
        if not month:
            continue
        try:
            dates.append(dt.date(year, month, day))
        except ValueError:
            continue
    return dates
