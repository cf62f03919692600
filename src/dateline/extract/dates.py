"""Calendar vocabulary shared by dateline parsing and publication-date inference."""

from __future__ import annotations

import datetime as dt
import re

_MONTH_KEYS = {
    **{m[:3]: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)},
    **{m: i for i, m in enumerate("янв фев мар апр мая июн июл авг сен окт ноя дек".split(), 1)},
    "май": 5,
}

MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
    r"|янв|фев|мар|апр|июн|июл|авг|сен|сент|окт|ноя|дек)\.?"
)
"""A month name or abbreviation, any case, optional final period: English, and
Russian as Russian wire datelines write it (``12 февраля``)."""

DAY_MONTH = rf"(?:{MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{MONTH}(?:,?\s+\d{{4}})?)"
"""A month and day, optionally with a year: ``February 12``, ``Feb. 12, 2022``, ``12 February``."""

_FULL_DATE = re.compile(
    rf"(?<!\w)(?:(?P<m1>{MONTH})\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH}),?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2}))\b"
)
_WEEKDAYS = (
    r"monday|понедельник\w*",
    r"tuesday|вторник\w*",
    r"wednesday|сред[ауы]",
    r"thursday|четверг\w*",
    r"friday|пятниц\w*",
    r"saturday|суббот\w*",
    r"sunday|воскресень\w*",
)
"""Weekday names, English and Russian (``в субботу``), Monday first."""
_WEEKDAY = re.compile(
    r"\b(?:" + "|".join(f"(?P<d{i}>{names})" for i, names in enumerate(_WEEKDAYS)) + r")\b", re.IGNORECASE
)


def month_number(name: str) -> int | None:
    """1-12 for a month name or abbreviation (``Sept.`` → 9, ``февраля`` → 2)."""
    return _MONTH_KEYS.get(name.strip(". ").lower()[:3])


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
    return {int(m.lastgroup[1:]) for m in _WEEKDAY.finditer(text)}
