"""The day htmldate found, checked against the page's own timestamps.

- Published, not modified: htmldate takes a modified time from the meta tags
  before JSON-LD's ``datePublished``; a day that only a modification stamp gives,
  with an earlier publication stamp in the markup, is replaced by that one.
- The local day where the markup gives the time in UTC (below).

htmldate reads a timestamp's day as written: ``2020-12-05T23:15Z`` is the 5th,
the day in Greenwich; readers in Bari saw "06 Dicembre 2020". When the day found
is that of a UTC timestamp, the first local day the page itself writes is taken
from (in this order) a publication timestamp with its own offset
(``2020-12-25T01:59+02:00``), the byline date, a publication value in the
page's structured script data (``"DateCreation":"2020-08-24"``,
``publication_date = '2020-12-06 00:15'``: key-value metadata like JSON-LD, not
free text; a value written without a zone is the site's own clock). It wins when
it is the next or previous day and the UTC hour allows that: a later local day
needs 10:00 UTC or later (the widest offset is +14 h), an earlier one needs
before 12:00 UTC (-12 h). A local day equal to the UTC day confirms it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from lxml.html import HtmlElement

_STAMP = re.compile(
    r"((?:19|20)\d\d)-([01]\d)-([0-3]\d)"
    r"(?:[T ]([0-2]\d):[0-5]\d(?::\d{1,2}(?:\.\d+)?)?\s*(Z|[+-][01]\d:?[0-5]\d|GMT|UTC)?)?"
)
_PUBLISHED_NAME = re.compile(r"publi|creat|issued|^date$|dc\.date$", re.IGNORECASE)
_NOT_PUBLISHED = re.compile(r"modif|updat|expir|end", re.IGNORECASE)
_LD_PUBLISHED = re.compile(r'"(?:datePublished|dateCreated)"\s*:\s*"([^"]{10,40})"')
_LD_MODIFIED = re.compile(r'"dateModified"\s*:\s*"([^"]{10,40})"')
_MODIFIED_NAME = re.compile(r"modif|updat", re.IGNORECASE)
_SCRIPT_PUBLISHED = re.compile(
    r"""(?i:publi|creat)\w*["']?\s*[:=]\s*["']((?:19|20)\d\d-\d\d-\d\d[^"']{0,30})["']"""
)
_LATEST_HOUR_BEFORE = 12
_EARLIEST_HOUR_AFTER = 10
_UTC_ZONES = {"Z", "GMT", "UTC", "+00:00", "+0000", "-00:00", "-0000"}


@dataclass(frozen=True)
class Stamp:
    day: dt.date
    hour: int | None
    zone: str | None
    """As written: ``Z``, ``+02:00``, None when the value names none."""

    @property
    def utc(self) -> bool:
        return self.zone in _UTC_ZONES

    @property
    def local(self) -> bool:
        """Written on the site's clock: with an offset other than zero."""
        return self.zone is not None and not self.utc


def parse_stamp(text: str) -> Stamp | None:
    m = _STAMP.search(text)
    if m is None:
        return None
    try:
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return Stamp(day, int(m[4]) if m[4] else None, m[5])


def time_stamps(tree: HtmlElement) -> list[Stamp]:
    """The ``<time datetime>`` values of the page."""
    return [s for s in map(parse_stamp, tree.xpath("//time/@datetime")) if s]


def meta_stamps(tree: HtmlElement) -> tuple[list[Stamp], list[Stamp]]:
    """(publication, modification) timestamps in the page's meta tags and JSON-LD."""
    published, modified = [], []
    for meta in tree.xpath("//meta[@content]"):
        name = " ".join(filter(None, (meta.get("name"), meta.get("property"), meta.get("itemprop"))))
        if _is_published(name):
            published.append(meta.get("content"))
        elif _MODIFIED_NAME.search(name):
            modified.append(meta.get("content"))
    for script in tree.xpath("//script[contains(@type, 'ld+json')]"):
        published += _LD_PUBLISHED.findall(script.text or "")
        modified += _LD_MODIFIED.findall(script.text or "")
    return _parsed(published), _parsed(modified)


def _parsed(values: list[str]) -> list[Stamp]:
    return [s for s in map(parse_stamp, values) if s is not None]


def script_stamps(scripts: Iterable[str]) -> list[Stamp]:
    """Publication values in scripts' key-value data, those written on the site's clock."""
    stamps = (parse_stamp(m[1]) for text in scripts for m in _SCRIPT_PUBLISHED.finditer(text))
    return [s for s in stamps if s is not None and not s.utc]


def local_day(found: str, stamps: list[Stamp], byline: Callable[[], dt.date | None],
              scripts: Callable[[], list[Stamp]]) -> str:
    """`found` (``YYYY-MM-DD``), or the page's local day next to it when `found` is a UTC timestamp's day."""
    day = dt.date.fromisoformat(found)
    utc = [s for s in stamps if s.utc and s.day == day and s.hour is not None]
    if not utc or any(s.local and s.day == day for s in stamps):
        return found
    hour = utc[0].hour
    for candidate in _local_candidates(stamps, byline, scripts):
        if candidate == day:
            return found
        if (candidate - day).days == 1 and hour >= _EARLIEST_HOUR_AFTER:
            return candidate.isoformat()
        if (candidate - day).days == -1 and hour < _LATEST_HOUR_BEFORE:
            return candidate.isoformat()
    return found


def _local_candidates(stamps: list[Stamp], byline: Callable[[], dt.date | None],
                      scripts: Callable[[], list[Stamp]]) -> Iterator[dt.date]:
    yield from (s.day for s in stamps if s.local)
    written = byline()
    if written is not None:
        yield written
    yield from (s.day for s in scripts())


def _is_published(name: str) -> bool:
    return bool(_PUBLISHED_NAME.search(name)) and not _NOT_PUBLISHED.search(name)



def original_day(found: str, published: list[Stamp], modified: list[Stamp]) -> str:
    """`found`, or the page's publication day when `found` is only the day it was modified
    (htmldate takes a modified time from the meta tags before JSON-LD's datePublished)."""
    day = dt.date.fromisoformat(found)
    if any(s.day == day for s in published) or not any(s.day == day for s in modified):
        return found
    earlier = [s.day for s in published if s.day < day]
    return earlier[0].isoformat() if earlier else found
