"""`dateline serve`: the HTTP API and web page over a store holding the seed article."""

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path
from urllib.parse import quote

import pytest

import dateline
from dateline.cli import main
from dateline.serve import gdelt
from dateline.serve.gdelt import EVENT_COLUMNS, MENTION_COLUMNS
from dateline.serve.web.api import create_app
from dateline.store import Store, StoreError
from test_store import newer_store, writer_holding

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")  # Starlette 1.x would rather have httpx2; httpx works the same
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def db(tmp_path_factory, seed_path):
    path = str(tmp_path_factory.mktemp("serve") / "serve.duckdb")
    assert main(["ingest", str(seed_path), "--db", path, "--quiet"]) == 0
    return path


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db)) as client:
        yield client


@pytest.fixture(scope="module")
def seed(client, seed_path):
    return client.get(f"/api/articles/{seed_path}").json()


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def cli_json_lines(capsys, *argv):
    assert main(list(argv)) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_stats_counts_what_the_store_holds(client, db):
    stats = get(client, "/api/stats")
    with Store(db, read_only=True) as store:
        assert stats["records"] == {table: store.count(table) for table in ("events", "quotes", "timexes", "entities")}
    assert stats["articles"] == {"ok": 1} and stats["records"]["events"] > 0
    assert stats["sources"] == [{"source": "TASS", "articles": 1}]
    assert stats["runs"][0]["status"] == "finished"


def test_articles_list_and_filters(client, seed):
    [row] = get(client, "/api/articles")
    assert row["id"] == seed["id"] and row["source"] == "TASS" and row["events"] == len(seed["events"])
    assert get(client, "/api/articles?source=tass&since=2022-02-12&until=2022-02-12&status=ok") == [row]
    assert get(client, "/api/articles?since=2022-02-13") == []
    assert get(client, "/api/articles?source=reuters") == []


def test_one_article_by_origin_and_by_id_prefix(client, seed, seed_path):
    assert seed["origin"] == str(seed_path) and seed["status"] == "ok"
    assert seed["title"].startswith("Moscow will soon react")
    assert {"events", "quotes", "timexes", "entities", "dateline", "text"} <= set(seed)
    assert get(client, f"/api/articles/{seed['id'][:6]}") == seed
    assert get(client, f"/api/articles/{seed['id']}") == seed
    assert get(client, "/api/articles/" + quote(str(seed_path), safe="")) == seed


def test_an_unknown_article_is_404_with_a_message(client):
    body = get(client, "/api/articles/ffff0000", 404)
    assert body["detail"] == "no stored article matches 'ffff0000' (see /api/articles)"


def test_events_by_actor_and_code_as_the_cli_prints_them(client, db, capsys):
    rows = get(client, "/api/events?actor=RUSGOV")
    assert rows and all(
        any((ref or {}).get("code", "").startswith("RUSGOV") for ref in (e["source"], e["target"])) for e in rows
    )
    assert rows == cli_json_lines(capsys, "events", "--actor", "RUSGOV", "--json", "--db", db)
    consults = get(client, "/api/events?code=04&limit=2")
    assert 0 < len(consults) <= 2 and all(e["cameo"].startswith("04") for e in consults)
    assert get(client, "/api/events?root=4&limit=1000") == get(client, "/api/events?code=04&limit=1000")
    assert get(client, "/api/events?code=04&since=2030-01-01") == []


def test_quotes_by_speaker(client, db, capsys):
    rows = get(client, "/api/quotes?speaker=Ushakov")
    assert rows and all("Ushakov" in q["speaker"]["name"] for q in rows)
    assert rows == cli_json_lines(capsys, "quotes", "--speaker", "Ushakov", "--json", "--db", db)
    assert get(client, "/api/quotes?search=security+guarantees&actor=RUSGOV")


@pytest.mark.parametrize(
    "url, message",
    [
        ("/api/events?since=2022-13-01", "since: not a date (YYYY-MM-DD): '2022-13-01'"),
        ("/api/quotes?until=yesterday", "until: not a date (YYYY-MM-DD): 'yesterday'"),
        ("/api/articles?limit=0", "limit: Input should be greater than or equal to 1"),
        ("/api/events?limit=1001", "limit: Input should be less than or equal to 1000"),
        ("/api/events?actr=RUS", "actr: Extra inputs are not permitted"),
        ("/api/export/xml", "format: Input should be 'csv', 'gdelt', 'jsonl', 'parquet' or 'plover'"),
    ],
)
def test_bad_parameters_are_422_with_a_readable_message(client, url, message):
    body = get(client, url, 422)
    assert body["detail"] == message and body["errors"]


def test_the_web_page_uses_the_api(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'src="static/app.js"' in page.text and 'href="static/style.css"' in page.text
    script = client.get("/static/app.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert "fetch(`api/${path}" in script.text and 'api("events"' in script.text
    assert client.get("/static/style.css").status_code == 200


def test_openapi_lists_the_endpoints_and_their_filters(client):
    spec = get(client, "/openapi.json")
    assert {"/api/stats", "/api/articles", "/api/articles/{ref}", "/api/events", "/api/quotes"} <= set(spec["paths"])
    parameters = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert parameters == {"actor", "code", "root", "since", "until", "source", "limit"}


def test_gdelt_export_is_the_events_table(client, db, tmp_path):
    response = client.get("/api/export/gdelt")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/tab-separated-values")
    assert 'filename="events.tsv"' in response.headers["content-disposition"]
    rows = [line.split("\t") for line in response.text.splitlines()]
    with Store(db, read_only=True) as store:
        written = gdelt.export(store.con, tmp_path)
    assert response.text == (tmp_path / "events.tsv").read_text(encoding="utf-8") and len(rows) == written["events"] > 0
    assert {len(row) for row in rows} == {len(EVENT_COLUMNS)} == {61}
    mentions = client.get("/api/export/gdelt?file=mentions.tsv").text.splitlines()
    assert mentions and {len(line.split("\t")) for line in mentions} == {len(MENTION_COLUMNS)}


def test_table_exports(client, seed):
    response = client.get("/api/export/csv?table=quotes")
    assert response.headers["content-type"].startswith("text/csv")
    lines = response.text.splitlines()
    assert lines[0].startswith("article_id,seq,text") and len(lines) == len(seed["quotes"]) + 1
    records = [json.loads(line) for line in client.get("/api/export/jsonl").text.splitlines()]
    assert [r["id"] for r in records] == [seed["id"]]
    plover = [json.loads(line) for line in client.get("/api/export/plover").text.splitlines()]
    assert plover and all(r["event"] for r in plover)


def test_export_errors_name_the_choices(client):
    table = get(client, "/api/export/gdelt?table=events", 400)
    assert table["detail"] == "format gdelt has its own layout: it takes no table"
    file = get(client, "/api/export/gdelt?file=x.tsv", 400)
    assert file["detail"] == "format gdelt writes events.tsv, mentions.tsv, not 'x.tsv'"


def test_a_store_that_cannot_be_served_fails_at_start(tmp_path, capsys):
    with pytest.raises(StoreError, match="no store at"):
        create_app(tmp_path / "missing.duckdb")
    assert main(["serve", "--db", str(tmp_path / "missing.duckdb")]) == 2
    assert "dateline: no store at" in capsys.readouterr().err
    with pytest.raises(StoreError, match="newer version"):
        create_app(newer_store(tmp_path / "newer.duckdb"))


def test_a_request_meeting_a_writer_is_503_naming_it(tmp_path):
    path = tmp_path / "busy.duckdb"
    Store(path).close()
    client = TestClient(create_app(path))
    with writer_holding(path) as pid:
        assert f"in use by process {pid}" in get(client, "/api/stats", 503)["detail"]
    assert get(client, "/api/articles") == []


def test_the_command_line_starts_without_the_web_stack():
    code = "import sys; from dateline.cli import build_parser; build_parser(); print('fastapi' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": str(Path(dateline.__file__).parents[1])}  # this dateline, not another
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert run.stdout == "False\n"
