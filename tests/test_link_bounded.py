"""Bounded linking memory: copy clusters, stories and events leave memory and are read back, with the same link tables.

The same articles (days out of order, late reports of old days, undated
articles, copies of articles weeks older, coded events merged across reports)
are linked once keeping everything in memory (the linker as it was) and once
evicting after every article all that is older than the newest day linked;
every link table must come out identical.
"""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import pytest
from conftest import shared_path

from dateline.eval.rewrites import REWRITES, apply
from dateline.link import Linker, linker, tables
from dateline.model import ActorRef, Article, Event

TEXTS = ("gold", "quotes", "polnear", "data", "train", "text")
ACTORS = ["USA", "RUS", "USAGOV", "CHN", "FRA"]
ROOTS = ["04", "05", "11", "19"]
TIMESTAMPS = {"linked_at", "date_added", "mentioned_at"}


def events(aid: str, n: int, text: str) -> list[Event]:
    """Coded events on the article's first sentences, chosen by the base text `n` (so copies report them too)."""
    sentences = [s for s in text.split("\n") if len(s.split()) > 6][:3]
    found = []
    for k, sentence in enumerate(sentences):
        start = text.index(sentence)
        root = ROOTS[(n + k) % len(ROOTS)]
        found.append(Event(
            id=f"{aid}-{k}", cameo=root + "0", cameo_root=root, plover=None, quad_class=1, goldstein=1.0,
            date=None, place=None, source=ActorRef(ACTORS[n % 5], code=ACTORS[n % 5]),
            target=ActorRef(ACTORS[(n + k + 1) % 5], code=ACTORS[(n + k + 1) % 5]), trigger="", sentence=sentence,
            spans={"sentence": (start, start + len(sentence))}, confidence=0.5, article_id=aid,
        ))
    return found


def corpus() -> list[Article]:
    """About 150 articles over six weeks, in an arrival order that is not the days' order."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(shared_path(*TEXTS).glob("*.txt"))[:100]]
    rewrites = sorted(REWRITES)
    start = date(2016, 3, 1)
    found = []
    for i in range(150):  # a copy on tass.com is its cluster's original, however late
        n = i % len(texts) if i < 100 else (i * 7) % 60  # from 100 on: copies of articles weeks older
        text = texts[n] if i < 100 else apply(rewrites[i % len(rewrites)], texts[n], seed=i)
        day = start + timedelta(days=i // 4 + (i % 3 == 0) * 2 - (i % 5 == 0) * 3)
        if i % 17 == 0:
            day -= timedelta(days=20)  # a late report of an old day
        published = None if i % 23 == 0 else day.isoformat()
        aid = f"a{i:03d}"
        found.append(Article(id=aid, origin=aid, content_hash=aid, text=text, title=text.splitlines()[0][:120],
                             site="tass.com" if i % 8 == 0 else f"site{i % 9}.example",
                             wire_source="TASS" if i % 2 else None,
                             published=published, events=events(aid, n, text)))
    return found


def link_tables(resident_days: int | None, articles: list[Article], batch: int) -> dict[str, list[tuple]]:
    conn = duckdb.connect()
    texts = {a.id: a.text for a in articles}
    linking = Linker(conn, texts.get, resident_days=resident_days)
    list(linking.link_all(articles, batch=batch))
    found = {}
    names = "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'link_%'"
    for (table,) in conn.execute(names).fetchall():
        columns = [c for (c,) in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position", [table]
        ).fetchall() if c not in TIMESTAMPS]
        found[table] = conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY ALL").fetchall()
    found["resident"] = [(len(linking.stories.stories), len(linking.events), len(linking.clusters._cluster_of))]
    clusters = linking.clusters
    found["clusters"] = [
        (a.id, c, clusters.story(a.id), clusters.relation(a.id), clusters.original(c), clusters.members(c))
        for a in articles for c in [clusters.cluster(a.id)]
    ]
    return found


@pytest.mark.parametrize("batch", [1, 7])
def test_evicting_stories_and_events_leaves_the_link_tables_identical(batch, monkeypatch):
    monkeypatch.setattr(linker, "EVICT_EVERY", 1)
    articles = corpus()
    kept = link_tables(None, articles, batch)
    bounded = link_tables(0, articles, batch)
    (all_stories, all_events, all_articles) = kept.pop("resident")[0]
    (few_stories, few_events, few_articles) = bounded.pop("resident")[0]
    assert kept == bounded
    assert len(kept["link_events"]) > 100 and len(kept["link_stories"]) > 20
    assert max(r[6] for r in kept["link_events"]) > 1  # num_mentions: events merged across reports
    assert few_stories < all_stories / 4 and few_events < all_events / 4 and few_articles < all_articles / 4


def test_a_new_process_reads_back_what_it_needs(seed_text):
    """Stories and events are read from the tables on demand, also by a linker that never held them."""
    conn = duckdb.connect()
    seed = Article(id="a", origin="a", content_hash="a", text=seed_text, published="2022-02-12",
                   events=events("a", 0, seed_text))
    Linker(conn).link(seed)
    later = Linker(conn)
    copy = apply("synonyms", seed_text, 3)
    result = later.link(Article(id="b", origin="b", content_hash="b", text=copy, published="2022-02-13",
                                events=events("b", 0, copy)))
    assert result.story_id == "S-a"
    counts = conn.execute("SELECT num_articles FROM link_events ORDER BY event_id").fetchall()
    assert counts == [(2,)] * len(seed.events)


def test_clusters_read_back_through_their_index_link_the_same(monkeypatch):
    """A cluster that left memory is read back by a lookup in the index on link_articles.cluster_id
    (migration 006), with the same link tables as by a scan of that column."""
    monkeypatch.setattr(linker, "EVICT_EVERY", 1)
    conn = duckdb.connect()
    Linker(conn)
    assert conn.execute("SELECT sql FROM duckdb_indexes() WHERE table_name = 'link_articles'").fetchall() == [
        ("CREATE INDEX link_articles_cluster ON link_articles(cluster_id);",)]
    articles = corpus()
    indexed = link_tables(0, articles, 1)
    monkeypatch.setattr(tables, "MIGRATIONS", tuple(m for m in tables.MIGRATIONS if not m.startswith("006")))
    assert link_tables(0, articles, 1) == indexed
