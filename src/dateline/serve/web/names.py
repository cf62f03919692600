"""Names for the codes the page shows: CAMEO event codes, QuadClasses, actor countries."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

QUAD_CLASSES = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict"}


@lru_cache(maxsize=1)
def code_names() -> dict[str, Any]:
    """CAMEO codes with name, Goldstein score and QuadClass; QuadClass names; ISO-3 country names
    (the first three letters of most CAMEO actor codes), plus the CAMEO actor type names."""
    import pycountry

    from dateline.code.events.cameo import table

    return {
        "cameo": {c.code: {"name": c.name, "goldstein": c.goldstein, "quad_class": c.quad_class}
                  for c in table().values()},
        "quad_class": QUAD_CLASSES,
        "countries": {c.alpha_3: getattr(c, "common_name", c.name) for c in pycountry.countries},
    }
