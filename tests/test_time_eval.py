"""`dateline eval time`: TimeML reading and TempEval-3 scoring."""

from __future__ import annotations

import argparse

from conftest import shared_path

from dateline.eval import time as time_eval
from dateline.eval.timeml import GoldTimex, iter_tml, read_tml

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>toy</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2022-02-12" temporalFunction="false" functionInDocument="CREATION_TIME">20220212</TIMEX3></DCT>
<TEXT>
Kremlin aide Yury Ushakov <EVENT eid="e1" class="REPORTING">told</EVENT> reporters on <TIMEX3 tid="t1" type="DATE" value="2022-02-12">Saturday</TIMEX3> that a reply would come in <TIMEX3 tid="t2" type="DATE" value="FUTURE_REF">the near future</TIMEX3>, &amp; talks lasted <TIMEX3 tid="t3" type="DURATION" value="PT2H">two hours</TIMEX3> on <TIMEX3 tid="t4" type="DATE" value="2021-12-17">December 17</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_read_tml_strips_tags_and_keeps_offsets(tmp_path):
    path = tmp_path / "toy.tml"
    path.write_text(TML, encoding="utf-8")
    doc = read_tml(path)
    assert doc.dct == "2022-02-12"
    assert [doc.text[t.start : t.end] for t in doc.timexes] == ["Saturday", "the near future", "two hours", "December 17"]
    assert "&amp;" not in doc.text and "<EVENT" not in doc.text
    assert doc.timexes[2] == GoldTimex(doc.timexes[2].start, doc.timexes[2].end, "DURATION", "PT2H")


def test_scoring_follows_tempeval3():
    gold = [GoldTimex(0, 8, "DATE", "2022-02-12"), GoldTimex(20, 35, "DATE", "FUTURE_REF"), GoldTimex(50, 59, "DURATION", "P2H")]
    system = [(0, 8, "DATE", "2022-02-12"), (24, 35, "DATE", "PRESENT_REF"), (70, 75, "DATE", "2022")]
    tally = time_eval.Tally()
    time_eval.score_document(gold, system, tally)
    result = time_eval.summarise(tally, 1)
    assert result["strict_f1"] == 1 / 3  # P 1/3, R 1/3
    assert result["relaxed_f1"] == 2 / 3
    assert result["value_accuracy"] == 0.5
    assert abs(result["value_f1"] - 0.5 * 2 / 3) < 1e-9
    assert result["type_accuracy"] == 1.0


def test_each_gold_timex_matches_once():
    gold = [GoldTimex(0, 10, "DATE", "x")]
    system = [(0, 4, "DATE", "x"), (5, 10, "DATE", "x")]
    tally = time_eval.Tally()
    time_eval.score_document(gold, system, tally)
    assert tally.relaxed == 1


def test_evaluate_on_toy_file(tmp_path):
    (tmp_path / "toy.tml").write_text(TML, encoding="utf-8")
    (tmp_path / "broken.tml").write_text("<TimeML><TEXT>cut off", encoding="utf-8")
    args = argparse.Namespace(gold=tmp_path, limit=None, errors=False)
    result = time_eval.evaluate(args)
    assert result["documents"] == 1
    assert [line.split(":")[0] for line in result["unreadable"]] == ["broken.tml"]
    assert result["relaxed_f1"] == 1.0
    assert result["value_accuracy"] == 1.0
    assert "value   accuracy 1.000" in time_eval.report(result)


def test_evaluate_on_real_tbaq_sample():
    gold = shared_path("gold", "time", "tempeval3", "Training", "TBAQ-cleaned")
    paths = list(iter_tml(gold))
    assert len({p.name for p in paths}) == len(paths)
    args = argparse.Namespace(gold=gold, limit=3, errors=False)
    result = time_eval.evaluate(args)
    assert result["documents"] == 3
    assert result["gold"] > 0
    assert result["relaxed_f1"] > 0.6
