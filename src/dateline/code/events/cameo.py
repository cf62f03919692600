"""The CAMEO event code table, with each code's Goldstein score, QuadClass and PLOVER 2.0 type.

The table is our data file `data/cameo.tsv` (format in its header). Codes that
user dictionaries bring and the table lacks (TABARI/PETRARCH dictionaries carry
old WEIS codes) still code: their root is their first two digits when those are
a CAMEO root, and the PLOVER fields stay empty.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from dateline.code.data_files import DATA_DIR

DATA = DATA_DIR / "cameo.tsv"


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    root: str
    goldstein: float
    quad_class: int
    plover: str | None = None
    plover_mode: str | None = None
    plover_context: str | None = None
    reciprocal: bool = False


def quad_class(root: str) -> int:
    """GDELT's QuadClass of a CAMEO root: 1 verbal cooperation (01-05), 2 material
    cooperation (06-09), 3 verbal conflict (10-14), 4 material conflict (15-20); 0 unknown."""
    if not root.isdigit():
        return 0
    r = int(root)
    return 1 if 1 <= r <= 5 else 2 if 6 <= r <= 9 else 3 if 10 <= r <= 14 else 4 if 15 <= r <= 20 else 0


@lru_cache(maxsize=1)
def table() -> dict[str, CameoCode]:
    """Every CAMEO code by its code string (``"041"``)."""
    with DATA.open(encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {
            r["code"]: CameoCode(
                code=r["code"], name=r["name"], root=r["root"], goldstein=float(r["goldstein"]),
                quad_class=int(r["quad_class"]), plover=r["plover"] or None,
                plover_mode=r["plover_mode"] or None, plover_context=r["plover_context"] or None,
                reciprocal=r["reciprocal"] == "1",
            )
            for r in rows
        }


def lookup(code: str) -> CameoCode:
    """The table entry for `code`, or an entry derived from its root for codes
    the table lacks (user dictionaries)."""
    known = table().get(code)
    if known:
        return known
    root = code[:2]
    parent = table().get(root)
    if parent is None:
        return CameoCode(code=code, name=code, root=root, goldstein=0.0, quad_class=quad_class(root))
    return CameoCode(
        code=code, name=parent.name, root=root, goldstein=parent.goldstein,
        quad_class=parent.quad_class, plover=parent.plover,
    )
