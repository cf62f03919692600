"""Publication date: from metadata when it is given, else inferred from the dateline.

A dateline says ``February 12`` without the year. The year is the one that best
fits the rest of the article: the weekday the story names ("on Saturday") and
the latest full date it mentions ("January 26, 2022"). The seed article's
February 12 is a Saturday only in 2022 among the years it could be.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import time
from typing import Any

from dateline.extract.dates import explicit_dates, weekdays

_BASE = dt.datetime(2000, 1, 1)
_YEAR = re.compile(r"\b\d{4}\b")


def normalise(value: Any) -> str | None:
    """An ISO date (``YYYY-MM-DD``) for a date as metadata gives it: ISO text,
    RFC 2822 (feeds), free text, a `date`/`datetime` or a `time.struct_time`."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    text = str(value).strip()
    for parse in (_iso, _rfc2822, _free_text):
        parsed = parse(text)
        if parsed:
            return parsed.isoformat()
    return None


def _iso(text: str) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _rfc2822(text: str) -> dt.date | None:
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _free_text(text: str, base: dt.datetime = _BASE) -> dt.date | None:
    import dateparser

    parsed = dateparser.parse(text, settings={"RELATIVE_BASE": base, "REQUIRE_PARTS": ["month", "day"]})
    return parsed.date() if parsed else None


def dateline_day(date_text: str, text: str, published: str | None = None) -> str | None:
    """The ISO day a dateline's ``February 12`` stands for: with a known publication
    day, the year that puts it nearest to that day (a story filed on 31 December
    and published on 1 January); else as `infer_from_dateline` finds it."""
    if not published:
        return infer_from_dateline(date_text, text)
    day, anchor = _free_text(date_text), _iso(published)
    if day is None or anchor is None:
        return infer_from_dateline(date_text, text)
    if _YEAR.search(date_text):
        return day.isoformat()
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(day.replace(year=year))
        except ValueError:
            continue
    return min(candidates, key=lambda c: abs((c - anchor).days)).isoformat() if candidates else None


def infer_from_dateline(date_text: str, text: str) -> str | None:
    """The ISO date a dateline's ``February 12`` stands for in this article, or None
    when the article gives no year to anchor it."""
    day = _free_text(date_text)
    if day is None:
        return None
    if _YEAR.search(date_text):
        return day.isoformat()
    mentioned = explicit_dates(text)
    if not mentioned:
        return None
    lead = text.split("\n\n", 1)[0]
    lead_days, all_days = weekdays(lead), weekdays(text)
    latest = max(mentioned)
    candidates = []
    for year in range(min(d.year for d in mentioned), latest.year + 2):
        try:
            candidates.append(day.replace(year=year))
        except ValueError:
            continue

    def fit(candidate: dt.date) -> tuple[int, int]:
        score = 2 * (candidate.weekday() in lead_days) + (candidate.weekday() in all_days)
        score += 2 * (candidate >= latest) + (candidate.year == latest.year)
        return score, -abs((candidate - latest).days)

    return max(candidates, key=fit).isoformat() if candidates else None


_NAMED_DAY = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_/.](\d\d)[-_/.](\d\d)(?!\d)")


def day_in_name(origin: str | None) -> str | None:
    """The publication day an archive wrote into a file name or URL path (``nyt_2016-10-02_...``,
    ``/2016/10/02/``): the last full date in it, when it is a real day. The last, because directories named by
    collection date come before the file's own."""
    for year, month, day in reversed(_NAMED_DAY.findall(origin or "")):
        try:
            return dt.date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            continue
    return None
