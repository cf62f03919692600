"""Where a trigger stands among the sentence's clauses and voices: subordinate acts are often unrealised or only
aims, and what is asked, quoted or said of oneself is often opinion rather than an act."""

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


PERSONAL = {"i", "we", "you", "me", "us"}


def voice(token: Any) -> list[float]:
    """Whether the trigger's sentence is a question, the trigger stands inside quotation marks, and its clause's
    subject is I, we or you: marks of opinion, argument and advice rather than reported acts."""
    sent = token.sent
    before = sent.text[:token.idx - sent.start_char]
    quotes = sum(before.count(q) for q in ('"', "\u201c", "\u201d"))
    head = token if token.dep_ in ("ROOT", "ccomp", "advcl", "conj", "xcomp") else token.head
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return [sent.text.rstrip().endswith("?"), quotes % 2 == 1,
            subject is not None and subject.lower_ in PERSONAL]
