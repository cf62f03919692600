"""The events listing read through `events.article_day` and `event_totals` (migration 007) answers what it
answered before, when every event was joined with its article: same rows in the same order, same totals and
facets, for every filter and sort, on a store with many ties in the date; the copies stay right when
articles are saved again, and a store made before 007 gets them when opened."""

import shutil
import warnings

import duckdb
import pytest

from dateline.model import ActorRef, Article, Event, Quote
from dateline.serve.web.api import create_app
from dateline.store import Store, query
from dateline.store.filters import Filters, parse
from dateline.store.migrate import MIGRATIONS, migrate

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

FACETS = query.FACETS["events"]
ACTORS = [("Moscow", "Russia", "RUSGOV"), ("Washington", "United States", "USAGOV"), ("Kyiv", "Ukraine", "UKRGOV"),
          ("NATO", "NATO", "IGONAT")]
PUBLISHED = ["2022-03-01", "2022-03-01T08:00:00Z", "2022-03-01T23:59:00+02:00", "2022-03-02", "2016", "2016-05",
             None, "2022-03-01"]
"""Many articles on one day (three ways to write it), a partial date, and none."""
DATES = ["2022-03-01", None, "2022-03", "2016", "2022-02-28", "2022-03-01"]
CODES = ["042", "190", "0231", "057", "112"]
MODALITIES = [[], [], ["negated"], ["hypothetical"], ["future"], []]


def make_events(n: int, article_id: str, count: int, shift: int = 0) -> list[Event]:
    found = []
    for i in range(count):
        k = n * 7 + i + shift
        source, target = ACTORS[k % 4], ACTORS[(k + 1 + n) % 4]
        cameo = CODES[k % 5]
        found.append(Event(
            id=f"{article_id}-{i}", cameo=cameo, cameo_root=cameo[:2], plover="CONSULT",
            quad_class=1 if cameo < "06" else 3 + k % 2, goldstein=float(k % 3), date=DATES[k % 6], place=None,
            source=ActorRef(*source), target=None if k % 9 == 4 else ActorRef(*target), trigger="talked",
            sentence=f"{source[0]} talked with {target[0]}, report {k}.", spans={}, modality=MODALITIES[k % 6],
            rule="test", confidence=0.5 + (k % 5) / 10, article_id=article_id,
        ))
    return found


def make_article(n: int, published: str | None = None, shift: int = 0) -> Article:
    article_id = f"art{n:03d}"
    return Article(
        id=article_id, origin=f"https://site{n % 3}.example/{n}", content_hash=f"h{n}", title=f"Article {n}",
        site=f"site{n % 3}.example", wire_source="TASS" if n % 5 == 0 else None, url=f"https://site{n % 3}.example/{n}",
        published=PUBLISHED[n % len(PUBLISHED)] if published is None else published, language="en", text="text",
        events=make_events(n, article_id, 3 + n % 4, shift),
        quotes=[Quote(text=f"We talked, {n}-{i}", direct=True, cue="said",
                      speaker=ActorRef(*ACTORS[(n + i) % 4]) if (n + i) % 3 else None, confidence=(n * i % 4) / 4)
                for i in range(n % 3)],
    )


ARTICLES = [make_article(n) for n in range(40)]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("page") / "page.duckdb"
    with Store(path) as store:
        store.save_articles(ARTICLES[:25])
        store.save_articles(ARTICLES[20:])  # five saved again in the second batch
    return str(path)


def as_before(sql: str) -> str:
    """A statement as it read before migration 007: the article's date from `articles`, not the event's copy."""
    return (sql.replace("coalesce(e.date, e.article_day)", "coalesce(e.date, a.published)")
            .replace("e.article_day", "substr(a.published, 1, 10)"))


def before(store: Store, filters: Filters, facets: tuple[str, ...]) -> query.Page:
    """The page as the listing answered it before: every event joined with its article, all counted."""
    sql, params = query.selection("events", filters)
    sql = as_before(sql)
    total = store.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
    rows = store.rows(f"{sql} LIMIT {filters.limit} OFFSET {filters.offset}", params)
    where = query.LISTINGS["events"].where(filters)
    counted = {}
    for facet in facets:
        columns = ", ".join(as_before(c) for c in query._facet_columns("events", facet))
        found = store.con.execute(f"SELECT {columns}, count(*) FROM events e JOIN articles a ON a.id = e.article_id"
                                  f"{as_before(where.sql())} GROUP BY ALL", where.params).fetchall()
        counted[facet] = query._facet_items(facet, [(tuple(row[:-1]), row[-1]) for row in found])
    return query.Page(total, rows, counted)


FILTERS = ["", "since=2022-03-01", "until=2022-02-28", "since=2016-01-01&until=2016-12-31", "source_actor=RUS",
           "actor=UKR", "target_actor=USA&since=2022-03-01&until=2022-03-01", "outlet=site1", "outlet=tass",
           "root=19", "quad_class=1", "code=02", "modality=all", "modality=negated", "search=kyiv",
           "min_confidence=0.8", "plover=consult"]
SORTS = ["", "date", "-date", "event_date", "-event_date", "cameo", "-goldstein", "outlet", "target"]


@pytest.mark.parametrize("sort", SORTS)
def test_every_filter_sort_and_page_answers_as_before(db, sort):
    with Store(db, read_only=True) as store:
        for text in FILTERS:
            raw = dict(p.split("=") for p in text.split("&") if p) | ({"sort": sort} if sort else {})
            for limit, offset in ((7, 0), (7, 7), (5, 61), (1000, 0), (10, 500)):
                filters = parse("events", raw)
                filters.limit, filters.offset = limit, offset
                now, then = query.page(store, "events", filters, FACETS), before(store, filters, FACETS)
                assert [list(row) for row in now.rows] == [list(row) for row in then.rows], (text, limit, offset)
                assert now == then, (text, sort, limit, offset)


def test_the_default_page_has_ties_and_is_read_without_counting(db):
    """The first page is all on one day (ties broken by the event's date, then its key), and its totals are the
    kept ones: answered complete even past a deadline."""
    with Store(db, read_only=True) as store:
        first = query.page(store, "events", Filters(limit=20), FACETS, deadline=0.0)
        assert first == before(store, Filters(limit=20), FACETS)
    assert {row["article_published"] for row in first.rows} == {"2022-03-02"}
    assert len({(row["article_published"], row["date"]) for row in first.rows}) < len(first.rows) == 20
    assert first.exact and not first.skipped and first.facets["root"]


def test_the_api_rows_carry_no_copy_of_the_day(db):
    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        body = client.get("/api/events?limit=50&facets=day,outlet").json()
    assert body["rows"] and all("article_day" not in row for row in body["rows"])
    assert body["total_exact"] and body["facets_not_computed"] == [] and body["facets"]["outlet"]


@pytest.mark.parametrize("sort", query.LISTINGS["quotes"].sorts)
def test_quotes_picked_without_the_join_are_the_joined_ones(db, sort):
    """Quotes sorted by speaker or confidence are picked from `quotes` alone, then given their articles' fields."""
    listing, shown = query.LISTINGS["quotes"], []
    with Store(db, read_only=True) as store:
        for text in ("", "speaker=moscow", "actor=RUS", "outlet=site2", "min_confidence=0.5"):
            for order in (sort, f"-{sort}"):
                filters = parse("quotes", dict(p.split("=") for p in text.split("&") if p) | {"sort": order})
                filters.limit, filters.offset = 4, 3
                alone = query._alone(listing, filters, listing.where(filters))
                assert alone == (sort in ("speaker", "confidence") and "outlet" not in text)
                sql, params = query.selection("quotes", filters)
                found = query.rows(store, "quotes", filters)
                assert found == store.rows(f"{sql} LIMIT 4 OFFSET 3", params), text
                shown.append(len(found))
    assert max(shown) == 4


def live(store: Store) -> tuple[int, dict]:
    total, counted = query.counts(store.con, "events", query.LISTINGS["events"].where(Filters()), FACETS, True)
    return total, {facet: sorted(items, key=repr) for facet, items in counted.items()}


def kept(store: Store) -> tuple[int, dict]:
    total, counted = query.kept_totals(store, "events", query.LISTINGS["events"].where(Filters()))
    return total, {facet: sorted(items, key=repr) for facet, items in counted.items()}


def days_wrong(store: Store) -> int:
    return store.con.execute("SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id "
                             "WHERE e.article_day IS DISTINCT FROM substr(a.published, 1, 10)").fetchone()[0]


def test_saving_again_keeps_the_copies_and_totals_exact(tmp_path):
    with Store(tmp_path / "again.duckdb") as store:
        assert kept(store) == live(store) == (0, {facet: [] for facet in FACETS})
        store.save_articles(ARTICLES[:10])
        first = kept(store)
        assert first == live(store) and first[0] > 0
        store.save_articles(ARTICLES[:10])  # re-ingest: nothing changes
        assert kept(store) == first
        moved = [make_article(3, published="2021-12-31", shift=2), make_article(4, published=None, shift=1)]
        moved[1].published = None
        store.save_articles(moved)  # saved again with another date and other events
        assert kept(store) == live(store) != first
        assert days_wrong(store) == 0
        assert store.load_article("art003") == moved[0]
        assert store.con.execute("SELECT DISTINCT article_day FROM events WHERE article_id = 'art003'").fetchall() == \
            [("2021-12-31",)]


def test_a_store_made_before_the_copy_gets_it_when_opened(tmp_path, db):
    """A store of schema 1-6 holding the same rows, opened read-only (as by `dateline serve`): it is migrated,
    every event gets its article's day, the totals are counted, and every listing answers as on a new store."""
    older = tmp_path / "migrations"
    older.mkdir()
    for path in MIGRATIONS.glob("00[1-6]_*.sql"):
        shutil.copy(path, older)
    old = tmp_path / "old.duckdb"
    with duckdb.connect(str(old)) as con:
        migrate(con, older)
        con.execute(f"ATTACH '{db}' AS new (READ_ONLY)")
        con.execute("INSERT INTO articles SELECT * FROM new.articles")
        con.execute("INSERT INTO events SELECT * EXCLUDE (article_day) FROM new.events")
        con.execute("CHECKPOINT")
    with Store(old, read_only=True) as store, Store(db, read_only=True) as new:
        assert days_wrong(store) == 0 and store.count("events") == new.count("events") > 100
        assert kept(store) == live(store) == kept(new)
        for text in FILTERS:
            filters = parse("events", dict(p.split("=") for p in text.split("&") if p))
            filters.limit = 15
            assert query.page(store, "events", filters, FACETS) == query.page(new, "events", filters, FACETS), text
