"""The link tables in DuckDB: applying their migration, writing and reading rows.

All SQL of the link stage lives here; the rest of `dateline.link` works on
plain objects. The schema is ``store/migrations/002_links.sql`` (documented in
docs/schema.md, section "Links").
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from dateline.link.duplicates import Signature
from dateline.link.events import MergedEvent, Mention
from dateline.link.provenance import Member
from dateline.link.stories import Story
from dateline.model import Event, from_dict, to_dict

MIGRATIONS = ("002_links.sql", "004_link_postings.sql", "006_link_cluster_index.sql")


@contextmanager
def transaction(conn) -> Iterator[None]:
    """One transaction around a unit of work, unless the caller already opened one
    (then the caller's commit covers it). One commit per article instead of one per
    statement is most of the cost of writing to a DuckDB file."""
    import duckdb

    try:
        conn.begin()
    except duckdb.TransactionException:
        yield
        return
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


def _fail_fast_pandas_import() -> None:
    """DuckDB's Python client tries ``import pandas`` for every parameter value it
    converts; without pandas installed each failed import searches sys.path again
    (about 0.25 ms a value, most of the cost of a write). Recording the absence in
    sys.modules makes the failure instant; nothing changes when pandas is installed."""
    if "pandas" not in sys.modules and importlib.util.find_spec("pandas") is None:
        sys.modules["pandas"] = None


def migrate(conn) -> None:
    """Create the link tables if they are missing (their migrations are idempotent)."""
    _fail_fast_pandas_import()
    for name in MIGRATIONS:
        conn.execute(resources.files("dateline.store").joinpath(f"migrations/{name}").read_text("utf-8"))


def rows(conn, sql: str, params: list | tuple = ()) -> list[dict[str, Any]]:
    """Query results as dicts keyed by column name."""
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _insert(conn, table: str, columns: list[str], values: list[list[Any]], replace: bool = False) -> None:
    """Insert many rows with one statement per 500 (DuckDB's cost is per statement, not per row)."""
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    row = "(" + ", ".join("?" for _ in columns) + ")"
    for i in range(0, len(values), 500):
        chunk = values[i : i + 500]
        conn.execute(
            f"{verb} INTO {table} ({', '.join(columns)}) VALUES {', '.join(row for _ in chunk)}",
            [v for r in chunk for v in r],
        )


ARTICLE_COLUMNS = [
    "article_id", "seen", "site", "url", "title", "published", "wire_agency", "doc_len", "tone", "signature",
    "shingle_count", "terms", "cluster_id", "copy_jaccard", "relation", "similarity", "story_id", "story_score",
]
EVENT_COLUMNS = [
    "event_id", "story_id", "day", "cameo", "cameo_root", "plover", "num_mentions", "num_articles", "num_sources",
    "num_independent_sources", "independent_sources", "avg_tone", "first_article_id", "source_url", "event",
]
MENTION_COLUMNS = [
    "event_id", "article_id", "mention_id", "position", "sentence_id", "in_lead", "site", "url", "published", "tone",
    "doc_len", "cluster_id", "origin", "independent", "confidence", "event",
]


def _event_values(merged: MergedEvent) -> list[Any]:
    counts = merged.counts()
    rep, first = merged.event, merged.mentions[0]
    return [
        merged.id, merged.story_id, merged.day, rep.cameo, rep.cameo_root, rep.plover, counts["num_mentions"],
        counts["num_articles"], counts["num_sources"], counts["num_independent_sources"],
        counts["independent_sources"], counts["avg_tone"], first.article_id, first.url,
        json.dumps(to_dict(rep), ensure_ascii=False),
    ]


def _mention_values(merged: MergedEvent) -> list[list[Any]]:
    return [
        [
            merged.id, m.article_id, m.event.id, i, m.sentence_id, m.in_lead, m.site, m.url, m.published, m.tone,
            m.doc_len, m.cluster_id, m.origin, m.independent, m.event.confidence,
            json.dumps(to_dict(m.event), ensure_ascii=False),
        ]
        for i, m in enumerate(merged.mentions)
    ]


@dataclass
class PendingWrites:
    """Link rows waiting to be written: one flush writes each table with one statement.

    Clusters, stories and events change with every article that joins them;
    keeping only their latest state until the flush writes each once.
    """

    articles: list[dict[str, Any]] = field(default_factory=list)
    relations: dict[str, tuple[str | None, float | None]] = field(default_factory=dict)
    clusters: dict[str, list[Any]] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)
    events: dict[int, MergedEvent] = field(default_factory=dict)
    postings: list[tuple[str | None, str, str]] = field(default_factory=list)

    def article(self, values: dict[str, Any]) -> None:
        self.articles.append(values)

    def relation(self, article_id: str, rel: str | None, score: float | None) -> None:
        pending = next((a for a in self.articles if a["article_id"] == article_id), None)
        if pending is not None:
            pending.update(relation=rel, similarity=score)
        else:
            self.relations[article_id] = (rel, score)

    def cluster(self, cluster_id: str, original: Member, basis: str, origin: str | None, size: int) -> None:
        self.clusters[cluster_id] = [cluster_id, original.article_id, basis, origin, size]

    def flush(self, conn) -> None:
        if self.articles:
            _insert(conn, "link_articles", ARTICLE_COLUMNS, [[a.get(c) for c in ARTICLE_COLUMNS] for a in self.articles])
        for article_id, (rel, score) in self.relations.items():
            conn.execute("UPDATE link_articles SET relation = ?, similarity = ? WHERE article_id = ?", [rel, score, article_id])
        if self.clusters:
            _insert(conn, "link_clusters", ["cluster_id", "original_id", "basis", "origin", "size"],
                    list(self.clusters.values()), replace=True)
        if self.stories:
            _insert(conn, "link_stories", ["story_id", "label", "size", "first_day", "last_day", "centroid"],
                    [[s.id, s.label(), s.size, s.first, s.last, json.dumps(s.centroid)] for s in self.stories.values()],
                    replace=True)
        if self.events:
            ids = list(self.events)
            conn.execute(f"DELETE FROM link_mentions WHERE event_id IN ({', '.join('?' for _ in ids)})", ids)
            _insert(conn, "link_events", EVENT_COLUMNS, [_event_values(e) for e in self.events.values()], replace=True)
            _insert(conn, "link_mentions", MENTION_COLUMNS, [v for e in self.events.values() for v in _mention_values(e)])
        if self.postings:
            _insert(conn, "link_postings", ["day", "term", "story_id"], [list(p) for p in self.postings])
        self.articles, self.relations, self.clusters, self.stories, self.events = [], {}, {}, {}, {}
        self.postings = []


def move_cluster(conn, old: str, new: str) -> None:
    conn.execute("UPDATE link_articles SET cluster_id = ? WHERE cluster_id = ?", [new, old])
    conn.execute("DELETE FROM link_clusters WHERE cluster_id = ?", [old])


def article_at(conn, seen: int) -> str | None:
    """The id of the article linked `seen`-th."""
    found = conn.execute("SELECT article_id FROM link_articles WHERE seen = ?", [seen]).fetchone()
    return found[0] if found else None


def signatures_after(conn, seen: int) -> Iterator[tuple[int, str, Signature]]:
    """(seen, id, signature) of the articles linked after the `seen`-th, read 10,000 at a time."""
    cur = conn.execute(
        "SELECT seen, article_id, signature, shingle_count FROM link_articles"
        " WHERE seen > ? AND signature IS NOT NULL ORDER BY seen",
        [seen],
    )
    while chunk := cur.fetchmany(10_000):
        yield from ((n, aid, Signature.from_bytes(sig, size)) for n, aid, sig, size in chunk)


def store_path(conn) -> str | None:
    """The file of the connection's database (None in memory)."""
    return conn.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]


def count_linked(conn) -> int:
    return conn.execute("SELECT count(*) FROM link_articles").fetchone()[0]


def cluster_of(conn, article_id: str) -> str | None:
    found = conn.execute("SELECT cluster_id FROM link_articles WHERE article_id = ?", [article_id]).fetchone()
    return found[0] if found else None


def load_cluster(conn, cluster_id: str) -> list[tuple[Member, str | None, tuple]]:
    """The members of a cluster as (member, story id, (relation, similarity)), in linking order."""
    return [
        (Member(r["article_id"], r["site"], r["url"], r["published"], r["wire_agency"], r["seen"]), r["story_id"],
         (r["relation"], r["similarity"]))
        for r in rows(
            conn,
            "SELECT article_id, site, url, published, wire_agency, seen, story_id, relation, similarity"
            " FROM link_articles WHERE cluster_id = ? ORDER BY seen",
            [cluster_id],
        )
    ]


def load_original(conn, cluster_id: str) -> str | None:
    found = conn.execute("SELECT original_id FROM link_clusters WHERE cluster_id = ?", [cluster_id]).fetchone()
    return found[0] if found else None


def load_document_frequencies(conn) -> tuple[dict[str, int], int]:
    df = dict(conn.execute("SELECT t, count(*) FROM (SELECT unnest(string_split(terms, chr(10))) AS t FROM link_articles) GROUP BY t").fetchall())
    (n,) = conn.execute("SELECT count(*) FROM link_articles").fetchone()
    return df, n


def load_story(conn, story_id: str) -> Story | None:
    found = rows(conn, "SELECT * FROM link_stories WHERE story_id = ?", [story_id])
    return next(
        (Story(r["story_id"], json.loads(r["centroid"] or "{}"), r["size"], r["first_day"], r["last_day"]) for r in found),
        None,
    )


def load_postings(conn, days: list[str | None]) -> list[tuple[str | None, str, str]]:
    """The story postings of these days (None: undated articles), as (day, term, story id)."""
    dated = sorted(d for d in days if d is not None)
    found = []
    if dated:  # one range scan (rows are written in about day order, so most row groups are skipped)
        wanted = set(dated)
        found = [r for r in conn.execute(
            "SELECT day, term, story_id FROM link_postings WHERE day BETWEEN ? AND ?", [dated[0], dated[-1]]
        ).fetchall() if r[0] in wanted]
    if None in days:
        found += conn.execute("SELECT day, term, story_id FROM link_postings WHERE day IS NULL").fetchall()
    return found


def last_event_id(conn) -> int:
    return conn.execute("SELECT coalesce(max(event_id), 0) FROM link_events").fetchone()[0]


def load_events(conn, story_id: str | None) -> list[MergedEvent]:
    """The merged events of one story, with their mentions."""
    merged: dict[int, MergedEvent] = {
        r["event_id"]: MergedEvent(r["event_id"], r["story_id"])
        for r in rows(
            conn, "SELECT event_id, story_id FROM link_events WHERE story_id IS NOT DISTINCT FROM ? ORDER BY event_id",
            [story_id],
        )
    }
    if not merged:
        return []
    query = (
        "SELECT m.* FROM link_mentions m JOIN link_events e USING (event_id)"
        " WHERE e.story_id IS NOT DISTINCT FROM ? ORDER BY m.event_id, m.position"
    )
    for r in rows(conn, query, [story_id]):
        event = from_dict(Event, json.loads(r["event"]))
        merged[r["event_id"]].mentions.append(
            Mention(
                event, r["article_id"], r["sentence_id"], r["in_lead"], r["site"], r["url"], r["published"], r["tone"],
                r["doc_len"], r["cluster_id"], r["origin"], r["independent"],
            )
        )
    return [m for m in merged.values() if m.mentions]


def provenance_chain(conn, article_id: str) -> dict[str, Any] | None:
    """The copy cluster of an article: its origin, original and every copy with its relation."""
    found = rows(conn, "SELECT cluster_id FROM link_articles WHERE article_id = ?", [article_id])
    if not found:
        return None
    cluster_id = found[0]["cluster_id"]
    cluster = rows(conn, "SELECT * FROM link_clusters WHERE cluster_id = ?", [cluster_id])
    members = rows(
        conn,
        "SELECT article_id, site, url, title, published, wire_agency, relation, similarity, copy_jaccard, story_id"
        " FROM link_articles WHERE cluster_id = ? ORDER BY relation != 'original', published NULLS LAST, seen",
        [cluster_id],
    )
    head = cluster[0] if cluster else {"original_id": cluster_id, "basis": None, "origin": None}
    return {
        "article_id": article_id,
        "cluster_id": cluster_id,
        "origin": head["origin"],
        "original_id": head["original_id"],
        "basis": head["basis"],
        "members": members,
    }


def list_stories(conn, limit: int = 50, min_size: int = 1) -> list[dict[str, Any]]:
    """Stories, largest and latest first, with their label, size and time span."""
    return rows(
        conn,
        "SELECT story_id, label, size, first_day, last_day FROM link_stories WHERE size >= ?"
        " ORDER BY size DESC, last_day DESC NULLS LAST, story_id LIMIT ?",
        [min_size, limit],
    )


def story_articles(conn, story_id: str) -> list[dict[str, Any]]:
    return rows(
        conn,
        "SELECT article_id, site, title, published, cluster_id, relation FROM link_articles WHERE story_id = ?"
        " ORDER BY published NULLS LAST, seen",
        [story_id],
    )
