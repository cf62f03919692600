"""Read brat standoff attribution annotations (PolNeAR's `.ann` files).

PolNeAR writes one `.ann` file per article and annotator
(``<article>_<annotator>.ann`` beside ``text/<article>.txt``). Text-bound lines
``T1<TAB>Source 89 106<TAB>The New York Post`` hold the spans (a discontinuous
span is ``2103 2168;2170 2425``); event lines
``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1`` tie them into one
attribution. Offsets are character offsets into the text file.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

Ranges = tuple[tuple[int, int], ...]
"""A possibly discontinuous span: character ranges [start, end)."""

_ANNOTATOR = re.compile(r"^(?P<article>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")


@dataclass
class Attribution:
    """One gold attribution: its content, cue and source (absent parts are empty)."""

    content: Ranges = ()
    cue: Ranges = ()
    source: Ranges = ()


@dataclass
class AnnotatedArticle:
    """One article's text with the attributions of each of its annotators."""

    name: str
    text: str
    annotations: dict[str, list[Attribution]] = field(default_factory=dict)


def parse_ranges(field_text: str) -> Ranges:
    """``'2103 2168;2170 2425'`` → ``((2103, 2168), (2170, 2425))``."""
    ranges = []
    for part in field_text.split(";"):
        start, end = part.split()
        ranges.append((int(start), int(end)))
    return tuple(ranges)


def parse_ann(text: str) -> list[Attribution]:
    """The attributions in one `.ann` file; malformed lines are skipped."""
    spans: dict[str, Ranges] = {}
    events: list[dict[str, str]] = []
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        if cols[0].startswith("T"):
            label, _, offsets = cols[1].partition(" ")
            try:
                spans[cols[0]] = parse_ranges(offsets)
            except ValueError:
                continue
        elif cols[0].startswith("E"):
            roles = dict(arg.split(":", 1) for arg in cols[1].split() if ":" in arg)
            events.append(roles)
    return [
        Attribution(
            content=spans.get(roles.get("Content", ""), ()),
            cue=spans.get(roles.get("Cue", ""), ()),
            source=spans.get(roles.get("Source", ""), ()),
        )
        for roles in events
    ]


def read_split(directory: Path, limit: int | None = None) -> list[AnnotatedArticle]:
    """Articles of one PolNeAR split (``data/dev``): ``text/*.txt`` + ``attributions/*.ann``."""
    directory = Path(directory)
    by_article: dict[str, dict[str, Path]] = defaultdict(dict)
    for ann in sorted((directory / "attributions").glob("*.ann")):
        m = _ANNOTATOR.match(ann.name)
        if m:
            by_article[m["article"]][m["annotator"]] = ann
    articles = []
    for name in sorted(by_article):
        text_path = directory / "text" / f"{name}.txt"
        if not text_path.exists():
            continue
        articles.append(
            AnnotatedArticle(
                name=name,
                text=text_path.read_text(encoding="utf-8"),
                annotations={who: parse_ann(p.read_text(encoding="utf-8")) for who, p in by_article[name].items()},
            )
        )
        if limit and len(articles) >= limit:
            break
    return articles
