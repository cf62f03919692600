"""Gold pages for `dateline eval extraction`, from either benchmark format.

- scrapinghub (article-extraction-benchmark): ``ground-truth.json`` mapping an id to
  ``{articleBody, url}`` and ``html/<id>.html.gz``; body only.
- Mozilla Readability's test pages: one folder per page with ``source.html``,
  ``expected.html`` (the article body) and ``expected-metadata.json`` (title,
  byline, publishedTime, readerable). A page marked not readerable has no body to
  score; its metadata still counts.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

from lxml.html import document_fromstring

from dateline.extract.fallback import block_lines


@dataclass
class GoldPage:
    """One page and what a reader finds on it; None where the gold says nothing."""

    id: str
    html: bytes
    url: str | None = None
    body: str | None = None
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    """ISO day (``YYYY-MM-DD``) as the page's own time zone writes it."""


def load_gold(gold: Path, limit: int | None = None) -> list[GoldPage]:
    """The pages of a benchmark folder in either format; `ValueError` for a folder in neither."""
    if (gold / "ground-truth.json").is_file():
        pages = _scrapinghub(gold)
    elif (gold / "test-pages").is_dir() or any(gold.glob("*/expected-metadata.json")):
        pages = _readability(gold / "test-pages" if (gold / "test-pages").is_dir() else gold)
    else:
        raise ValueError(f"{gold}: neither a scrapinghub folder (ground-truth.json) nor Readability test pages")
    return pages[:limit] if limit else pages


def _scrapinghub(gold: Path) -> list[GoldPage]:
    truth = json.loads((gold / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        GoldPage(
            id=i,
            html=gzip.decompress((gold / "html" / f"{i}.html.gz").read_bytes()),
            url=record.get("url"),
            body=record.get("articleBody", ""),
        )
        for i, record in truth.items()
    ]


def _readability(folder: Path) -> list[GoldPage]:
    pages = []
    for page in sorted(p for p in folder.iterdir() if (p / "expected-metadata.json").is_file()):
        meta = json.loads((page / "expected-metadata.json").read_text(encoding="utf-8"))
        expected = page / "expected.html"
        readable = meta.get("readerable", True) and expected.is_file()
        pages.append(
            GoldPage(
                id=page.name,
                html=(page / "source.html").read_bytes(),
                body=html_text(expected.read_text(encoding="utf-8")) if readable else None,
                title=meta.get("title") or None,
                byline=meta.get("byline") or None,
                date=(meta.get("publishedTime") or "")[:10] or None,
            )
        )
    return pages


def html_text(html: str) -> str:
    """The text of an HTML body (Readability's expected files are UTF-8 without a
    charset declaration), one line per block element."""
    if not html.strip():
        return ""
    return "\n".join(block_lines(document_fromstring(html)))
