"""Evaluation against gold data: one module per task, each a `dateline eval TASK`.

A task module defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``evaluate(args) -> dict`` (the metrics, JSON-ready) and ``report(result)``
(human-readable text). The CLI discovers the modules in this package.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared"
"""The shared data folder beside the project, where the gold standards are."""
