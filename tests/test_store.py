"""The store: round trips, statuses, idempotent and resumed runs, migrations, locking, exports, queries."""

import contextlib
import json
import shutil
import subprocess
import sys
import tracemalloc

import duckdb
import pytest

from dateline.model import ActorRef, Article, Dateline, Entity, Event, Quote, RawDocument, Timex
from dateline.runner import ingest
from dateline.serve.export import export, formats
from dateline.store import Store, StoreError, StoreLocked
from dateline.store import migrate as migrations
from dateline.store.query import Filters, events, quotes
from dateline.store.rows import TABLES, flatten, unflatten


def make_event(n, source=("Biden", "Joe Biden", "USAGOV"), target=("Putin", "Vladimir Putin", "RUSGOV"), cameo="0421", date="2022-02-12"):
    return Event(
        id=f"e{n}", cameo=cameo, cameo_root=cameo[:2], plover="CONSULT", quad_class=1, goldstein=1.9,
        date=date, place="Moscow", source=ActorRef(*source, span=(10, 15)),
        target=ActorRef(*target, span=None) if target else None, trigger="phone call",
        sentence="Biden spoke with Putin in a phone call.", spans={"trigger": (30, 40), "source": (10, 15), "place": None},
        modality=["reported"], rule="verb:talk", confidence=0.8,
    )


def make_article(article_id="a1", origin="wire/a1.txt", content_hash="h1", published="2022-02-12", wire="TASS", events=None):
    article = Article(
        id=article_id, origin=origin, content_hash=content_hash, title="Moscow will soon react", site="tass.com",
        url="https://tass.com/1", published=published, published_inferred=True,
        dateline=Dateline(place="MOSCOW", date="February 12", agency="TASS", text="MOSCOW, February 12. /TASS/.", span=(0, 28),
                          region="Russia"),
        wire_source=wire, language="en", text="MOSCOW, February 12. /TASS/. Biden spoke with Putin.",
        quality=["short", "boilerplate"],
        entities=[Entity("Biden", "PERSON", (29, 34), name="Joe Biden", code="USAGOV")],
        events=[make_event(1)] if events is None else events,
        quotes=[Quote(text="We will consider", direct=True, cue="said", speaker=ActorRef("Ushakov", "Yury Ushakov", "RUSGOV", (5, 12)),
                      spans={"content": (1, 17), "cue": (20, 24), "speaker": (5, 12)}, cue_lemma="say",
                      sentence="“We will consider,” Ushakov said.", rule="direct:cue-after", confidence=0.9,
                      parts=[(1, 9), (10, 17)], kind="direct", cue_kind="speech"),
                Quote(text="talks went well", direct=False, cue=None, speaker=None)],
        timexes=[Timex("Saturday", "DATE", "2022-02-12", [(40, 48)], "weekday")],
    )
    for event in article.events:
        event.article_id = article.id
    return article


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "test.duckdb") as opened:
        yield opened


def table_counts(store):
    return {table: store.count(table) for table in TABLES}


def test_article_round_trips_with_everything_coded(store):
    article = make_article()
    store.save_article(article)
    assert store.load_article("a1") == article
    assert store.load_article("a1").to_dict() == article.to_dict()
    assert store.load_article("missing") is None


def test_event_rows_are_flat_with_source_and_target_columns(store):
    store.save_article(make_article())
    row = store.rows("SELECT * FROM events")[0]
    assert (row["source_text"], row["source_name"], row["source_code"]) == ("Biden", "Joe Biden", "USAGOV")
    assert (row["source_span_start"], row["source_span_end"]) == (10, 15)
    assert row["target_code"] == "RUSGOV" and row["target_span_start"] is None
    assert row["spans"] == {"trigger": [30, 40], "source": [10, 15], "place": None} and row["extra"] is None
    article_row = store.rows("SELECT dateline_place, dateline_span_end, quality FROM articles")[0]
    assert article_row == {"dateline_place": "MOSCOW", "dateline_span_end": 28, "quality": ["short", "boilerplate"]}


def test_saving_again_replaces_instead_of_adding(store):
    store.save_article(make_article())
    before = table_counts(store)
    changed = make_article(events=[make_event(1), make_event(2)])
    store.save_article(changed)
    assert table_counts(store) == {**before, "events": 2}
    assert store.load_article("a1") == changed


def test_fields_without_a_column_are_kept_in_extra():
    spec = TABLES["events"]
    columns = ["article_id", "seq", "cameo", "source_text", "source_name", "source_code",
               "source_span_start", "source_span_end", "extra"]
    data = {"cameo": "042", "source": {"text": "Biden", "name": None, "code": None, "span": [1, 6], "role": "agent"},
            "new_field": {"kept": True}}
    row = flatten(data, spec, columns)
    assert row["extra"] == {"new_field": {"kept": True}, "source_role": "agent"}
    back = unflatten(row, spec)
    assert back["new_field"] == {"kept": True}
    assert back["source"] == data["source"] and back["cameo"] == "042"


def raw(origin, text, kind="text"):
    return RawDocument(origin=origin, kind=kind, content=text.encode())


def sample_docs(n=6):
    return [raw(f"docs/{i}.txt", f"Title {i}\n\nBody of document {i}.") for i in range(n)]


def run(store, docs, **kw):
    """Ingest without NLP; linking only where a test asks for it."""
    return ingest(iter(docs), store, components=(), batch_size=kw.pop("batch_size", 4), link=kw.pop("link", False), **kw)


def test_statuses_ok_duplicate_and_error_with_reason(store):
    docs = [
        raw("a.txt", "Title\n\nSame body."),
        raw("copy-of-a.txt", "Title\n\nSame body."),
        raw("empty.txt", "   \n"),
        RawDocument(origin="missing.txt", kind="error", error="cannot read: No such file"),
    ]
    summary = run(store, docs)
    assert dict(summary.statuses) == {"ok": 1, "duplicate": 1, "error": 2}
    rows = {r["origin"]: r for r in store.rows("SELECT origin, id, status, error, duplicate_of FROM articles")}
    assert rows["copy-of-a.txt"]["status"] == "duplicate"
    assert rows["copy-of-a.txt"]["duplicate_of"] == rows["a.txt"]["id"]
    assert rows["empty.txt"]["error"] == "empty document"
    assert rows["missing.txt"]["error"] == "cannot read: No such file"
    assert {(o, r) for o, r in summary.errors} == {("empty.txt", "empty document"), ("missing.txt", "cannot read: No such file")}


def test_duplicate_of_an_earlier_run(store):
    run(store, [raw("a.txt", "Title\n\nBody.")])
    run(store, [raw("b.txt", "Title\n\nBody.")])
    article = store.load_article(store.resolve("b.txt"))
    assert article.status == "duplicate" and article.skipped == f"duplicate of {store.resolve('a.txt')}"


def test_re_running_the_same_input_adds_nothing(store):
    run(store, sample_docs())
    before = table_counts(store)
    again = run(store, sample_docs())
    assert again.already_stored == 6 and again.stored == 0
    assert {**table_counts(store), "runs": 0} == {**before, "runs": 0}
    assert store.rows("SELECT status, already_stored FROM runs WHERE id = ?", [again.run_id]) == [
        {"status": "finished", "already_stored": 6}
    ]


def test_a_run_resumes_after_interruption(store):
    docs = sample_docs(10)

    def interrupted():
        yield from docs[:5]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(store, interrupted(), batch_size=1)
    assert store.rows("SELECT status FROM runs")[0]["status"] == "interrupted"
    assert 0 < store.count("articles") <= 5
    done = store.count("articles")
    summary = run(store, docs)
    assert summary.already_stored == done and summary.stored == 10 - done
    assert store.count("articles") == 10


def test_the_run_loop_is_lazy_and_memory_stays_flat(tmp_path):
    """10,000 documents stream through: few are pulled ahead of those saved, and Python memory stays small."""
    pulled = 0
    most_ahead = 0

    def documents():
        nonlocal pulled
        for i in range(10_000):
            pulled += 1
            yield raw(f"tiny/{i}", f"T{i}\n\nx")

    def watch(summary):
        nonlocal most_ahead
        most_ahead = max(most_ahead, pulled - summary.stored - summary.already_stored)

    with Store(tmp_path / "lazy.duckdb") as store:
        tracemalloc.start()
        summary = ingest(documents(), store, components=(), batch_size=256, link=False, on_progress=watch)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert summary.statuses["ok"] == 10_000 and store.count("articles") == 10_000
    assert most_ahead <= 256
    assert peak < 5_000_000, f"peak Python memory {peak / 1e6:.1f} MB for 10,000 tiny documents"


def test_one_failing_document_does_not_stop_the_batch(store, monkeypatch):
    import dateline.workers as workers

    real_extract = workers.extract

    def fragile(doc):
        if doc.origin == "docs/2.txt":
            raise ValueError("bad bytes")
        return real_extract(doc)

    monkeypatch.setattr(workers, "extract", fragile)
    summary = run(store, sample_docs(4))
    assert dict(summary.statuses) == {"ok": 3, "error": 1}
    assert summary.errors == [("docs/2.txt", "processing failed: ValueError: bad bytes")]


def test_errors_are_processed_again_only_when_asked(store, monkeypatch):
    import dateline.workers as workers

    real_extract = workers.extract
    monkeypatch.setattr(workers, "extract", lambda doc: 1 / 0 if doc.origin == "docs/2.txt" else real_extract(doc))
    run(store, sample_docs(4))
    monkeypatch.setattr(workers, "extract", real_extract)  # the fix
    assert run(store, sample_docs(4)).already_stored == 4
    retried = run(store, sample_docs(4), retry_errors=True)
    assert (retried.already_stored, dict(retried.statuses)) == (3, {"ok": 1})
    assert store.count("articles") == 4
    assert store.rows("SELECT status, error FROM articles WHERE origin = 'docs/2.txt'") == [{"status": "ok", "error": None}]


def version_1_store(tmp_path):
    """A store file as the first schema version made it, with one article row."""
    folder = tmp_path / "v1"
    folder.mkdir()
    shutil.copy(migrations.MIGRATIONS / "001_core.sql", folder)
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        assert [m.version for m in migrations.migrate(con, folder)] == [1]
        con.execute("INSERT INTO articles (id, origin, content_hash, status) VALUES ('old', 'o', 'h', 'ok')")
    return path


def test_opening_an_older_store_migrates_it(tmp_path):
    path = version_1_store(tmp_path)
    with Store(path) as store:
        assert migrations.applied(store.con) == {m.version for m in migrations.available()}
        assert store.load_article("old").origin == "o"
        store.save_article(make_article())  # the newer columns are there
        assert store.load_article("a1") == make_article()


def test_reading_an_older_store_upgrades_it(tmp_path):
    with Store(version_1_store(tmp_path), read_only=True) as store:
        assert store.load_article("old").status == "ok"
        assert migrations.pending(store.con) == []


def test_a_later_migration_is_applied_once_keeping_the_data(tmp_path):
    path = tmp_path / "store.duckdb"
    with Store(path) as store:
        store.save_article(make_article())
    folder = tmp_path / "migrations"
    shutil.copytree(migrations.MIGRATIONS, folder)
    (folder / "099_article_topic.sql").write_text("ALTER TABLE articles ADD COLUMN topic VARCHAR;")
    with duckdb.connect(str(path)) as con:
        assert [m.name for m in migrations.pending(con, folder)] == ["article_topic"]
        migrations.migrate(con, folder)
        assert 99 in migrations.applied(con)
        assert con.execute("SELECT count(*), any_value(topic) FROM articles").fetchone() == (1, None)
        assert migrations.migrate(con, folder) == []


def newer_store(path):
    """An empty store at `path` marked with a schema version this dateline does not know."""
    Store(path).close()
    with duckdb.connect(str(path)) as con:
        con.execute("INSERT INTO schema_version (version, name) VALUES (999, 'future')")
    return path


@contextlib.contextmanager
def writer_holding(path):
    """Another process holding the store at `path` open for writing; yields its process id."""
    Store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(path)!r}); print('ok', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        yield holder.pid
    finally:
        holder.kill()
        holder.wait()


def test_a_store_from_a_newer_dateline_is_refused(tmp_path):
    with pytest.raises(StoreError, match="newer version"):
        Store(newer_store(tmp_path / "new.duckdb"))


def test_a_locked_store_gives_a_clear_error(tmp_path):
    with writer_holding(tmp_path / "locked.duckdb") as pid:
        with pytest.raises(StoreLocked, match=rf"in use by process {pid}.*one writer"):
            Store(tmp_path / "locked.duckdb")


def test_exports_read_back(store, tmp_path):
    store.save_article(make_article())
    store.save_article(make_article("a2", "wire/a2.txt", "h2", events=[make_event(1), make_event(2, cameo="190")]))
    assert {"jsonl", "csv", "parquet"} <= set(formats())
    assert export(store.con, "parquet", tmp_path / "events.parquet", "events") == {"events": 3}
    rows = duckdb.sql(f"SELECT article_id, cameo, source_code FROM read_parquet('{tmp_path / 'events.parquet'}') ORDER BY ALL").fetchall()
    assert rows == [("a1", "0421", "USAGOV"), ("a2", "0421", "USAGOV"), ("a2", "190", "USAGOV")]
    assert export(store.con, "jsonl", tmp_path / "articles.jsonl") == {"articles": 2}
    lines = [json.loads(line) for line in (tmp_path / "articles.jsonl").read_text().splitlines()]
    assert {line["id"] for line in lines} == {"a1", "a2"} and lines[0]["quality"] == ["short", "boilerplate"]
    assert export(store.con, "csv", tmp_path / "quotes.csv", "quotes") == {"quotes": 4}
    assert duckdb.sql(f"SELECT count(*) FROM read_csv('{tmp_path / 'quotes.csv'}')").fetchone() == (4,)
    with pytest.raises(ValueError, match="unknown export format"):
        export(store.con, "xml", tmp_path / "x.xml")


def test_event_and_quote_filters(store):
    store.save_article(make_article())
    store.save_article(make_article(
        "a2", "wire/a2.txt", "h2", published="2022-03-01", wire="Reuters",
        events=[make_event(1, source=("Kyiv", "Ukraine", "UKR"), target=None, cameo="190", date=None)],
    ))

    def ids(**kw):
        return [(r["article_id"], r["cameo"]) for r in events(store, Filters(**kw))]

    assert ids(actor="rus") == [("a1", "0421")]
    assert ids(search="ukraine") == [("a2", "190")]  # a name is text to search, not an actor code
    assert ids(actor="ukr") == ids(source_actor="UKR") == [("a2", "190")] and ids(target_actor="UKR") == []
    assert ids(code="04") == [("a1", "0421")]
    assert ids(root="19") == [("a2", "190")]
    assert ids(since="2022-02-20") == [("a2", "190")]  # no event date: the article's date counts
    assert ids(until="2022-02-12") == [("a1", "0421")]
    assert ids(outlet="reuters") == [("a2", "190")]
    assert len(ids(limit=1)) == 1
    found = quotes(store, Filters(speaker="ushakov"))
    assert [q["article_id"] for q in found] == ["a2", "a1"]
    assert quotes(store, Filters(search="went well", outlet="tass"))[0]["speaker_text"] is None
    assert quotes(store, Filters(actor="RUSGOV", until="2022-02-12"))[0]["text"] == "We will consider"


def test_resolve_by_id_prefix_and_origin(store):
    store.save_article(make_article())
    assert store.resolve("a1") == "a1"
    assert store.resolve("wire/a1.txt") == "a1"
    assert store.resolve("nothing") is None



def test_stored_articles_are_linked_and_a_link_failure_loses_nothing(store, monkeypatch):
    import dateline.link

    linked = []

    def link_articles(to, articles, duplicates=None):
        assert to is store and all(store.has(a.id) for a in articles)  # linked after they are stored
        if any(a.origin == "docs/1.txt" for a in articles):
            raise RuntimeError("index full")
        linked.extend(a.origin for a in articles)

    monkeypatch.setattr(dateline.link, "link_articles", link_articles)
    summary = run(store, sample_docs(3), link=True, batch_size=1)
    assert linked == ["docs/0.txt", "docs/2.txt"]
    assert summary.link_errors == [("linking", "RuntimeError: index full")]
    assert summary.statuses["ok"] == 3
    run(store, sample_docs(5), batch_size=1)
    assert linked == ["docs/0.txt", "docs/2.txt"]  # linking is off unless asked
