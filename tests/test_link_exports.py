"""GDELT 2.0 and PLOVER exports from the link tables."""

from __future__ import annotations

import json

import duckdb
import pytest

from dateline.eval.rewrites import apply
from dateline.link import Linker
from dateline.model import ActorRef, Article, Event
from dateline.serve import gdelt, plover
from dateline.serve.codes import resolve_place, split_actor


def call(aid: str, text: str) -> Event:
    start = text.index("phone call with")
    return Event(
        id=f"{aid}-1", cameo="040", cameo_root="04", plover="CONSULT", quad_class=1, goldstein=1.0, date="2022-02-12",
        place="Moscow", source=ActorRef("Putin", "Vladimir Putin", "RUSGOV"), target=ActorRef("Biden", "Joe Biden", "USAGOV"),
        trigger="phone call with", sentence="", spans={"trigger": (start, start + 15), "source": (0, 5)}, confidence=0.9,
    )


@pytest.fixture
def exported(seed_text, tmp_path):
    conn = duckdb.connect()
    texts = {"seed": seed_text, "copy": apply("synonyms", seed_text, 2)}
    linker = Linker(conn, texts.get)
    meta = {"seed": ("https://www.eurasiareview.com/a", "TASS"), "copy": (None, None)}
    for aid, text in texts.items():
        url, wire = meta[aid]
        linker.link(Article(id=aid, origin=aid, content_hash=aid, text=text, url=url, wire_source=wire,
                            published="2022-02-12", events=[call(aid, text)]))
    gdelt.export(conn, tmp_path)
    plover.export(conn, tmp_path)
    return tmp_path


def test_gdelt_events_have_61_columns_in_order(exported):
    (line,) = (exported / "events.tsv").read_text().splitlines()
    cols = dict(zip(gdelt.EVENT_COLUMNS, line.split("\t")))
    assert len(line.split("\t")) == len(gdelt.EVENT_COLUMNS) == 61
    assert cols["Day"] == "20220212" and cols["MonthYear"] == "202202" and cols["FractionDate"] == "2022.1973"
    assert (cols["Actor1Code"], cols["Actor1CountryCode"], cols["Actor1Type1Code"]) == ("RUSGOV", "RUS", "GOV")
    assert cols["Actor2Name"] == "JOE BIDEN" and cols["Actor1KnownGroupCode"] == ""
    assert (cols["EventCode"], cols["EventBaseCode"], cols["EventRootCode"]) == ("040", "040", "04")
    assert (cols["NumMentions"], cols["NumSources"], cols["NumArticles"]) == ("2", "2", "2")
    assert (cols["ActionGeo_Type"], cols["ActionGeo_CountryCode"]) == ("4", "RS")
    assert cols["SOURCEURL"] == "https://www.eurasiareview.com/a" and len(cols["DATEADDED"]) == 14


def test_gdelt_mentions_have_16_columns_and_flag_the_copy(exported):
    lines = [dict(zip(gdelt.MENTION_COLUMNS, ln.split("\t"))) for ln in (exported / "mentions.tsv").read_text().splitlines()]
    assert all(len(m) == 16 for m in lines) and len(lines) == 2
    assert [m["MentionType"] for m in lines] == ["1", "2"]
    assert [m["Extras"].split(";")[1] for m in lines] == ["independent=1", "independent=0"]
    assert lines[0]["Confidence"] == "90" and lines[0]["Actor1CharOffset"] == "0"


def test_plover_record(exported):
    (rec,) = [json.loads(x) for x in (exported / "events.plover.jsonl").read_text().splitlines()]
    assert rec["event"] == ["CONSULT"] and rec["date"] == "2022-02-12"
    assert rec["actor"][0]["code"] == "RUS" and rec["actor"][0]["sector"] == "GOV"
    assert rec["num_independent_sources"] == 1 and rec["independent_sources"] == ["TASS"]
    assert rec["modality"] == []
    assert rec["event_loc"]["country_code"] == "RUS"


def test_codes():
    assert split_actor("USAMILREB").types == ("MIL", "REB")
    assert split_actor("IGOUNO").country is None
    assert resolve_place("Ukraine").fips == "UP" and resolve_place("Atlantis") is None


def test_gdelt_leaves_out_an_event_with_no_actor_on_either_side(seed_text, tmp_path):
    conn = duckdb.connect()
    linker = Linker(conn, {"seed": seed_text}.get)
    named = call("seed", seed_text)
    nameless = Event(**{**named.__dict__, "id": "seed-2", "cameo": "111", "cameo_root": "11", "plover": "ACCUSE",
                        "quad_class": 3, "source": None, "target": None, "trigger": "said",
                        "spans": {"trigger": (seed_text.index("said"), seed_text.index("said") + 4)}})
    linker.link(Article(id="seed", origin="seed", content_hash="seed", text=seed_text, published="2022-02-12",
                        events=[named, nameless]))
    assert gdelt.export(conn, tmp_path)["events"] == 1
    plover.export(conn, tmp_path)
    assert len((tmp_path / "events.plover.jsonl").read_text().splitlines()) == 2
