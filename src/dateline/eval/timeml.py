"""Read TimeML (`.tml`) files: plain text, the creation time and the gold TIMEX3s.

The text is the content of ``<TEXT>`` with every tag removed, so gold spans are
character offsets into exactly the string our recogniser sees.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass
class TimeMLDocument:
    name: str
    text: str
    dct: str | None
    timexes: list[GoldTimex] = field(default_factory=list)


def read_tml(path: Path) -> TimeMLDocument:
    """One TimeML file; DCT is the value of the CREATION_TIME TIMEX3 (date part)."""
    root = ET.parse(path).getroot()
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = timex.get("value")
            break
    text_el = root.find("TEXT")
    pieces: list[str] = []
    timexes: list[GoldTimex] = []
    if text_el is not None:
        _flatten(text_el, pieces, timexes)
    return TimeMLDocument(name=path.stem, text="".join(pieces), dct=dct, timexes=timexes)


def _flatten(el: ET.Element, pieces: list[str], timexes: list[GoldTimex]) -> None:
    """Append `el`'s text (not its tail) to `pieces`, recording TIMEX3 offsets."""
    start = sum(map(len, pieces))
    pieces.append(el.text or "")
    for child in el:
        _flatten(child, pieces, timexes)
        pieces.append(child.tail or "")
    end = sum(map(len, pieces))
    if el.tag == "TIMEX3" and end > start:
        timexes.append(GoldTimex(start, end, el.get("type", ""), el.get("value", "")))


def iter_tml(directory: Path) -> Iterator[Path]:
    """`.tml` files under `directory`, recursively, each document name once
    (TBAQ ships one TimeBank file twice, in ``testpipeline/``)."""
    seen: set[str] = set()
    for path in sorted(Path(directory).rglob("*.tml")):
        if path.name not in seen:
            seen.add(path.name)
            yield path
