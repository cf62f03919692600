"""Ray on local workers against `--workers N` processes: wall and CPU time of the same ingest, as a ratio.

Copies ``--limit`` PolNeAR texts (real news) into a folder and ingests it twice
with every component, each into a new store, in the same run: ``dateline ingest
--workers N`` (a process pool) and ``dateline ingest --workers N --ray`` (a local
Ray cluster of N CPUs started by the command). Wall time is the command's; CPU
time is that of the command and every process it started (Ray's own services
included), sampled from /proc while it runs, so the few tenths of a second a
process spends after its last sample are missed. Both runs must store the same
articles and events.

    PYTHONPATH=src python benchmarks/ray_vs_workers.py [--limit 200] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from measure import POLNEAR

TICKS = os.sysconf("SC_CLK_TCK")


def processes() -> dict[int, tuple[int, float]]:
    """Every process as pid -> (parent pid, CPU seconds so far)."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # ended meanwhile
            continue
        fields = text[text.rindex(")") + 2 :].split()
        found[int(stat.parent.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS)
    return found


def descendants_cpu(root: int, cpu: dict[int, float]) -> None:
    """Record in `cpu` the CPU seconds of `root` and its descendants (the highest seen per process)."""
    table = processes()
    children: dict[int, list[int]] = {}
    for pid, (parent, _) in table.items():
        children.setdefault(parent, []).append(pid)
    stack = [root]
    while stack:
        pid = stack.pop()
        if pid in table:
            cpu[pid] = max(cpu.get(pid, 0.0), table[pid][1])
        stack.extend(children.get(pid, ()))


def ingest(folder: Path, db: Path, workers: int, ray: bool) -> tuple[float, float, tuple[int, int]]:
    """Wall seconds, CPU seconds (command and descendants) and the (articles, events) stored."""
    command = [sys.executable, "-m", "dateline", "ingest", str(folder), "--db", str(db), "--workers", str(workers),
               "--quiet", *(["--ray"] if ray else [])]
    cpu: dict[int, float] = {}
    started = time.perf_counter()
    child = subprocess.Popen(command)
    while child.poll() is None:
        descendants_cpu(child.pid, cpu)
        time.sleep(0.2)
    wall = time.perf_counter() - started
    if child.returncode:
        raise SystemExit(f"{' '.join(command)} failed with status {child.returncode}")
    with duckdb.connect(str(db), read_only=True) as con:
        stored = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)").fetchone()
    return wall, sum(cpu.values()), stored


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    texts = sorted(POLNEAR.glob("*/text/*.txt"))[: args.limit]
    if not texts:
        print(f"skipped: {POLNEAR} is absent (the benchmark needs the shared data folder beside the project)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "texts"
        folder.mkdir()
        for path in texts:
            shutil.copy(path, folder / path.name)
        results = {}
        for name, ray in (("processes", False), ("Ray", True)):
            results[name] = ingest(folder, Path(tmp) / f"{name}.duckdb", args.workers, ray)
            wall, cpu, (articles, events) = results[name]
            print(f"{name:>9} ({args.workers} workers): wall {wall:7.1f} s, CPU {cpu:7.1f} s "
                  f"({articles} articles, {events} events stored)", flush=True)
    (pw, pc, ps), (rw, rc, rs) = results["processes"], results["Ray"]
    print(f"Ray / processes: wall {rw / pw:.2f}x, CPU {rc / pc:.2f}x; same articles and events: {ps == rs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
