"""`/api/events` latency with filters and facets on a store of synthetic events, beside the same queries
run in DuckDB directly.

Builds a store of ``--events`` events (default 100,000; 25 per article, days over 2021-2023, 30
countries, 20 outlets, every CAMEO code) with SQL (or reuses ``--db FILE`` if it exists, so a
10^7 store is built once), serves it with `dateline serve` in a child process on 127.0.0.1, and
times ``--requests`` sequential requests per query over HTTP: p50 and p99. The baseline is the
same `query.page` (page, exact count and every facet, no deadline) on a connection kept open,
with no HTTP, JSON or per-request connection; the ratio says what serving adds. The server
interrupts a request after ``--timeout`` seconds (`dateline serve`'s default, 2 s) and answers
503 ("narrow the filters"); since issue 13's last round a listing gives up its count (then a
lower bound) and the facets it could not count in time instead. Each line counts the answers
that were complete (exact count, every facet), partial, and 503. ``--compare SRC`` serves
the same data first with the `dateline` package in the folder SRC (an earlier version, e.g.
``git archive 28581ad src | tar -x -C /tmp/before``), then with this one, in the same run: a store
of SRC's schema is built beside FILE by SRC's package (``FILE.before.duckdb``: SRC refuses a store of
a newer schema), and a copy of it is opened by this version, which migrates it (timed: the upgrade a
user's older store gets), before a batch of articles is saved into that copy twice (a new batch, then
the same again, replacing it: the writer's cost at this size, of which `event_totals`' share).
``--build-only`` builds ``--db`` and stops (how the baseline's store is built).

    PYTHONPATH=src python benchmarks/api_latency.py [--events 100000] [--requests 200] [--timeout 2]
        [--db FILE] [--compare /tmp/before/src] [--build-only] [--in-day-order]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import duckdb

from dateline.code.events.cameo import table
from dateline.store import Store, query
from dateline.store.filters import parse

FACETS = "root,quad_class,source_country,target_country,outlet,day,timeline,dyad"
QUERIES = {
    "dyad, one month": "source_actor=RUS&target_actor=USA&since=2022-02-01&until=2022-02-28",
    "QuadClass 4, one outlet": "quad_class=4&outlet=site7",
    "text search": "search=talks",
    "no filter": "",
}
COUNTRIES = ["RUS", "USA", "UKR", "CHN", "FRA", "DEU", "GBR", "IRN", "ISR", "PSE", "TUR", "SYR", "IND", "PAK", "JPN",
             "KOR", "PRK", "BRA", "MEX", "CAN", "EGY", "SAU", "IRQ", "AFG", "POL", "BLR", "KAZ", "NGA", "ZAF", "ETH"]


def build(path: Path, events: int, in_day_order: bool = False) -> None:
    """A store of `events` synthetic events, 25 per article, written with SQL (no NLP), with what the store
    derives from them when its schema has it (an event's `article_day`, the kept totals: migration 007).
    The articles' days go round the three years article after article, so every row group holds every
    day (no min-max index can skip one), or with `in_day_order` rise with them (as a feed is ingested)."""
    codes = sorted(c.code for c in table().values())
    articles = max(1, events // 25)
    nth_day = (lambda n: f"({n}) * 1095 // {articles}") if in_day_order else (lambda n: f"({n}) % 1095")
    with Store(path) as store:
        con = store.con
        derived = con.execute("SELECT count(*) FROM information_schema.columns "
                              "WHERE table_name = 'events' AND column_name = 'article_day'").fetchone()[0]
        day = f"strftime(DATE '2021-01-01' + CAST({nth_day('range // 25')} AS INTEGER), '%Y-%m-%d')"
        con.execute(
            "INSERT INTO articles (id, origin, content_hash, status, title, site, published, text) "
            "SELECT 'a' || range, 'https://site' || (range % 20) || '.org/' || range, 'h' || range, 'ok', "
            "'Article ' || range, 'site' || (range % 20) || '.org', "
            f"strftime(DATE '2021-01-01' + CAST({nth_day('range')} AS INTEGER), '%Y-%m-%d'), 'text' FROM range(?)",
            [articles],
        )
        con.execute(
            "INSERT INTO events (article_id, seq, id, cameo, cameo_root, quad_class, goldstein, date, "
            "source_name, source_code, target_name, target_code, trigger, sentence, spans, modality, rule, confidence"
            f"{', article_day' if derived else ''}) "
            "SELECT 'a' || (range // 25), range % 25, 'e' || range, c.code, substr(c.code, 1, 2), "
            "CASE WHEN substr(c.code, 1, 2) <= '05' THEN 1 WHEN substr(c.code, 1, 2) <= '09' THEN 2 "
            f"WHEN substr(c.code, 1, 2) <= '14' THEN 3 ELSE 4 END, (hash(range) % 20) / 2.0 - 5, {day}, "
            "s.name, s.name || 'GOV', t.name, t.name || 'GOV', 'talks', "
            "s.name || ' held talks with ' || t.name || ' on day ' || range, '{}', [], 'bench', 0.5 + (range % 50) / 100"
            f"{', ' + day if derived else ''} FROM range(?) "
            "JOIN (SELECT unnest(?::VARCHAR[]) AS code, generate_subscripts(?::VARCHAR[], 1) - 1 AS i) c "
            "ON c.i = hash(range * 7) % ? "
            "JOIN (SELECT unnest(?::VARCHAR[]) AS name, generate_subscripts(?::VARCHAR[], 1) - 1 AS i) s "
            "ON s.i = hash(range * 13) % 30 "
            "JOIN (SELECT unnest(?::VARCHAR[]) AS name, generate_subscripts(?::VARCHAR[], 1) - 1 AS i) t "
            "ON t.i = hash(range * 17) % 30",
            [events, codes, codes, len(codes), COUNTRIES, COUNTRIES, COUNTRIES, COUNTRIES],
        )
        if derived:
            from dateline.store import totals

            totals.rebuild(con)
        con.execute("CHECKPOINT")


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def serve(path: Path, timeout: float, src: Path) -> tuple[str, subprocess.Popen]:
    """`dateline serve` of the package in `src` on a free port, once it answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "dateline", "serve", "--db", str(path), "--port", str(port), "--timeout", str(timeout)],
        env={**os.environ, "PYTHONPATH": str(src)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/api/events"
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"{url}?limit=1", timeout=30):
                return url, server
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    server.kill()
    raise RuntimeError(f"the server of {src} did not start")


def over_http(url: str, filters: str, requests: int) -> tuple[list[float], dict[str, int]]:
    """Times of `requests` sequential requests, and how many answers were complete, partial or 503."""
    times, kinds = [], {"complete": 0, "partial": 0, "503": 0}
    for _ in range(requests):
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(f"{url}?{filters}&limit=100&facets={FACETS}") as response:
                body = json.loads(response.read())
            partial = body.get("total_exact") is False or body.get("facets_not_computed")
            kinds["partial" if partial else "complete"] += 1
        except urllib.error.HTTPError as error:  # 503: interrupted at the deadline
            if error.code != 503:
                raise
            kinds["503"] += 1
        times.append(time.perf_counter() - started)
    return times, kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--timeout", type=float, default=2.0, help="the server's query deadline in seconds")
    parser.add_argument("--db", type=Path, help="the store to build, or to reuse if it exists (default: a temporary one)")
    parser.add_argument("--compare", metavar="SRC", type=Path,
                        help="serve first with the dateline package in SRC, then with this one")
    parser.add_argument("--build-only", action="store_true", help="build the store --db and stop")
    parser.add_argument("--in-day-order", action="store_true",
                        help="build a store whose articles come in day order (a feed) rather than going round the days")
    args = parser.parse_args()
    if args.build_only:
        build(args.db, args.events, args.in_day_order)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "bench.duckdb"
        stores = {"now": path}
        if args.compare:
            stores = {"before": path.with_name(f"{path.stem}.before{path.suffix}"), **stores}
        for version, store_path in stores.items():
            started = time.perf_counter()
            if not store_path.exists():
                build_with(store_path, args.events, args.compare if version == "before" else None, args.in_day_order)
            with duckdb.connect(str(store_path), read_only=True) as con:  # as it is: `Store` would migrate it
                total = con.execute("SELECT count(*) FROM events").fetchone()[0]
            size = store_path.stat().st_size
            print(f"{version} store: {total:,} events, {size / 1e6:.0f} MB ({size / total:.0f} bytes an event with its "
                  f"article), ready in {time.perf_counter() - started:.1f} s ({store_path})", flush=True)
        if args.compare:
            migrated(stores["before"], Path(folder) / "migrated.duckdb")
        direct = baseline(path, args.requests)
        for version, store_path in stores.items():
            src = args.compare if version == "before" else Path(__file__).resolve().parent.parent / "src"
            url, server = serve(store_path, args.timeout, src)
            print(f"== {version} ({src})\n{'query (limit 100, 8 facets)':32} {'rows':>10} {'HTTP p50':>9} {'p99':>7} "
                  f"{'DuckDB p50':>11} {'p99':>7} {'ratio p50':>9}  complete/partial/503", flush=True)
            try:
                for name, filters in QUERIES.items():
                    http, kinds = over_http(url, filters, args.requests)
                    (h50, h99), (d50, d99), rows = percentiles(http), percentiles(direct[name][0]), direct[name][1]
                    print(f"{name:32} {rows:>10,} {1000 * h50:>7.0f}ms {1000 * h99:>5.0f}ms {1000 * d50:>9.0f}ms "
                          f"{1000 * d99:>5.0f}ms {h50 / d50:>8.2f}x  {kinds['complete']}/{kinds['partial']}/{kinds['503']}",
                          flush=True)
            finally:
                server.terminate()
                server.wait()


def build_with(path: Path, events: int, src: Path | None, in_day_order: bool) -> None:
    """`build`, by the dateline package in `src` (its schema) when given."""
    if src is None:
        build(path, events, in_day_order)
        return
    subprocess.run([sys.executable, __file__, "--build-only", "--db", str(path), "--events", str(events),
                    *(["--in-day-order"] if in_day_order else [])], env={**os.environ, "PYTHONPATH": str(src)}, check=True)


def migrated(old: Path, copy: Path) -> None:
    """Open a copy of the store of the earlier schema with this version (which migrates it), then save a batch of
    articles into it, new and then again (replacing itself), and print what each took."""
    from dateline.store import totals

    shutil.copyfile(old, copy)
    started = time.perf_counter()
    with Store(copy) as store:
        opened = time.perf_counter() - started
        size = copy.stat().st_size
        batch = synthetic_batch(20)
        saves = []
        for _ in range(2):
            started = time.perf_counter()
            store.save_articles(batch)
            saves.append(time.perf_counter() - started)
        started = time.perf_counter()
        store.con.execute("BEGIN TRANSACTION")
        totals.add(store.con, [a.id for a in batch], -1)
        totals.add(store.con, [a.id for a in batch], 1)
        store.con.execute("ROLLBACK")
        kept = time.perf_counter() - started
    print(f"the before store opened by this version (migration 007, totals counted): {opened:.1f} s, "
          f"{old.stat().st_size / 1e6:.0f} -> {size / 1e6:.0f} MB; a batch of {len(batch)} articles "
          f"({sum(len(a.events) for a in batch)} events) saved into it: new {1000 * saves[0]:.0f} ms, again "
          f"{1000 * saves[1]:.0f} ms; keeping the totals for a replaced batch {1000 * kept:.0f} ms of that", flush=True)
    copy.unlink()


def synthetic_batch(size: int) -> list:
    """`size` articles of 25 events each, as a run would save them."""
    from dateline.model import ActorRef, Article, Event

    articles = []
    for n in range(size):
        article = Article(id=f"batch{n}", origin=f"https://site{n % 20}.org/batch{n}", content_hash=f"batch{n}",
                          title=f"Batch {n}", site=f"site{n % 20}.org", published="2023-12-31", text="text",
                          events=[Event(id=f"b{n}-{i}", cameo="042", cameo_root="04", plover="CONSULT", quad_class=1,
                                        goldstein=1.0, date="2023-12-31", place=None,
                                        source=ActorRef("Russia", "Russia", "RUSGOV"),
                                        target=ActorRef("France", "France", "FRAGOV"), trigger="talks",
                                        sentence="Russia held talks with France.", spans={}, modality=[],
                                        rule="bench", confidence=0.9) for i in range(25)])
        for event in article.events:
            event.article_id = article.id
        articles.append(article)
    return articles


def baseline(path: Path, requests: int) -> dict[str, tuple[list[float], int]]:
    """Each query's times as one `query.page` with every facet and the exact count (no deadline), and its rows."""
    found = {}
    with Store(path, read_only=True) as store:
        for name, filters in QUERIES.items():
            chosen = parse("events", dict(p.split("=") for p in filters.split("&") if p))
            chosen.limit = 100
            times = []
            for _ in range(requests):
                started = time.perf_counter()
                page = query.page(store, "events", chosen, tuple(FACETS.split(",")))
                times.append(time.perf_counter() - started)
            found[name] = (times, page.total)
    return found


if __name__ == "__main__":
    main()
