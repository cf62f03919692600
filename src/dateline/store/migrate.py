"""Schema versions: numbered SQL files in `migrations/`, applied once each, in order.

A file ``NNN_name.sql`` is schema version NNN. Opening a store applies every
version it has not seen yet (each in its own transaction), so an older database
is upgraded in place and never has to be deleted. Versions are tracked as a set
rather than a maximum, so a migration numbered between two applied ones (for
instance one merged from another branch) is still applied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

MIGRATIONS = Path(__file__).parent / "migrations"
_NAME = re.compile(r"^(\d{3})_(\w+)\.sql$")


class SchemaError(RuntimeError):
    """The store's schema cannot be brought up to date."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path


def available(folder: Path = MIGRATIONS) -> list[Migration]:
    """The migrations shipped in `folder`, by version."""
    found = []
    for path in folder.glob("*.sql"):
        match = _NAME.match(path.name)
        if match:
            found.append(Migration(int(match[1]), match[2], path))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise SchemaError(f"two migrations share a version number in {folder}: {[m.path.name for m in found]}")
    return found


def applied(con) -> set[int]:
    """The versions already applied to the database behind `con` (empty for a new one)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()[0]
    if not exists:
        return set()
    return {row[0] for row in con.execute("SELECT version FROM schema_version").fetchall()}


def pending(con, folder: Path = MIGRATIONS) -> list[Migration]:
    """Migrations still to apply; refuses a database written by a newer dateline."""
    known = available(folder)
    done = applied(con)
    unknown = done - {m.version for m in known}
    if unknown:
        raise SchemaError(
            f"this store has schema versions {sorted(unknown)} that this dateline does not know: "
            "it was written by a newer version; upgrade dateline to open it"
        )
    return [m for m in known if m.version not in done]


def migrate(con, folder: Path = MIGRATIONS) -> list[Migration]:
    """Apply every pending migration, each in one transaction; returns those applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version "
        "(version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    todo = pending(con, folder)
    for migration in todo:
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(migration.path.read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [migration.version, migration.name])
            con.execute("COMMIT")
        except Exception as exc:
            con.execute("ROLLBACK")
            raise SchemaError(f"migration {migration.path.name} failed: {exc}") from exc
    return todo
