"""Code: turn an analysed article into actors, events, quotes and times.

One sub-package per coder (`actors`, `events`, `quotes`, `time`); each
registers its pipeline component in its ``__init__`` (see `dateline.pipeline`).
Tables shared with users live in ``data/`` (`data_files` reads them).
"""
