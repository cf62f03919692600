"""Country names that also name a place inside another country, told apart by the places around them.

"Georgia" is a country and a US state. Alone it stays the country (the dictionaries' reading); beside a US state or
city ("rallies in Georgia and North Carolina", "Atlanta, Georgia") and with no place of the country itself in the
document, it is the state, coded as its country (CAMEO codes sub-national places by their country). The names and
the other country are data (`data/actors/namesakes.tsv`); the rule's evidence is the mention's `rule`.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

from dateline.code.data_files import DATA_DIR, configured_paths, tsv_rows

NAMESAKES = DATA_DIR / "actors" / "namesakes.tsv"
SUB_NATIONAL = {"place"}
"""Entry types of places inside a country: states and provinces (`actors.tsv`), GeoNames cities."""


@cache
def load() -> dict[str, str]:
    """Lower-cased name -> code of the other place's country, ours then the user's (``DATELINE_NAMESAKES``)."""
    table: dict[str, str] = {}
    for path in (str(NAMESAKES), *configured_paths(None, "actor_namesakes", "DATELINE_NAMESAKES")):
        with open(path, encoding="utf-8") as fh:
            table.update({row[0].strip().lower(): row[1].strip() for row in tsv_rows(fh.read()) if len(row) >= 2})
    return table


def resolve(doc: Any, atoms: list) -> list:
    """The atoms with each country namesake recoded to the other place where its neighbours say so."""
    table = load()
    places = [a for a in atoms if a.kind == "actor" and a.code and a.entry is not None]
    for atom in places:
        other = table.get(doc[atom.start:atom.end].text.lower()) if atom.entry.type == "country" else None
        if not other:
            continue
        rest = [a for a in places if a is not atom and doc[a.start:a.end].text != doc[atom.start:atom.end].text]
        beside_other = any(a.entry.type in SUB_NATIONAL and a.code[:3] == other for a in rest)
        own_places = any(a.code[:3] == atom.code[:3] for a in rest)
        if beside_other and not own_places:
            atom.code = other
            atom.entry = replace(atom.entry, type="place", source=f"namesakes.tsv:{doc[atom.start:atom.end].text}")
    return atoms
