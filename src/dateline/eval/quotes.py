"""`dateline eval quotes`: quote attribution against PolNeAR's brat standoff.

Scores content spans (exact and overlap), cue spans, source spans and whole
attributions (content and source both matched) as precision, recall and F1,
micro-averaged over all attributions. Span matching is defined in
`span_match`: one-to-one, exact = same non-whitespace characters, overlap = at
least one shared non-whitespace character. Cue and source use overlap (a
source is scored as written, e.g. "he", not as resolved). An attribution
matches when its content overlaps and its source overlaps, or neither has a
source. An article annotated by several annotators is scored against each of
them, each weighing 1/n, so every article counts once. PolNeAR gives each
token to at most one attribution, so nested quotes (a cue inside another
quote's content, `Quote.nested`) are left out of the score.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dateline.cli.options import COUNT
from dateline.eval.brat import AnnotatedArticle, Attribution, Ranges, read_split
from dateline.eval.span_match import Counts, char_set, count_matches, exact, greedy_pairs, overlap
from dateline.model import Article, Quote

NAME = "quotes"
HELP = "quote attribution on PolNeAR brat standoff (content, cue, source, attribution F1)"
MEASURES = ("content_exact", "content_overlap", "cue", "source", "attribution")


def add_arguments(parser) -> None:
    parser.add_argument("--gold", required=True, type=Path, help="a PolNeAR split folder, e.g. .../polnear/data/dev")
    parser.add_argument("--limit", type=COUNT, default=None, help="score only the first N articles")


def predicted(quote: Quote) -> Attribution:
    """A predicted quote in the gold's shape."""
    content = quote.parts or ([quote.spans["content"]] if quote.spans.get("content") else [])
    return Attribution(
        content=tuple(tuple(p) for p in content),
        cue=(tuple(quote.spans["cue"]),) if quote.spans.get("cue") else (),
        source=(tuple(quote.spans["speaker"]),) if quote.spans.get("speaker") else (),
    )


def attribution_pairs(pred: list[Attribution], gold: list[Attribution], text: str) -> int:
    """How many predicted attributions match a gold one (content overlaps, source overlaps or both absent)."""
    def sets(a: Attribution) -> tuple[frozenset[int], frozenset[int]]:
        return char_set(a.content, text), char_set(a.source, text)

    p, g = [sets(a) for a in pred], [sets(a) for a in gold]

    def score(a, b) -> int:
        shared = overlap(a[0], b[0])
        sourced = overlap(a[1], b[1]) > 0 or (not a[1] and not b[1])
        return shared if sourced else 0

    return len(greedy_pairs(p, g, score))


def score_article(
    pred: list[Attribution], gold: list[Attribution], text: str, totals: dict[str, Counts], weight: float
) -> None:
    """Add one article's matches against one annotator's attributions to `totals`."""
    def spans(items: list[Attribution], part: str) -> list[Ranges]:
        return [getattr(a, part) for a in items if getattr(a, part)]

    totals["content_exact"].add(*count_matches(spans(pred, "content"), spans(gold, "content"), text, exact), weight)
    totals["content_overlap"].add(*count_matches(spans(pred, "content"), spans(gold, "content"), text), weight)
    totals["cue"].add(*count_matches(spans(pred, "cue"), spans(gold, "cue"), text), weight)
    totals["source"].add(*count_matches(spans(pred, "source"), spans(gold, "source"), text), weight)
    scored = [a for a in gold if a.content]
    totals["attribution"].add(attribution_pairs(pred, scored, text), len(pred), len(scored), weight)


def predict(articles: list[AnnotatedArticle]) -> list[list[Attribution]]:
    """Run the pipeline's actors and quotes components over the gold texts."""
    from dateline.pipeline import analyse

    inputs = [Article(id=a.name, origin=a.name, content_hash=a.name, text=a.text, language="en") for a in articles]
    done = analyse(inputs, components=("actors", "quotes"))
    return [[predicted(q) for q in art.quotes if not q.nested] for art in done]


def evaluate(args) -> dict[str, Any]:
    articles = read_split(args.gold, args.limit)
    if not articles:
        raise SystemExit(f"no PolNeAR articles under {args.gold} (expected text/*.txt and attributions/*.ann)")
    totals = {m: Counts() for m in MEASURES}
    for article, pred in zip(articles, predict(articles)):
        weight = 1 / len(article.annotations)
        for gold in article.annotations.values():
            score_article(pred, gold, article.text, totals, weight)
    result: dict[str, Any] = {"documents": len(articles)}
    for name, c in totals.items():
        result[f"{name}_precision"] = round(c.precision, 4)
        result[f"{name}_recall"] = round(c.recall, 4)
        result[f"{name}_f1"] = round(c.f1, 4)
    result["gold_attributions"] = round(totals["attribution"].gold, 1)
    result["predicted_attributions"] = round(totals["attribution"].predicted, 1)
    return result


def report(result: dict[str, Any]) -> str:
    lines = [
        f"PolNeAR quote attribution: {result['documents']} documents, "
        f"{result['gold_attributions']} gold / {result['predicted_attributions']} predicted attributions",
        f"{'measure':<18}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    for name in MEASURES:
        p, r, f = (result[f"{name}_{k}"] for k in ("precision", "recall", "f1"))
        lines.append(f"{name:<18}{p:>8.3f}{r:>8.3f}{f:>8.3f}")
    return "\n".join(lines)
