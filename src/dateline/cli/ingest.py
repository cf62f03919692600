"""`dateline ingest`: read inputs, code new documents, store them; re-running finishes an interrupted run."""

from __future__ import annotations

import sys
from contextlib import nullcontext

from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from dateline.cli.inputs import add_inputs, read
from dateline.cli.options import POSITIVE, add_db, memory_size, number, open_store, reports_store_errors
from dateline.cli.render import console
from dateline.pipeline import DEFAULT_COMPONENTS
from dateline.runner import RunSummary, ingest


def register(sub) -> None:
    p = sub.add_parser(
        "ingest",
        help="process inputs and save the results in the store",
        description="Read PATHs (files, directories, and whatever `dateline.ingest` reads), extract and code every "
        "document not stored yet, and save each as it is done. Inputs already stored (same origin and content) are "
        "skipped before any processing, so an interrupted run is finished by running it again. One bad document "
        "never stops a run: it is stored with status error and the reason.",
    )
    add_inputs(p)
    add_db(p)
    p.add_argument(
        "--workers", type=number(int, 1, 256), default=1, metavar="N",
        help="extract and code in N processes (default 1)",
    )
    p.add_argument("--ray", action="store_true", help="run the workers on Ray (pip install 'dateline[ray]')")
    p.add_argument(
        "--components", default=",".join(DEFAULT_COMPONENTS), metavar="LIST",
        help=f"coding components to run, comma-separated (default {','.join(DEFAULT_COMPONENTS)}); "
        "'none' stores extracted articles without NLP",
    )
    p.add_argument(
        "--batch-size", type=POSITIVE, default=32, metavar="N", help="documents per batch and commit (default 32)"
    )
    p.add_argument("--no-link", action="store_true", help="do not link articles across the store (copies, stories)")
    p.add_argument(
        "--retry-errors", action="store_true",
        help="process again the inputs stored with status error (after a fix), replacing their rows",
    )
    p.add_argument(
        "--memory-limit", type=memory_size, default=MEMORY_LIMIT, metavar="SIZE",
        help=f"DuckDB's memory for this run (default {MEMORY_LIMIT}; DuckDB's own is 80%% of RAM): its cache of the "
        "store's blocks grows with the store up to it (docs/scale.md)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress display and no summary")
    p.set_defaults(func=run)


MEMORY_LIMIT = "1GB"
"""Ingest's default DuckDB memory limit: what DuckDB caches of a growing store stays under it (at 64 MB linking
ran at the same CPU, docs/scale.md), and a laptop keeps its memory for spaCy and the workers."""


def components_option(value: str) -> tuple[str, ...]:
    if value.strip().lower() in ("", "none"):
        return ()
    return tuple(name.strip() for name in value.split(",") if name.strip())


@reports_store_errors
def run(args) -> int:
    from dateline.pipeline import get_component
    from dateline.workers import require_ray

    components = components_option(args.components)
    try:
        for name in components:
            get_component(name)
        if args.ray:
            require_ray()
    except (KeyError, ImportError) as exc:
        print(f"dateline: {exc.args[0]}", file=sys.stderr)
        return 2
    out = console()
    show_progress = not args.quiet and sys.stdout.isatty()
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    progress = Progress(*columns, console=out, transient=True)
    with open_store(args, read_only=False) as store, progress if show_progress else nullcontext():
        store.limit_memory(args.memory_limit)
        task = progress.add_task("starting", total=None)
        summary = ingest(
            read(args), store, inputs=args.inputs, components=components, workers=args.workers,
            use_ray=args.ray, batch_size=args.batch_size, link=not args.no_link, retry_errors=args.retry_errors,
            on_progress=lambda s: progress.update(task, description=_progress_line(s)),
        )
        totals = {table: store.count(table) for table in ("articles", "events", "quotes")}
    if not args.quiet:
        _print_summary(out, summary, store.path, totals)
    return 0


def _progress_line(s: RunSummary) -> str:
    rate = (s.stored + s.already_stored) / s.elapsed if s.elapsed else 0.0  # done, not just read
    return (
        f"{s.seen} read · {s.statuses['ok']} ok · {s.statuses['duplicate']} duplicate · {s.statuses['error']} error"
        f" · {s.already_stored} already stored · {rate:.1f} docs/s"
    )


def _print_summary(out, s: RunSummary, path: str, totals: dict[str, int]) -> None:
    rate = s.seen / s.elapsed if s.elapsed else 0.0
    out.print(f"[bold]Run {s.run_id}[/bold]: {s.seen} inputs in {s.elapsed:.1f} s ({rate:.1f} docs/s)")
    out.print(
        f"  stored   {s.stored:>6}   ok {s.statuses['ok']} · duplicate {s.statuses['duplicate']} · "
        f"error {s.statuses['error']}"
    )
    out.print(f"  skipped  {s.already_stored:>6}   already stored (same origin and content)")
    if s.relinked:
        out.print(f"  linked   {s.relinked:>6}   stored earlier but not linked (a run stopped between the two)")
    out.print(f"  coded    events {s.coded['events']} · quotes {s.coded['quotes']} · timexes {s.coded['timexes']}")
    if s.errors:
        out.print("[bold]Errors[/bold]")
        for origin, reason in s.errors:
            out.print(f"  {escape(origin)}: {escape(reason)}")
        if s.statuses["error"] > len(s.errors):
            out.print(f"  … and {s.statuses['error'] - len(s.errors)} more: dateline articles --status error")
    if s.link_errors:
        out.print("[bold]Stored, but linking failed[/bold]")
        for origin, reason in s.link_errors:
            out.print(f"  {escape(origin)}: {escape(reason)}")
    held = ", ".join(f"{n} {table}" for table, n in totals.items())
    out.print(f"Store {escape(path)}: {held}")
    out.print("Next: dateline articles · dateline show ID · dateline events")
