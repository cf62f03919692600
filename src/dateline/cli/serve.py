"""`dateline serve`: the store, read-only, over HTTP (JSON API, its docs, a web page)."""

from __future__ import annotations

import sys

from dateline.cli.options import add_db, number, reports_store_errors


def register(sub) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the store read-only over HTTP: a web page, a JSON API and exports",
        description="Serve the store read-only over HTTP: a web page at /, the JSON API under /api (docs/api.md) "
        "with its reference at /docs, and exports at /api/export/FORMAT. Each query holds the store only while "
        "it runs (at most --timeout seconds), and a waiting `dateline ingest` gets the file before new requests.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=number(int, 1, 65535), default=8000, help="port to listen on, 1-65535 (default 8000)")
    p.add_argument("--allow-host", action="append", metavar="NAME", default=None,
                   help="a Host name requests may use (repeatable; default: the names of --host, any for 0.0.0.0)")
    p.add_argument("--timeout", type=number(float, 0.01, 3600), default=2.0, metavar="S",
                   help="interrupt any query after S seconds (default 2)")
    add_db(p)
    p.set_defaults(func=run)


@reports_store_errors
def run(args) -> int:
    import uvicorn  # the web stack loads only for this command, not on every start of the CLI

    from dateline.serve.web.api import create_app
    from dateline.serve.web.guard import default_hosts

    hosts = tuple(args.allow_host) if args.allow_host else default_hosts(args.host)
    app = create_app(args.db, hosts=hosts, timeout=args.timeout)
    url = f"http://{args.host}:{args.port}"
    print(f"serving {app.state.db_path} at {url}/ (API docs: {url}/docs; Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
