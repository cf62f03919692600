"""Crash safety and damage: a store survives a crash, names its damage in one line, and finishes what a stop left."""

import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import duckdb
import pytest

from dateline.cli import main
from dateline.model import Article
from dateline.runner import ingest
from dateline.store import Store, StoreError, StoreLocked
from test_store import make_article

ROOT = Path(__file__).resolve().parent.parent


def run_python(code: str) -> subprocess.CompletedProcess:
    """Run `code` in a fresh interpreter (where it may crash on purpose)."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120)


def text_article(n: int) -> Article:
    words = " ".join(f"word{n}x{i}" for i in range(40))
    return Article(id=f"id{n:04d}", origin=f"in/{n}.txt", content_hash=f"h{n}", status="ok", language="en",
                   text=f"Report number {n} says {words}.", title=f"Report {n}")


def test_a_crash_during_the_first_run_keeps_what_was_committed(tmp_path):
    path = tmp_path / "first.duckdb"
    crashed = run_python(f"""
        import os
        from dateline.store import Store
        from dateline.model import Article
        store = Store({str(path)!r})
        store.save_articles([Article(id=f"a{{i}}", origin=f"o{{i}}", content_hash=f"h{{i}}", status="ok", text="x")
                             for i in range(5)])
        os._exit(9)
    """)
    assert crashed.returncode == 9, crashed.stderr
    with Store(path, read_only=True) as store:
        assert store.count("articles") == 5


def unreplayable_wal(path: Path) -> None:
    """A store whose WAL DuckDB cannot replay: a column added to a table with a
    ``DEFAULT current_timestamp`` column, then a crash before any checkpoint."""
    with Store(path) as store:
        store.save_articles([text_article(1)])
    crashed = run_python(f"""
        import os, duckdb
        con = duckdb.connect({str(path)!r})
        con.execute("ALTER TABLE runs ADD COLUMN note VARCHAR")
        con.execute("INSERT INTO articles (id, origin, content_hash, status) VALUES ('lost', 'o', 'h', 'ok')")
        os._exit(9)
    """)
    assert crashed.returncode == 9, crashed.stderr
    with pytest.raises(duckdb.Error, match="replaying WAL"):
        duckdb.connect(str(path)).close()


def test_a_wal_that_cannot_be_replayed_is_set_aside_and_the_store_opens_at_its_checkpoint(tmp_path, capsys):
    path = tmp_path / "wal.duckdb"
    unreplayable_wal(path)
    with Store(path, read_only=True) as store:
        assert [r["id"] for r in store.rows("SELECT id FROM articles")] == ["id0001"]
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "set aside" in err
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("wal.duckdb.wal.")]
    assert len(kept) == 1 and kept[0].name in err and kept[0].stat().st_size > 0


def test_a_set_aside_wal_is_reported_by_the_command_in_one_line(tmp_path, capsys):
    path = tmp_path / "wal.duckdb"
    unreplayable_wal(path)
    assert main(["articles", "--db", str(path), "--json"]) == 0
    out, err = capsys.readouterr()
    assert "id0001" in out and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_run_left_running_by_a_dead_process_is_marked_crashed(tmp_path):
    path = tmp_path / "runs.duckdb"
    crashed = run_python(f"""
        import os
        from dateline.store import Store
        store = Store({str(path)!r})
        store.start_run(["x"], [], 1)
        store.con.execute("CHECKPOINT")
        os._exit(9)
    """)
    assert crashed.returncode == 9, crashed.stderr
    with Store(path) as store:
        statuses = [r["status"] for r in store.rows("SELECT status FROM runs")]
        live = store.start_run(["y"], [], 1)
        with Store(path) as again:  # a second handle in the same process leaves a live run alone
            assert again.rows("SELECT status FROM runs WHERE id = ?", [live])[0]["status"] == "running"
    assert statuses == ["crashed"]


def test_reading_marks_a_dead_run_crashed_too(tmp_path):
    path = tmp_path / "runs.duckdb"
    run_python(f"""
        import os
        from dateline.store import Store
        store = Store({str(path)!r})
        store.start_run(["x"], [], 1)
        store.con.execute("CHECKPOINT")
        os._exit(9)
    """)
    with Store(path, read_only=True) as store:
        assert [r["status"] for r in store.rows("SELECT status FROM runs")] == ["crashed"]


# -- damaged files ---------------------------------------------------------


def good_store(path: Path) -> Path:
    with Store(path) as store:
        store.save_articles([text_article(n) for n in range(50)])
        ingest([], store)
    return path


def overwrite(path: Path, offset: int, data: bytes) -> None:
    with open(path, "r+b") as handle:
        handle.seek(offset)
        handle.write(data)


@pytest.mark.parametrize("byte", [b"\x00", b"\xff"])
def test_a_damaged_block_is_not_taken_for_a_lock(tmp_path, byte):
    path = good_store(tmp_path / "damaged.duckdb")
    overwrite(path, 4096, byte * 4096)
    with pytest.raises(StoreError) as raised:
        Store(path, read_only=True)
    assert not isinstance(raised.value, StoreLocked)
    assert "in use" not in str(raised.value) and "damaged" in str(raised.value)


def data_block_offset(path: Path, table: str, column: str) -> int:
    """Where a column's data lies in the file (DuckDB: 3 headers of 4 KB, then blocks)."""
    with duckdb.connect(str(path), read_only=True) as con:
        block_id, block_size = con.execute(
            "SELECT s.block_id, d.block_size FROM pragma_storage_info(?) s, pragma_database_size() d "
            "WHERE s.column_name = ? AND s.block_id >= 0 LIMIT 1", [table, column]
        ).fetchone()
    return 3 * 4096 + block_id * block_size


def one_line_error(argv: list[str], capsys) -> str:
    try:
        status = main(argv)
    except SystemExit as exc:  # argparse refused an option
        status = exc.code
    err = capsys.readouterr().err
    assert status != 0, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    return err


def test_a_truncated_store_gives_one_line(tmp_path, capsys):
    path = good_store(tmp_path / "cut.duckdb")
    os.truncate(path, data_block_offset(path, "articles", "text") + 1024)
    assert "damaged" in one_line_error(["articles", "--db", str(path)], capsys)
    assert "damaged" in one_line_error(["stats", "--db", str(path)], capsys)


def test_a_checksum_error_gives_one_line_and_stats_notices_it(tmp_path, capsys):
    path = good_store(tmp_path / "sum.duckdb")
    overwrite(path, data_block_offset(path, "articles", "text") + 64, os.urandom(4096))
    assert "damaged" in one_line_error(["show", "id0001", "--db", str(path)], capsys)
    assert "damaged" in one_line_error(["stats", "--db", str(path)], capsys)


def test_stats_reads_every_block(tmp_path, capsys):
    path = good_store(tmp_path / "links.duckdb")
    overwrite(path, data_block_offset(path, "link_articles", "terms") + 64, os.urandom(4096))
    assert main(["stats", "--quick", "--db", str(path)]) == 0
    assert "damaged" in one_line_error(["stats", "--db", str(path)], capsys)


def test_random_bytes_are_not_a_store(tmp_path, capsys):
    path = tmp_path / "random.duckdb"
    path.write_bytes(os.urandom(65536))
    assert "not a dateline store" in one_line_error(["stats", "--db", str(path)], capsys)


# -- the CLI: one line and an exit status -------------------------------------


@pytest.fixture
def small_store(tmp_path):
    return str(good_store(tmp_path / "small.duckdb"))


@pytest.mark.parametrize("argv", [
    ["events", "--limit", "-5"],
    ["articles", "--limit", "x"],
    ["stories", "--limit", "-1"],
    ["stories", "--min-size", "-2"],
    ["export", "--format", "csv", "-o", "/nonexistent/dir/x.csv"],
    ["serve", "--port", "99999"],
    ["serve", "--port", "0"],
])
def test_bad_options_and_paths_give_one_line(argv, small_store, capsys):
    one_line_error([*argv, "--db", small_store], capsys)


@pytest.mark.parametrize("options", [
    ["--batch-size", "-3"], ["--batch-size", "0"], ["--workers", "0"], ["--max-bytes", "-1"], ["--timeout", "0"],
    ["--host-delay", "-1"], ["--timeout", "nan"], ["--memory-limit", "lots"], ["--memory-limit", "0GB"],
])
def test_bad_ingest_options_give_one_line_and_store_nothing(options, tmp_path, seed_path, capsys):
    db = tmp_path / "none.duckdb"
    one_line_error(["ingest", str(seed_path), "--db", str(db), "--components", "none", *options], capsys)
    assert not db.exists()


def test_ingest_runs_under_the_memory_limit_it_is_given(tmp_path, seed_path, monkeypatch):
    from dateline.cli import main
    from dateline.store import Store

    with Store(tmp_path / "probe.duckdb") as store:
        store.limit_memory("64MB")
        assert store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0] in ("61.0 MiB", "64.0 MB")
    given = []
    real = Store.limit_memory
    monkeypatch.setattr(Store, "limit_memory", lambda self, size: (given.append(size), real(self, size)))
    assert main(["ingest", str(seed_path), "--db", str(tmp_path / "s.duckdb"), "--components", "none", "--quiet"]) == 0
    assert main(["ingest", str(seed_path), "--db", str(tmp_path / "t.duckdb"), "--components", "none", "--quiet",
                 "--memory-limit", "512mb"]) == 0
    assert given == ["1GB", "512MB"]


@pytest.mark.parametrize("argv", [["eval", "events", "--limit", "-1"], ["eval", "copies", "--every", "0"]])
def test_bad_eval_options_give_one_line(argv, capsys):
    one_line_error(argv, capsys)


def test_a_missing_input_file_for_timexes_gives_one_line(capsys):
    assert "/nonexistent.txt" in one_line_error(["timexes", "/nonexistent.txt"], capsys)


def test_an_unexpected_error_is_one_line(monkeypatch, small_store, capsys):
    from dateline.store import query

    monkeypatch.setattr(query, "stats", lambda store: 1 / 0)
    assert "ZeroDivisionError" in one_line_error(["stats", "--db", small_store], capsys)


# -- install -------------------------------------------------------------------


def test_lxml_html_clean_is_declared_directly():
    """pip 23.2 (Python 3.11's venv) drops the `lxml[html_clean]` extra jusText declares."""
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert any(d.split(">")[0].split("=")[0].strip() == "lxml_html_clean" for d in dependencies)
    import lxml_html_clean  # noqa: F401


# -- linking after a stop --------------------------------------------------------


def linked_ids(store) -> set[str]:
    return {r["article_id"] for r in store.rows("SELECT article_id FROM link_articles")}


def saved_but_not_linked(path: Path) -> set[str]:
    """A store as a stop between saving and linking leaves it: articles and an exact duplicate, no links."""
    articles = [text_article(n) for n in range(6)]
    copy = Article(id="copy1", origin="in/copy.txt", content_hash="h1", status="duplicate")
    with Store(path) as store:
        store.save_articles([*articles, make_article("short", content_hash="hs")])
        store.save_articles([copy], duplicates={"copy1": articles[1].id})
        assert store.count("link_articles") == 0
    return {a.id for a in articles} | {"copy1"}


def test_the_next_ingest_links_what_an_earlier_stop_left_unlinked(tmp_path):
    expected = saved_but_not_linked(tmp_path / "s.duckdb")
    with Store(tmp_path / "s.duckdb") as store:
        ingest([], store)
        assert linked_ids(store) == expected


def test_link_repair_links_what_is_missing_once(tmp_path, capsys):
    expected = saved_but_not_linked(tmp_path / "s.duckdb")
    assert main(["link", "--repair", "--db", str(tmp_path / "s.duckdb")]) == 0
    assert f"linked {len(expected)}" in capsys.readouterr().err
    assert main(["link", "--repair", "--db", str(tmp_path / "s.duckdb")]) == 0
    assert "linked 0" in capsys.readouterr().err
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        assert linked_ids(store) == expected
