"""`dateline eval extraction`: article-body extraction against the scrapinghub benchmark.

The metric is the benchmark's own (its evaluate.py): texts become word tokens
(`\\w+`), tokens become overlapping 4-word shingles, and each page gets
precision and recall over shingle counts. Precision and recall are averaged over
pages (so long pages weigh no more than short ones) and F1 is taken from the two
averages.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.cli.options import COUNT
from dateline.extract import extract_article
from dateline.model import RawDocument

NAME = "extraction"
HELP = "article-body extraction: token-shingle precision/recall/F1 on the scrapinghub benchmark"

_TOKEN = re.compile(r"\w+")
_SHINGLE = 4
_WORST_SHOWN = 10


@dataclass
class PageScore:
    id: str
    url: str
    precision: float | None
    recall: float | None
    status: str

    @property
    def worst(self) -> float:
        return min(x for x in (self.precision, self.recall, 1.0) if x is not None)


def add_arguments(parser) -> None:
    parser.add_argument(
        "--gold", type=Path, required=True, help="benchmark folder: ground-truth.json and html/<id>.html.gz"
    )
    parser.add_argument("--limit", type=COUNT, default=None, help="score only the first N pages")
    parser.add_argument(
        "--extractor",
        choices=("dateline", "trafilatura"),
        default="dateline",
        help="what to score: our extract stage (default) or bare trafilatura.extract, for comparison",
    )


def shingles(text: str) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + _SHINGLE]) for i in range(max(1, len(tokens) - _SHINGLE + 1)) if tokens)


def page_scores(true: str, predicted: str) -> tuple[float | None, float | None]:
    """(precision, recall) of one page; None where the benchmark leaves the page out of that average."""
    gold, pred = shingles(true), shingles(predicted)
    tp, fp, fn = sum((gold & pred).values()), sum((pred - gold).values()), sum((gold - pred).values())
    if fp == fn == 0:
        return (1.0 if tp else None), (1.0 if tp else None)
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def mean_scores(scores: list[PageScore]) -> dict[str, float]:
    ps = [s.precision for s in scores if s.precision is not None]
    rs = [s.recall for s in scores if s.recall is not None]
    precision = sum(ps) / len(ps) if ps else 0.0
    recall = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def load_pages(gold: Path, limit: int | None = None) -> list[tuple[str, dict[str, Any], bytes]]:
    """(id, ground-truth record, gzipped-page bytes decompressed) for each benchmark page."""
    truth = json.loads((gold / "ground-truth.json").read_text(encoding="utf-8"))
    ids = list(truth)[:limit] if limit else list(truth)
    return [(i, truth[i], gzip.decompress((gold / "html" / f"{i}.html.gz").read_bytes())) for i in ids]


def _ours(page_id: str, html: bytes, url: str | None) -> tuple[str, str]:
    article = extract_article(RawDocument(origin=page_id, kind="html", content=html, meta={"url": url}))
    return article.text if article.status == "ok" else "", article.status


def _trafilatura(page_id: str, html: bytes, url: str | None) -> tuple[str, str]:
    import trafilatura

    text = trafilatura.extract(html, url=url, include_comments=False)
    return text or "", "ok" if text else "error"


def evaluate(args) -> dict[str, Any]:
    extract = _trafilatura if getattr(args, "extractor", "dateline") == "trafilatura" else _ours
    scores = []
    for page_id, record, html in load_pages(args.gold, args.limit):
        text, status = extract(page_id, html, record.get("url"))
        precision, recall = page_scores(record.get("articleBody", ""), text)
        scores.append(PageScore(page_id, record.get("url", ""), precision, recall, status))
    result: dict[str, Any] = mean_scores(scores)
    result["pages"] = len(scores)
    result["errors"] = sum(s.status == "error" for s in scores)
    result["worst"] = [
        {"id": s.id, "url": s.url, "precision": s.precision, "recall": s.recall}
        for s in sorted(scores, key=lambda s: s.worst)[:_WORST_SHOWN]
    ]
    return result


def report(result: dict[str, Any]) -> str:
    lines = [
        f"pages {result['pages']} (errors {result['errors']})",
        f"precision {result['precision']:.4f}  recall {result['recall']:.4f}  F1 {result['f1']:.4f}",
        "worst pages:",
    ]
    for w in result["worst"]:
        p = "-" if w["precision"] is None else f"{w['precision']:.3f}"
        r = "-" if w["recall"] is None else f"{w['recall']:.3f}"
        lines.append(f"  P {p}  R {r}  {w['url']}")
    return "\n".join(lines)
