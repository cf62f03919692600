"""`dateline eval extraction` on Readability's format and `dateline eval dates`, on small folders made here."""

from __future__ import annotations

import argparse
import json

import pytest

from dateline.cli import main
from dateline.eval import dates, extraction
from dateline.eval.extraction_gold import load_gold

BODY = " ".join(
    "The finance ministry said on Tuesday that the budget deficit narrowed for a third month in a row."
    for _ in range(3)
)
PAGE = (
    '<!DOCTYPE html><html lang="en"><head><title>Deficit narrows again | The Ledger</title>'
    '<meta property="article:published_time" content="2021-05-14T08:00:00"></head>'
    f"<body><h1>Deficit narrows again</h1><p>By Jane Doe</p><article><p>{BODY}</p>"
    f"<p>{BODY.replace('third', 'fourth')}</p></article></body></html>"
)


@pytest.fixture
def readability_folder(tmp_path):
    for name, readerable in (("ledger", True), ("menu", False)):
        page = tmp_path / "test-pages" / name
        page.mkdir(parents=True)
        (page / "source.html").write_text(PAGE, encoding="utf-8")
        (page / "expected.html").write_text(f"<div><p>{BODY}</p><p>{BODY.replace('third', 'fourth')}</p></div>", "utf-8")
        meta = {"title": "Deficit narrows again | The Ledger", "byline": "By Jane Doe",
                "publishedTime": "2021-05-14T08:00:00+02:00", "readerable": readerable}
        (page / "expected-metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    return tmp_path


def test_readability_pages_load_with_body_and_metadata(readability_folder):
    pages = load_gold(readability_folder)
    assert [p.id for p in pages] == ["ledger", "menu"]
    assert pages[0].body.startswith("The finance ministry") and pages[1].body is None
    assert (pages[0].title, pages[0].byline, pages[0].date) == ("Deficit narrows again | The Ledger", "By Jane Doe",
                                                                "2021-05-14")


def test_eval_extraction_scores_ours_beside_trafilatura(readability_folder):
    result = extraction.evaluate(argparse.Namespace(gold=readability_folder, limit=None, extractor="dateline"))
    assert result["pages"] == 1 and result["f1"] > 0.9
    assert result["title"] == {"accuracy": 1.0, "pages": 2}
    assert result["date"]["accuracy"] == 1.0
    assert set(result["baseline"]) >= {"f1", "title", "byline", "date"}
    assert "trafilatura" in extraction.report(result)


def test_eval_dates_beside_htmldate(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.html").write_text(PAGE, encoding="utf-8")
    gold = {"https://ledger.example/a": {"file": "a.html", "date": "2021-05-14"},
            "https://ledger.example/b": {"file": "a.html", "date": "nan"}}
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    result = dates.evaluate(argparse.Namespace(gold=tmp_path, limit=None, no_baseline=False))
    assert result["pages"] == 1  # the page without a gold date is left out
    assert result["accuracy"] == 1.0 and result["baseline"]["accuracy"] == 1.0


def test_a_gold_folder_in_no_known_format_is_one_line(tmp_path, capsys):
    assert main(["eval", "extraction", "--gold", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "neither a scrapinghub folder" in err


@pytest.mark.parametrize(
    ("gold", "predicted", "right"),
    [("Jane Doe", "By Jane Doe", True), ("Jane Doe", "Jane Doe, Reuters", True), ("Jane Doe", "John Roe", False)],
)
def test_byline_match(gold, predicted, right):
    assert extraction.byline_match(gold, predicted) is right
