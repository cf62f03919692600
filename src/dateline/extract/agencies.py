"""News agencies: names, aliases, home country and domains, from `data/agencies.tsv`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from dateline.extract.resources import data_lines


@dataclass(frozen=True)
class Agency:
    canonical: str
    country: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]


@cache
def agencies() -> tuple[Agency, ...]:
    rows = []
    for line in data_lines("agencies.tsv", "DATELINE_AGENCIES"):
        fields = line.split("\t")
        if fields[0] == "canonical" or len(fields) < 3:
            continue
        aliases = tuple(a.strip() for a in fields[2].split("|") if a.strip())
        domains = tuple(d.strip().lower() for d in fields[3].split("|") if d.strip()) if len(fields) > 3 else ()
        rows.append(Agency(fields[0].strip(), fields[1].strip(), aliases, domains))
    return tuple(rows)


@cache
def _by_alias() -> dict[str, Agency]:
    table: dict[str, Agency] = {}
    for agency in agencies():
        for alias in agency.aliases:
            table.setdefault(alias, agency)
            table.setdefault(alias.upper(), agency)
    return table


@cache
def alias_pattern() -> str:
    """A regex alternation of every alias (longest first, so 'RIA Novosti' beats 'RIA')."""
    names = sorted(_by_alias(), key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


def canonical(alias: str) -> str | None:
    """The canonical name of the agency written `alias`, or None."""
    agency = _by_alias().get(alias.strip())
    return agency.canonical if agency else None


def by_domain(host: str | None) -> str | None:
    """The agency whose own site `host` is (``www.tass.com`` → TASS), or None."""
    if not host:
        return None
    host = host.lower().rstrip(".")
    for agency in agencies():
        if any(host == d or host.endswith("." + d) for d in agency.domains):
            return agency.canonical
    return None
