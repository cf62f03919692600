"""Titles: split off a glued section or site name; find the title line of a plain text.

Sites glue the section and the site name to the headline with a separator
("… – Kremlin – Russian Politics & Diplomacy"). A trailing part is a section
when it is a known section name (`data/sections.txt`) or has a section's shape:
a few capitalised words around a head word such as "Politics" or "News". Other
trailing parts ("– Kremlin", a quoted speaker) belong to the headline.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit

from dateline.extract.resources import data_lines

_SEPARATOR = re.compile(r"\s+(?:[–—|»·]|-{1,2}|::)\s+")
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")
_CONNECTORS = {"&", "and", "of", "the", "in", "for", "to"}
_MAX_SECTION_WORDS = 5
_MAX_TITLE_CHARS = 200
_MAX_TITLE_WORDS = 30
_MAX_HEADLINE_WORDS = 16
_LEAD_RATIO = 1.5


@cache
def _lexicon() -> tuple[frozenset[str], frozenset[str]]:
    names, heads = set(), set()
    for line in data_lines("sections.txt", "DATELINE_SECTIONS"):
        if line.startswith("head:"):
            heads.add(line[5:].strip().casefold())
        else:
            names.add(line.strip().casefold())
    return frozenset(names), frozenset(heads)


def is_section(part: str) -> bool:
    """Whether a trailing title part names a section rather than continuing the headline."""
    names, heads = _lexicon()
    if part.casefold() in names:
        return True
    words = part.split()
    if not 2 <= len(words) <= _MAX_SECTION_WORDS:
        return False
    capitalised = all(w[0].isupper() or w.casefold() in _CONNECTORS for w in words)
    return capitalised and any(w.casefold() in heads for w in words)


def split_title(title: str, site: str | None = None, url: str | None = None) -> tuple[str, str | None]:
    """(headline, section) for a page title, dropping the site name before or after
    it (the page's own site name or host, or any trailing domain name: "| Aktuálně.cz")."""
    site_names = _site_names(site, url)
    title = _without_site(" ".join(title.split()), site_names)
    section = None
    while True:
        cuts = list(_SEPARATOR.finditer(title))
        if not cuts:
            break
        last = cuts[-1]
        part = title[last.end() :]
        if part.casefold() in site_names or _DOMAIN.fullmatch(part):
            title = title[: last.start()]
        elif section is None and is_section(part):
            section, title = part, title[: last.start()]
        else:
            break
    return title, section


def _without_site(title: str, site_names: set[str]) -> str:
    """The title without a site name that itself contains a separator
    ("… - Remember 80/90 - Memorabilia anni 80/90") or leads it ("LinkNaija: …")."""
    folded = title.casefold()
    for name in site_names:
        if folded.startswith(name) and title[len(name) : len(name) + 2] in (": ", " |", " -", " –", " —"):
            return title[len(name) :].lstrip(":|-–— ")
        for cut in _SEPARATOR.finditer(title):
            if folded[cut.end() :] == name:
                return title[: cut.start()]
    return title


def section_from_categories(categories: list[str]) -> str | None:
    """A page's category as its section, when there is one and it reads as a name,
    not a tag list ("general-news,trials,…")."""
    if len(categories) != 1 or "," in categories[0] or _DOMAIN.fullmatch(categories[0]):
        return None
    return categories[0] if len(categories[0].split()) <= _MAX_SECTION_WORDS else None


def _site_names(site: str | None, url: str | None) -> set[str]:
    names = {site.casefold()} if site else set()
    host = urlsplit(url).hostname if url else None
    if host:
        host = host.removeprefix("www.")
        names |= {host, host.split(".")[0]}
    return names


def text_title(line: str, following: str = "") -> str | None:
    """The first line of a plain text as its title when it looks like one: short,
    and not ending like a sentence unless written in title case or much shorter
    than the paragraph that follows (headlines ending in a stop: "Trump not walking
    the walk on his tax claims.")."""
    line = " ".join(line.split())
    words = line.split()
    if not words or len(line) > _MAX_TITLE_CHARS or len(words) > _MAX_TITLE_WORDS:
        return None
    if line[-1] in ".,;:" and not (_title_case(words) or _headline_before(words, following)):
        return None
    return line


def _headline_before(words: list[str], following: str) -> bool:
    return len(words) <= _MAX_HEADLINE_WORDS and _LEAD_RATIO * len(words) <= len(following.split())


def _title_case(words: list[str]) -> bool:
    long_words = [w for w in words if len(w) > 3]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words)
