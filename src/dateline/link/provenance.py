"""Provenance: where a cluster of copies came from, and how each copy was made.

The original of a cluster is, in order of evidence: the member published on
the site of the wire agency the copies credit (``MOSCOW, February 12. /TASS/.``
and a copy on tass.com); otherwise the earliest publication; otherwise the
first member we saw. Each other member is compared with the original:

- ``verbatim``: similarity ≥ `VERBATIM` (the same words, up to spacing and case);
- ``light edit``: similarity ≥ `LIGHT_EDIT` (a few words changed, boilerplate);
- ``rewrite``: below that (synonyms swapped, sentences reordered, cut).

Similarity is rapidfuzz's normalised Indel similarity (``fuzz.ratio`` / 100)
of the two texts reduced to lowercase words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlparse

from rapidfuzz import fuzz

from dateline.link.text import bundled, comparable, with_user_file

VERBATIM = 0.995
LIGHT_EDIT = 0.9


@dataclass(frozen=True)
class Member:
    """What provenance needs to know about one article of a cluster."""

    article_id: str
    site: str | None = None
    url: str | None = None
    published: str | None = None
    wire_agency: str | None = None
    seen: int = 0
    """Order in which the article was linked (a tie-breaker: first seen wins)."""


@lru_cache(maxsize=1)
def agency_domains() -> dict[str, tuple[str, ...]]:
    """Wire agency (lowercased) → its web domains, from data/agencies.tsv and the user's file."""
    table: dict[str, tuple[str, ...]] = {}
    for text in with_user_file(bundled("agencies.tsv"), "DATELINE_LINK_AGENCIES"):
        for line in text.splitlines():
            if line.startswith("#") or "\t" not in line:
                continue
            agency, domains = line.split("\t", 1)
            table[agency.strip().lower()] = tuple(d.strip().lower() for d in domains.split(",") if d.strip())
    return table


def domain(member: Member) -> str | None:
    """The member's web domain, without ``www.``, from its URL or site name."""
    host = urlparse(member.url).hostname if member.url else None
    host = host or (member.site or "").lower() or None
    return host[4:] if host and host.startswith("www.") else host


def origin_agency(members: Sequence[Member]) -> str | None:
    """The wire agency most members credit, or None when none does."""
    counts = Counter(m.wire_agency for m in members if m.wire_agency)
    return counts.most_common(1)[0][0] if counts else None


def _on_agency_site(member: Member, agency: str | None) -> bool:
    host = domain(member)
    if not agency or not host:
        return False
    return any(host == d or host.endswith("." + d) for d in agency_domains().get(agency.lower(), ()))


def choose_original(members: Sequence[Member]) -> tuple[Member, str]:
    """The original member of a cluster and the evidence for it."""
    agency = origin_agency(members)
    on_site = [m for m in members if _on_agency_site(m, agency)]
    if on_site:
        return min(on_site, key=lambda m: (m.published or "~", m.seen)), "agency site"
    dated = [m for m in members if m.published]
    if dated:
        first = min(dated, key=lambda m: (m.published, m.seen))
        if sum(1 for m in dated if m.published == first.published) == 1 or len(dated) == 1:
            return first, "earliest publication"
    return min(members, key=lambda m: m.seen), "first seen"


def similarity(original: str, copy: str) -> float:
    """How much of the wording survives between two texts, 0..1."""
    return round(fuzz.ratio(comparable(original), comparable(copy)) / 100.0, 4)


def relation(score: float) -> str:
    """verbatim, light edit or rewrite, by the thresholds above."""
    if score >= VERBATIM:
        return "verbatim"
    if score >= LIGHT_EDIT:
        return "light edit"
    return "rewrite"
