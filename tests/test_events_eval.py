"""`dateline eval events`: gold readers and metric computation."""

from __future__ import annotations

import json
from argparse import Namespace

from conftest import shared_path

from dateline.eval import events as ev
from dateline.eval.event_gold import GoldEvent, GoldRecord, plover_type, read_petrarch, read_plover
from dateline.model import ActorRef, Event

XML = """<Validation><Environment><Verbfile>v.txt</Verbfile></Environment><Sentences>
<Sentence date="19950101" id="A-1" category="DEMO">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode='"SOMEONE"' targetcode="---" eventcode="023"></EventCoding>
<Text>
Arnor restored ties
with Gondor.
</Text></Sentence>
<Sentence date="19950101" id="A-2"><EventCoding noevents = "True"></EventCoding><Text>Nothing.</Text></Sentence>
<Sentence date="19950101" id="A-3"><EventCoding error="bad_input_parse"></EventCoding><Text>Skip me.</Text></Sentence>
</Sentences></Validation>"""


def event(src, plover, tgt, root="04", conf=0.5, cameo="040"):
    return Event(id="x", cameo=cameo, cameo_root=root, plover=plover, quad_class=1, goldstein=0.0, date=None,
                 place=None, source=ActorRef(src, code=src) if src else None,
                 target=ActorRef(tgt, code=tgt) if tgt else None, trigger="t", sentence="s", confidence=conf)


def test_plover_labels_map_to_version_2():
    assert [plover_type(x) for x in ("DEMAND", "DISAPPROVE", "FIGHT", "INVESTIGATE", "AGREE")] == [
        "REQUEST", "ACCUSE", "ASSAULT", "ACCUSE", "AGREE"]


def test_read_plover_records(tmp_path):
    path = tmp_path / "g.json"
    path.write_text(json.dumps([
        {"id": "doc", "event": "DOCUMENT"},
        {"id": "r1", "event": "FIGHT", "text": "{A fought B.}", "source": [{"code": "AAA", "sector": "MIL"}],
         "target": [{"code": "BBB"}, {"code": "CCC"}]},
        {"id": "r2", "event": "AGREE", "text": "A agreed.", "source": [{"code": "AAA"}], "target": "diplomatic"},
    ]))
    r1, r2 = read_plover(path)
    assert r1.text == "A fought B." and r1.events == [GoldEvent("AAAMIL", "ASSAULT", "BBB"),
                                                      GoldEvent("AAAMIL", "ASSAULT", "CCC")]
    assert r2.events == [GoldEvent("AAA", "AGREE", None)]


def test_read_petrarch_records(tmp_path):
    path = tmp_path / "r.xml"
    path.write_text(XML)
    a1, a2 = read_petrarch(path)
    assert a1.text == "Arnor restored ties with Gondor." and a1.date == "1995-01-01"
    assert a1.events == [GoldEvent("ARN", "064", "GON"), GoldEvent(None, "023", None)]
    assert a2.events == [] and a1.dictionaries == {}


def test_scores_on_known_predictions():
    gold = [
        GoldRecord("1", "t", [GoldEvent("USAGOV", "CONSULT", "RUSGOV")]),
        GoldRecord("2", "t", [GoldEvent("FRA", "ASSAULT", "DEU")]),
        GoldRecord("3", "t", []),
        GoldRecord("4", "t", []),
    ]
    ours = [
        [event("USAGOV", "CONSULT", "RUSGOV", conf=0.9), event("USA", None, None, conf=0.99)],
        [event("FRA", "ACCUSE", "DEU")],
        [],
        [event("GBR", "ACCUSE", None)],
    ]
    r = ev.score("plover", gold, ours)
    assert r["records"] == 4 and r["event_accuracy"] == 0.5
    assert r["triple_precision"] == round(1 / 3, 4) and r["triple_recall"] == 0.5 and r["triple_f1"] == 0.4
    assert r["source_f1"] == round(2 * (2 / 3) * 1 / (2 / 3 + 1), 4)
    assert r["no_event_right"] == 0.5 and r["confusion"]["ASSAULT>ACCUSE"] == 1
    assert "exact_records_fraction" not in r
    assert "ASSAULT" in ev.report({**r, "gold": "g"})


def test_petrarch_exact_records():
    gold = [GoldRecord("1", "t", [GoldEvent("ARN", "064", "GON")]), GoldRecord("2", "t", [])]
    ours = [[event("ARN", None, "GON", root="06", cameo="064")], [event("ARN", None, "GON", root="06", cameo="064")]]
    r = ev.score("petrarch", gold, ours)
    assert r["exact_records_fraction"] == 0.5 and r["event_accuracy"] == 0.5


def test_eval_runs_on_petrarch_unit_tests_sample():
    path = shared_path("gold", "events", "petrarch2-unittest", "PETR.UnitTest.records.xml")
    result = ev.evaluate(Namespace(gold=path, limit=12))
    assert result["records"] == 12 and result["exact_records_fraction"] > 0.3
    for key in ("event_accuracy", "event_macro_f1", "source_f1", "target_f1", "triple_precision",
                "triple_recall", "triple_f1"):
        assert 0.0 <= result[key] <= 1.0


def test_discard_records_expect_no_event_when_the_file_names_discards(tmp_path):
    (tmp_path / "d.txt").write_text("+TYPHOON\n")
    discard = ('<Sentence date="19950101" id="D-1"><EventCoding error="storydiscard"></EventCoding>'
               "<Text>A typhoon.</Text></Sentence>")
    (tmp_path / "r.xml").write_text(XML.replace("</Sentences>", discard + "</Sentences>"))
    assert [r.id for r in read_petrarch(tmp_path / "r.xml")] == ["A-1", "A-2"]
    with_discards = XML.replace("<Environment>", "<Environment><Discardfile>d.txt</Discardfile>")
    (tmp_path / "r.xml").write_text(with_discards.replace("</Sentences>", discard + "</Sentences>"))
    records = read_petrarch(tmp_path / "r.xml")
    assert [r.id for r in records] == ["A-1", "A-2", "D-1"] and records[2].events == []
    assert ev.pipeline_config("petrarch", records)[1]["discard_files"] == [str(tmp_path / "d.txt")]


def test_errors_listing_names_wrong_records():
    gold = [GoldRecord("1", "t1", [GoldEvent("ARN", "064", "GON")]), GoldRecord("2", "t2", [])]
    ours = [[event("ARN", None, "GON", root="06", cameo="064")], [event("ARN", None, "GON", root="06", cameo="064")]]
    errors = ev.score("petrarch", gold, ours)["errors"]
    assert [e["id"] for e in errors] == ["2"] and errors[0]["ours"] == ["ARN GON 064"] and errors[0]["gold"] == []


def test_petrarch_file_whose_dictionaries_are_absent_codes_with_builtin_ones(tmp_path, capsys):
    xml = ('<Validation><Environment><Verbfile>gone.verbs</Verbfile><Actorfile>gone.actors</Actorfile>'
           '</Environment><Sentences><Sentence date="20220224" id="R-1"><EventCoding sourcecode="RUS" '
           'targetcode="UKR" eventcode="190"></EventCoding><Text>Russian troops attacked Ukrainian forces '
           'near Kharkiv on Thursday.</Text></Sentence></Sentences></Validation>')
    (tmp_path / "r.xml").write_text(xml)
    records = read_petrarch(tmp_path / "r.xml")
    components, config = ev.pipeline_config("petrarch", records)
    assert "gone.actors" in capsys.readouterr().err
    assert config["actor_builtin"] and config["actor_dictionaries"] == [] and not config["verb_dictionaries_only"]
    result = ev.evaluate(Namespace(gold=tmp_path / "r.xml", limit=0))
    assert result["triple_f1"] > 0
