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


def question_content(token: Any) -> set[int]:
    """The tokens of a request verb's complement when it is an indirect question ("asked whether he would meet
    Putin", "asked who paid"), else none: a question is not an appeal, and what it asks about is no act."""
    for clause in token.children:
        if clause.dep_ in ("ccomp", "advcl", "xcomp"):
            first = min(clause.subtree, key=lambda t: t.i)
            if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause.children) or \
                    first.tag_ in ("WDT", "WP", "WP$", "WRB"):
                return {t.i for t in clause.subtree}
    return set()
