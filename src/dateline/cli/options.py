"""Options and output shared by the store commands (`--db`, filters, JSON Lines)."""

from __future__ import annotations

import argparse
import functools
import json
import math
import re
import sys
from collections.abc import Callable
from typing import Any

import duckdb

from dateline.store import DEFAULT_PATH, ENV_VAR, Store, StoreError, default_path
from dateline.store.connect import store_error
from dateline.store.filters import LIST_FILTERS, PARAMS, SORTS, Filters, iso_day, parse


def number(kind: type = int, low: float | None = None, high: float | None = None) -> Callable[[str], Any]:
    """An argparse type for a finite number from `low` to `high` (inclusive), refused in one line otherwise."""

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not {'an integer' if kind is int else 'a number'}") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
        if low is not None and value < low:
            raise argparse.ArgumentTypeError(f"{text} is below the least value, {low:g}")
        if high is not None and value > high:
            raise argparse.ArgumentTypeError(f"{text} is above the greatest value, {high:g}")
        return value

    parse.__name__ = kind.__name__  # argparse names the type in its messages
    return parse


COUNT = number(int, 0)
"""A count where 0 is meaningful (0 rows: no limit)."""

POSITIVE = number(int, 1)

PROBABILITY = number(float, 0.0, 1.0)


def memory_size(text: str) -> str:
    """An argparse type for a DuckDB memory size such as ``512MB`` or ``4GiB``, refused in one line otherwise."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]i?B)\s*", text, re.IGNORECASE)
    if not match or float(match[1]) <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a memory size such as 512MB or 4GB")
    return f"{match[1]}{match[2].upper().replace('IB', 'iB')}"


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="FILE", default=None, help=f"the store file (default: ${ENV_VAR}, else ./{DEFAULT_PATH})"
    )


def iso_date(value: str) -> str:
    try:
        return iso_day(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_filters(parser: argparse.ArgumentParser, listing: str) -> None:
    """Add the filter options of `listing` (as /api/LISTING takes them), --sort, --offset, --limit and --json."""
    for name in LIST_FILTERS[listing]:
        kind = iso_date if name in ("since", "until") else str
        param = PARAMS[name]
        parser.add_argument(f"--{name.replace('_', '-')}", dest=name, metavar=param.metavar, help=param.help, type=kind)
    if "modality" in LIST_FILTERS[listing]:
        parser.add_argument("--all", action="store_true", help="events of every modality (same as --modality all)")
    parser.add_argument("--sort", metavar="COLUMN", help=f"{', '.join(SORTS[listing])}; descending as "
                        "--sort=-COLUMN (default -date)")
    parser.add_argument("--offset", type=COUNT, default=0, help="skip this many rows first")
    parser.add_argument("--limit", type=COUNT, default=50, help="at most this many rows (default 50; 0 for all)")
    parser.add_argument("--json", action="store_true", help="one JSON object per line instead of a table")


def filters(args: argparse.Namespace, listing: str) -> Filters:
    """The `Filters` the options give; ValueError with the reason for a bad value (as the API's 422)."""
    raw = {name: getattr(args, name) for name in LIST_FILTERS[listing]}
    if getattr(args, "all", False):
        raw["modality"] = "all"
    chosen = parse(listing, {**raw, "sort": args.sort})
    chosen.offset, chosen.limit = args.offset, args.limit or None
    return chosen


def open_store(args: argparse.Namespace, read_only: bool = True) -> Store:
    return Store(args.db, read_only=read_only)


def reports_store_errors(run):
    """Turn a `StoreError`, or a DuckDB error reading the store (a damaged file), into a one-line
    message and exit status 2."""

    @functools.wraps(run)
    def wrapper(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except duckdb.Error as exc:
            print(f"dateline: {store_error(getattr(args, 'db', None) or default_path(), exc)}", file=sys.stderr)
            return 2
        except StoreError as exc:
            print(f"dateline: {exc}", file=sys.stderr)
            return 2

    return wrapper


def print_json_lines(records: list[dict[str, Any]]) -> None:
    for record in records:
        print_json_line(record)


def print_json_line(record: dict[str, Any]) -> None:
    """One record as a line of JSON Lines; values JSON has no type for (store timestamps) as text."""
    sys.stdout.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
