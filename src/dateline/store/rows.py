"""Model objects ↔ flat table rows, derived from the JSON form (`to_dict`).

One rule for every table, so a field added to the model is stored without a
code change: nested objects are flattened into ``<field>_<subfield>`` columns,
a span ``[start, end]`` becomes ``<field>_start``/``<field>_end``, other values
(strings, numbers, lists, maps) go to the column of their name as they are, and
whatever has no column yet goes to ``extra`` (JSON) until a migration gives it
one. The store encodes and decodes JSON columns; rows here hold plain values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TableSpec:
    """How one model class is laid out in one table."""

    name: str
    list_field: str | None = None
    """The `Article` attribute whose items go to this table (None: the article itself)."""
    nested: tuple[str, ...] = ()
    """Fields holding one nested object, flattened with their name as prefix."""
    derived: tuple[str, ...] = ()
    """Columns the store fills from the article (no model field): left out of the JSON form."""


ARTICLE_DAY = "article_day"
"""An event's copy of its article's day (`substr(published, 1, 10)`): the default sort of `/api/events`
reads it without joining `articles` (migration 007)."""

ARTICLES = TableSpec("articles", nested=("dateline",))
CHILD_TABLES = (
    TableSpec("entities", "entities"),
    TableSpec("events", "events", nested=("source", "target"), derived=(ARTICLE_DAY,)),
    TableSpec("quotes", "quotes", nested=("speaker",)),
    TableSpec("timexes", "timexes"),
)
TABLES = {spec.name: spec for spec in (ARTICLES, *CHILD_TABLES)}
LIST_FIELDS = frozenset(spec.list_field for spec in CHILD_TABLES)


def article_day(published: str | None) -> str | None:
    """What `article_day` holds for an article published on `published` (SQL's `substr(published, 1, 10)`)."""
    return None if published is None else published[:10]


def flatten(data: dict[str, Any], spec: TableSpec, columns: list[str]) -> dict[str, Any]:
    """The row for one object's JSON form: a value per column, leftovers in ``extra``."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if spec.list_field is None and key in LIST_FIELDS:
            continue
        if key in spec.nested:
            for sub, sub_value in (value or {}).items():
                _put(flat, f"{key}_{sub}", sub_value)
        else:
            _put(flat, key, value)
    row = {column: flat.pop(column, None) for column in columns}
    if "extra" in row:
        row["extra"] = flat or None
    return row


def _put(flat: dict[str, Any], name: str, value: Any) -> None:
    if name.endswith("span") and (value is None or isinstance(value, (list, tuple))):
        flat[f"{name}_start"], flat[f"{name}_end"] = value if value else (None, None)
    else:
        flat[name] = value


def unflatten(row: dict[str, Any], spec: TableSpec) -> dict[str, Any]:
    """The JSON form back from a row (the inverse of `flatten`)."""
    left_out = ("seq", "extra", *spec.derived)
    row = {key: value for key, value in row.items() if key not in left_out} | (row.get("extra") or {})
    data: dict[str, Any] = {}
    for prefix in spec.nested:
        fields = {key[len(prefix) + 1 :]: row.pop(key) for key in list(row) if key.startswith(f"{prefix}_")}
        sub = _gather(fields)
        data[prefix] = sub if any(v is not None for v in sub.values()) else None
    data.update(_gather(row))
    return data


def _gather(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key.endswith("span_start"):
            end = row[key[: -len("_start")] + "_end"]
            out[key[: -len("_start")]] = None if value is None else [value, end]
        elif key.endswith("span_end"):
            continue
        else:
            out[key] = value
    return out
