"""Linking as the store grows: time per article per 1,000-article bucket, as ratios to the first bucket.

Links 10,000 articles (the PolNeAR texts and the seed, then the same texts
again under new names with the rewrites of `dateline.eval.rewrites`, about 30
a day) into a DuckDB file with `Linker.link` directly (no NLP), one article
and one commit at a time as ingestion does (``--batch N`` for bulk loads), and reports
the mean time per article (wall clock and CPU) in each bucket of 1,000 and
the CPU time's ratio to the first bucket, the peak RSS so far and the RSS now, as each bucket ends,
beside what accounts for it: DuckDB's own memory (`duckdb_memory()`, in all and its largest tag),
the store's used blocks and log (`PRAGMA database_size`), and the C heap (glibc's `mallinfo2`:
bytes in use, and bytes freed but kept by the allocator).
Near 1x throughout means no step compares a new article with all the
stored ones. Peak memory (max RSS) is reported against the RSS before linking,
with the link tables' size on disk. The articles are made a bucket at a time, outside
the timing (and a text is made again when provenance asks for it), so the
benchmark itself holds no corpus. With ``--memory`` the Python heap the
linker keeps after linking is traced (slower) and broken down by the module
that allocated it, per article: what an index kept on disk would save.
``--duckdb-memory LIMIT`` sets DuckDB's memory limit (its cache of
the store's pages is what grows once the linker's own memory is bounded).
``--compare SRC`` runs the benchmark twice, each in its own process (peak RSS is
per process): first with the `dateline` package of the source folder SRC (an
earlier version, e.g. ``git archive f872e75 src | tar -x -C /tmp/before``), then
with this one, and prints the ratio of their peak RSS.

    PYTHONPATH=src python benchmarks/linking.py [--articles 10000] [--memory] [--compare /tmp/before/src]
"""

from __future__ import annotations

import argparse
import ctypes
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from itertools import islice
from pathlib import Path

import duckdb

from dateline.eval.rewrites import REWRITES, apply
from measure import POLNEAR, max_rss_mb, rss_mb
from dateline.link import Linker
from dateline.model import Article

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "tass-2022-02-12.txt"
BUCKET = 1000
PER_DAY = 30


def base_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(POLNEAR.glob("*/text/*.txt"))]
    return [*texts, SEED.read_text(encoding="utf-8")]


def text_of(texts: list[str], i: int) -> str:
    """Article i's text: the real texts first, then rewritten copies of them."""
    base, round_ = texts[i % len(texts)], i // len(texts)
    return base if round_ == 0 else apply(sorted(REWRITES)[(i + round_) % len(REWRITES)], base, seed=i)


def corpus(n: int, texts: list[str]):
    """`n` articles, `PER_DAY` a day, made one at a time."""
    start = date(2016, 1, 1)
    for i in range(n):
        text = text_of(texts, i)
        day = (start + timedelta(days=i // PER_DAY)).isoformat()
        yield Article(id=f"a{i:06d}", origin=f"bench/{i}", content_hash=str(i), text=text,
                      title=text.splitlines()[0][:200], site=f"site{i % 97}.example", published=day)


class MallInfo(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]


def c_heap_mb() -> tuple[float, float]:
    """glibc's heap: MB in use (small blocks and mmapped ones) and MB freed but kept; zeros elsewhere."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = MallInfo
    except (OSError, AttributeError):
        return 0.0, 0.0
    info = libc.mallinfo2()
    return (info.uordblks + info.hblkhd) / 2**20, info.fordblks / 2**20


def sqlite_mb() -> float:
    """The memory SQLite (the copy index's file) holds, in MB; 0 where its library cannot be found."""
    try:
        library = ctypes.CDLL("libsqlite3.so.0")
        library.sqlite3_memory_used.restype = ctypes.c_int64
    except (OSError, AttributeError):
        return 0.0
    return library.sqlite3_memory_used() / 2**20


def accounting(conn: duckdb.DuckDBPyConnection) -> str:
    """DuckDB's memory in MB (all, and its largest tag), the store's used blocks and log, SQLite's memory
    and the C heap."""
    tags = conn.execute("SELECT tag, memory_usage_bytes / 2^20 FROM duckdb_memory() ORDER BY 2 DESC").fetchall()
    _, _, block, _, used, _, wal, *_ = conn.execute("PRAGMA database_size").fetchone()
    in_use, kept = c_heap_mb()
    return (f"{sum(mb for _, mb in tags):>9.0f}  {tags[0][0].lower() + ' ' + format(tags[0][1], '.0f'):>18}  "
            f"{block * used / 2**20:>8.0f}  {wal:>10}  {sqlite_mb():>9.0f}  {in_use:>9.0f}  {kept:>8.0f}")


ACCOUNTING = (f"{'DuckDB MB':>9}  {'largest':>18}  {'store MB':>8}  {'log':>10}  {'SQLite MB':>9}  "
              f"{'malloc MB':>9}  {'freed MB':>8}")


def compare(before: str, argv: list[str]) -> int:
    """Run the benchmark with the code in `before`, then with this code, each in a fresh process; print both
    and the ratio of their peak RSS."""
    peaks = []
    for name, src in (("before", before), ("now", str(ROOT / "src"))):
        env = {**os.environ, "PYTHONPATH": src}
        out = subprocess.run([sys.executable, __file__, *argv], capture_output=True, text=True, check=True, env=env)
        print(f"== {name} ({src})\n{out.stdout}", flush=True)
        peaks += [float(line.split()[2]) for line in out.stdout.splitlines() if line.startswith("peak RSS")]
    print(f"peak RSS now / before: {peaks[1]:.0f} / {peaks[0]:.0f} MB = {peaks[1] / peaks[0]:.2f}x")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=1,
                        help="articles per write (1: one at a time, as ingestion links; more: a bulk load)")
    parser.add_argument("--memory", action="store_true", help="trace the heap the linker keeps, by module")
    parser.add_argument("--duckdb-memory", metavar="LIMIT",
                        help="DuckDB's memory_limit for the store (e.g. 64MB; default: 80%% of RAM)")
    parser.add_argument("--compare", metavar="SRC",
                        help="run first with the dateline package in SRC, then with this one")
    args = parser.parse_args()
    if not POLNEAR.exists():
        print(f"skipped: {POLNEAR} is absent (the benchmark needs the shared data folder beside the project)")
        return 0
    if args.compare:
        return compare(args.compare, ["--articles", str(args.articles), "--batch", str(args.batch)])
    texts = base_texts()
    articles = corpus(args.articles, texts)
    rss_before = max_rss_mb()
    if args.memory:
        tracemalloc.start()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        conn = duckdb.connect(str(path))
        if args.duckdb_memory:
            conn.execute(f"SET memory_limit = '{args.duckdb_memory}'")
        linker = Linker(conn, lambda aid: text_of(texts, int(aid[1:])))
        buckets: list[tuple[float, float]] = []
        copies = done = 0
        print(f"{'articles':>14}  {'wall ms/article':>15}  {'CPU ms/article':>14}  {'CPU ratio to first':>18}  "
              f"{'peak RSS MB':>11}  {'RSS now MB':>10}  {ACCOUNTING}", flush=True)
        while chunk := list(islice(articles, BUCKET)):  # made before the clock starts
            started, cpu = time.perf_counter(), time.process_time()
            results = list(linker.link_all(chunk, batch=args.batch) if args.batch > 1 else map(linker.link, chunk))
            buckets.append(((time.perf_counter() - started) / len(chunk), (time.process_time() - cpu) / len(chunk)))
            copies += sum(bool(r.copies) for r in results)
            done += len(chunk)
            wall, cpu_s = buckets[-1]
            print(f"{done - len(chunk) + 1:>6}-{done:<7}  {wall * 1000:>15.2f}  {cpu_s * 1000:>14.2f}  "
                  f"{cpu_s / buckets[0][1]:>17.2f}x  {max_rss_mb():>11.0f}  {rss_mb():>10.0f}  {accounting(conn)}", flush=True)
        stories = conn.execute("SELECT count(*) FROM link_stories").fetchone()[0]
        clusters = conn.execute("SELECT count(DISTINCT cluster_id) FROM link_articles").fetchone()[0]
        kept = tracemalloc.take_snapshot() if args.memory else None
        read_back = cluster_read_back(conn)
        conn.execute("CHECKPOINT")
        conn.close()
        linker.copies = None  # closes the copy index's file (absent before it moved to disk)
        files = {p.name[len(path.name):] or "store": p.stat().st_size / 2**20 for p in Path(tmp).glob(f"{path.name}*")}
        disk_mb = sum(files.values())
    n = args.articles
    print(f"linked {n} articles: {copies} had copies, {clusters} copy clusters, {stories} stories")
    print(f"last/first bucket, CPU time per article: {buckets[-1][1] / buckets[0][1]:.2f}x "
          f"(wall {buckets[-1][0] / buckets[0][0]:.2f}x; wall time depends on the machine's other load)")
    print(f"peak RSS {max_rss_mb():.0f} MB, {max_rss_mb() / rss_before:.2f}x the {rss_before:.0f} MB before linking; "
          f"{(max_rss_mb() - rss_before) * 1024 / n:.1f} KB per article")
    print(f"link tables on disk: {disk_mb:.0f} MB, {disk_mb * 1024 / n:.1f} KB per article "
          f"({', '.join(f'{name} {mb:.0f} MB' for name, mb in sorted(files.items()))})")
    print(read_back)
    if kept:
        report_heap(kept, n)
    return 0


def cluster_read_back(conn: duckdb.DuckDBPyConnection, clusters: int = 200) -> str:
    """Time reading back the members of `clusters` copy clusters (what the linker does when a cluster that
    left memory is copied again) with the index on `link_articles.cluster_id`, then without it."""
    from dateline.link import tables

    ids = [r[0] for r in conn.execute("SELECT DISTINCT cluster_id FROM link_articles ORDER BY hash(cluster_id) "
                                      "LIMIT ?", [clusters]).fetchall()]
    indexed = conn.execute("SELECT count(*) FROM duckdb_indexes() WHERE index_name = 'link_articles_cluster'").fetchone()[0]
    timed = {}
    for name in ("with the index", "by a scan")[1 - indexed:]:
        started = time.process_time()
        for cluster_id in ids:
            tables.load_cluster(conn, cluster_id)
        timed[name] = (time.process_time() - started) / len(ids) * 1000
        conn.execute("DROP INDEX IF EXISTS link_articles_cluster")
    ratio = f" ({timed['by a scan'] / timed['with the index']:.1f}x)" if len(timed) == 2 else ""
    return "cluster read-back, CPU ms each: " + ", ".join(f"{t:.2f} {name}" for name, t in timed.items()) + ratio


def report_heap(snapshot: tracemalloc.Snapshot, n: int) -> None:
    """The heap still held after linking, by the dateline module (or library) that allocated it."""
    by_module: dict[str, int] = {}
    for stat in snapshot.statistics("filename"):
        name = stat.traceback[0].filename
        key = name.split("/src/")[-1] if "/src/dateline/" in name else Path(name).parent.name + "/" + Path(name).name
        by_module[key] = by_module.get(key, 0) + stat.size
    print("heap kept after linking, by allocating module:")
    for key, size in sorted(by_module.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  {key:40} {size / 2**20:8.1f} MB  {size / n / 1024:6.2f} KB per article")


if __name__ == "__main__":
    sys.exit(main())
