"""`dateline eval dates`: publication dates against a gold set, beside htmldate alone.

Gold format (htmldate's MediaCloud 2020 evaluation): a JSON file mapping each URL
to ``{file, date}``, with the pages in ``pages/``; pages whose gold has no date
(``nan``: the assessors found none) are left out. A page is right when the
publication day dateline stores is the gold day; a page with no date counts as
wrong. htmldate runs as its own evaluation runs it (`find_date` with the URL,
original date, extensive search) on the same pages in the same run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

NAME = "dates"
HELP = "publication dates: accuracy on the MediaCloud 2020 pages, beside htmldate alone"
_WRONG_SHOWN = 10
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def add_arguments(parser) -> None:
    parser.add_argument("--gold", type=Path, required=True, help="folder with the gold JSON file and pages/")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    parser.add_argument("--no-baseline", action="store_true", help="do not run htmldate alone beside dateline")


def load_pages(gold: Path, limit: int | None = None) -> list[tuple[str, str, bytes]]:
    """(url, gold ISO day, page bytes) for each page of the gold set."""
    files = sorted(gold.glob("*.json"))
    if not files:
        raise ValueError(f"{gold}: no gold JSON file")
    truth = json.loads(files[0].read_text(encoding="utf-8"))
    pages = [
        (url, r["date"], (gold / "pages" / r["file"]).read_bytes())
        for url, r in truth.items()
        if _ISO_DAY.fullmatch(str(r.get("date")))
    ]
    return pages[:limit] if limit else pages


def _ours(url: str, html: bytes) -> str | None:
    from dateline.extract import extract_article
    from dateline.model import RawDocument

    return extract_article(RawDocument(origin=url, kind="html", content=html, meta={"url": url})).published


def _htmldate(url: str, html: bytes) -> str | None:
    from htmldate import find_date

    try:
        return find_date(html, url=url, original_date=True, extensive_search=True)
    except Exception:  # noqa: BLE001 - a page htmldate cannot read counts as undated
        return None


def score(pages: list[tuple[str, str, bytes]], find: Callable[[str, bytes], str | None]) -> dict[str, Any]:
    wrong, found = [], 0
    for url, gold, html in pages:
        date = find(url, html)
        found += date is not None
        if (date or "")[:10] != gold:
            wrong.append({"url": url, "gold": gold, "found": date})
    total = len(pages)
    return {
        "pages": total,
        "accuracy": (total - len(wrong)) / total if total else 0.0,
        "dated": found,
        "wrong": wrong,
    }


def evaluate(args) -> dict[str, Any]:
    pages = load_pages(args.gold, args.limit)
    result = score(pages, _ours)
    if not args.no_baseline:
        baseline = score(pages, _htmldate)
        result["baseline"] = {k: v for k, v in baseline.items() if k != "wrong"}
    return result


def report(result: dict[str, Any]) -> str:
    lines = [f"pages {result['pages']}", f"{'':<10}{'accuracy':>10}{'dated':>8}"]
    lines.append(f"{'dateline':<10}{result['accuracy']:>10.3f}{result['dated']:>8}")
    if "baseline" in result:
        b = result["baseline"]
        lines.append(f"{'htmldate':<10}{b['accuracy']:>10.3f}{b['dated']:>8}")
    lines.append("wrong pages:")
    lines += [f"  {w['gold']}  found {w['found']}  {w['url']}" for w in result["wrong"][:_WRONG_SHOWN]]
    return "\n".join(lines)
