"""`dateline eval quotes`: the brat reader, span matching and scoring."""

from __future__ import annotations

from argparse import Namespace

from conftest import shared_path

from dateline.eval import quotes as eval_quotes
from dateline.eval.brat import Attribution, parse_ann, parse_ranges, read_split
from dateline.eval.span_match import Counts, char_set, count_matches, exact, overlap

TEXT = "“We will win,” she said. Officials said that the vote was fair.\n"
ANN = (
    "T1\tContent 0 14\t“We will win,”\n"
    "T2\tSource 15 18\tshe\n"
    "T3\tCue 19 23\tsaid\n"
    "T4\tAttribution 19 23\tsaid\n"
    "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n"
    "T5\tSource 25 34\tOfficials\n"
    "T6\tCue 35 39\tsaid\n"
    "T7\tContent 40 62;62 62\tthat the vote was fair\n"
    "E2\tAttribution:T6 Content:T7 Cue:T6 Source:T5\n"
    "#1\tAnnotatorNotes T1\tnote\n"
    "T8\tDiscard 0 1\t“\n"
)


def test_parse_ann_ties_spans_into_attributions():
    first, second = parse_ann(ANN)
    assert first == Attribution(content=((0, 14),), cue=((19, 23),), source=((15, 18),))
    assert second.content == ((40, 62), (62, 62))
    assert parse_ranges("2103 2168;2170 2425") == ((2103, 2168), (2170, 2425))


def test_exact_and_overlap_matching():
    gold = [((0, 14),), ((40, 62),)]
    predicted = [((0, 13),), ((35, 62),), ((25, 30),)]
    assert count_matches(predicted, gold, TEXT, exact) == (0, 3, 2)
    assert count_matches(predicted, gold, TEXT, overlap) == (2, 3, 2)
    # whitespace at the edges does not make a span differ
    assert char_set(((39, 62),), TEXT) == char_set(((40, 62),), TEXT)


def test_matching_is_one_to_one():
    gold = [((40, 62),)]
    predicted = [((40, 50),), ((45, 62),)]
    assert count_matches(predicted, gold, TEXT, overlap) == (1, 2, 1)


def test_counts_weighting():
    c = Counts()
    c.add(1, 2, 2, weight=0.5)
    c.add(2, 2, 2, weight=0.5)
    assert (c.precision, c.recall) == (0.75, 0.75)
    assert Counts().f1 == 0.0


def test_score_article_attribution_needs_content_and_source():
    gold = parse_ann(ANN)
    predicted = [
        Attribution(content=((0, 14),), cue=((19, 23),), source=((15, 18),)),
        Attribution(content=((44, 62),), cue=((35, 39),), source=((0, 5),)),
    ]
    totals = {m: Counts() for m in eval_quotes.MEASURES}
    eval_quotes.score_article(predicted, gold, TEXT, totals, 1.0)
    assert totals["content_overlap"].matched == 2
    assert totals["content_exact"].matched == 1
    assert totals["source"].matched == 1
    assert totals["attribution"].matched == 1  # the second has the wrong source


def test_evaluate_on_a_hand_made_split(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "doc_ab12.ann").write_text(ANN, encoding="utf-8")
    result = eval_quotes.evaluate(Namespace(gold=tmp_path, limit=None))
    assert result["documents"] == 1
    assert result["content_overlap_f1"] == 1.0
    assert result["source_f1"] == 1.0
    assert "PolNeAR" in eval_quotes.report(result)


def test_real_dev_documents():
    dev = shared_path("gold", "quotes", "polnear", "data", "dev")
    articles = read_split(dev, limit=3)
    assert len(articles) == 3 and all(a.annotations for a in articles)
    result = eval_quotes.evaluate(Namespace(gold=dev, limit=3))
    assert result["documents"] == 3
    assert result["content_overlap_f1"] > 0.6
    assert result["source_f1"] > 0.5


def test_several_annotators_each_weigh_one_over_n(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "doc_ab12.ann").write_text(ANN, encoding="utf-8")
    only_first = "\n".join(line for line in ANN.splitlines() if line.split("\t")[0] in ("T1", "T2", "T3", "T4", "E1"))
    (tmp_path / "attributions" / "doc_cd34.ann").write_text(only_first, encoding="utf-8")
    result = eval_quotes.evaluate(Namespace(gold=tmp_path, limit=None))
    assert result["documents"] == 1
    assert result["gold_attributions"] == 1.5  # (2 + 1) / 2
    assert result["content_overlap_recall"] == 1.0
    assert result["content_overlap_precision"] == 0.75  # (2 + 1) / (2 + 2)
