"""The link tables in DuckDB: applying their migration, writing and reading rows.

All SQL of the link stage lives here; the rest of `dateline.link` works on
plain objects. The schema is ``store/migrations/002_links.sql`` (documented in
docs/schema.md, section "Links").
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from dateline.link.duplicates import Signature
from dateline.link.events import MergedEvent, Mention
from dateline.link.provenance import Member
from dateline.link.stories import Story
from dateline.model import Event, from_dict, to_dict

MIGRATION = "002_links.sql"


def migrate(conn) -> None:
    """Create the link tables if they are missing (the migration is idempotent)."""
    sql = resources.files("dateline.store").joinpath(f"migrations/{MIGRATION}").read_text("utf-8")
    conn.execute(sql)


def rows(conn, sql: str, params: list | tuple = ()) -> list[dict[str, Any]]:
    """Query results as dicts keyed by column name."""
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def insert_article(conn, values: dict[str, Any]) -> None:
    cols = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    conn.execute(f"INSERT INTO link_articles ({cols}) VALUES ({marks})", list(values.values()))


def set_relation(conn, article_id: str, relation: str, similarity: float | None) -> None:
    conn.execute(
        "UPDATE link_articles SET relation = ?, similarity = ? WHERE article_id = ?", [relation, similarity, article_id]
    )


def move_cluster(conn, old: str, new: str) -> None:
    conn.execute("UPDATE link_articles SET cluster_id = ? WHERE cluster_id = ?", [new, old])
    conn.execute("DELETE FROM link_clusters WHERE cluster_id = ?", [old])


def save_cluster(conn, cluster_id: str, original: Member, basis: str, origin: str | None, size: int) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO link_clusters VALUES (?, ?, ?, ?, ?)",
        [cluster_id, original.article_id, basis, origin, size],
    )


def save_story(conn, story: Story) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO link_stories VALUES (?, ?, ?, ?, ?, ?)",
        [story.id, story.label(), story.size, story.first, story.last, json.dumps(story.centroid)],
    )


def save_event(conn, merged: MergedEvent) -> None:
    """Write a merged event and all its mentions (replacing what was there)."""
    counts = merged.counts()
    rep = merged.event
    first = merged.mentions[0]
    conn.execute("DELETE FROM link_mentions WHERE event_id = ?", [merged.id])
    conn.execute(
        "INSERT OR REPLACE INTO link_events (event_id, story_id, day, cameo, cameo_root, plover, num_mentions,"
        " num_articles, num_sources, num_independent_sources, independent_sources, avg_tone, first_article_id,"
        " source_url, event) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            merged.id, merged.story_id, merged.day, rep.cameo, rep.cameo_root, rep.plover,
            counts["num_mentions"], counts["num_articles"], counts["num_sources"],
            counts["num_independent_sources"], counts["independent_sources"], counts["avg_tone"],
            first.article_id, first.url, json.dumps(to_dict(rep), ensure_ascii=False),
        ],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO link_mentions (event_id, article_id, mention_id, position, sentence_id, in_lead, site,"
        " url, published, tone, doc_len, cluster_id, origin, independent, confidence, event)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            [
                merged.id, m.article_id, m.event.id, i, m.sentence_id, m.in_lead, m.site, m.url, m.published, m.tone,
                m.doc_len, m.cluster_id, m.origin, m.independent, m.event.confidence,
                json.dumps(to_dict(m.event), ensure_ascii=False),
            ]
            for i, m in enumerate(merged.mentions)
        ],
    )


def load_signatures(conn) -> list[tuple[str, Signature]]:
    found = conn.execute(
        "SELECT article_id, signature, shingle_count FROM link_articles WHERE signature IS NOT NULL ORDER BY seen"
    ).fetchall()
    return [(aid, Signature.from_bytes(sig, size)) for aid, sig, size in found]


def load_members(conn) -> list[tuple[str, Member, str | None, tuple]]:
    """Every linked article as (cluster id, member, story id, (relation, similarity)), in linking order."""
    return [
        (
            r["cluster_id"],
            Member(r["article_id"], r["site"], r["url"], r["published"], r["wire_agency"], r["seen"]),
            r["story_id"],
            (r["relation"], r["similarity"]),
        )
        for r in rows(conn, "SELECT * EXCLUDE (signature, terms) FROM link_articles ORDER BY seen")
    ]


def load_originals(conn) -> dict[str, str]:
    return dict(conn.execute("SELECT cluster_id, original_id FROM link_clusters").fetchall())


def load_document_frequencies(conn) -> tuple[dict[str, int], int]:
    df = dict(conn.execute("SELECT t, count(*) FROM (SELECT unnest(string_split(terms, chr(10))) AS t FROM link_articles) GROUP BY t").fetchall())
    (n,) = conn.execute("SELECT count(*) FROM link_articles").fetchone()
    return df, n


def load_stories(conn) -> list[Story]:
    return [
        Story(r["story_id"], json.loads(r["centroid"] or "{}"), r["size"], r["first_day"], r["last_day"])
        for r in rows(conn, "SELECT * FROM link_stories")
    ]


def load_events(conn) -> list[MergedEvent]:
    merged: dict[int, MergedEvent] = {
        r["event_id"]: MergedEvent(r["event_id"], r["story_id"])
        for r in rows(conn, "SELECT event_id, story_id FROM link_events ORDER BY event_id")
    }
    for r in rows(conn, "SELECT * FROM link_mentions ORDER BY event_id, position"):
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
