"""The store commands end to end: ingest, articles, show, events, quotes, export, stats."""

import importlib.util
import json
import shutil
import sys

import duckdb
import pytest

from dateline.cli import main
from dateline.store import Store
from test_store import make_article, make_event


@pytest.fixture(autouse=True)
def wide_console(monkeypatch):
    """Rich wraps at the terminal width; long temporary paths must stay on one line here."""
    monkeypatch.setenv("COLUMNS", "300")


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "cli.duckdb")


@pytest.fixture
def inputs(tmp_path, seed_path):
    """The seed, a copy of it under another name, and an empty file."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed_path, folder / "a-seed.txt")
    shutil.copy(seed_path, folder / "b-copy.txt")
    (folder / "c-empty.txt").write_text("  \n")
    return folder


def json_lines(text):
    return [json.loads(line) for line in text.splitlines()]


def test_ingest_stores_every_input_with_its_status(inputs, db, capsys):
    assert main(["ingest", str(inputs), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "ok 1 · duplicate 1 · error 1" in out
    assert main(["articles", "--db", db, "--json"]) == 0
    rows = {row["origin"].rsplit("/", 1)[1]: row for row in json_lines(capsys.readouterr().out)}
    assert {name: row["status"] for name, row in rows.items()} == {
        "a-seed.txt": "ok", "b-copy.txt": "duplicate", "c-empty.txt": "error"
    }
    assert rows["b-copy.txt"]["skipped"] == f"duplicate of {rows['a-seed.txt']['id']}"
    assert main(["articles", "--db", db, "--json", "--status", "error"]) == 0
    errors = json_lines(capsys.readouterr().out)
    assert [row["origin"] for row in errors] == [rows["c-empty.txt"]["origin"]]
    assert errors[0]["error"] and f"{errors[0]['origin']}: {errors[0]['error']}" in out  # listed in the summary


def test_ingest_again_adds_nothing(inputs, db, capsys):
    main(["ingest", str(inputs), "--db", db, "--quiet", "--components", "none", "--no-link"])
    with Store(db, read_only=True) as store:
        before = {table: store.count(table) for table in ("articles", "entities", "events", "quotes", "timexes")}
    assert main(["ingest", str(inputs), "--db", db, "--components", "none", "--no-link"]) == 0
    assert "skipped       3   already stored" in capsys.readouterr().out
    with Store(db, read_only=True) as store:
        assert {table: store.count(table) for table in before} == before


def test_show_the_seed(seed_path, db, capsys, monkeypatch):
    main(["ingest", str(seed_path), "--db", db, "--quiet"])
    monkeypatch.chdir(seed_path.parent.parent)
    assert main(["show", "examples/tass-2022-02-12.txt", "--db", db]) == 0  # as `make demo` runs it
    out = capsys.readouterr().out
    assert "Moscow will soon react" in out and "Events (" in out and "Quotes (" in out
    assert main(["show", str(seed_path), "--db", db, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["origin"] == str(seed_path) and shown["status"] == "ok"
    assert main(["show", shown["id"][:8], "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == shown


def test_show_reports_an_unknown_article(db, capsys):
    Store(db).close()
    assert main(["show", "nothing-like-this", "--db", db]) == 2
    assert "no stored article matches" in capsys.readouterr().err


def test_commands_need_a_store(tmp_path, capsys):
    assert main(["articles", "--db", str(tmp_path / "absent.duckdb")]) == 2
    assert "run `dateline ingest" in capsys.readouterr().err


def test_db_from_the_environment(seed_path, db, monkeypatch, capsys):
    monkeypatch.setenv("DATELINE_DB", db)
    main(["ingest", str(seed_path), "--quiet", "--components", "none"])
    assert main(["articles", "--json"]) == 0
    assert len(json_lines(capsys.readouterr().out)) == 1


@pytest.fixture
def coded_db(db):
    with Store(db) as store:
        store.save_article(make_article())
        store.save_article(make_article(
            "a2", "wire/a2.txt", "h2", published="2022-03-01", wire="Reuters",
            events=[make_event(1, source=("Kyiv", "Ukraine", "UKR"), target=None, cameo="190", date="2022-03-01")],
        ))
    return db


def test_events_and_quotes_listing(coded_db, capsys):
    assert main(["events", "--db", coded_db, "--actor", "RUS", "--json"]) == 0
    events = json_lines(capsys.readouterr().out)
    assert [(e["article_id"], e["cameo"], e["source"]["code"], e["target"]["code"]) for e in events] == [
        ("a1", "0421", "USAGOV", "RUSGOV")
    ]
    assert events[0]["spans"]["trigger"] == [30, 40] and events[0]["rule"] == "verb:talk"
    assert main(["events", "--db", coded_db, "--root", "19", "--since", "2022-02-15"]) == 0
    table = capsys.readouterr().out
    assert "1 events" in table and "190" in table and "Ukraine (UKR)" in table
    assert main(["quotes", "--db", coded_db, "--search", "consider", "--outlet", "reuters", "--json"]) == 0
    assert [q["article_id"] for q in json_lines(capsys.readouterr().out)] == ["a2"]
    assert main(["quotes", "--db", coded_db]) == 0
    assert "Yury Ushakov (RUSGOV)" in capsys.readouterr().out


def test_show_gives_the_evidence(coded_db, capsys):
    assert main(["show", "a1", "--db", coded_db]) == 0
    out = capsys.readouterr().out
    for evidence in ("0421 CONSULT", "Joe Biden (USAGOV) → Vladimir Putin (RUSGOV)", "rule verb:talk",
                     "confidence 0.80", "spans trigger 30–40", "MOSCOW, February 12. /TASS/.", "short, boilerplate",
                     "Yury Ushakov (RUSGOV) said (direct)", "Saturday"):
        assert evidence in out


def test_bad_dates_are_refused(coded_db, capsys):
    with pytest.raises(SystemExit):
        main(["events", "--db", coded_db, "--since", "last week"])
    assert "not a date" in capsys.readouterr().err


def test_export_parquet_reads_back(coded_db, tmp_path, capsys):
    out = tmp_path / "events.parquet"
    assert main(["export", "--format", "parquet", "--table", "events", "--output", str(out), "--db", coded_db]) == 0
    assert "wrote 2 events" in capsys.readouterr().err
    assert duckdb.sql(f"SELECT cameo FROM read_parquet('{out}') ORDER BY 1").fetchall() == [("0421",), ("190",)]


def test_stats(coded_db, capsys):
    assert main(["stats", "--db", coded_db, "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"] == {"ok": 2}
    assert stats["records"]["events"] == 2 and stats["records"]["quotes"] == 4


def test_workers_give_the_same_store(inputs, tmp_path, capsys):
    serial, pooled = str(tmp_path / "serial.duckdb"), str(tmp_path / "pooled.duckdb")
    options = ["--components", "none", "--no-link", "--quiet"]
    main(["ingest", str(inputs), "--db", serial, *options])
    assert main(["ingest", str(inputs), "--db", pooled, *options, "--workers", "2", "--batch-size", "1"]) == 0
    query = "SELECT id, status, error, title, text FROM articles ORDER BY id"
    with Store(serial, read_only=True) as a, Store(pooled, read_only=True) as b:
        assert a.rows(query) == b.rows(query) and len(a.rows(query)) == 3


@pytest.mark.skipif(importlib.util.find_spec("ray") is None, reason="Ray is not installed: pip install -e '.[ray]'")
def test_ray_gives_the_same_store(inputs, tmp_path, capsys):
    serial, on_ray = str(tmp_path / "serial.duckdb"), str(tmp_path / "ray.duckdb")
    options = ["--no-link", "--quiet", "--batch-size", "1"]
    main(["ingest", str(inputs), "--db", serial, *options])
    assert main(["ingest", str(inputs), "--db", on_ray, *options, "--ray", "--workers", "1"]) == 0
    query = "SELECT id, status, error, title, text FROM articles ORDER BY id"
    coded = "SELECT article_id, cameo, source_code, target_code, date FROM events ORDER BY ALL"
    with Store(serial, read_only=True) as a, Store(on_ray, read_only=True) as b:
        assert a.rows(query) == b.rows(query) and len(a.rows(query)) == 3
        assert a.rows(coded) == b.rows(coded) and a.rows(coded)


def test_ray_missing_is_a_clear_error(seed_path, db, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # what `import ray` meets where Ray is not installed
    assert main(["ingest", str(seed_path), "--db", db, "--ray"]) == 2
    assert "pip install 'dateline[ray]'" in capsys.readouterr().err


def test_unknown_component_is_a_clear_error(seed_path, db, capsys):
    assert main(["ingest", str(seed_path), "--db", db, "--components", "timexes,telepathy"]) == 2
    assert "no coding component named 'telepathy'" in capsys.readouterr().err
