"""The extract stage's data files: packaged lists plus user additions.

Each list lives in `data/` and may be extended by a user file of the same format
named by an environment variable (read when the list is first loaded).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path


def data_lines(name: str, env_var: str) -> Iterator[str]:
    """Non-empty, non-comment lines of `data/<name>`, then of the file `$env_var` names."""
    texts = [resources.files("dateline.extract").joinpath("data", name).read_text(encoding="utf-8")]
    user = os.environ.get(env_var)
    if user:
        texts.append(Path(user).read_text(encoding="utf-8"))
    for text in texts:
        for line in text.splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                yield line.rstrip("\n")
