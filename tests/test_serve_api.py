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
    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        yield client


@pytest.fixture(scope="module")
def seed(client, seed_path):
    return client.get(f"/api/articles/{seed_path}").json()


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def rows(client, url):
    """The rows of one page of a listing."""
    return get(client, url)["rows"]


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
    [row] = rows(client, "/api/articles")
    assert row["id"] == seed["id"] and row["source"] == "TASS" and row["events"] == len(seed["events"])
    assert rows(client, "/api/articles?outlet=tass&since=2022-02-12&until=2022-02-12&status=ok") == [row]
    assert rows(client, "/api/articles?since=2022-02-13") == []
    assert rows(client, "/api/articles?outlet=reuters") == []


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
    found = rows(client, "/api/events?actor=RUSGOV")
    assert found and all(
        any((ref or {}).get("code", "").startswith("RUSGOV") for ref in (e["source"], e["target"])) for e in found
    )
    assert found == cli_json_lines(capsys, "events", "--actor", "RUSGOV", "--json", "--db", db)
    consults = rows(client, "/api/events?code=04&limit=2")
    assert 0 < len(consults) <= 2 and all(e["cameo"].startswith("04") for e in consults)
    assert rows(client, "/api/events?root=4&limit=1000") == rows(client, "/api/events?code=04&limit=1000")
    assert rows(client, "/api/events?code=04&since=2030-01-01") == []


def test_quotes_by_speaker(client, db, capsys):
    found = rows(client, "/api/quotes?speaker=Ushakov")
    assert found and all("Ushakov" in q["speaker"]["name"] for q in found)
    assert found == cli_json_lines(capsys, "quotes", "--speaker", "Ushakov", "--json", "--db", db)
    assert rows(client, "/api/quotes?search=security+guarantees&actor=RUSGOV")


@pytest.mark.parametrize(
    "url, message",
    [
        ("/api/events?since=2022-13-01", "since: not a date (YYYY-MM-DD): '2022-13-01'"),
        ("/api/quotes?until=yesterday", "until: not a date (YYYY-MM-DD): 'yesterday'"),
        ("/api/articles?limit=0", "limit: 0 is below 1"),
        ("/api/events?limit=1001", "limit: 1001 is above 1000 (page with offset)"),
        ("/api/events?offset=-1", "offset: -1 is below 0"),
        ("/api/events?root=abc", "root: not a CAMEO root code (1 to 20): 'abc'"),
        ("/api/events?root=21", "root: not a CAMEO root code (1 to 20): '21'"),
        ("/api/events?quad_class=5", "quad_class: 5 is not between 1 and 4"),
        ("/api/events?min_confidence=2", "min_confidence: 2.0 is not between 0 and 1"),
        ("/api/events?modality=maybe", "modality: 'maybe' is not one of asserted, negated, hypothetical, future, "
         "historical, all"),
        ("/api/events?source_actor=R%25S", "source_actor: not a CAMEO actor code prefix (letters, e.g. RUS or "
         "USAGOV): 'R%S'"),
        ("/api/events?sort=rule", "sort: 'rule' is not one of date, event_date, cameo, quad_class, goldstein, "
         "confidence, source, target, outlet (- before for descending)"),
        ("/api/events?facets=weather", "facets: 'weather' is not one of root, quad_class, source_country, "
         "target_country, outlet, day, timeline, dyad"),
        ("/api/articles?status=OK&since=2022-03-01&until=2022-02-01", "status: 'OK' is not one of ok, duplicate, "
         "error; since: 2022-03-01 is after until 2022-02-01"),
        ("/api/events?actr=RUS", "actr: not a parameter here (takes since, until, outlet, actor, source_actor, "
         "target_actor, code, root, quad_class, plover, modality, min_confidence, search, sort, offset, limit, "
         "facets)"),
        ("/api/export/csv?table=events&actr=RUS", "actr: not a parameter here (takes since, until, outlet, actor, "
         "source_actor, target_actor, code, root, quad_class, plover, modality, min_confidence, search, sort, "
         "offset, limit)"),
        ("/api/export/csv?table=events&limit=5", "limit: an export writes the whole filtered set; it takes no paging"),
        ("/api/export/csv?table=runs&since=2022-01-01", "since: the table runs takes no filters"),
        ("/api/export/gdelt?root=abc", "root: not a CAMEO root code (1 to 20): 'abc'"),
    ],
)
def test_bad_parameters_are_422_with_a_readable_message(client, url, message):
    assert get(client, url, 422)["detail"] == message


def test_an_unknown_format_is_422_naming_the_choices(client):
    body = get(client, "/api/export/xml", 422)
    assert body["detail"] == "format: Input should be 'csv', 'gdelt', 'jsonl', 'parquet' or 'plover'" and body["errors"]


def test_the_web_page_uses_the_api(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'src="static/app.js"' in page.text and 'href="static/style.css"' in page.text
    script = client.get("/static/app.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert "fetch(`api/${path}" in client.get("/static/lib.js").text and 'from "./views.js"' in script.text
    assert client.get("/static/style.css").status_code == 200


def test_the_api_reference_is_served_from_the_package(client):
    page = client.get("/docs")
    assert page.status_code == 200 and 'src="static/docs.js"' in page.text and "//" not in page.text.split("<body>")[1]
    assert client.get("/static/docs.js").status_code == 200 and "openapi.json" in client.get("/static/docs.js").text
    assert client.get("/redoc").status_code == 404


def test_openapi_lists_the_endpoints_and_their_filters(client):
    spec = get(client, "/openapi.json")
    assert {"/api/stats", "/api/articles", "/api/articles/{ref}", "/api/events", "/api/quotes", "/api/linked-events",
            "/api/stories", "/api/provenance/{ref}", "/api/codes"} <= set(spec["paths"])
    parameters = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert parameters == {"actor", "source_actor", "target_actor", "code", "root", "quad_class", "plover", "modality",
                          "min_confidence", "search", "since", "until", "outlet", "sort", "offset", "limit", "facets"}


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
    client = TestClient(create_app(path), base_url="http://127.0.0.1")
    with writer_holding(path) as pid:
        assert f"in use by process {pid}" in get(client, "/api/stats", 503)["detail"]
    assert rows(client, "/api/articles") == []


def test_the_command_line_starts_without_the_web_stack():
    code = "import sys; from dateline.cli import build_parser; build_parser(); print('fastapi' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": str(Path(dateline.__file__).parents[1])}  # this dateline, not another
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert run.stdout == "False\n"
