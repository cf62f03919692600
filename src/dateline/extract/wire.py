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


_WINDOW = 40
_BYLINE_NAMES = re.compile(r"\s*(?:[;,&/|]|\band\b|^[Bb]y\b)\s*")

_CREDIT_FORMS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (re.compile(before + r"$"), re.compile(after))
    for before, after in (
        (r"\(", r"\)"),  # (Reuters)
        (r"", r"\s+(?:and\s+\S+\s+)?contributed\b"),  # Xinhua contributed to this report
        (r"\b[Ss]ource:\s*", r""),  # Source: TASS
        (r"\([Ww]ith (?:inputs? from |reporting by )?", r"\)"),  # (With inputs from PTI)
        (r"\s[–—-]{1,2}\s*", r"\s*\.?\s*(?:\n|$)"),  # … — AP
        (r"\s", r"\s+reports?\.(?:\n|$)"),  # …, Ukrinform reports.
        (r"(?:^|\n)(?:[Bb]y\s+)?", r"(?:\n|$)"),  # a line that is only the agency
        (r"(?:©|\([Cc]\)|[Cc]opyright)\s*(?:\d{4}\s+)?", r""),  # © 2019 Associated Press
    )
)
"""(text before, text after) an agency name that make it a credit line."""


@cache
def _alias_regex() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{agencies.alias_pattern()})\b")


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
    for name in _BYLINE_NAMES.split(byline or ""):
        if found := agencies.canonical(name):
            return found
    return agencies.by_domain(urlsplit(url).hostname) if url else None


def credit_line(text: str) -> str | None:
    """The agency the first credit line in `text` names, or None."""
    for m in _alias_regex().finditer(text):
        before, after = text[max(0, m.start() - _WINDOW) : m.start()], text[m.end() : m.end() + _WINDOW]
        if any(b.search(before) and a.match(after) for b, a in _CREDIT_FORMS):
            return agencies.canonical(m.group(0))
    return None
