"""Calendar vocabulary shared by dateline parsing and publication-date inference."""

from __future__ import annotations

import datetime as dt
import re

_MONTH_NAMES = (
    "january february march april may june july august september october november december".split()
)

MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
"""An English month name or abbreviation, any case, optional final period."""

DAY_MONTH = rf"(?:{MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{MONTH}(?:,?\s+\d{{4}})?)"
"""A month and day, optionally with a year: ``February 12``, ``Feb. 12, 2022``, ``12 February``."""

_FULL_DATE = re.compile(
    rf"\b(?:(?P<m1>{MONTH})\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH}),?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2}))\b"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)


def month_number(name: str) -> int | None:
    """1-12 for an English month name or abbreviation (``Sept.`` → 9)."""
    key = name.strip(". ").lower()[:3]
    for i, month in enumerate(_MONTH_NAMES, 1):
        if month.startswith(key) and len(key) == 3:
            return i
    return None


def explicit_dates(text: str) -> list[dt.date]:
    """Every full calendar date written in `text` (with day, month and year)."""
    found = []
    for m in _FULL_DATE.finditer(text):
        if m["y3"]:
            year, month, day = int(m["y3"]), int(m["m3"]), int(m["d3"])
        else:
            year = int(m["y1"] or m["y2"])
            month = month_number(m["m1"] or m["m2"]) or 0
            day = int(m["d1"] or m["d2"])
        try:
            found.append(dt.date(year, month, day))
        except ValueError:
            continue
    return found


def weekdays(text: str) -> set[int]:
    """The weekdays `text` names, as `date.weekday()` numbers (Monday is 0)."""
    return {_WEEKDAYS.index(m.group(1).lower()) for m in _WEEKDAY.finditer(text)}
