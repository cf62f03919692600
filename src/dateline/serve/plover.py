"""PLOVER 2.0 export: one JSON Lines record per merged event.

Field names follow the PLOVER manual's data-fields chapter (id, date, actor,
recipient, event, event_loc, event_text, quad_code, event_scale, mode,
context, link, text_info, cite_info, coder, coded_date); the provider-defined
extras the manual allows carry what GDELT users expect (CAMEO code, counts,
tone, every mention). Events without a PLOVER type are not written (PLOVER
requires ``event``); the count of those skipped is returned.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from dateline.model import ActorRef, Event, from_dict
from dateline.serve.codes import COUNTRY, resolve_place, split_actor
from dateline.serve.gdelt import chosen_events
from dateline.serve.tables import Selection

NAME = "plover"
HELP = "PLOVER 2.0 event records, one JSON object per line"

SECTORS = {"MED": "JRN", "HLH": "MED", "INS": "REB", "SEP": "REB"}
"""CAMEO type codes whose PLOVER sector code differs (the manual, "Sector code notes")."""


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("dateline")
    except PackageNotFoundError:
        return "dev"


def entity(ref: ActorRef | None) -> list[dict[str, Any]]:
    """A PLOVER entity list (one entity) from a coded actor; empty when there is none."""
    if ref is None:
        return []
    parts = split_actor(ref.code)
    record: dict[str, Any] = {"entity_text": ref.text}
    if ref.name:
        record["identifier_text"] = ref.name
    if parts:
        code = parts.country or ("UNO" if "UNO" in parts.code else parts.code[:3])
        record["code"] = code
        sectors = [SECTORS.get(t, t) for t in parts.types if t != code]
        if sectors:
            record["sector"] = sectors[0]
            if sectors[1:]:
                record["other_sector_codes"] = sectors[1:]
    return [record]


def location(place_name: str | None) -> dict[str, Any] | None:
    place = resolve_place(place_name)
    if place is None:
        return {"extracted_place": place_name} if place_name else None
    return {
        "extracted_place": place_name, "resolved_place": place.fullname, "lat": place.lat, "lon": place.lon,
        "country_code": place.iso3, "resolution": 1 if place.geo_type == COUNTRY else 4,
    }


def record(row: dict[str, Any], mentions: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The PLOVER record of one merged event (None when it has no PLOVER type)."""
    event = from_dict(Event, json.loads(row["event"]))
    if not event.plover:
        return None
    first = mentions[0] if mentions else {}
    trigger = event.spans.get("trigger") or event.spans.get("sentence")
    out: dict[str, Any] = {
        "id": f"dateline-{row['event_id']}",
        "has_event": True,
        "date": row["day"],
        "actor": entity(event.source),
        "recipient": entity(event.target),
        "event": [event.plover],
        "event_loc": location(event.place),
        "event_text": [event.sentence] if event.sentence else [],
        "quad_code": event.quad_class if event.quad_class in (1, 2, 3, 4) else None,
        "event_scale": event.goldstein,
        "mode": [event.plover_mode] if event.plover_mode else [],
        "context": [event.plover_context] if event.plover_context else [],
        "link": row["story_id"],
        "text_info": {"sequence": first.get("sentence_id"), "start": trigger[0] if trigger else None,
                      "end": trigger[1] if trigger else None},
        "cite_info": {"url": row["source_url"], "publication": first.get("site"), "coder": f"dateline {_version()}",
                      "codebook": "plover-2.0", "citation": row["first_article_id"]},
        "coder": "dateline",
        "coded_date": (row["date_added"].date() if row.get("date_added") else date.today()).isoformat(),
        "cameo": event.cameo,
        "modality": event.modality,
        "num_mentions": row["num_mentions"],
        "num_articles": row["num_articles"],
        "num_sources": row["num_sources"],
        "num_independent_sources": row["num_independent_sources"],
        "independent_sources": list(row["independent_sources"] or []),
        "avg_tone": row["avg_tone"],
        "mentions": [
            {k: m[k] for k in ("article_id", "url", "site", "sentence_id", "independent", "confidence")}
            for m in mentions
        ],
    }
    return {k: v for k, v in out.items() if v is not None}


def export(conn, output: str | Path, selection: Selection | None = None) -> dict[str, int]:
    """Write the records to `output` (a file, or DIR/events.plover.jsonl for a directory);
    `selection` (a query of event ids, and its parameters) writes only those merged events."""
    from dateline.link.tables import rows

    out = Path(output)
    if out.is_dir() or not out.suffix:
        out.mkdir(parents=True, exist_ok=True)
        out = out / "events.plover.jsonl"
    by_event: dict[int, list[dict[str, Any]]] = {}
    for m in rows(conn, "SELECT * EXCLUDE (event) FROM link_mentions ORDER BY event_id, position"):
        by_event.setdefault(m["event_id"], []).append(m)
    written = skipped = 0
    with open(out, "w", encoding="utf-8") as f:
        for row in rows(conn, *chosen_events(selection)):
            rec = record(row, by_event.get(row["event_id"], []))
            if rec is None:
                skipped += 1
                continue
            f.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
            written += 1
    return {"events": written, "skipped_without_plover_type": skipped}
