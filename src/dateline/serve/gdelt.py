"""GDELT 2.0 export: the Events table (61 columns) and the Mentions table (16 columns).

Written from the link tables (one row per merged event, one per mention),
tab-separated without a header, as GDELT publishes them, so existing GDELT
loaders read our output unchanged. Which fields stay empty, and why, is in
docs/exports.md.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from dateline.model import ActorRef, Event, from_dict
from dateline.serve.codes import Place, resolve_place, split_actor
from dateline.serve.tables import Selection

NAME = "gdelt"
HELP = "GDELT 2.0 Events and Mentions tables (DIR/events.tsv, DIR/mentions.tsv)"

ACTOR_FIELDS = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                "Type1Code", "Type2Code", "Type3Code"]
GEO_FIELDS = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
EVENT_COLUMNS = (
    ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{f}" for f in ACTOR_FIELDS]
    + [f"Actor2{f}" for f in ACTOR_FIELDS]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action") for f in GEO_FIELDS]
    + ["DATEADDED", "SOURCEURL"]
)
MENTION_COLUMNS = [
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
]
WEB, CITATION_ONLY = 1, 2


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value).replace("\t", " ").replace("\n", " ")


def date_fields(day: str | None) -> list[Any]:
    """Day (YYYYMMDD), MonthYear, Year and GDELT's FractionDate ((month*30+day)/365)."""
    if not day:
        return [None] * 4
    d = date.fromisoformat(day[:10])
    return [d.strftime("%Y%m%d"), d.strftime("%Y%m"), d.year, round(d.year + (d.month * 30 + d.day) / 365, 4)]


def actor_fields(ref: ActorRef | None) -> list[Any]:
    """The ten actor columns from a CAMEO code; known group, ethnic and religion codes stay empty."""
    parts = split_actor(ref.code if ref else None)
    name = (ref.name or ref.text).upper() if ref and (ref.name or ref.text) else None
    if parts is None:
        return [None, name] + [None] * 8
    types = list(parts.types) + [None] * (3 - len(parts.types))
    return [parts.code, name, parts.country, None, None, None, None, *types]


def geo_fields(place: Place | None) -> list[Any]:
    """The eight geography columns of a resolved place (ADM codes and feature ids stay empty)."""
    if place is None:
        return [None] * 8
    return [place.geo_type, place.fullname, place.fips, None, None, place.lat, place.lon, None]


def timestamp(value: datetime | str | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.strftime("%Y%m%d%H%M%S")


def event_row(row: dict[str, Any], event: Event, is_root: bool) -> list[str]:
    """One Events line from a link_events row and its representative Event."""
    cameo = event.cameo or ""
    day = row["day"] or (row["date_added"].date().isoformat() if row.get("date_added") else None)
    values = (
        [row["event_id"], *date_fields(day)]
        + actor_fields(event.source)
        + actor_fields(event.target)
        + [is_root, cameo, cameo[:3] if len(cameo) > 3 else cameo, event.cameo_root, event.quad_class,
           event.goldstein, row["num_mentions"], row["num_sources"], row["num_articles"], row["avg_tone"]]
        + geo_fields(None)
        + geo_fields(None)
        + geo_fields(resolve_place(event.place))
        + [timestamp(row["date_added"]), row["source_url"] or f"dateline:{row['first_article_id']}"]
    )
    return [_cell(v) for v in values]


def mention_row(row: dict[str, Any], event_added: Any) -> list[str]:
    """One Mentions line from a link_mentions row."""
    event = from_dict(Event, json.loads(row["event"]))
    spans = event.spans

    def start(key: str) -> int | None:
        span = spans.get(key)
        return span[0] if span else None

    confidence = round(100 * (event.confidence or 0.0))
    values = [
        row["event_id"], timestamp(event_added), timestamp(row["mentioned_at"]),
        WEB if row["url"] else CITATION_ONLY, row["site"] or "", row["url"] or f"dateline:{row['article_id']}",
        row["sentence_id"], start("source"), start("target"), start("trigger"), 1, max(0, min(100, confidence)),
        row["doc_len"], row["tone"], None,
        f"article={row['article_id']};independent={int(bool(row['independent']))}",
    ]
    return [_cell(v) for v in values]


def chosen_events(selection: Selection | None) -> Selection:
    """The query of the link_events rows to write: those `selection` names, else all."""
    sql, params = selection or ("", [])
    where = f" WHERE event_id IN ({sql})" if sql else ""
    return f"SELECT * FROM link_events{where} ORDER BY event_id", params


def export(conn, output: str | Path, selection: Selection | None = None) -> dict[str, int]:
    """Write DIR/events.tsv and DIR/mentions.tsv; return how many rows each got. `selection`
    (a query of event ids, and its parameters) writes only those merged events and their mentions.

    GDELT has no column saying an event did not happen, so events reported as negated or
    hypothetical ("did not attack", "if Russia invades") are left out of both tables, and so are
    events with no actor on either side (every GDELT row names one); the other exports keep them."""
    from dateline.link.events import unreal
    from dateline.link.tables import rows

    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    coded = [(r, from_dict(Event, json.loads(r["event"]))) for r in rows(conn, *chosen_events(selection))]
    events = [(r, event) for r, event in coded if not unreal(event) and (event.source or event.target)]
    leads = dict(conn.execute("SELECT event_id, in_lead FROM link_mentions WHERE position = 0").fetchall())
    added = {r["event_id"]: r["date_added"] for r, _ in events}
    with open(out / "events.tsv", "w", encoding="utf-8", newline="\n") as f:
        for r, event in events:
            f.write("\t".join(event_row(r, event, bool(leads.get(r["event_id"])))) + "\n")
    mentions = [r for r in rows(conn, "SELECT * FROM link_mentions ORDER BY event_id, position") if r["event_id"] in added]
    with open(out / "mentions.tsv", "w", encoding="utf-8", newline="\n") as f:
        for r in mentions:
            f.write("\t".join(mention_row(r, added[r["event_id"]])) + "\n")
    return {"events": len(events), "mentions": len(mentions)}
