"""Where users name their own data files: a config key plus an environment variable.

Every extensible table of the coding stage (verb dictionaries, discard lists,
actor dictionaries) takes its user files the same way, so they share this.
"""

from __future__ import annotations

import os
from typing import Any


def configured_paths(config: dict[str, Any] | None, key: str, env_var: str) -> tuple[str, ...]:
    """Paths config key `key` lists, then those of `env_var` (joined by the OS path separator)."""
    paths = list((config or {}).get(key) or ())
    paths.extend(p for p in os.environ.get(env_var, "").split(os.pathsep) if p.strip())
    return tuple(paths)
