"""Where a trigger stands among the sentence's clauses: subordinate acts are often unrealised or only aims."""

from __future__ import annotations

from typing import Any

EMBEDDING_DEPS = {"ccomp", "xcomp", "advcl", "acl", "relcl", "pcomp", "pobj"}


def embedding(token: Any) -> int:
    """How many clauses the trigger is embedded in (0 in the main clause)."""
    return sum(t.dep_ in EMBEDDING_DEPS for t in [token, *token.ancestors])


def is_purpose(token: Any) -> bool:
    """A to-infinitive saying what another act was for ("began a hunger strike
    to demand ..."): the act is the event, the purpose only its aim."""
    return token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
