"""Export formats, found by module: a format is added by adding a module, no list to edit.

Any module of `dateline.serve` that defines ``NAME``, ``HELP`` and
``export(conn, output)`` is a format (as CLI commands and eval tasks are found).
`conn` is the store's DuckDB connection; `output` is the file (or folder) to
write, as the format's HELP says. A format that writes one chosen store table
also defines ``TABLES`` (the first is its default) and takes ``table=``.
``export`` returns the rows written: a number, or a dict per file written.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from types import ModuleType

import dateline.serve as serve_pkg
from dateline.serve.tables import Selection


def formats() -> dict[str, ModuleType]:
    """Every export format by name."""
    found = {}
    for info in pkgutil.iter_modules(serve_pkg.__path__):
        module = importlib.import_module(f"{serve_pkg.__name__}.{info.name}")
        if hasattr(module, "NAME") and hasattr(module, "export"):
            found[module.NAME] = module
    return dict(sorted(found.items()))


def export(
    conn, format: str, output: str | Path, table: str | None = None, selection: Selection | None = None
) -> dict[str, int]:
    """Write the store behind `conn` to `output` in `format`; returns rows written per table or file.
    `selection` narrows it: a query of the table's rows, or for a format with its own layout, of
    merged event ids (see `dateline.store.query.export_selection`)."""
    chosen = {"selection": selection} if selection else {}
    known = formats()
    if format not in known:
        raise ValueError(f"unknown export format {format!r}; known: {', '.join(known)}")
    module = known[format]
    tables = getattr(module, "TABLES", None)
    if tables is None:
        if table:
            raise ValueError(f"format {format} has its own layout: it takes no table")
        return dict(module.export(conn, output, **chosen))
    table = table or tables[0]
    if table not in tables:
        raise ValueError(f"format {format} exports {', '.join(tables)}, not {table}")
    return {table: module.export(conn, output, table=table, **chosen)}
