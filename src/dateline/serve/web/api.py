"""The read-only HTTP API over the store (FastAPI): listings, one article, totals, exports.

Every listing goes through the queries of the command line (`dateline.store.query`), so
`/api/events` returns in `rows` what `dateline events --json` prints for the same filters.
Parameters are parsed by `dateline.store.filters.parse` (one reason per bad value, 422) and
every query runs through `Reader`: a short-lived read-only connection under a deadline.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from dateline.serve.web import listings, pages
from dateline.serve.web.guard import Guard, default_hosts
from dateline.serve.web.reading import Reader
from dateline.store import Store, default_path


async def readable_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 whose ``detail`` is one readable line, with FastAPI's list of errors kept under ``errors``."""
    errors = exc.errors()
    detail = "; ".join(f"{error['loc'][-1]}: {error['msg'].removeprefix('Value error, ')}" for error in errors)
    return JSONResponse({"detail": detail, "errors": jsonable_encoder(errors)}, status_code=422)


def create_app(
    db_path: str | os.PathLike | None = None, hosts: tuple[str, ...] = default_hosts("127.0.0.1"),
    timeout: float = 2.0,
) -> FastAPI:
    """The app serving the store at `db_path` (default: ``$DATELINE_DB``, else ./dateline.duckdb) to
    requests whose Host is one of `hosts` (``*``: any), each query interrupted after `timeout` seconds.

    Opens the store once first, so a missing file or one written by a newer dateline is a
    `StoreError` at start rather than an error on every request."""
    path = str(db_path or default_path())
    Store(path, read_only=True).close()
    app = FastAPI(
        title="dateline",
        summary="Read-only access to a dateline store: articles, events, quotes and times, with evidence.",
        description="JSON forms: docs/schema.md; parameters and examples: docs/api.md. The web page is at /.",
        docs_url=None, redoc_url=None, lifespan=_lifespan,
    )
    app.state.db_path = path
    app.state.reader = Reader(path, timeout)
    app.include_router(listings.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=pages.STATIC), name="static")
    app.add_exception_handler(RequestValidationError, readable_validation_error)
    app.add_middleware(Guard, hosts=hosts)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.reader.close()

