"""Code tables the event exports share: CAMEO actor codes broken out, places resolved.

A CAMEO actor code is three-letter groups, general to specific: ``RUSGOV`` is
Russia (country, ISO 3166 alpha-3) + government (type). Places are resolved
to a country (pycountry) or to a city of the small gazetteer in
``data/places.tsv``; GDELT wants FIPS 10-4 country codes (``data/fips_countries.tsv``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycountry

US_CITY, WORLD_CITY, COUNTRY = 3, 4, 1


def _data_lines(name: str, env: str | None = None) -> list[list[str]]:
    texts = [resources.files("dateline.serve").joinpath(f"data/{name}").read_text("utf-8")]
    extra = os.environ.get(env) if env else None
    if extra and Path(extra).is_file():
        texts.append(Path(extra).read_text("utf-8"))
    return [line.split("\t") for text in texts for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def actor_types() -> frozenset[str]:
    return frozenset(parts[0].strip() for parts in _data_lines("cameo_actor_types.txt", "DATELINE_CAMEO_TYPES"))


@lru_cache(maxsize=1)
def fips_codes() -> dict[str, str]:
    return {parts[0]: parts[1].strip() for parts in _data_lines("fips_countries.tsv") if len(parts) > 1}


@lru_cache(maxsize=1)
def cities() -> dict[str, tuple[str, str, float, float]]:
    """Lowercased city name → (name as listed, ISO-3 country, lat, lon)."""
    table: dict[str, tuple[str, str, float, float]] = {}
    for parts in _data_lines("places.tsv", "DATELINE_PLACES"):
        if len(parts) >= 4:
            name = parts[0].strip()
            table.setdefault(name.lower(), (name, parts[1].strip(), float(parts[2]), float(parts[3])))
    return table


@lru_cache(maxsize=4096)
def country(code_or_name: str | None):
    """The pycountry record for an ISO code or a country name, or None."""
    if not code_or_name:
        return None
    try:
        return pycountry.countries.lookup(code_or_name.strip())
    except LookupError:
        return None


@dataclass(frozen=True)
class ActorCode:
    """A CAMEO actor code broken out as GDELT's actor fields."""

    code: str
    country: str | None
    types: tuple[str, ...]


def split_actor(code: str | None) -> ActorCode | None:
    """Country (the first group when it is an ISO alpha-3 country) and up to three type groups."""
    if not code:
        return None
    code = code.upper()
    groups = [code[i : i + 3] for i in range(0, len(code), 3)]
    iso = groups[0] if len(groups[0]) == 3 and country(groups[0]) else None
    types = tuple(g for g in groups[1 if iso else 0 :] if g in actor_types())[:3]
    return ActorCode(code, iso, types)


@dataclass(frozen=True)
class Place:
    """A resolved place: GDELT geo type, full name, ISO-3 and FIPS country, and coordinates when known."""

    name: str
    geo_type: int
    fullname: str
    iso3: str
    fips: str | None
    lat: float | None = None
    lon: float | None = None


def resolve_place(name: str | None) -> Place | None:
    """A place name as a country or a gazetteer city; None when we cannot tell."""
    if not name or not name.strip():
        return None
    key = name.strip()
    city = cities().get(key.lower())
    if city:
        listed, iso3, lat, lon = city
        rec = country(iso3)
        country_name = rec.name if rec else iso3
        return Place(key, US_CITY if iso3 == "USA" else WORLD_CITY, f"{listed}, {country_name}", iso3,
                     fips_codes().get(iso3), lat, lon)
    rec = country(key)
    if rec:
        return Place(key, COUNTRY, rec.name, rec.alpha_3, fips_codes().get(rec.alpha_3))
    return None
