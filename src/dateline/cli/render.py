"""Rich rendering of stored articles, events and quotes for the terminal."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dateline.model import ActorRef, Article, Event, Quote

TEXT_PREVIEW = 400
ID_PREFIX = 10
"""Article ids in event and quote lists are cut to this many characters (`dateline show` takes a prefix)."""


def console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _cut(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(title: str, columns: list[str], rows: list[list[Any]], wrap: tuple[str, ...] = ()) -> Table:
    """A table whose `wrap` columns (free text, names) wrap to fit; the others (dates, codes, ids) stay whole."""
    table = Table(title=title, title_justify="left", header_style="bold", box=box.SIMPLE_HEAD)
    for column in columns:
        table.add_column(column, no_wrap=column not in wrap, overflow="fold")
    for row in rows:
        table.add_row(*[escape("" if v is None else str(v)) for v in row])
    return table


def articles_table(rows: list[dict[str, Any]]) -> Table:
    return _table(
        f"{len(rows)} articles",
        ["id", "published", "source", "status", "events", "quotes", "title / reason"],
        [
            [r["id"], r["published"], r["source"], r["status"], r["events"], r["quotes"],
             _cut(r["title"] if r["status"] == "ok" else r["error"] or r["skipped"] or r["title"], 60)]
            for r in rows
        ],
        wrap=("source", "title / reason"),
    )


def _actor_cell(role: str, row: dict[str, Any]) -> str:
    name = row.get(f"{role}_name") or row.get(f"{role}_text")
    code = row.get(f"{role}_code")
    return f"{name} ({code})" if name and code else name or code or "—"


def events_table(rows: list[dict[str, Any]]) -> Table:
    return _table(
        f"{len(rows)} events",
        ["date", "cameo", "plover", "source", "target", "trigger", "article"],
        [
            [r["date"] or r["article_published"], r["cameo"], r["plover"], _actor_cell("source", r),
             _actor_cell("target", r), _cut(r["trigger"], 30), r["article_id"][:ID_PREFIX]]
            for r in rows
        ],
        wrap=("source", "target", "trigger"),
    )


def quotes_table(rows: list[dict[str, Any]]) -> Table:
    return _table(
        f"{len(rows)} quotes",
        ["published", "speaker", "quote", "cue", "article"],
        [
            [r["article_published"], _actor_cell("speaker", r), _cut(r["text"], 70), r["cue"],
             r["article_id"][:ID_PREFIX]]
            for r in rows
        ],
        wrap=("speaker", "quote", "cue"),
    )


def _actor(ref: ActorRef | None) -> str:
    if ref is None:
        return "—"
    name = ref.name or ref.text
    return f"{name} ({ref.code})" if ref.code else name


def _span(span: Any) -> str:
    return f"{span[0]}–{span[1]}" if span else "—"


def _spans(spans: dict[str, Any] | list[Any]) -> str:
    """Named spans (``trigger 30–40``) or a plain list of spans."""
    if isinstance(spans, dict):
        return ", ".join(f"{name} {_span(span)}" for name, span in spans.items())
    return ", ".join(_span(span) for span in spans)


def _evidence(sentence: str, spans: Any, rule: str, confidence: float | None) -> str:
    """The lines under an event or quote: its sentence, then spans, rule and confidence."""
    facts = [f"spans {_spans(spans)}" if spans else "", f"rule {rule}" if rule else "",
             f"confidence {confidence:.2f}" if confidence is not None else ""]
    lines = [f"“{_cut(sentence, 300)}”" if sentence else "", " · ".join(f for f in facts if f)]
    return "\n".join(f"    [dim]{escape(line)}[/dim]" for line in lines if line)


def _event_block(n: int, e: Event) -> str:
    head = f"{e.cameo} {e.plover or ''}".strip()
    where = " · ".join(x for x in (e.date, e.place) if x)
    modality = f" [{', '.join(e.modality)}]" if e.modality else ""
    return (
        f"  {n}. [bold]{escape(head)}[/bold]  {escape(_actor(e.source))} → {escape(_actor(e.target))}"
        f"  trigger “{escape(e.trigger)}”{escape(modality)}  {escape(where)}\n"
        + _evidence(e.sentence, e.spans, e.rule, e.confidence)
    )


def _quote_block(n: int, q: Quote) -> str:
    kind = "direct" if q.direct else "indirect"
    return (
        f"  {n}. [bold]{escape(_actor(q.speaker))}[/bold]{escape(' ' + q.cue if q.cue else '')} ({kind}):"
        f" “{escape(_cut(q.text, 200))}”\n"
        + _evidence(q.sentence, q.spans, q.rule, q.confidence)
    )


def show_article(out: Console, article: Article, stored: dict[str, Any]) -> None:
    """The article with its provenance, quality, and every coded record with its evidence."""
    out.rule(escape(article.title or article.origin))
    d = article.dateline
    run = f", run {stored['run_id']}" if stored["run_id"] else ""
    facts = [
        ("id", article.id), ("origin", article.origin), ("status", article.status), ("error", article.error),
        ("duplicate of", stored.get("duplicate_of")), ("skipped", article.skipped),
        ("published", article.published and article.published + (" (inferred)" if article.published_inferred else "")),
        ("dateline", d and f"“{d.text}”  " + " · ".join(
            f"{name} {value}" for name, value in (("place", d.place), ("region", d.region), ("date", d.date),
                                                  ("agency", d.agency)) if value)),
        ("wire source", article.wire_source), ("site", article.site), ("url", article.url),
        ("byline", article.byline), ("section", article.section), ("language", article.language),
        ("quality", ", ".join(article.quality) if article.quality else None),
        ("stored", f"{stored['ingested_at']:%Y-%m-%d %H:%M:%S}{run}"),
    ]
    for label, value in facts:
        if value:
            out.print(f"[bold]{label:>12}[/bold]  {escape(str(value))}")
    if article.text:
        out.print(f"\n[dim]{escape(_cut(article.text, TEXT_PREVIEW))}[/dim]")
    out.print(f"\n[bold]Events ({len(article.events)})[/bold]")
    for n, event in enumerate(article.events, 1):
        out.print(_event_block(n, event))
    out.print(f"\n[bold]Quotes ({len(article.quotes)})[/bold]")
    for n, quote in enumerate(article.quotes, 1):
        out.print(_quote_block(n, quote))
    if article.timexes:
        out.print(_table(
            f"Times ({len(article.timexes)})", ["text", "type", "value", "spans", "rule"],
            [[t.text, t.type, t.value, _spans(t.spans), t.rule] for t in article.timexes], wrap=("text", "spans"),
        ))
    else:
        out.print("\n[bold]Times (0)[/bold]")
    if article.entities:
        names = ", ".join(f"{e.text} {e.label}" for e in article.entities[:30])
        more = f" … (+{len(article.entities) - 30})" if len(article.entities) > 30 else ""
        out.print(f"\n[bold]Entities ({len(article.entities)})[/bold]  {escape(names + more)}")


def stats_tables(stats: dict[str, Any]) -> list[Table]:
    """`dateline stats` as a few small tables."""
    totals = [["articles " + status, n] for status, n in stats["articles"].items()]
    totals += [[name, n] for name, n in stats["records"].items()]
    return [
        _table("Store", ["what", "count"], totals),
        _table("Top CAMEO roots", ["root", "events"], [[r["cameo_root"], r["events"]] for r in stats["event_roots"]]),
        _table("Top sources", ["source", "articles"], [[r["source"], r["articles"]] for r in stats["sources"]]),
        _table(
            "Recent runs", ["run", "started", "status", "read", "ok", "duplicate", "error", "skipped", "events"],
            [[r["id"], f"{r['started_at']:%Y-%m-%d %H:%M}", r["status"], r["seen"], r["ok"], r["duplicate"], r["error"],
              r["already_stored"], r["events"]] for r in stats["runs"]],
        ),
    ]
