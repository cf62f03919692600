"""The pipeline: ingest → extract → analyse (NLP) → code, as plain functions.

Coding is a list of small components run in order over one shared `Analysis`
(spaCy's model: a pipeline of components around one document object). A
component is registered by name with `@component` and may be swapped by
passing another list of names. Nothing here touches a store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from dateline.model import Article, RawDocument

ComponentFn = Callable[["Analysis"], None]
_COMPONENTS: dict[str, ComponentFn] = {}

DEFAULT_COMPONENTS = ("timexes", "actors", "quotes", "events")
"""Order matters: quotes use actors; events use actors, timexes and quotes."""


@dataclass
class Analysis:
    """What the coding components share for one article: the article, its spaCy
    `Doc`, and intermediate results (the resolved actors) that are not output."""

    article: Article
    doc: Any
    config: dict[str, Any] = field(default_factory=dict)
    actors: Any = None


def component(name: str) -> Callable[[ComponentFn], ComponentFn]:
    """Register a coding component under `name`."""

    def register(fn: ComponentFn) -> ComponentFn:
        _COMPONENTS[name] = fn
        return fn

    return register


def get_component(name: str) -> ComponentFn:
    _load_builtin_components()
    try:
        return _COMPONENTS[name]
    except KeyError:
        raise KeyError(f"no coding component named {name!r}; known: {sorted(_COMPONENTS)}") from None


def _load_builtin_components() -> None:
    import dateline.code.actors  # noqa: F401
    import dateline.code.events  # noqa: F401
    import dateline.code.quotes  # noqa: F401
    import dateline.code.time  # noqa: F401


def extract(raw: RawDocument) -> Article:
    """Raw document → clean article (no NLP). Never raises: failures become
    an article with status ``error`` and the reason."""
    from dateline.extract import extract_article

    return extract_article(raw)


def analyse(
    articles: Iterable[Article],
    components: Iterable[str] = DEFAULT_COMPONENTS,
    config: dict[str, Any] | None = None,
    batch_size: int = 32,
) -> Iterator[Article]:
    """Run NLP and the coding components over articles, in spaCy batches.

    Articles that are not ``ok``, or not in a language we code, pass through
    unchanged (the latter with `skipped` saying why). One failing article is
    marked ``error`` and the rest go on.
    """
    from dateline.analyse.nlp import codable, pipe_docs

    config = config or {}
    fns = [get_component(name) for name in components]
    pending: list[Article] = []

    def flush() -> Iterator[Article]:
        docs = pipe_docs([a.text for a in pending], config, batch_size=batch_size)
        for article, doc in zip(pending, docs):
            state = Analysis(article=article, doc=doc, config=config)
            try:
                for fn in fns:
                    fn(state)
            except Exception as exc:  # one bad article never stops a run
                article.status = "error"
                article.error = f"coding failed: {type(exc).__name__}: {exc}"
            yield article
        pending.clear()

    for article in articles:
        reason = codable(article)
        if reason:
            if article.status == "ok":
                article.skipped = reason
            yield article
            continue
        pending.append(article)
        if len(pending) >= batch_size:
            yield from flush()
    if pending:
        yield from flush()


def process(
    raws: Iterable[RawDocument],
    components: Iterable[str] = DEFAULT_COMPONENTS,
    config: dict[str, Any] | None = None,
    batch_size: int = 32,
) -> Iterator[Article]:
    """Raw documents in, fully coded articles out: the whole per-article job."""
    return analyse((extract(raw) for raw in raws), components, config, batch_size)
