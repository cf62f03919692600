"""The read-only HTTP API over the store (FastAPI): listings, one article, totals and exports as JSON or files.

Every endpoint goes through the queries of the command line (`dateline.store.query`,
`Store.resolve`, `Store.load_article`), so `/api/events` returns what
`dateline events --json` prints. Each request opens the store read-only for its own
length: DuckDB lets readers share a file, and between requests a writer (`dateline
ingest`) can take it; a request that meets a writer gets 503 naming it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model
from starlette.background import BackgroundTask

from dateline.serve.export import export, formats
from dateline.serve.tables import TABLES as EXPORT_TABLES
from dateline.store import Store, StoreError, default_path, query
from dateline.store.query import FILTER_HELP, LIST_FILTERS, Filters, iso_day
from dateline.store.rows import TABLES, unflatten

STATIC = Path(__file__).parent / "static"
DEFAULT_LIMIT, MAX_LIMIT = Filters.limit, 1000
MEDIA_TYPES = {
    ".tsv": "text/tab-separated-values; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".jsonl": "application/x-ndjson; charset=utf-8",
    ".parquet": "application/vnd.apache.parquet",
}
"""Content types of the files the export formats write, by suffix."""

IsoDate = Annotated[str, AfterValidator(iso_day)]


def filter_model(listing: str) -> type[BaseModel]:
    """The query parameters of ``/api/<listing>``: the filters of ``dateline <listing>`` and a limit.
    Unknown parameters are refused, so a misspelt filter is an error rather than silently ignored."""
    fields: dict[str, Any] = {
        name: ((IsoDate if name in ("since", "until") else str) | None, Field(None, description=FILTER_HELP[name][1]))
        for name in LIST_FILTERS[listing]
    }
    limit = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"at most this many rows (1 to {MAX_LIMIT})")
    return create_model(f"{listing.title()}Query", __config__=ConfigDict(extra="forbid"), **fields, limit=(int, limit))


ArticlesQuery, EventsQuery, QuotesQuery = (filter_model(name) for name in ("articles", "events", "quotes"))
ExportFormat = Literal[tuple(formats())]  # type: ignore[valid-type]
ExportTable = Literal[EXPORT_TABLES]  # type: ignore[valid-type]


def open_store(request: Request) -> Iterator[Store]:
    """The store, read-only, for one request; 503 with the reason when it cannot be opened now."""
    try:
        store = Store(request.app.state.db_path, read_only=True)
    except StoreError as exc:
        raise HTTPException(503, str(exc)) from exc
    try:
        yield store
    finally:
        store.close()


OpenStore = Annotated[Store, Depends(open_store)]
router = APIRouter()


def _filters(params: BaseModel) -> Filters:
    return Filters(**params.model_dump())


def _model_rows(rows: list[dict[str, Any]], table: str) -> list[dict[str, Any]]:
    """Rows in the model's JSON form (as ``dateline events --json`` prints them)."""
    return [unflatten(row, TABLES[table]) for row in rows]


@router.get("/api/stats", summary="Totals: articles by status, coded records, top codes and sources, recent runs")
def stats(store: OpenStore) -> dict[str, Any]:
    return query.stats(store)


@router.get("/api/articles", summary="Stored articles, newest first")
def articles(store: OpenStore, params: Annotated[ArticlesQuery, Query()]) -> list[dict[str, Any]]:
    return query.articles(store, _filters(params))


@router.get("/api/articles/{ref:path}", summary="One article with everything coded in it (docs/schema.md)")
def article(store: OpenStore, ref: str) -> dict[str, Any]:
    """`ref` is an article id, a unique id prefix, or the input's origin (path or URL), as for `dateline show`."""
    try:
        article_id = store.resolve(ref)
    except StoreError as exc:
        raise HTTPException(400, str(exc)) from exc
    if article_id is None:
        raise HTTPException(404, f"no stored article matches {ref!r} (see /api/articles)")
    return store.load_article(article_id).to_dict()


@router.get("/api/events", summary="Stored events, newest first")
def events(store: OpenStore, params: Annotated[EventsQuery, Query()]) -> list[dict[str, Any]]:
    return _model_rows(query.events(store, _filters(params)), "events")


@router.get("/api/quotes", summary="Stored quotes, newest first")
def quotes(store: OpenStore, params: Annotated[QuotesQuery, Query()]) -> list[dict[str, Any]]:
    return _model_rows(query.quotes(store, _filters(params)), "quotes")


@router.get("/api/export/{format}", summary="The store as a file in an export format (docs/exports.md)")
def export_file(
    store: OpenStore,
    format: ExportFormat,
    table: Annotated[ExportTable | None, Query(description="for jsonl, csv and parquet: the table")] = None,
    file: Annotated[str | None, Query(description="for gdelt: events.tsv (default) or mentions.tsv")] = None,
) -> FileResponse:
    folder = Path(tempfile.mkdtemp(prefix="dateline-export-"))
    try:
        path = write_export(store, format, folder, table, file)
    except ValueError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise HTTPException(400, str(exc)) from exc
    media_type = MEDIA_TYPES.get(path.suffix, "application/octet-stream")
    cleanup = BackgroundTask(shutil.rmtree, folder, ignore_errors=True)
    return FileResponse(path, media_type=media_type, filename=path.name, background=cleanup)


def write_export(store: Store, format: str, folder: Path, table: str | None, file: str | None) -> Path:
    """Write `format` into the empty `folder`; the file to send is the one named `file`, else the first
    written by name (a format with its own layout, such as gdelt, may write several)."""
    tables = getattr(formats()[format], "TABLES", None)
    export(store.con, format, folder / f"{table or tables[0]}.{format}" if tables else folder, table)
    written = sorted(path for path in folder.iterdir() if path.is_file())
    chosen = [path for path in written if file in (None, path.name)]
    if not chosen:
        raise ValueError(f"format {format} writes {', '.join(p.name for p in written)}, not {file!r}")
    return chosen[0]


@router.get("/", include_in_schema=False)
def index() -> FileResponse:
    return FileResponse(STATIC / "index.html")


async def readable_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 whose ``detail`` is one readable line (``since: not a date (YYYY-MM-DD): '2022-13-01'``),
    with FastAPI's list of errors kept under ``errors``."""
    errors = exc.errors()
    detail = "; ".join(f"{error['loc'][-1]}: {error['msg'].removeprefix('Value error, ')}" for error in errors)
    return JSONResponse({"detail": detail, "errors": jsonable_encoder(errors)}, status_code=422)


def create_app(db_path: str | os.PathLike | None = None) -> FastAPI:
    """The app serving the store at `db_path` (default: ``$DATELINE_DB``, else ./dateline.duckdb).

    Opens the store once first, so a missing file or one written by a newer dateline is a
    `StoreError` at start rather than an error on every request."""
    path = str(db_path or default_path())
    Store(path, read_only=True).close()
    app = FastAPI(
        title="dateline",
        summary="Read-only access to a dateline store: articles, events, quotes and times, with evidence.",
        description="JSON forms: docs/schema.md; parameters and examples: docs/api.md. The web page is at /.",
    )
    app.state.db_path = path
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(RequestValidationError, readable_validation_error)
    return app
