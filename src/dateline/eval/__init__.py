"""Evaluation against gold data: one module per task, each a `dateline eval TASK`.

A task module defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``evaluate(args) -> dict`` (the metrics, JSON-ready) and ``report(result)``
(human-readable text). The CLI discovers the modules in this package.
"""
