"""The embedded store: one DuckDB file holding articles, what was coded in them, and runs.

DuckDB allows one writing process per file; a second one gets `StoreLocked`
with the holder's process id rather than a raw IO error. Opening also marks
runs left ``running`` by a process that died as ``crashed`` (a file that can
be opened for writing, or for reading, has no other writer).
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import Any

import duckdb

from dateline.model import Article, to_dict
from dateline.store.connect import StoreError, StoreLocked, connect, store_error
from dateline.store.migrate import SchemaError, migrate, pending
from dateline.store.rows import ARTICLE_DAY, ARTICLES, CHILD_TABLES, TABLES, article_day, flatten, unflatten

DEFAULT_PATH = "dateline.duckdb"
ENV_VAR = "DATELINE_DB"


__all__ = ["DEFAULT_PATH", "ENV_VAR", "Store", "StoreError", "StoreLocked", "default_path"]

_LIVE_RUNS: dict[str, set[int]] = {}
"""Runs started by this process and not finished, by store file: any other run left `running` is dead."""


def default_path() -> str:
    """``$DATELINE_DB`` or ``./dateline.duckdb``."""
    return os.environ.get(ENV_VAR) or DEFAULT_PATH


class Store:
    """An open store. Use as a context manager, or call `close()`."""

    def __init__(self, path: str | os.PathLike | None = None, read_only: bool = False):
        self.path = str(path or default_path())
        self.read_only = read_only
        if read_only and not Path(self.path).exists():
            raise StoreError(f"no store at {self.path}: run `dateline ingest FILES` first (or pass --db FILE)")
        if not read_only and not Path(self.path).exists():
            _create(self.path)
        self.con = _open(self.path, read_only)
        try:
            self._bring_up_to_date()
        except SchemaError as exc:
            self.con.close()
            raise StoreError(str(exc)) from exc
        except duckdb.Error as exc:
            self.con.close()
            raise store_error(self.path, exc) from exc

    def _bring_up_to_date(self) -> None:
        if not self.read_only:
            if migrate(self.con):
                self.con.execute("CHECKPOINT")  # DuckDB cannot always replay schema changes from its log
            self._mark_crashed_runs()
            self._fill_totals()
        elif (todo := pending(self.con)) or self._dead_runs():  # upgrade or tidy the file once, then read
            self.con.close()
            try:
                with Store(self.path):
                    pass
            except StoreError:
                if todo:
                    raise
                # held by a reader (e.g. the server): the dead runs are marked by the next writer
            self.con = connect(self.path, read_only=True)

    def _fill_totals(self) -> None:
        """Count the events once into `event_totals` if nothing has yet (a store made before migration 007)."""
        from dateline.store import totals

        if not totals.ready(self.con):
            totals.rebuild(self.con)
            self.checkpoint()

    def _dead_runs(self) -> list[int]:
        live = _LIVE_RUNS.get(self._key, set())
        rows = self.con.execute("SELECT id FROM runs WHERE status = 'running'").fetchall()
        return [run_id for (run_id,) in rows if run_id not in live]

    def _mark_crashed_runs(self) -> None:
        dead = self._dead_runs()
        if dead:
            self.con.execute("UPDATE runs SET status = 'crashed' WHERE id IN (SELECT unnest(?::INTEGER[]))", [dead])

    @cached_property
    def _key(self) -> str:
        return str(Path(self.path).resolve())

    def verify(self) -> None:
        """Read every block of every table, so damage anywhere raises (DuckDB checks a block's
        checksum only when it reads it); `StoreError` names the damage."""
        tables = [row[0] for row in self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE'"
        ).fetchall()]
        try:
            for table in tables:
                self.con.execute(f"SELECT max(hash(COLUMNS(*))) FROM {_quote(table)}").fetchall()
        except duckdb.Error as exc:
            raise store_error(self.path, exc) from exc

    @cached_property
    def _columns(self) -> dict[str, dict[str, str]]:
        """Each table's columns and types, read when first writing (read-only commands never need them)."""
        return {name: self._table_columns(name) for name in (*TABLES, "site_paragraphs")}

    def _table_columns(self, table: str) -> dict[str, str]:
        rows = self.con.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position",
            [table],
        ).fetchall()
        return dict(rows)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing -----------------------------------------------------------

    def save_article(self, article: Article, run_id: int | None = None, duplicate_of: str | None = None) -> None:
        """Store one article with its entities, events, quotes and timexes, in one
        transaction. Saving an id again replaces the earlier version."""
        self.save_articles([article], run_id, {article.id: duplicate_of} if duplicate_of else None)

    def save_articles(
        self, articles: list[Article], run_id: int | None = None, duplicates: dict[str, str] | None = None
    ) -> None:
        """Store several articles in one transaction (a run commits per small batch), with the
        counts of the unfiltered events listing (`dateline.store.totals`)."""
        from dateline.store import totals

        duplicates = duplicates or {}
        rows: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
        for article in articles:
            data = to_dict(article)
            row = flatten(data, ARTICLES, self._writable("articles"))
            rows["articles"].append({**row, "run_id": run_id, "duplicate_of": duplicates.get(article.id)})
            derived = {ARTICLE_DAY: article_day(row["published"])}
            for spec in CHILD_TABLES:
                columns = self._writable(spec.name)
                rows[spec.name] += [
                    {**flatten(item, spec, columns), "article_id": article.id, "seq": seq,
                     **{name: derived[name] for name in spec.derived}}
                    for seq, item in enumerate(data[spec.list_field])
                ]
        self.con.execute("BEGIN TRANSACTION")
        try:
            replaced = sorted(self.stored_ids([a.id for a in articles]))
            totals.add(self.con, replaced, -1)
            self._delete(set(replaced))
            for table, table_rows in rows.items():
                self._insert(table, table_rows)
            totals.add(self.con, [a.id for a in articles if a.events], 1)
            self._save_site_paragraphs(articles)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _save_site_paragraphs(self, articles: list[Article]) -> None:
        """Which paragraphs each page of a site kept (`dateline.extract.siterepeat`); a page saved again replaces its rows."""
        from dateline.extract import PARAGRAPH_BREAK
        from dateline.extract.siterepeat import page_rows

        ids = sorted({a.id for a in articles})
        self.con.execute(f"DELETE FROM site_paragraphs WHERE article_id IN ({_EACH_STRING})", [_json(ids)])
        self._insert("site_paragraphs", [
            row for a in articles if a.status == "ok" for row in page_rows(a.id, a.url or a.origin, a.text, PARAGRAPH_BREAK)
        ])

    def _delete(self, article_ids: set[str]) -> None:
        if not article_ids:
            return
        for table in TABLES:
            key = "id" if table == "articles" else "article_id"
            self.con.execute(f"DELETE FROM {table} WHERE {key} IN ({_EACH_STRING})", [_json(sorted(article_ids))])

    def _writable(self, table: str) -> list[str]:
        return [c for c in self._columns[table] if c != "ingested_at"]

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Insert rows through one JSON parameter: binding Python values one by one is far slower."""
        if not rows:
            return
        types = self._columns[table]
        structure = json.dumps([{column: _json_type(types[column]) for column in rows[0]}])
        columns = ", ".join(_quote(c) for c in rows[0])
        self.con.execute(
            f"INSERT INTO {table} ({columns}) SELECT r.* FROM (SELECT unnest(from_json(?::JSON, '{structure}')) AS r)",
            [_json(rows)],
        )

    def start_run(self, inputs: list[str], components: list[str], workers: int) -> int:
        run_id = self.con.execute(
            "INSERT INTO runs (inputs, components, workers) VALUES (?, ?, ?) RETURNING id",
            [inputs, components, workers],
        ).fetchone()[0]
        _LIVE_RUNS.setdefault(self._key, set()).add(run_id)
        return run_id

    def finish_run(self, run_id: int, counts: dict[str, int], status: str = "finished") -> None:
        """Record a run's end and its counts (keys are `runs` columns)."""
        sets = ", ".join(f"{_quote(k)} = ?" for k in counts)
        self.con.execute(
            f"UPDATE runs SET finished_at = current_timestamp, status = ?, {sets} WHERE id = ?",
            [status, *counts.values(), run_id],
        )
        _LIVE_RUNS.get(self._key, set()).discard(run_id)
        self.checkpoint()

    def checkpoint(self) -> None:
        """Move the log into the file: what a run stored no longer depends on replaying the log."""
        try:
            self.con.execute("CHECKPOINT")
        except duckdb.TransactionException:  # another transaction of this process is open: DuckDB will do it later
            pass

    # -- reading -----------------------------------------------------------

    def has(self, article_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def stored_ids(self, article_ids: list[str], except_status: str | None = None) -> set[str]:
        """Which of `article_ids` are stored (one query for a whole batch), leaving out those
        stored with `except_status`."""
        if not article_ids:
            return set()
        sql = f"SELECT id FROM articles WHERE id IN ({_EACH_STRING}) AND status IS DISTINCT FROM ?"
        return {row[0] for row in self.con.execute(sql, [_json(article_ids), except_status]).fetchall()}

    def originals(self, content_hashes: list[str]) -> dict[str, str]:
        """For each hash already stored with status ok, the id of the first article stored with it."""
        if not content_hashes:
            return {}
        sql = (
            "SELECT content_hash, arg_min(id, (ingested_at, id)) FROM articles "
            f"WHERE status = 'ok' AND content_hash IN ({_EACH_STRING}) GROUP BY content_hash"
        )
        return dict(self.con.execute(sql, [_json(content_hashes)]).fetchall())

    def site_repeats(self, sites: list[str], min_pages: int) -> dict[str, dict[str, list[str]]]:
        """For each of `sites`, the paragraph keys stored on at least `min_pages` of its pages, with those pages' ids."""
        if not sites:
            return {}
        sql = (
            f"SELECT site, key, list(article_id) FROM site_paragraphs WHERE site IN ({_EACH_STRING}) "
            "GROUP BY site, key HAVING count(*) >= ?"
        )
        found: dict[str, dict[str, list[str]]] = {}
        for site, key, pages in self.con.execute(sql, [_json(sorted(set(sites))), min_pages]).fetchall():
            found.setdefault(site, {})[key] = pages
        return found

    def load_article(self, article_id: str) -> Article | None:
        """The stored article with everything coded in it, as saved."""
        rows = self.rows("SELECT * FROM articles WHERE id = ?", [article_id])
        if not rows:
            return None
        data = unflatten(rows[0], ARTICLES)
        for spec in CHILD_TABLES:
            items = self.rows(f"SELECT * FROM {spec.name} WHERE article_id = ? ORDER BY seq", [article_id])
            data[spec.list_field] = [unflatten(item, spec) for item in items]
        return Article.from_dict(data)

    def resolve(self, ref: str) -> str | None:
        """An article id from a full id, a unique id prefix, or an origin such as a file path (latest stored)."""
        if self.has(ref):
            return ref
        if re.fullmatch(r"[0-9a-f]{4,}", ref):
            found = self.con.execute("SELECT id FROM articles WHERE starts_with(id, ?) LIMIT 2", [ref]).fetchall()
            ids = [row[0] for row in found]
            if len(ids) > 1:
                raise StoreError(f"article id prefix {ref!r} is ambiguous: give more characters")
            if ids:
                return ids[0]
        origins = {ref, os.path.abspath(ref), str(Path(ref).resolve())}  # ingest records paths absolute
        row = self.con.execute(
            f"SELECT id FROM articles WHERE origin IN ({_EACH_STRING}) ORDER BY ingested_at DESC LIMIT 1",
            [_json(sorted(origins))],
        ).fetchone()
        return row[0] if row else None

    def rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Query results as dicts keyed by column name, JSON columns decoded."""
        return list(self.iter_rows(sql, params))

    def iter_rows(self, sql: str, params: list[Any] | None = None, size: int = 1000) -> Iterator[dict[str, Any]]:
        """Like `rows`, fetched in chunks so large results do not sit in memory."""
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        decode = [str(d[1]) == "JSON" for d in cursor.description]
        while chunk := cursor.fetchmany(size):
            for row in chunk:
                yield {
                    name: json.loads(value) if is_json and value is not None else value
                    for name, value, is_json in zip(names, row, decode)
                }

    def limit_memory(self, size: str) -> None:
        """Cap DuckDB's memory on this connection (a size such as ``1GB``): its cache of the store's blocks, which
        otherwise grows with the store up to 80 % of RAM (docs/scale.md)."""
        self.con.execute(f"SET memory_limit = '{size}'")

    def count(self, table: str) -> int:
        return self.con.execute(f"SELECT count(*) FROM {_quote(table)}").fetchone()[0]


WRITER_WAIT = 15.0
"""Seconds a writer waits for readers (`dateline serve` requests, each bounded by its statement timeout)."""


def writer_waiting(path: str | os.PathLike) -> Path:
    """The marker a writer leaves while it waits for readers to let go of the file (another
    writer is refused at once); readers that see it open nothing new, so a server under load
    cannot keep `dateline ingest` out."""
    return Path(f"{path}.writer-waiting")


def _create(path: str) -> None:
    """Build a new store beside its path and rename it into place once migrated and checkpointed: a crash while it
    is built leaves no half-made store whose log DuckDB cannot replay (schema changes), only a ``.new`` file that
    the next creation replaces."""
    building = f"{path}.new"
    for leftover in (building, f"{building}.wal"):
        Path(leftover).unlink(missing_ok=True)
    try:
        con = duckdb.connect(building)
        try:
            migrate(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(building, path)
    except (duckdb.Error, SchemaError, OSError) as exc:
        raise store_error(path, exc) from exc


def _open(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    """`connect`, with a writer waiting up to `WRITER_WAIT` for readers to finish, behind its marker."""
    if read_only:
        return connect(path, read_only)
    marker = writer_waiting(path)
    deadline = time.monotonic() + WRITER_WAIT
    try:
        while True:
            try:
                return connect(path, read_only)
            except StoreLocked:
                if time.monotonic() > deadline or not _only_readers(path):
                    raise
                marker.touch()
                time.sleep(0.05)
    finally:
        marker.unlink(missing_ok=True)


def _only_readers(path: str) -> bool:
    """Whether the processes holding the file only read it: a reader can then still open it."""
    try:
        duckdb.connect(path, read_only=True).close()
    except duckdb.Error:
        return False
    return True


_EACH_STRING = "SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]'))"
"""A subquery over the strings of one JSON list parameter."""


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _json_type(sql_type: str) -> Any:
    """The `from_json` structure for a column type."""
    if sql_type.endswith("[]"):
        return [_json_type(sql_type[:-2])]
    return sql_type


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
