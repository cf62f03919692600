"""`/api/<listing>`: paging with totals, dyads, partial dates, sorting, facets, modality and filtered
exports, on a synthetic store of several hundred events whose answers are known by construction."""

import csv
import io
import json
import time
import warnings

import duckdb
import pytest

from dateline.cli import main
from dateline.link.linker import Linker
from dateline.model import ActorRef, Article, Event
from dateline.serve.web.api import create_app
from dateline.store import Store, query
from dateline.store.filters import Filters, parse

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

RUS = ("Moscow", "Russia", "RUSGOV")
USA = ("Washington", "United States", "USAGOV")
NATO = ("NATO", "NATO", "IGONAT")
JERUSALEM = ("Jerusalem", "Israel", "ISR")


def event(n, source, target, cameo="042", date="2022-02-01", modality=(), confidence=0.8, sentence=None):
    text = sentence or f"{source[0]} and {target[0]} talked, report {n}."
    at = len(source[0]) + 5
    spans = {"sentence": (0, len(text))} if sentence else {
        "sentence": (0, len(text)), "source": (0, len(source[0])), "target": (at, at + len(target[0])),
        "trigger": (at + len(target[0]) + 1, at + len(target[0]) + 7)}
    return Event(
        id=f"e{n}", cameo=cameo, cameo_root=cameo[:2], plover="CONSULT", quad_class=1 if cameo < "06" else 4,
        goldstein=float(n % 7), date=date, place=None, source=ActorRef(*source, span=(0, len(source[0]))),
        target=ActorRef(*target, span=None), trigger="talked", sentence=text, spans=spans,
        modality=list(modality), rule="test", confidence=confidence,
    )


def article(n, published, site, events):
    body = " ".join(e.sentence for e in events) + f" Article {n} about {site} news on {published}, words " * 3
    found = Article(id=f"art{n:03d}", origin=f"https://{site}/{n}", content_hash=f"h{n}", title=f"Article {n}",
                    site=site, url=f"https://{site}/{n}", published=published, language="en", text=body,
                    events=events)
    for e in found.events:
        e.article_id = found.id
    return found


def build(path):
    """12 articles in February 2022 with 25 Russia → US events each, on two sites; 1 US → Russia,
    NATO → Russia, Jerusalem → US; partial dates in 2016; one negated and one 100% event."""
    articles = [
        article(n, f"2022-02-{n + 1:02d}", "tass.com" if n % 2 else "reuters.com",
                [event(n * 100 + i, RUS, USA, "190" if i % 5 == 0 else "042", f"2022-02-{n + 1:02d}") for i in range(25)])
        for n in range(12)
    ]
    articles.append(article(20, "2022-02-20", "reuters.com", [
        event(1, USA, RUS), event(2, NATO, RUS, date="2022-02-20"), event(3, JERUSALEM, USA, date="2022-02-20"),
        event(4, RUS, USA, cameo="190", date="2022-02-20", modality=["negated"], sentence="Moscow did not attack."),
        event(5, RUS, USA, date="2022-02-20", confidence=1.0, sentence="A 100% sure_thing, Moscow said."),
    ]))
    articles.append(article(21, "2016-05-01", "tass.com", [
        event(6, RUS, USA, date="2016-03"), event(7, RUS, USA, date="2016"), event(8, RUS, USA, date="2030"),
    ]))
    with Store(path) as store:
        store.save_articles(articles)
        linker = Linker(store.con)
        for a in articles:
            linker.link(a)
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return str(build(tmp_path_factory.mktemp("listings") / "dyads.duckdb"))


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        yield client


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def every_row(client, url, size=100):
    """All rows of a listing, fetched page by page with offset."""
    first = get(client, f"{url}&limit={size}")
    found = list(first["rows"])
    while len(found) < first["total"]:
        found += get(client, f"{url}&limit={size}&offset={len(found)}")["rows"]
    return first["total"], found


DYAD = "/api/events?source_actor=RUS&target_actor=USA&since=2022-02-01&until=2022-02-28"


def test_paging_reaches_every_row_with_the_total(client):
    first = get(client, DYAD + "&limit=100")
    assert first["total"] == 12 * 25 + 1 and len(first["rows"]) == 100 and first["offset"] == 0
    total, found = every_row(client, DYAD)
    keys = [(e["article_id"], e["id"]) for e in found]
    assert total == len(keys) == len(set(keys)) == 301
    assert get(client, DYAD + "&offset=300&limit=100")["rows"] == found[300:]
    assert get(client, DYAD + "&offset=400")["rows"] == [] and get(client, DYAD + "&offset=400")["total"] == 301


def test_the_cli_prints_the_rows_the_api_returns(client, db, capsys):
    _, found = every_row(client, DYAD)
    argv = ["events", "--source-actor", "RUS", "--target-actor", "USA", "--since", "2022-02-01", "--until",
            "2022-02-28", "--limit", "0", "--json", "--db", db]
    assert main(argv) == 0
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == found
    assert main(["events", "--root", "abc", "--db", db]) == 2
    assert capsys.readouterr().err == "dateline: root: not a CAMEO root code (1 to 20): 'abc'\n"


def test_a_dyad_has_a_direction_and_actors_are_codes_not_text(client):
    reverse = get(client, "/api/events?source_actor=USA&target_actor=RUS")["rows"]
    assert [(e["source"]["code"], e["target"]["code"]) for e in reverse] == [("USAGOV", "RUSGOV")]
    either = get(client, "/api/events?actor=RUS&limit=1000")["rows"]
    assert "ISR" not in {e["source"]["code"] for e in either}  # "Jerusalem" contains "rus"; its code does not
    us = get(client, "/api/events?actor=US&limit=1000")["rows"]
    assert all("USA" in (e["source"]["code"][:3], e["target"]["code"][:3]) for e in us)  # not NATO → Russia
    assert [e["source"]["name"] for e in get(client, "/api/events?search=jerusalem")["rows"]] == ["Israel"]


def test_partial_dates_match_by_the_range_they_cover_and_sort_by_article_date(client):
    march = get(client, "/api/events?since=2016-03-10&until=2016-03-20")["rows"]
    assert sorted(e["date"] for e in march) == ["2016", "2016-03"]
    assert get(client, "/api/events?since=2016-04-01&until=2016-12-31")["total"] == 1  # "2016" only
    newest = get(client, "/api/events?limit=1000")["rows"]
    published = [e["article_published"] for e in newest]
    assert published == sorted(published, reverse=True) and newest[-1]["article_published"] == "2016-05-01"
    assert next(i for i, e in enumerate(newest) if e["date"] == "2030") > 300  # a future year does not come first


def test_sorting_by_a_column_either_way(client):
    ascending = [e["goldstein"] for e in get(client, DYAD + "&sort=goldstein&limit=1000")["rows"]]
    assert ascending == sorted(ascending) and ascending[0] < ascending[-1]
    descending = [e["confidence"] for e in get(client, "/api/events?sort=-confidence&limit=3")["rows"]]
    assert descending[0] == 1.0


def test_facets_count_the_whole_filtered_set(client):
    body = get(client, DYAD + "&limit=1&facets=root,quad_class,source_country,target_country,outlet,day,timeline,dyad")
    facets, total = body["facets"], body["total"]
    assert {f["value"]: f["count"] for f in facets["root"]} == {"04": 12 * 20 + 1, "19": 12 * 5}
    assert {f["value"]: f["count"] for f in facets["quad_class"]} == {1: 241, 4: 60}
    assert facets["source_country"] == [{"value": "RUS", "count": total}]
    assert {f["value"]: f["count"] for f in facets["outlet"]} == {"tass.com": 150, "reuters.com": 151}
    assert [f["value"] for f in facets["day"]] == [f"2022-02-{d:02d}" for d in range(1, 13)] + ["2022-02-20"]
    assert sum(t["count"] for t in facets["timeline"]) == total
    assert {(t["day"], t["quad_class"]): t["count"] for t in facets["timeline"]}[("2022-02-03", 4)] == 5
    assert facets["dyad"] == [{"source": "RUS", "target": "USA", "count": total}]


def test_events_are_asserted_unless_asked(client, capsys, db):
    assert get(client, "/api/events?modality=negated")["rows"][0]["sentence"] == "Moscow did not attack."
    asserted, every = get(client, "/api/events")["total"], get(client, "/api/events?modality=all")["total"]
    assert every == asserted + 1
    assert main(["events", "--all", "--limit", "0", "--json", "--db", db]) == 0
    assert len(capsys.readouterr().out.splitlines()) == every


def test_text_filters_are_substrings_not_patterns(client):
    assert [e["sentence"] for e in get(client, "/api/events?search=%25")["rows"]] == ["A 100% sure_thing, Moscow said."]
    assert get(client, "/api/events?search=_")["total"] == 1
    assert get(client, "/api/events?search=%25%25")["total"] == 0
    assert get(client, "/api/articles?search=_")["total"] == 0
    assert get(client, "/api/quotes?search=%25e%25e%25e%25e%25zzz")["total"] == 0


def test_a_filtered_csv_is_exactly_the_listing(client):
    _, found = every_row(client, DYAD)
    response = client.get(DYAD.replace("/api/events", "/api/export/csv") + "&table=events")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    written = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["article_id"], r["id"]) for r in written] == [(e["article_id"], e["id"]) for e in found]
    assert "article_title" not in written[0]  # the events table's columns, as the unfiltered export
    lines = client.get(DYAD.replace("/api/events", "/api/export/jsonl") + "&table=events").text.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [e["id"] for e in found]


def test_a_filtered_parquet_export(client, tmp_path):
    response = client.get("/api/export/parquet?table=events&root=19&outlet=tass")
    (tmp_path / "x.parquet").write_bytes(response.content)
    codes = duckdb.sql(f"SELECT cameo, count(*) FROM read_parquet('{tmp_path / 'x.parquet'}') GROUP BY 1").fetchall()
    assert codes == [("190", 6 * 5)] and get(client, "/api/events?root=19&outlet=tass")["total"] == 6 * 5


def test_linked_events_and_the_filtered_gdelt_file(client):
    merged = get(client, "/api/linked-events?source_actor=USA&target_actor=RUS")
    assert merged["total"] == 1 and merged["rows"][0]["mentions"][0]["article_id"] == "art020"
    assert merged["rows"][0]["event"]["source"]["code"] == "USAGOV"
    dyad = get(client, "/api/linked-events?source_actor=RUS&target_actor=USA&since=2022-02-01&until=2022-02-28"
                       "&limit=1000")
    lines = client.get("/api/export/gdelt?source_actor=RUS&target_actor=USA&since=2022-02-01&until=2022-02-28").text
    ids = [int(line.split("\t")[0]) for line in lines.splitlines()]
    assert ids == sorted(row["event_id"] for row in dyad["rows"]) and len(ids) == dyad["total"] > 0
    assert {line.split("\t")[5][:3] + line.split("\t")[15][:3] for line in lines.splitlines()} == {"RUSUSA"}
    plover = client.get("/api/export/plover?source_actor=USA&target_actor=RUS").text.splitlines()
    assert [json.loads(line)["actor"][0]["code"] for line in plover] == ["USA"]


def test_stories_and_provenance(client):
    stories = get(client, "/api/stories?since=2016-01-01&until=2016-12-31")
    assert stories["total"] >= 1 and all(s["first_day"] <= "2016-12-31" for s in stories["rows"])
    story = get(client, f"/api/stories/{stories['rows'][0]['story_id']}")
    assert story["articles"]
    found = get(client, "/api/provenance/art020")
    assert found["linked"] and found["copies"]["members"][0]["article_id"] == "art020"
    assert get(client, "/api/provenance/ffffff", 404)["detail"].startswith("no stored article matches")
    assert get(client, "/api/stories/nope", 404)["detail"] == "no story 'nope' (see /api/stories)"


def test_lookup_by_a_json_lines_origin(tmp_path):
    path = tmp_path / "jl.duckdb"
    with Store(path) as store:
        store.save_article(article(1, "2022-02-01", "x.org", [event(1, RUS, USA)]))
        store.con.execute("UPDATE articles SET origin = '/data/feed.jsonl#line=1'")
    with TestClient(create_app(path), base_url="http://127.0.0.1") as client:
        assert get(client, "/api/articles/%2Fdata%2Ffeed.jsonl%23line%3D1")["id"] == "art001"


FACET_NAMES = ("root", "quad_class", "source_country", "target_country", "outlet", "day", "timeline", "dyad")


def test_a_listing_past_its_deadline_still_answers_its_page(db):
    """The page is answered; the count becomes a lower bound and the facets are named as not computed.
    Without filters the count and facets are the kept ones (`event_totals`), complete at any deadline."""
    with Store(db, read_only=True) as store:
        full = query.page(store, "events", Filters(limit=100, modality="all"), FACET_NAMES)
        late = query.page(store, "events", Filters(limit=100, modality="all"), FACET_NAMES,
                          deadline=time.monotonic() - 1)
        unfiltered = query.page(store, "events", Filters(limit=100), FACET_NAMES)
        kept = query.page(store, "events", Filters(limit=100), FACET_NAMES, deadline=time.monotonic() - 1)
    assert late.rows == full.rows and len(late.rows) == 100 < full.total
    assert (late.total, late.exact, late.facets, late.skipped) == (100, False, {}, FACET_NAMES)
    assert full.exact and not full.skipped and set(full.facets) == set(FACET_NAMES)
    assert kept == unfiltered and kept.exact and not kept.skipped and set(kept.facets) == set(FACET_NAMES)


@pytest.mark.parametrize("url", ["", "source_actor=RUS&target_actor=USA&since=2022-02-01&until=2022-02-28",
                                 "outlet=tass&root=19", "search=moscow", "since=2030-01-01"])
def test_counts_in_time_under_a_deadline_are_the_exact_ones(db, monkeypatch, url):
    """With time to spare the answer is the one without a deadline, also when the count passes the cap
    that is counted first (a cap of 50: most of these match more)."""
    monkeypatch.setattr(query, "COUNT_CAP", 50)
    filters = parse("events", dict(p.split("=") for p in url.split("&") if p))
    with Store(db, read_only=True) as store:
        for limit, offset in ((100, 0), (20, 0), (20, 300)):
            filters.limit, filters.offset = limit, offset
            full = query.page(store, "events", filters, FACET_NAMES)
            timed = query.page(store, "events", filters, FACET_NAMES, deadline=time.monotonic() + 600)
            exact = store.con.execute(f"SELECT count(*) FROM ({query.selection('events', filters)[0]})",
                                      query.selection("events", filters)[1]).fetchone()[0]
            assert timed == full and (full.total, full.exact, full.skipped) == (exact, True, ())


def test_a_listing_says_its_count_is_exact_and_every_facet_counted(client):
    body = get(client, "/api/events?facets=root,dyad")
    assert body["total_exact"] is True and body["facets_not_computed"] == [] and set(body["facets"]) == {"root", "dyad"}


def test_a_broad_listing_whose_scan_is_interrupted_says_at_least_the_cap(db, monkeypatch):
    """The capped count is taken, then the scan for the total and facets is interrupted (as at the
    deadline): the answer is the page, the cap as a lower bound, and every facet named."""
    monkeypatch.setattr(query, "COUNT_CAP", 50)

    def interrupted(*args, **kwargs):
        raise duckdb.InterruptException("INTERRUPT Error: Interrupted!")

    monkeypatch.setattr(query, "counts", interrupted)
    with Store(db, read_only=True) as store:
        broad = query.page(store, "events", Filters(limit=20, modality="all"), FACET_NAMES,
                           deadline=time.monotonic() + 600)
        narrow = query.page(store, "events", parse("events", {"since": "2016-01-01", "until": "2016-12-31"}),
                            ("root",), deadline=time.monotonic() + 600)
    assert (broad.total, broad.exact, broad.facets, broad.skipped, len(broad.rows)) == (50, False, {}, FACET_NAMES, 20)
    assert (narrow.total, narrow.exact, narrow.skipped) == (2, True, ("root",))
