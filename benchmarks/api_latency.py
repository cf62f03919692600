"""`/api/events` latency with filters and facets on a store of synthetic events, beside the same queries
run in DuckDB directly.

Builds a store of ``--events`` events (default 100,000; 25 per article, days over 2021-2023, 30
countries, 20 outlets, every CAMEO code) with SQL, serves it with `dateline serve`'s app under
uvicorn on 127.0.0.1, and times ``--requests`` sequential requests per query over HTTP: p50 and
p99. The baseline is the same `query.page` (count, page and facets) on a connection kept open,
with no HTTP, JSON or per-request connection; the ratio says what serving adds. The server
interrupts a query after ``--timeout`` seconds (`dateline serve`'s default, 2 s) and answers 503
("narrow the filters"): such requests are counted, and timed up to the answer.

    PYTHONPATH=src python benchmarks/api_latency.py [--events 100000] [--requests 200] [--timeout 2]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import tempfile
import threading
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


def serve(path: Path, timeout: float) -> tuple[str, object]:
    import uvicorn

    from dateline.serve.web.api import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(path, timeout=timeout), host="127.0.0.1", port=port,
                                           log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}/api/events", server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--timeout", type=float, default=2.0, help="the server's query deadline in seconds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.duckdb"
        started = time.perf_counter()
        build(path, args.events)
        with Store(path, read_only=True) as store:
            total = store.count("events")
        size = path.stat().st_size
        print(f"store: {total:,} events, {size / 1e6:.0f} MB ({size / total:.0f} bytes an event with its article), "
              f"built in {time.perf_counter() - started:.1f} s")
        url, server = serve(path, args.timeout)
        print(f"{'query (limit 100, 8 facets)':32} {'rows':>10} {'HTTP p50':>9} {'p99':>7} {'DuckDB p50':>11} {'p99':>7} "
              f"{'ratio p50':>9} {'over ' + format(args.timeout, 'g') + ' s':>9}")
        with Store(path, read_only=True) as store:
            for name, filters in QUERIES.items():
                chosen = parse("events", dict(p.split("=") for p in filters.split("&") if p))
                chosen.limit = 100
                direct = []
                for _ in range(args.requests):
                    t = time.perf_counter()
                    page = query.page(store, "events", chosen, tuple(FACETS.split(",")))
                    direct.append(time.perf_counter() - t)
                http, late = [], 0
                for _ in range(args.requests):
                    t = time.perf_counter()
                    try:
                        with urllib.request.urlopen(f"{url}?{filters}&limit=100&facets={FACETS}") as response:
                            response.read()
                    except urllib.error.HTTPError as error:  # 503: interrupted at the deadline
                        late += error.code == 503
                    http.append(time.perf_counter() - t)
                (h50, h99), (d50, d99) = percentiles(http), percentiles(direct)
                print(f"{name:32} {page.total:>10,} {1000 * h50:>7.0f}ms {1000 * h99:>5.0f}ms {1000 * d50:>9.0f}ms "
                      f"{1000 * d99:>5.0f}ms {h50 / d50:>8.2f}x {late:>4}/{args.requests}", flush=True)
        server.should_exit = True


if __name__ == "__main__":
    main()
