"""The wire source: which agency a story comes from, also when another site republished it.

Evidence, strongest first: the dateline's agency, a credit line in the text
("(Reuters)", "— AP", "Source: TASS", "Xinhua contributed to this report",
"(With inputs from PTI)", "..., Ukrinform reports."), a credit or copyright
line among the paragraphs removed as boilerplate ("© 2019 Associated Press"),
a byline that is an agency, and last the agency's own web domain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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
            rf"(?:©|\([Cc]\)|[Cc]opyright)\s*(?:\d{{4}}\s+)?{a}\b",
        )
    )


def wire_source(
    text: str,
    dateline: Dateline | None,
    byline: str | None = None,
    url: str | None = None,
    removed: Iterable[str] = (),
) -> str | None:
    """The canonical agency name the story is credited to, or None."""
    if dateline and dateline.agency:
        return dateline.agency
    credited = credit_line(text) or credit_line("\n".join(removed))
    if credited:
        return credited
    if byline:
        name = re.sub(r"^[Bb]y\s+", "", byline.strip())
        if agencies.canonical(name):
            return agencies.canonical(name)
    return agencies.by_domain(urlsplit(url).hostname) if url else None


def credit_line(text: str) -> str | None:
    """The agency a credit line in `text` names, or None."""
    if not _alias_regex().search(text):
        return None
    for pattern in _credit_patterns():
        m = pattern.search(text)
        if m:
            return agencies.canonical(m["agency"])
    return None
