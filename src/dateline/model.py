"""The data that flows between stages: plain, typed dataclasses with a JSON form.

Every stage is a function over these objects, so the same code runs in-process,
in a process pool or on Ray workers. `to_dict` gives the documented JSON form
(docs/schema.md); `from_dict` reads it back (the store, linking and exports use it).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]
"""Character offsets [start, end) into `Article.text`."""


@dataclass
class RawDocument:
    """One input document as read, before extraction.

    `kind` says how to extract it: ``text``, ``html`` or ``error`` (the reader
    could not even produce content; `error` then says why). `meta` carries what
    the container already knew (url, title, published, source from JSON Lines,
    feeds or WARC headers).
    """

    origin: str
    kind: str
    content: bytes | str = b""
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


@dataclass
class Dateline:
    """The wire-service dateline opening an article: ``MOSCOW, February 12. /TASS/.``"""

    place: str | None = None
    date: str | None = None
    date_iso: str | None = None
    """`date` resolved to ``YYYY-MM-DD`` (the year from the publication date or the article's own dates)."""
    agency: str | None = None
    text: str = ""
    span: Span | None = None
    region: str | None = None


@dataclass
class ActorRef:
    """An actor as coded: the mention as written, the resolved name, the CAMEO code."""

    text: str
    name: str | None = None
    code: str | None = None
    span: Span | None = None


@dataclass
class Entity:
    """A named entity mention from the NLP layer, with its actor code when one resolves."""

    text: str
    label: str
    span: Span
    name: str | None = None
    code: str | None = None


@dataclass
class Timex:
    """A TIMEX3 temporal expression normalised against the article's date."""

    text: str
    type: str
    value: str
    spans: list[Span] = field(default_factory=list)
    rule: str = ""


@dataclass
class Quote:
    """An attributed quotation: content, cue and speaker, with their spans.

    `parts` are the content's pieces when a quote is split around its cue
    (`spans["content"]` runs from the first to the last); `kind` is ``direct``
    (all in quotation marks), ``mixed`` (partly) or ``indirect``; `cue_kind`
    the cue's class (speech, stance, belief, evidence, source); `nested` says
    the cue lies inside another quote's content ("X said Y told him ...").
    """

    text: str
    direct: bool
    cue: str | None
    speaker: ActorRef | None
    spans: dict[str, Span | None] = field(default_factory=dict)
    cue_lemma: str | None = None
    sentence: str = ""
    rule: str = ""
    confidence: float = 0.0
    parts: list[Span] = field(default_factory=list)
    kind: str = ""
    cue_kind: str = ""
    nested: bool = False


@dataclass
class Event:
    """One coded event with the evidence that produced it."""

    id: str
    cameo: str
    cameo_root: str
    plover: str | None
    quad_class: int
    goldstein: float
    date: str | None
    place: str | None
    source: ActorRef | None
    target: ActorRef | None
    trigger: str
    sentence: str
    spans: dict[str, Span | None] = field(default_factory=dict)
    modality: list[str] = field(default_factory=list)
    rule: str = ""
    confidence: float = 0.0
    article_id: str | None = None
    plover_mode: str | None = None
    plover_context: str | None = None


@dataclass
class Article:
    """A document after extraction and coding; `status` is ok, duplicate or error."""

    id: str
    origin: str
    content_hash: str
    status: str = "ok"
    error: str | None = None
    title: str | None = None
    section: str | None = None
    url: str | None = None
    site: str | None = None
    byline: str | None = None
    published: str | None = None
    published_inferred: bool = False
    published_precision: str | None = None
    """``day`` (``published`` is ``YYYY-MM-DD``) or ``year`` (``YYYY``: the page gave only a year)."""
    dateline: Dateline | None = None
    wire_source: str | None = None
    language: str | None = None
    text: str = ""
    quality: list[str] = field(default_factory=list)
    skipped: str | None = None
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)

    @property
    def body_start(self) -> int:
        """Where the story proper starts in `text`: after the wire dateline ("MOSCOW, February 12.
        /TASS/."), which the parser reads as part of the first sentence; else 0."""
        return self.dateline.span[1] if self.dateline and self.dateline.span else 0

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return from_dict(cls, data)


def to_dict(obj: Any) -> Any:
    """The JSON form of any model object: dataclasses become dicts, spans lists."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


_NESTED: dict[str, type] = {
    "dateline": Dateline,
    "source": ActorRef,
    "target": ActorRef,
    "speaker": ActorRef,
}
_LISTS: dict[str, type] = {
    "entities": Entity,
    "events": Event,
    "quotes": Quote,
    "timexes": Timex,
}


def from_dict(cls: type, data: dict[str, Any]) -> Any:
    """Rebuild a model object from its JSON form (unknown keys are ignored)."""
    names = {f.name for f in dataclasses.fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key not in names:
            continue
        if key in _NESTED and isinstance(value, dict):
            value = from_dict(_NESTED[key], value)
        elif key in _LISTS and isinstance(value, list):
            value = [from_dict(_LISTS[key], v) for v in value]
        elif key == "span" and isinstance(value, list):
            value = tuple(value)
        elif key == "spans" and isinstance(value, dict):
            value = {k: tuple(v) if isinstance(v, list) else v for k, v in value.items()}
        elif key in ("spans", "parts") and isinstance(value, list):
            value = [tuple(v) for v in value]
        kwargs[key] = value
    return cls(**kwargs)
