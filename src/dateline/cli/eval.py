"""`dateline eval TASK`: accuracy on gold data (extraction, events, quotes, time)."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys

import dateline.eval as eval_pkg


def register(sub) -> None:
    p = sub.add_parser(
        "eval",
        help="measure accuracy on gold data",
        description="Measure accuracy on gold data. Each TASK prints its metrics; --json prints one JSON object.",
    )
    tasks = p.add_subparsers(dest="task", metavar="TASK")
    tasks.required = True
    for info in sorted(pkgutil.iter_modules(eval_pkg.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{eval_pkg.__name__}.{info.name}")
        if not hasattr(module, "evaluate"):
            continue
        t = tasks.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(t)
        t.add_argument("--json", action="store_true", help="print one JSON object with the metrics")
        t.set_defaults(func=lambda args, m=module: _run(m, args))


def _run(module, args) -> int:
    try:
        result = module.evaluate(args)
    except (OSError, ValueError) as err:  # a gold folder missing or in another format
        print(f"dateline eval {module.NAME}: {err}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(module.report(result))
    return 0
