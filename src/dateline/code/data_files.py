"""Reading the coding stage's data files, ours and the ones users add.

Every table here is tab-separated text with ``#`` comment lines, and every
extensible one takes user files from a config key plus an environment
variable; the readers share these two steps.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"
"""The built-in tables of every coder, kept in one folder shipped as package data."""


def tsv_rows(text: str) -> Iterable[list[str]]:
    """The tab-separated columns of each line that is neither blank nor a ``#`` comment."""
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            yield line.split("\t")


def configured_paths(config: dict[str, Any] | None, key: str, env_var: str) -> tuple[str, ...]:
    """Paths config key `key` lists, then those of `env_var` (joined by the OS path separator)."""
    paths = list((config or {}).get(key) or ())
    paths.extend(p for p in os.environ.get(env_var, "").split(os.pathsep) if p.strip())
    return tuple(paths)
