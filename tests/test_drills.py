"""Drills: stop a run the hard way (kill -9, SIGTERM) at several moments, then run it again.

After every drill the store opens, every input is stored exactly once, every
linkable article is linked, no run is left ``running`` and no process of the
killed run is left. Runs use ``--components none`` (the point is the store, not
NLP) and a few hundred small files, so the whole suite takes about a minute;
longer drills (more moments, real NLP) are in benchmarks/drills.py.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.link import linkable
from dateline.store import Store

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="drills read /proc and use prctl")

DOCS = 400
WORDS = [f"w{n}" for n in range(3000)]


def write_corpus(folder: Path, n: int, seed: int = 13) -> list[Path]:
    """`n` distinct news-like files, plus an exact copy of the first and an empty file."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"doc{i:04d}.txt"
        body = " ".join(rng.choice(WORDS) for _ in range(80))
        path.write_text(f"Report {i}\n\nMOSCOW, March {1 + i % 28}. Officials said {body}.\n")
        paths.append(path)
    (folder / "x-copy.txt").write_bytes(paths[0].read_bytes())
    (folder / "empty.txt").write_text("")
    return [*paths, folder / "x-copy.txt", folder / "empty.txt"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("drills") / "in"
    write_corpus(folder, DOCS)
    return folder


def start(db: Path, inputs: list[Path], *options: str) -> subprocess.Popen:
    """`dateline ingest` in its own process group, so what it leaves behind can be found."""
    cmd = [sys.executable, "-m", "dateline", "ingest", *map(str, inputs), "--db", str(db), "--components", "none",
           "--quiet", *options]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def ingest(db: Path, inputs: list[Path], *options: str) -> None:
    """A run to its end: nothing committed before a crash was lost (no log set aside)."""
    proc = start(db, inputs, *options)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    assert "set aside" not in err.decode()
    assert_group_gone(proc.pid)


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def assert_group_gone(pgid: int, wait: float = 20.0) -> None:
    """No process of the run's group is left (workers die with their parent)."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    left = [p.name for p in Path("/proc").glob("[0-9]*") if _pgid(p) == pgid]
    pytest.fail(f"processes left after the run ended: {left}")


def _pgid(proc: Path) -> int | None:
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[2])
    except (OSError, ValueError, IndexError):
        return None


def kill_after(proc: subprocess.Popen, seconds: float, sig: int = signal.SIGKILL) -> None:
    """Signal the run itself (not its workers) after `seconds`, unless it ended before."""
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.send_signal(sig)
    proc.wait(timeout=120)
    assert_group_gone(proc.pid)


def assert_complete(db: Path, inputs: list[Path]) -> None:
    """Every input stored exactly once, every linkable article linked, no run left running."""
    with Store(db, read_only=True) as store:
        origins = [row["origin"] for row in store.rows("SELECT origin FROM articles")]
        assert sorted(origins) == sorted(str(p.resolve()) for p in inputs)
        linked = {row["article_id"] for row in store.rows("SELECT article_id FROM link_articles")}
        ok = [store.load_article(row["id"]) for row in store.rows("SELECT id FROM articles WHERE status = 'ok'")]
        assert {a.id for a in ok if linkable(a)} <= linked
        assert len(linked) >= DOCS // 2
        copy = store.rows("SELECT id, status FROM articles WHERE origin LIKE '%x-copy.txt'")[0]
        assert copy["status"] == "duplicate" and copy["id"] in linked
        statuses = {row["status"] for row in store.rows("SELECT status FROM runs")}
        assert "running" not in statuses and "finished" in statuses


def files(folder: Path) -> list[Path]:
    return sorted(folder.iterdir())


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("moment", [1.5, 3.0])
def test_kill_9_during_the_first_run(corpus, tmp_path, moment, workers):
    db = tmp_path / "first.duckdb"
    kill_after(start(db, [corpus], "--workers", workers), moment)
    ingest(db, [corpus], "--workers", workers)
    assert_complete(db, files(corpus))


@pytest.mark.parametrize("workers", ["1", "2"])
def test_kill_9_during_a_later_run(corpus, tmp_path, workers):
    db = tmp_path / "later.duckdb"
    inputs = files(corpus)
    ingest(db, inputs[: len(inputs) // 3])
    kill_after(start(db, [corpus], "--workers", workers), 2.5)
    ingest(db, [corpus], "--workers", workers)
    assert_complete(db, inputs)


def test_sigterm_marks_the_run_interrupted_and_stops_the_workers(corpus, tmp_path):
    db = tmp_path / "term.duckdb"
    proc = start(db, [corpus], "--workers", "2")
    deadline = time.monotonic() + 60
    while len(children(proc.pid)) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # the workers are busy with batches
    assert proc.poll() is None, "the run ended before the drill could stop it"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err.decode()
    assert "terminated" in err.decode()
    assert_group_gone(proc.pid)
    with Store(db, read_only=True) as store:
        assert [row["status"] for row in store.rows("SELECT status FROM runs")] == ["interrupted"]
    ingest(db, [corpus], "--workers", "2")
    assert_complete(db, files(corpus))


def test_a_worker_dies_with_its_parent_even_by_kill_9(tmp_path):
    """What keeps a pool worker busy with a long batch from outliving a killed run."""
    pid_file = tmp_path / "worker.pid"
    parent = subprocess.Popen([sys.executable, "-c", f"""
import os, subprocess, sys, time
code = "import os, time; from dateline.workers import die_with_parent; die_with_parent({{}}); " \\
       "open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(600)".format(os.getpid())
subprocess.Popen([sys.executable, "-c", code])
time.sleep(600)
"""], start_new_session=True)
    deadline = time.monotonic() + 60
    while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    worker = int(pid_file.read_text())
    parent.kill()
    parent.wait(timeout=10)
    assert_group_gone(parent.pid, wait=10)
    assert not Path(f"/proc/{worker}").exists()
