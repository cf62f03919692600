"""The wire source: which agency a story comes from, also when another site republished it.

Evidence, strongest first: the dateline's agency, a credit line in the text
("(Reuters)", "— AP", "Source: TASS", "Xinhua contributed to this report",
"(With inputs from PTI)", "..., Ukrinform reports."), a byline that is an agency,
and last the agency's own web domain.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit

from dateline.extract import agencies
from dateline.model import Dateline


@cache
def _alias_regex() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{agencies.alias_pattern()})\b")


@cache
def _credit_patterns() -> tuple[re.Pattern[str], ...]:
    a = rf"(?P<agency>{agencies.alias_pattern()})"
    return tuple(
        re.compile(p, re.MULTILINE)
        for p in (
            rf"\({a}\)",
            rf"(?:^|\s){a}\s+(?:and\s+\S+\s+)?contributed\b",
            rf"\b[Ss]ource:\s*{a}\b",
            rf"\([Ww]ith (?:inputs? from |reporting by )?{a}\)",
            rf"\s[–—-]{{1,2}}\s*{a}\s*\.?$",
            rf",?\s{a}\s+reports?\.$",
            rf"^(?:[Bb]y\s+)?{a}$",
        )
    )


def wire_source(text: str, dateline: Dateline | None, byline: str | None, url: str | None) -> str | None:
    """The canonical agency name the story is credited to, or None."""
    if dateline and dateline.agency:
        return dateline.agency
    if _alias_regex().search(text):
        for pattern in _credit_patterns():
            m = pattern.search(text)
            if m:
                return agencies.canonical(m["agency"])
    if byline:
        name = re.sub(r"^[Bb]y\s+", "", byline.strip())
        if agencies.canonical(name):
            return agencies.canonical(name)
    return agencies.by_domain(urlsplit(url).hostname) if url else None
