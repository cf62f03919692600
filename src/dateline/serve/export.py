"""Exports: a registry of formats, so a format is added by adding a module.

A format is a function ``write(store, table, output) -> rows written``
registered with `@exporter(name, help)` in any module of
`dateline.serve.formats`; `formats()` imports them all (like the CLI does
with its commands), so no central list has to be edited.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import dateline.serve.formats as formats_pkg
from dateline.store import Store

TABLES = ("articles", "events", "quotes", "timexes", "entities", "runs")
WriteFn = Callable[[Store, str, Path], int]


@dataclass(frozen=True)
class Exporter:
    name: str
    help: str
    write: WriteFn
    tables: tuple[str, ...] = TABLES
    """The tables this format can write; the first is the default."""


_REGISTRY: dict[str, Exporter] = {}


def exporter(name: str, help: str, tables: tuple[str, ...] = TABLES) -> Callable[[WriteFn], WriteFn]:
    """Register `write` as the export format `name`."""

    def register(write: WriteFn) -> WriteFn:
        _REGISTRY[name] = Exporter(name, help, write, tables)
        return write

    return register


def formats() -> dict[str, Exporter]:
    """Every registered format, after importing the modules of `dateline.serve.formats`."""
    for info in pkgutil.iter_modules(formats_pkg.__path__):
        importlib.import_module(f"{formats_pkg.__name__}.{info.name}")
    return dict(sorted(_REGISTRY.items()))


def export(store: Store, format: str, output: str | Path, table: str | None = None) -> int:
    """Write `table` (default: the format's first) from `store` to `output`; returns the rows written."""
    known = formats()
    if format not in known:
        raise ValueError(f"unknown export format {format!r}; known: {', '.join(known)}")
    chosen = known[format]
    table = table or chosen.tables[0]
    if table not in chosen.tables:
        raise ValueError(f"format {format} exports {', '.join(chosen.tables)}, not {table}")
    return chosen.write(store, table, Path(output))
