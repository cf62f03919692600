"""Publication date of a web page: htmldate's reading, checked and completed as a reader would.

- comments are removed first, HTML comments and those inside scripts: a date in
  a commented-out template or a cache note is not the page's date. Short inline
  scripts stay, as some pages write their byline date with one
  (``showDate("2020/04/17")``); long ones (libraries, configuration) go.
- htmldate without its extensive search first: meta tags, JSON-LD, ``<time>``,
  date elements, the URL. These give a day.
- Else a date written in the visible byline, the lines just below the headline,
  numeric dates read day-first or month-first as the page's own unambiguous
  dates say (``25/03/2020`` on the page makes ``04/03/2020`` the 4th of March),
  else as its language does (month-first only for US English).
- Else htmldate's extensive search over the whole text. When that yields the 1st
  of January and the page never writes that day, htmldate had only a year (a
  copyright line): the date is stored as the year alone, precision ``year``,
  never as a made-up 1 January.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from htmldate import find_date
from lxml.html import HtmlElement

from dateline.extract.dates import explicit_dates
from dateline.extract.localday import Stamp, local_day, meta_stamps, original_day, script_stamps, time_stamps
from dateline.extract.months import named_dates

_JS_COMMENT = re.compile(r"/\*.*?\*/|(?<![:\\\w\"'])//[^\n]*", re.DOTALL)
_SHORT_SCRIPT = 500
"""A script this short may write a visible date (``showDate("2020/04/17")``); a longer one is code."""
_NUMERIC = re.compile(r"(?<![\d./-])(\d{1,2})([./-])(\d{1,2})\2((?:19|20)\d{2})(?![\d/-]|\.\d)")
_EAST_ASIAN = re.compile(r"((?:19|20)\d{2})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
"""``2020年07月12日``, ``2020년 7월 12일``."""
_ISO = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")
_BYLINE_CHARS = 400
_BYLINE_LINE_CHARS = 80
_BYLINE_PIECES = 100
"""Text nodes looked at after the headline (the byline sits within `_BYLINE_CHARS` of it)."""
_NUMERIC_CUE = re.compile(r"\d[./-]\d|\d\s*[年년]")
_US_HOST = re.compile(r"\.(?:com|us|gov|edu)$")
"""Hosts of English pages that without other evidence write month first."""


@dataclass
class PageDate:
    value: str
    """``YYYY-MM-DD``, or ``YYYY`` when only the year is known."""
    precision: str
    """``day`` or ``year``."""


def strip_comments(tree: HtmlElement) -> list[str]:
    """Remove HTML comments and the comments inside scripts from `tree`, in place;
    return the scripts' texts as they were (their key-value data may say the local
    day, see `localday`). Long scripts (libraries, configuration) go whole: they
    are code, and scanning them for comments costs more than the rest of the date search."""
    scripts = []
    for node in tree.xpath("//comment() | //script[not(contains(@type, 'ld+json'))]"):
        parent = node.getparent()
        if parent is None:
            continue
        if isinstance(node, HtmlElement) and node.text:
            scripts.append(node.text)
        if isinstance(node, HtmlElement) and len(node.text or "") <= _SHORT_SCRIPT:
            node.text = _JS_COMMENT.sub(" ", node.text) if node.text else node.text
            continue
        if node.tail:
            previous = node.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + node.tail
            else:
                parent.text = (parent.text or "") + node.tail
        parent.remove(node)
    return scripts


def page_date(
    tree: HtmlElement, url: str | None, headline: str | None, scripts: Sequence[str] = ()
) -> PageDate | None:
    """The page's publication date; `tree` should have had `strip_comments` applied,
    `scripts` are the texts it returned."""
    language = tree.get("lang") or next(iter(tree.xpath("//html/@lang")), None)
    today = dt.date.today().isoformat()

    @cache
    def text() -> str:
        return " ".join(tree.xpath("//body")[0].text_content().split()) if tree.xpath("//body") else ""

    @cache
    def written() -> dt.date | None:
        found = byline_date(tree, headline, lambda: day_first(text(), language, url), language)
        return found if found and found.isoformat() <= today else None

    def in_scripts() -> list[Stamp]:
        return script_stamps(_JS_COMMENT.sub(" ", script) for script in scripts)

    found = _htmldate(tree, url, today, extensive=False)
    if found:
        published, modified = meta_stamps(tree)
        found = original_day(found, published, modified)
        return PageDate(local_day(found, published + time_stamps(tree), written, in_scripts), "day")
    if written():
        return PageDate(written().isoformat(), "day")
    found = _htmldate(tree, url, today, extensive=True)
    if found and found.endswith("-01-01") and not _writes_new_year(text(), int(found[:4])):
        return PageDate(found[:4], "year")
    return PageDate(found, "day") if found else None


def _htmldate(tree: HtmlElement, url: str | None, today: str, extensive: bool) -> str | None:
    try:
        return find_date(tree, url=url, original_date=True, max_date=today, extensive_search=extensive)
    except Exception:  # noqa: BLE001 - a page htmldate cannot read has no date from it
        return None


def day_first(text: str, language: str | None, url: str | None) -> bool:
    """Whether the page writes numeric dates day first: from its own dates that can
    be read one way only, else from its language (month first only in US English)."""
    votes = 0
    for m in _NUMERIC.finditer(text):
        first, second = int(m[1]), int(m[3])
        votes += (first > 12 >= second) - (second > 12 >= first)
    if votes:
        return votes > 0
    lang = (language or "").strip().lower().replace("_", "-")
    if lang and not lang.startswith("en"):
        return True
    if lang == "en-us":
        return False
    host = re.sub(r"^\w+://", "", url or "").split("/")[0]
    return not _US_HOST.search(host)


def numeric_dates(text: str, first_is_day: bool) -> list[dt.date]:
    """The numeric dates of `text` (``04/03/2020``, ``2020-03-04``, ``2020年03月04日``),
    ambiguous ones read in the given order."""
    found = []
    for m in _NUMERIC.finditer(text):
        a, b, year = int(m[1]), int(m[3]), int(m[4])
        day, month = (a, b) if first_is_day else (b, a)
        found.append((m.start(), year, month, day))
    found += [(m.start(), int(m[1]), int(m[2]), int(m[3])) for m in _ISO.finditer(text)]
    found += [(m.start(), int(m[1]), int(m[2]), int(m[3])) for m in _EAST_ASIAN.finditer(text)]
    dates = []
    for _, year, month, day in sorted(found):
        try:
            dates.append(dt.date(year, month, day))
        except ValueError:
            continue
    return dates


def byline_date(
    tree: HtmlElement, headline: str | None, first_is_day: bool | Callable[[], bool], language: str | None = None
) -> dt.date | None:
    """The first date standing in a short line of its own just after the headline
    (the byline: "By Jane Doe | January 18, 2020"), not one inside a sentence
    such as a photo caption ("… near Orleans, France, January 16, 2020.").
    `first_is_day` may be a function, asked only when a numeric date needs it."""
    heading = _heading(tree, headline)
    if heading is None:
        return None
    seen = 0
    for node in heading.xpath(f"following::text()[normalize-space()][position() <= {_BYLINE_PIECES}]"):
        piece = " ".join(node.split())
        if not piece or node.getparent() is None or node.getparent().tag in ("script", "style"):
            continue
        seen += len(piece)
        if seen > _BYLINE_CHARS:
            return None
        if len(piece) <= _BYLINE_LINE_CHARS:
            found = explicit_dates(piece) or named_dates(piece, language)
            if not found and _NUMERIC_CUE.search(piece):
                found = numeric_dates(piece, first_is_day() if callable(first_is_day) else first_is_day)
            if found:
                return found[0]
    return None


def _heading(tree: HtmlElement, headline: str | None) -> HtmlElement | None:
    """The heading holding the headline (an ``<h1>``, or a smaller one on blogs that
    keep ``<h1>`` for the blog's name), else the page's first ``<h1>``."""
    key = " ".join((headline or "").split()).casefold()
    for heading in tree.iter("h1", "h2", "h3") if key else ():
        if key in " ".join(heading.text_content().split()).casefold():
            return heading
    return next(tree.iter("h1"), None)


def _writes_new_year(text: str, year: int) -> bool:
    return any(d == dt.date(year, 1, 1) for d in explicit_dates(text) + numeric_dates(text, True))
