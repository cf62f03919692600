"""The JSON endpoints: paged listings with facets, one article, provenance, stories, codes, exports.

A listing answers ``{"total", "total_exact", "offset", "limit", "rows", "facets", "facets_not_computed"}``
(a count or a facet that would pass the deadline is given up, not the page: `query.page`); its parameters are the
filters of `dateline.store.filters` plus `sort`, `offset`, `limit` and `facets`, and anything
else is refused (422), so a misspelt filter is never silently ignored.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from dateline.serve.export import export, formats
from dateline.serve.tables import Selection
from dateline.store import Store, StoreError, linked, query
from dateline.store.filters import LIST_FILTERS, PARAMS, SORTS, Filters, parse
from dateline.store.rows import TABLES, unflatten

DEFAULT_LIMIT, MAX_LIMIT = 100, 1000
PARTS_SHARE = 0.75
"""Share of the request's deadline after which a listing gives up its count (then a lower bound) and the
facets not yet counted, so the page itself is still answered in time."""
EXPORT_TIMEOUT = 120.0
"""Seconds an export may take: it writes the whole filtered set, not one page."""
MEDIA_TYPES = {
    ".tsv": "text/tab-separated-values; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".jsonl": "application/x-ndjson; charset=utf-8",
    ".parquet": "application/vnd.apache.parquet",
}
"""Content types of the files the export formats write, by suffix."""
ExportFormat = Literal[tuple(formats())]  # type: ignore[valid-type]

router = APIRouter()


def _schema(name: str, help: str, kind: str = "string") -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": help, "schema": {"type": kind}}


def list_parameters(listing: str) -> list[dict[str, Any]]:
    """The OpenAPI description of a listing's query parameters."""
    facets = query.FACETS.get(listing, ())
    return [
        *(_schema(name, PARAMS[name].help) for name in LIST_FILTERS[listing]),
        _schema("sort", f"one of {', '.join(SORTS[listing])}; - before it for descending (default -date)"),
        _schema("offset", "skip this many rows (paging)", "integer"),
        _schema("limit", f"at most this many rows, 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT})", "integer"),
        *([_schema("facets", f"comma-separated counts to add: {', '.join(facets)}")] if facets else []),
    ]


def parse_listing(listing: str, raw: dict[str, str]) -> tuple[Filters, tuple[str, ...]]:
    """A listing's filters and requested facets from the query string; 422 with every reason."""
    known = query.FACETS.get(listing, ())
    asked = tuple(f for f in (raw.get("facets") or "").split(",") if f)
    errors = [f"facets: {f!r} is not one of {', '.join(known)}" for f in asked if f not in known]
    try:
        filters = parse(listing, raw, extra=("facets",) if known else ())
    except ValueError as exc:
        errors.insert(0, str(exc))
        filters = Filters()
    if filters.limit is None:
        filters.limit = DEFAULT_LIMIT
    elif filters.limit > MAX_LIMIT:
        errors.append(f"limit: {filters.limit} is above {MAX_LIMIT} (page with offset)")
    if errors:
        raise HTTPException(422, "; ".join(errors))
    return filters, asked


def _shape(listing: str) -> Callable[[Store, list[dict[str, Any]]], list[dict[str, Any]]]:
    """How a listing's rows are sent: events and quotes in the model's JSON form, merged events with
    their mentions."""
    if listing in ("events", "quotes"):
        return lambda store, rows: [unflatten(row, TABLES[listing]) for row in rows]
    if listing == "linked-events":
        def with_mentions(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
            found = linked.mentions(store, [row["event_id"] for row in rows])
            return [{**row, "mentions": found[row["event_id"]]} for row in rows]
        return with_mentions
    return lambda store, rows: rows


def add_listing(listing: str, summary: str) -> None:
    shape = _shape(listing)

    async def endpoint(request: Request) -> dict[str, Any]:
        filters, facets = parse_listing(listing, dict(request.query_params))

        reader = request.app.state.reader
        deadline = time.monotonic() + PARTS_SHARE * reader.timeout

        def work(store: Store) -> dict[str, Any]:
            page = query.page(store, listing, filters, facets, deadline)
            return {"total": page.total, "total_exact": page.exact, "offset": filters.offset, "limit": filters.limit,
                    "rows": shape(store, page.rows), "facets": page.facets,
                    "facets_not_computed": list(page.skipped)}

        return await reader(request, work)

    router.add_api_route(f"/api/{listing}", endpoint, methods=["GET"], summary=summary,
                         openapi_extra={"parameters": list_parameters(listing)}, name=listing)


add_listing("articles", "Stored articles, newest first")
add_listing("events", "Events as coded in each article (asserted ones unless `modality` says otherwise)")
add_listing("linked-events", "Events merged across articles (as in the GDELT export), each with its mentions")
add_listing("quotes", "Stored quotes, newest first")
add_listing("stories", "Stories: articles about the same news grouped across outlets")


def _ref(ref: str) -> str:
    if not ref or any(ord(c) < 32 for c in ref):
        raise HTTPException(422, "ref: not an article id, id prefix or origin (empty, or a control character)")
    return ref


def _resolved(store: Store, ref: str) -> str:
    try:
        article_id = store.resolve(ref)
    except StoreError as exc:
        raise HTTPException(400, str(exc)) from exc
    if article_id is None:
        raise HTTPException(404, f"no stored article matches {ref!r} (see /api/articles)")
    return article_id


@router.get("/api/stats", summary="Totals: articles by status, coded records, top codes and sources, recent runs")
async def stats(request: Request) -> dict[str, Any]:
    return await request.app.state.reader(request, query.stats)


@router.get("/api/provenance/{ref:path}", summary="Where an article came from: copies, story, other reports")
async def provenance(request: Request, ref: str) -> dict[str, Any]:
    ref = _ref(ref)
    return await request.app.state.reader(request, lambda store: linked.provenance(store, _resolved(store, ref)))


@router.get("/api/articles/{ref:path}", summary="One article with everything coded in it (docs/schema.md)")
async def article(request: Request, ref: str) -> dict[str, Any]:
    """`ref` is an article id, a unique id prefix, or the input's origin (path, URL, file.jsonl#line=N)."""
    ref = _ref(ref)
    return await request.app.state.reader(request, lambda store: store.load_article(_resolved(store, ref)).to_dict())


@router.get("/api/stories/{story_id}", summary="One story with its articles")
async def story(request: Request, story_id: str) -> dict[str, Any]:
    from dateline.link.tables import story_articles

    def work(store: Store) -> dict[str, Any]:
        found = store.rows("SELECT * EXCLUDE (centroid) FROM link_stories WHERE story_id = ?", [story_id])
        if not found:
            raise HTTPException(404, f"no story {story_id!r} (see /api/stories)")
        return {**found[0], "articles": story_articles(store.con, story_id)}

    return await request.app.state.reader(request, work)


@router.get("/api/codes", summary="Names of CAMEO event codes, QuadClasses and actor country codes")
def codes() -> dict[str, Any]:
    from dateline.serve.web.names import code_names

    return code_names()


@router.get("/api/export/{format}", summary="The store, or the filtered set, as a file in an export format")
async def export_file(request: Request, format: ExportFormat) -> FileResponse:
    """Takes `table` (jsonl, csv, parquet: articles, events, quotes, timexes, entities, runs), `file`
    (gdelt: events.tsv or mentions.tsv) and the filters of the listing the file comes from: a table's
    listing, or linked-events for gdelt and plover. With no filter the whole table is written."""
    raw = dict(request.query_params)
    table, file = raw.pop("table", None), raw.pop("file", None)
    selection = export_choice(format, table, raw)
    folder = Path(tempfile.mkdtemp(prefix="dateline-export-"))
    try:
        path = await request.app.state.reader(
            request, lambda store: write_export(store, format, folder, table, file, selection), EXPORT_TIMEOUT
        )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    media_type = MEDIA_TYPES.get(path.suffix, "application/octet-stream")
    cleanup = BackgroundTask(shutil.rmtree, folder, ignore_errors=True)
    return FileResponse(path, media_type=media_type, filename=path.name, background=cleanup)


def export_choice(format: str, table: str | None, raw: dict[str, str]) -> Selection | None:
    """The rows a filtered export writes (None: all); 400 for a table the format lacks, 422 for bad filters."""
    tables = getattr(formats()[format], "TABLES", None)
    if tables is None and table:
        raise HTTPException(400, f"format {format} has its own layout: it takes no table")
    if tables is not None and (table or tables[0]) not in tables:
        raise HTTPException(422, f"table: {table!r} is not one of {', '.join(tables)}")
    listing = (table or tables[0]) if tables else "linked-events"
    if not raw:
        return None
    if listing not in query.TABLE_ALIAS and listing != "linked-events":
        raise HTTPException(422, f"{next(iter(raw))}: the table {listing} takes no filters")
    paging = [name for name in ("offset", "limit") if name in raw]
    if paging:
        raise HTTPException(422, f"{paging[0]}: an export writes the whole filtered set; it takes no paging")
    try:
        filters = parse(listing, raw)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc
    return query.export_selection(None if listing == "linked-events" else listing, filters)


def write_export(
    store: Store, format: str, folder: Path, table: str | None, file: str | None, selection: Selection | None
) -> Path:
    """Write `format` into the empty `folder`; the file to send is the one named `file`, else the first
    written by name (a format with its own layout, such as gdelt, may write several)."""
    tables = getattr(formats()[format], "TABLES", None)
    export(store.con, format, folder / f"{table or tables[0]}.{format}" if tables else folder, table, selection)
    written = sorted(path for path in folder.iterdir() if path.is_file())
    chosen = [path for path in written if file in (None, path.name)]
    if not chosen:
        raise HTTPException(400, f"format {format} writes {', '.join(p.name for p in written)}, not {file!r}")
    return chosen[0]
