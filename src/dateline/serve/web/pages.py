"""The web page and the offline API reference: static files of the package, nothing from a CDN."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

STATIC = Path(__file__).parent / "static"
router = APIRouter(include_in_schema=False)


@router.get("/")
def index() -> FileResponse:
    return FileResponse(STATIC / "index.html")


@router.get("/docs")
def docs() -> FileResponse:
    """The API reference, rendered in the browser from /openapi.json by static/docs.js."""
    return FileResponse(STATIC / "docs.html")
