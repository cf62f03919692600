"""`dateline serve`: the store, read-only, over HTTP (JSON API, its docs, a web page)."""

from __future__ import annotations

import sys

from dateline.cli.options import add_db, number, reports_store_errors


def register(sub) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the store read-only over HTTP: a web page, a JSON API and exports",
        description="Serve the store read-only over HTTP: a web page at /, the JSON API under /api (docs/api.md) "
        "with its OpenAPI docs at /docs, and exports at /api/export/FORMAT. Each request reads the store on "
        "its own, so `dateline ingest` can add to it while it is served.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=number(int, 1, 65535), default=8000, help="port to listen on, 1-65535 (default 8000)")
    add_db(p)
    p.set_defaults(func=run)


@reports_store_errors
def run(args) -> int:
    import uvicorn  # the web stack loads only for this command, not on every start of the CLI

    from dateline.serve.web.api import create_app

    app = create_app(args.db)
    url = f"http://{args.host}:{args.port}"
    print(f"serving {app.state.db_path} at {url}/ (API docs: {url}/docs; Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
