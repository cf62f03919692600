"""Wire datelines: ``MOSCOW, February 12. /TASS/.``, ``KYIV, Ukraine (AP) —``, ``PARIS, Jan 5 (AFP) -``,
``МОСКВА, 12 февраля — РИА Новости.``

A dateline opens the story with the place it was filed from, often the day and
the agency. It is found at the start of one of the first paragraphs; its span is
given in the article text, which keeps it (the dateline is part of the story).
"""

from __future__ import annotations

import re
from functools import cache

from dateline.extract import agencies
from dateline.extract.dates import DAY_MONTH
from dateline.model import Dateline

_UPPER = "A-ZÀ-ÖØ-ÞŁŚŻŹĆŃŠČŘŽĞİŞА-ЯЁ"
_WORD = rf"[{_UPPER}][\w'’.\-]*"
_SP = r"[^\S\n]"
_DASH = r"(?:--|[-–—])"
_PARAGRAPHS_SEARCHED = 3
_BYLINE_START = re.compile(r"(?:by|BY|By)\s+(?=[A-Z])")
_CAPS_WORD = re.compile(rf"(?<=\s)(?:[{_UPPER}]{{2,}}\b|\()")
_MAX_BYLINE_CHARS = 80
_NOT_PLACES = frozenset(
    {"UPDATED", "UPDATE", "BREAKING", "EXCLUSIVE", "WATCH", "LIVE", "VIDEO", "PHOTOS", "ANALYSIS",
     "OPINION", "CORRECTION", "DEAR ABBY", "EDITOR'S NOTE", "EDITOR’S NOTE", "NOTE"}
)
"""Capitalised labels that open a paragraph the way a dateline does."""


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    alias = agencies.alias_pattern()
    full = re.compile(
        rf"(?:\((?P<lead_agency>{alias})\)\s*{_DASH}\s*)?"
        rf"(?P<place>{_WORD}(?:{_SP}+{_WORD}){{0,3}})"
        rf"(?:,{_SP}*(?!{DAY_MONTH})(?P<region>{_WORD}(?:{_SP}+{_WORD}){{0,2}}))?"
        rf"(?:\s*[,.]\s*(?P<date>{DAY_MONTH}))?"
        rf"(?:\s*[.,]?\s*(?:/(?P<slash_agency>{alias})/|\((?P<agency>{alias})\)"
        rf"|{_DASH}{_SP}*(?P<dash_agency>{alias})(?=[.:]?\s)))?"
        rf"(?P<end>\s*(?:[.:]\s*)?{_DASH}|\s*\.(?=\s)|\s*:(?=\s))?"
    )
    agency_only = re.compile(rf"\((?P<lead_agency>{alias})\)\s*{_DASH}")
    return full, agency_only


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening one of the first paragraphs of `text`, or None."""
    start = 0
    for _ in range(_PARAGRAPHS_SEARCHED):
        while start < len(text) and text[start].isspace():
            start += 1
        found = parse_dateline(text, start)
        if found:
            return found
        start = text.find("\n\n", start)
        if start < 0:
            return None
    return None


def split_glued_byline(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """(paragraphs, byline): a byline glued to the dateline that opens the story
    ("By Jane Doe KYIV, Ukraine — Russian forces …") is cut off, so that the story
    starts at its dateline and the name is no part of its first sentence."""
    for i, paragraph in enumerate(paragraphs[:_PARAGRAPHS_SEARCHED]):
        m = _BYLINE_START.match(paragraph)
        if not m:
            continue
        for word in _CAPS_WORD.finditer(paragraph, m.end(), m.end() + _MAX_BYLINE_CHARS):
            if parse_dateline(paragraph, word.start()):
                byline = paragraph[m.end() : word.start()].strip(" ,|-–—")
                rest = paragraph[word.start() :]
                return paragraphs[:i] + [rest] + paragraphs[i + 1 :], byline or None
    return paragraphs, None


def parse_dateline(text: str, pos: int = 0) -> Dateline | None:
    """A dateline starting exactly at `pos` in `text`, or None."""
    full, agency_only = _patterns()
    m = full.match(text, pos)
    if m and _plausible(m):
        agency_name = m["agency"] or m["slash_agency"] or m["dash_agency"] or m["lead_agency"]
        place = m["place"].rstrip(".,")
        end = m.end()
        return Dateline(
            place=place,
            region=m["region"],
            date=" ".join(m["date"].split()).rstrip(".") if m["date"] else None,
            agency=agencies.canonical(agency_name) if agency_name else None,
            text=text[m.start() : end].strip(),
            span=(m.start(), len(text[:end].rstrip())),
        )
    m = agency_only.match(text, pos)
    if m:
        return Dateline(agency=agencies.canonical(m["lead_agency"]), text=m.group(0), span=(m.start(), m.end()))
    return None


def _plausible(m: re.Match[str]) -> bool:
    """A capitalised word is a place only if an agency follows, or it is in capitals and a date or dash follows."""
    if m["agency"] or m["slash_agency"] or m["dash_agency"]:
        return True
    place = m["place"]
    if place.rstrip(".") in _NOT_PLACES:
        return False
    in_capitals = place.isupper() and len(place.rstrip(".")) > 1
    return in_capitals and bool(m["date"] or (m["end"] and m["end"].strip()))
