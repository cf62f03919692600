"""Read-back of the link tables for the API: mentions of merged events, an article's provenance.

The listings of merged events and stories are in `store.query` (same filters, paging and
sorting as the per-article listings); this module adds what a row of them links to.
"""

from __future__ import annotations

from typing import Any

from dateline.store.db import Store


def mentions(store: Store, event_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Each merged event's mentions (representative first) with the sentence and spans as coded there."""
    if not event_ids:
        return {}
    found = store.rows(
        "SELECT m.event_id, m.article_id, m.position, m.site, m.url, m.published, m.independent, m.cluster_id, "
        "m.origin, m.confidence, json_extract_string(m.event, '$.sentence') AS sentence, "
        "json_extract(m.event, '$.spans')::JSON AS spans, a.title AS article_title "
        "FROM link_mentions m LEFT JOIN articles a ON a.id = m.article_id "
        "WHERE m.event_id IN (SELECT unnest(?::BIGINT[])) ORDER BY m.event_id, m.position",
        [event_ids],
    )
    by_event: dict[int, list[dict[str, Any]]] = {event_id: [] for event_id in event_ids}
    for row in found:
        by_event[row.pop("event_id")].append(row)
    return by_event


def other_reports(store: Store, article_id: str) -> list[dict[str, Any]]:
    """Other articles reporting events of this one: each with how many merged events they share."""
    return store.rows(
        "SELECT o.article_id, any_value(o.site) AS site, any_value(a.title) AS title, "
        "any_value(o.published) AS published, count(DISTINCT o.event_id) AS shared_events "
        "FROM link_mentions m JOIN link_mentions o ON o.event_id = m.event_id AND o.article_id <> m.article_id "
        "LEFT JOIN articles a ON a.id = o.article_id WHERE m.article_id = ? "
        "GROUP BY o.article_id ORDER BY shared_events DESC, published NULLS LAST, o.article_id LIMIT 100",
        [article_id],
    )


def provenance(store: Store, article_id: str) -> dict[str, Any]:
    """Where an article came from and who else reported it: its copy cluster (original, copies with
    outlet, relation and similarity), its story, and other reports of the same events."""
    from dateline.link.tables import provenance_chain, story_articles

    chain = provenance_chain(store.con, article_id)
    story_id = next((m["story_id"] for m in (chain or {}).get("members", []) if m["article_id"] == article_id), None)
    story = store.rows("SELECT * EXCLUDE (centroid) FROM link_stories WHERE story_id = ?", [story_id])
    return {
        "article_id": article_id,
        "linked": chain is not None,
        "copies": chain,
        "story": {**story[0], "articles": story_articles(store.con, story_id)} if story else None,
        "other_reports": other_reports(store, article_id),
    }
