"""HTML extraction on scrapinghub benchmark pages, and the benchmark's metric."""

from __future__ import annotations

import gzip
import json

import pytest
from conftest import shared_path

from dateline.eval.extraction import PageScore, mean_scores, page_scores
from dateline.extract import extract_article
from dateline.model import RawDocument

WSJ = "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856"
SAMPLE = 8


@pytest.fixture(scope="module")
def gold():
    folder = shared_path("gold", "extraction", "scrapinghub")
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return folder, truth


def _extract(gold, page_id):
    folder, truth = gold
    html = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())
    return extract_article(RawDocument(origin=page_id, kind="html", content=html, meta={"url": truth[page_id]["url"]}))


def test_wsj_page_metadata_and_body(gold):
    article = _extract(gold, WSJ)
    assert article.status == "ok"
    assert article.title == "Google Stadia, Microsoft xCloud, Apple Arcade: So Many Ways to Play…and Pay"
    assert article.byline == "Sarah E Needleman"
    assert article.published == "2019-11-19" and not article.published_inferred
    assert article.site == "Wall Street Journal"
    assert article.language == "en"
    assert not article.text.startswith("Google Stadia, Microsoft xCloud")  # headline not repeated in the body
    assert "\n\n" in article.text


def test_sample_pages_score_well(gold):
    _, truth = gold
    scores = []
    for page_id in list(truth)[:SAMPLE]:
        article = _extract(gold, page_id)
        p, r = page_scores(truth[page_id]["articleBody"], article.text)
        scores.append(PageScore(page_id, "", p, r, article.status))
    assert mean_scores(scores)["f1"] >= 0.9


def test_non_english_page_language(gold):
    _, truth = gold
    page_id = next(k for k, v in truth.items() if "jaraguadosul.com.br" in v["url"])
    assert _extract(gold, page_id).language == "pt"


def test_metric_counts_shingles_like_the_benchmark():
    assert page_scores("a b c d e", "a b c d e") == (1.0, 1.0)
    precision, recall = page_scores("a b c d e", "a b c d x")
    assert (precision, recall) == (0.5, 0.5)
    assert page_scores("one two three four", "") == (None, 0.0)


def test_eval_command_reports_the_contract_keys(gold):
    import argparse

    from dateline.eval import extraction

    folder, _ = gold
    result = extraction.evaluate(argparse.Namespace(gold=folder, limit=3, extractor="dateline"))
    assert {"precision", "recall", "f1", "pages"} <= set(result)
    assert result["pages"] == 3 and 0.0 <= result["f1"] <= 1.0
    assert "F1" in extraction.report(result)
