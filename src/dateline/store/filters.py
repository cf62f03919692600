"""List filters shared by the command line and the HTTP API: their names, parsing and SQL.

One parser (`parse`) turns text parameters into `Filters`, so `dateline events --root abc`
and `/api/events?root=abc` fail with the same one-line reason. Text filters are substring
matches (`contains`), never LIKE patterns: `%` and `_` mean themselves, and no pattern can
make a query backtrack for minutes. Partial event dates (`2016`, `2016-03`) stand for the
range of days they cover: a date filter keeps an event whose range meets the filter's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

MODALITIES = ("asserted", "negated", "hypothetical", "future", "historical", "all")
"""`asserted`: neither negated nor hypothetical (what the GDELT export keeps); `all`: no modality filter."""
STATUSES = ("ok", "duplicate", "error")


@dataclass
class Filters:
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    status: str | None = None
    actor: str | None = None
    source_actor: str | None = None
    target_actor: str | None = None
    code: str | None = None
    root: str | None = None
    quad_class: int | None = None
    plover: str | None = None
    modality: str | None = None
    min_confidence: float | None = None
    speaker: str | None = None
    search: str | None = None
    sort: str | None = None
    offset: int = 0
    limit: int | None = None


def iso_day(value: str) -> str:
    """A filter date as ``YYYY-MM-DD``; ValueError with a readable message otherwise."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _actor_code(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9]{1,30}", value):
        raise ValueError(f"not a CAMEO actor code prefix (letters, e.g. RUS or USAGOV): {value!r}")
    return value.upper()


def _event_code(value: str) -> str:
    if not re.fullmatch(r"\d{1,4}", value):
        raise ValueError(f"not a CAMEO event code prefix (digits, e.g. 04 or 0411): {value!r}")
    return value


def _root(value: str) -> str:
    if not re.fullmatch(r"\d{1,2}", value) or not 1 <= int(value) <= 20:
        raise ValueError(f"not a CAMEO root code (1 to 20): {value!r}")
    return value.zfill(2)


def _choice(options: tuple[str, ...]) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value not in options:
            raise ValueError(f"{value!r} is not one of {', '.join(options)}")
        return value

    return parse


def _int_between(low: int, high: int | None) -> Callable[[str], int]:
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise ValueError(f"not a whole number: {value!r}") from None
        if number < low or (high is not None and number > high):
            raise ValueError(f"{number} is not between {low} and {high}" if high else f"{number} is below {low}")
        return number

    return parse


def _confidence(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"not a number: {value!r}") from None
    if not 0 <= number <= 1:
        raise ValueError(f"{number} is not between 0 and 1")
    return number


def _text(value: str) -> str:
    if any(ord(c) < 32 for c in value):
        raise ValueError("contains a control character")
    return value


@dataclass(frozen=True)
class Param:
    metavar: str
    help: str
    parse: Callable[[str], Any]


PARAMS: dict[str, Param] = {
    "since": Param("DATE", "on or after this date (YYYY-MM-DD); a partial event date counts by its range", iso_day),
    "until": Param("DATE", "on or before this date (YYYY-MM-DD); a partial event date counts by its range", iso_day),
    "outlet": Param("NAME", "the publishing site or wire agency contains NAME (e.g. TASS, reuters.com)", _text),
    "status": Param("STATUS", "only articles with this status: ok, duplicate or error", _choice(STATUSES)),
    "actor": Param("CODE", "either side's CAMEO actor code starts with CODE (e.g. RUS, USAGOV)", _actor_code),
    "source_actor": Param("CODE", "the acting side's CAMEO code starts with CODE (e.g. RUS)", _actor_code),
    "target_actor": Param("CODE", "the side acted upon has a CAMEO code starting with CODE (e.g. USA)", _actor_code),
    "code": Param("CAMEO", "CAMEO event code prefix (e.g. 04, 0411)", _event_code),
    "root": Param("ROOT", "CAMEO root code, 1 to 20 (e.g. 4 or 04)", _root),
    "quad_class": Param("N", "QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
                        "4 material conflict", _int_between(1, 4)),
    "plover": Param("TYPE", "PLOVER event type (e.g. CONSULT, ASSAULT)", lambda v: _text(v).upper()),
    "modality": Param("MODE", "asserted (default for events), negated, hypothetical, future, historical, or all",
                      _choice(MODALITIES)),
    "min_confidence": Param("P", "only records coded with at least this confidence (0 to 1)", _confidence),
    "speaker": Param("NAME", "speaker mention or name contains NAME", _text),
    "search": Param("TEXT", "the text contains TEXT (events: sentence or actor names; quotes: the quote; "
                    "articles: title or origin)", _text),
}
"""Each filter's placeholder, meaning and parser, shown by the command line and the HTTP API."""

LIST_FILTERS = {
    "articles": ("since", "until", "outlet", "status", "search"),
    "events": ("since", "until", "outlet", "actor", "source_actor", "target_actor", "code", "root", "quad_class",
               "plover", "modality", "min_confidence", "search"),
    "linked-events": ("since", "until", "outlet", "actor", "source_actor", "target_actor", "code", "root",
                      "quad_class", "plover", "modality", "min_confidence"),
    "quotes": ("since", "until", "outlet", "speaker", "actor", "search", "min_confidence"),
    "stories": ("since", "until", "search"),
}
"""The filters each listing takes (the command of that name, and /api/NAME)."""

SORTS = {
    "articles": ("date", "outlet", "title", "events", "quotes"),
    "events": ("date", "event_date", "cameo", "quad_class", "goldstein", "confidence", "source", "target", "outlet"),
    "linked-events": ("date", "cameo", "quad_class", "goldstein", "mentions", "articles", "sources"),
    "quotes": ("date", "speaker", "confidence", "outlet"),
    "stories": ("date", "size", "label"),
}
"""The columns each listing sorts by: `sort=NAME` ascending, `sort=-NAME` descending (default `-date`)."""


def parse(listing: str, raw: Mapping[str, str | None], extra: tuple[str, ...] = ()) -> Filters:
    """Filters from text parameters; ValueError naming each bad one (``root: not a CAMEO root code …``).
    Names outside the listing's filters, `sort`, `offset`, `limit` and `extra` are refused."""
    allowed = (*LIST_FILTERS[listing], "sort", "offset", "limit", *extra)
    errors, values = [], {}
    for name, value in raw.items():
        if name not in allowed:
            errors.append(f"{name}: not a parameter here (takes {', '.join(allowed)})")
        elif name in extra or value is None or value == "":
            continue
        elif name in PARAMS:
            try:
                values[name] = PARAMS[name].parse(value)
            except ValueError as exc:
                errors.append(f"{name}: {exc}")
        elif name == "sort":
            if value.lstrip("-") not in SORTS[listing]:
                errors.append(f"sort: {value!r} is not one of {', '.join(SORTS[listing])} (- before for descending)")
            values["sort"] = value
        else:
            try:
                values[name] = _int_between(0 if name == "offset" else 1, None)(value)
            except ValueError as exc:
                errors.append(f"{name}: {exc}")
    if values.get("since") and values.get("until") and values["since"] > values["until"]:
        errors.append(f"since: {values['since']} is after until {values['until']}")
    if errors:
        raise ValueError("; ".join(errors))
    return Filters(**values)


class Where:
    """A conjunction of SQL conditions with their parameters."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def contains(self, columns: tuple[str, ...], text: str) -> None:
        """Any of `columns` contains `text`, case-insensitively, as a plain substring."""
        self.add("(" + " OR ".join(f"contains(lower({c}), ?)" for c in columns) + ")", *[text.lower()] * len(columns))

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""


def day_range(column: str) -> tuple[str, str]:
    """SQL for the first and last day (YYYY-MM-DD) a date value covers: ``2016`` → 2016-01-01 … 2016-12-31,
    ``2016-03`` → 2016-03-01 … 2016-03-31, a day or a time → that day."""
    first = (f"CASE WHEN length({column}) = 4 THEN {column} || '-01-01' "
             f"WHEN length({column}) = 7 THEN {column} || '-01' ELSE substr({column}, 1, 10) END")
    last = (f"CASE WHEN length({column}) = 4 THEN {column} || '-12-31' "
            f"WHEN length({column}) = 7 AND regexp_full_match({column}, '\\d{{4}}-\\d{{2}}') "
            f"THEN strftime(last_day(strptime({column} || '-01', '%Y-%m-%d')), '%Y-%m-%d') "
            f"ELSE substr({column}, 1, 10) END")
    return first, last


def add_dates(where: Where, filters: Filters, column: str, last_column: str | None = None) -> None:
    """Keep rows whose date range (`day_range` of `column`, to that of `last_column` if given) meets
    [since, until]."""
    first, last = day_range(column)
    if last_column:
        last = day_range(last_column)[1]
    if filters.since:
        where.add(f"({last}) >= ?", filters.since)
    if filters.until:
        where.add(f"({first}) <= ?", filters.until)


def order_by(sort: str | None, columns: Mapping[str, str], tiebreak: str) -> str:
    """ORDER BY for `sort` (``-date`` by default), NULLs last either way, then a stable tiebreak."""
    sort = sort or "-date"
    column = columns[sort.lstrip("-")]
    direction = "DESC" if sort.startswith("-") else "ASC"
    return f"{column} {direction} NULLS LAST, {tiebreak}"
