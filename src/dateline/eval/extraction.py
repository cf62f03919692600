"""`dateline eval extraction`: body, title, byline and date against a benchmark, beside bare trafilatura.

Gold formats: scrapinghub's and Mozilla Readability's test pages (`extraction_gold`).
The body metric is the scrapinghub benchmark's own (its evaluate.py): texts become
word tokens (`\\w+`), tokens become overlapping 4-word shingles, and each page gets
precision and recall over shingle counts. Precision and recall are averaged over
pages (so long pages weigh no more than short ones) and F1 is taken from the two
averages. Title, byline and date are accuracies over the pages whose gold has one
(`metadata_match` says what counts as a match). Bare `trafilatura.bare_extraction`
(default options, metadata on) runs on the same pages in the same run.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.cli.options import COUNT
from dateline.eval.extraction_gold import GoldPage, load_gold

NAME = "extraction"
HELP = "article extraction: body token-shingle P/R/F1, title, byline and date accuracy, beside bare trafilatura"

_TOKEN = re.compile(r"\w+")
_SHINGLE = 4
_WORST_SHOWN = 10
_SEPARATOR = re.compile(r"\s+(?:[–—|»·:]|-{1,2}|::)\s+|:\s+|\s*_\s*")
_FIELDS = ("title", "byline", "date")


@dataclass
class Prediction:
    text: str
    status: str
    title: str | None = None
    byline: str | None = None
    date: str | None = None


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
        "--gold",
        type=Path,
        required=True,
        help="benchmark folder: scrapinghub (ground-truth.json, html/) or Readability test pages",
    )
    parser.add_argument("--limit", type=COUNT, default=None, help="score only the first N pages")
    parser.add_argument(
        "--extractor",
        choices=("dateline", "trafilatura"),
        default="dateline",
        help="what to score: our extract stage (default) or bare trafilatura alone",
    )
    parser.add_argument("--no-baseline", action="store_true", help="do not run bare trafilatura beside dateline")


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


def _words(text: str | None) -> list[str]:
    return _TOKEN.findall((text or "").casefold())


def title_match(gold: str, predicted: str | None) -> bool:
    """The headline a reader sees: equal to the gold title in words, or to the gold
    title less a leading or trailing part after a separator (a site or section name
    the gold kept), provided it keeps at least half of the gold's words."""
    ours, whole = _words(predicted), _words(gold)
    if not ours:
        return False
    if ours == whole:
        return True
    parts = _SEPARATOR.split(gold)
    candidates = [parts[i:j] for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)]
    return 2 * len(ours) >= len(whole) and any(_words(" ".join(c)) == ours for c in candidates)


def byline_match(gold: str, predicted: str | None) -> bool:
    """The same names in words ("By" dropped), or one byline holding the other
    (a byline with the author's role or a second author)."""
    ours, want = _strip_by(_words(predicted)), _strip_by(_words(gold))
    if not ours:
        return False
    short, long = sorted((ours, want), key=len)
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def _strip_by(words: list[str]) -> list[str]:
    return words[1:] if words[:1] == ["by"] else words


def metadata_match(field: str, gold: str, predicted: str | None) -> bool:
    if field == "title":
        return title_match(gold, predicted)
    if field == "byline":
        return byline_match(gold, predicted)
    return (predicted or "")[:10] == gold


def _ours(page: GoldPage) -> Prediction:
    from dateline.extract import extract_article
    from dateline.model import RawDocument

    article = extract_article(RawDocument(origin=page.id, kind="html", content=page.html, meta={"url": page.url}))
    text = article.text if article.status == "ok" else ""
    return Prediction(text, article.status, article.title, article.byline, article.published)


def _trafilatura(page: GoldPage) -> Prediction:
    import trafilatura

    doc = trafilatura.bare_extraction(page.html, url=page.url, include_comments=False, with_metadata=True)
    if doc is None:
        return Prediction("", "error")
    return Prediction(doc.text or "", "ok" if doc.text else "error", doc.title, doc.author, doc.date)


def score(pages: list[GoldPage], extract: Callable[[GoldPage], Prediction]) -> dict[str, Any]:
    """Body P/R/F1 over pages with a body and metadata accuracies over pages with gold metadata."""
    scores, hits = [], {f: [] for f in _FIELDS}
    for page in pages:
        predicted = extract(page)
        if page.body is not None:
            precision, recall = page_scores(page.body, predicted.text)
            scores.append(PageScore(page.id, page.url or page.id, precision, recall, predicted.status))
        for field in _FIELDS:
            gold = getattr(page, field)
            if gold:
                hits[field].append(metadata_match(field, gold, getattr(predicted, field)))
    result: dict[str, Any] = mean_scores(scores)
    result["pages"] = len(scores)
    result["errors"] = sum(s.status == "error" for s in scores)
    for field in _FIELDS:
        result[field] = {"accuracy": sum(hits[field]) / len(hits[field]) if hits[field] else None,
                         "pages": len(hits[field])}
    result["worst"] = [
        {"id": s.id, "url": s.url, "precision": s.precision, "recall": s.recall}
        for s in sorted(scores, key=lambda s: s.worst)[:_WORST_SHOWN]
    ]
    return result


def evaluate(args) -> dict[str, Any]:
    pages = load_gold(args.gold, args.limit)
    if getattr(args, "extractor", "dateline") == "trafilatura":
        return score(pages, _trafilatura)
    result = score(pages, _ours)
    if not getattr(args, "no_baseline", False):
        baseline = score(pages, _trafilatura)
        result["baseline"] = {k: v for k, v in baseline.items() if k != "worst"}
    return result


def _row(name: str, r: dict[str, Any]) -> str:
    cells = [f"{r[k]:.4f}" for k in ("precision", "recall", "f1")]
    cells += ["-" if r[f]["accuracy"] is None else f"{r[f]['accuracy']:.3f}" for f in _FIELDS]
    return f"{name:<14}" + "".join(f"{c:>10}" for c in cells) + f"{r['errors']:>8}"


def report(result: dict[str, Any]) -> str:
    counts = ", ".join(f"{f} {result[f]['pages']}" for f in _FIELDS)
    lines = [
        f"pages with a body {result['pages']}; pages with gold {counts}",
        f"{'':<14}" + "".join(f"{h:>10}" for h in ("precision", "recall", "F1", *_FIELDS)) + f"{'errors':>8}",
        _row("dateline" if "baseline" in result else "scored", result),
    ]
    if "baseline" in result:
        lines.append(_row("trafilatura", result["baseline"]))
    lines.append("worst pages:")
    for w in result["worst"]:
        p = "-" if w["precision"] is None else f"{w['precision']:.3f}"
        r = "-" if w["recall"] is None else f"{w['recall']:.3f}"
        lines.append(f"  P {p}  R {r}  {w['url']}")
    return "\n".join(lines)
