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
the same store first with the `dateline` package in the folder SRC (an earlier version, e.g.
``git archive 28581ad src | tar -x -C /tmp/before``), then with this one, in the same run.

    PYTHONPATH=src python benchmarks/api_latency.py [--events 100000] [--requests 200] [--timeout 2]
        [--db FILE] [--compare /tmp/before/src]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

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


def build(path: Path, events: int) -> None:
    """A store of `events` synthetic events, 25 per article, written with SQL (no NLP)."""
    codes = sorted(c.code for c in table().values())
    articles = max(1, events // 25)
    with Store(path) as store:
        con = store.con
        con.execute(
            "INSERT INTO articles (id, origin, content_hash, status, title, site, published, text) "
            "SELECT 'a' || range, 'https://site' || (range % 20) || '.org/' || range, 'h' || range, 'ok', "
            "'Article ' || range, 'site' || (range % 20) || '.org', "
            "strftime(DATE '2021-01-01' + CAST(range % 1095 AS INTEGER), '%Y-%m-%d'), 'text' FROM range(?)",
            [articles],
        )
        con.execute(
            "INSERT INTO events (article_id, seq, id, cameo, cameo_root, quad_class, goldstein, date, "
            "source_name, source_code, target_name, target_code, trigger, sentence, spans, modality, rule, confidence) "
            "SELECT 'a' || (range // 25), range % 25, 'e' || range, c.code, substr(c.code, 1, 2), "
            "CASE WHEN substr(c.code, 1, 2) <= '05' THEN 1 WHEN substr(c.code, 1, 2) <= '09' THEN 2 "
            "WHEN substr(c.code, 1, 2) <= '14' THEN 3 ELSE 4 END, (hash(range) % 20) / 2.0 - 5, "
            "strftime(DATE '2021-01-01' + CAST((range // 25) % 1095 AS INTEGER), '%Y-%m-%d'), "
            "s.name, s.name || 'GOV', t.name, t.name || 'GOV', 'talks', "
            "s.name || ' held talks with ' || t.name || ' on day ' || range, '{}', [], 'bench', 0.5 + (range % 50) / 100 "
            "FROM range(?) "
            "JOIN (SELECT unnest(?::VARCHAR[]) AS code, generate_subscripts(?::VARCHAR[], 1) - 1 AS i) c "
            "ON c.i = hash(range * 7) % ? "
            "JOIN (SELECT unnest(?::VARCHAR[]) AS name, generate_subscripts(?::VARCHAR[], 1) - 1 AS i) s "
            "ON s.i = hash(range * 13) % 30 "
            "JOIN (SELECT unnest(?::VARCHAR[]) AS name, generate_subscripts(?::VARCHAR[], 1) - 1 AS i) t "
            "ON t.i = hash(range * 17) % 30",
            [events, codes, codes, len(codes), COUNTRIES, COUNTRIES, COUNTRIES, COUNTRIES],
        )
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "bench.duckdb"
        started = time.perf_counter()
        if not path.exists():
            build(path, args.events)
        with Store(path, read_only=True) as store:
            total = store.count("events")
        size = path.stat().st_size
        print(f"store: {total:,} events, {size / 1e6:.0f} MB ({size / total:.0f} bytes an event with its article), "
              f"ready in {time.perf_counter() - started:.1f} s")
        direct = baseline(path, args.requests)
        versions = [("before", args.compare)] if args.compare else []
        for version, src in [*versions, ("now", Path(__file__).resolve().parent.parent / "src")]:
            url, server = serve(path, args.timeout, src)
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
