"""Rewritten copies of real articles: the patterns republishing sites apply.

Used to build the labelled copy-detection set (`dateline eval copies`), the
tests and the linking benchmark. Every transformation is deterministic for a
given seed and models something seen in the wild:

- ``artefacts``: the seed article's scars: a doubled word before a full stop
  ("guarantees. security,"), "he said. he pointed out.", an elision mark
  "<...>" inside a quote, a space before a comma, a stray ". .".
- ``synonyms``: a rewriter's word swaps ("said" → "stated", "country" → "nation").
- ``reorder``: paragraphs after the lead shuffled.
- ``boilerplate``: a site's header and footer added and the last paragraph cut.
- ``truncate``: only the first two thirds republished.
- ``rewrite``: synonyms, artefacts and reordering together.
- ``heavy``: all of it: boilerplate, rewrite, then only two thirds kept (the
  limit of what we expect to catch; not every such copy is found).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

SYNONYMS = {
    "said": "stated",
    "told": "informed",
    "president": "leader",
    "country": "nation",
    "government": "administration",
    "officials": "authorities",
    "meeting": "talks",
    "important": "significant",
    "big": "large",
    "help": "assist",
    "show": "demonstrate",
    "began": "started",
    "start": "begin",
    "try": "attempt",
    "buy": "purchase",
    "need": "require",
    "get": "obtain",
    "use": "utilise",
    "many": "numerous",
    "people": "individuals",
    "because": "since",
    "about": "regarding",
    "announced": "declared",
    "soon": "shortly",
    "near": "close",
    "received": "got",
    "asked": "requested",
    "campaign": "drive",
    "voters": "electorate",
    "candidate": "contender",
    "support": "backing",
    "plan": "scheme",
    "new": "fresh",
    "week": "seven days",
    "reporters": "journalists",
}

HEADER = "Share this article\n\nFollow us on social media for the latest news.\n\n"
FOOTER = "\n\nAbout Author\n\nComments are closed.\n\nSubscribe to our newsletter for daily updates. © All rights reserved."

Rewrite = Callable[[str, random.Random], str]


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def artefacts(text: str, rng: random.Random) -> str:
    text = re.sub(r"\b(said|added|stressed)\.", r"\1. he pointed out.", text, count=2)
    text = re.sub(r"(\w+)\. ", lambda m: f"{m.group(1)}. {m.group(1)} " if rng.random() < 0.15 else m.group(0), text)
    text = re.sub(r"“([^”]{40,}?), ", "“\\1 <...> ", text, count=1)
    text = text.replace(", ", " , ", 1)
    return re.sub(r"\.\n", ". .\n", text, count=1)


def synonyms(text: str, rng: random.Random) -> str:
    def swap(m: re.Match) -> str:
        word = m.group(0)
        new = SYNONYMS.get(word.lower())
        if not new or rng.random() < 0.2:
            return word
        return new.capitalize() if word[0].isupper() else new

    return re.sub(r"\b[A-Za-z]+\b", swap, text)


def reorder(text: str, rng: random.Random) -> str:
    paras = _paragraphs(text)
    head, body = paras[:2], paras[2:]
    rng.shuffle(body)
    return "\n\n".join(head + body)


def boilerplate(text: str, rng: random.Random) -> str:
    paras = _paragraphs(text)
    kept = paras[:-1] if len(paras) > 3 else paras
    return HEADER + "\n\n".join(kept) + FOOTER


def truncate(text: str, rng: random.Random) -> str:
    paras = _paragraphs(text)
    return "\n\n".join(paras[: max(2, (2 * len(paras) + 2) // 3)])


def rewrite(text: str, rng: random.Random) -> str:
    return reorder(artefacts(synonyms(text, rng), rng), rng)


def heavy(text: str, rng: random.Random) -> str:
    return truncate(rewrite(boilerplate(text, rng), rng), rng)


REWRITES: dict[str, Rewrite] = {
    "artefacts": artefacts,
    "synonyms": synonyms,
    "reorder": reorder,
    "boilerplate": boilerplate,
    "truncate": truncate,
    "rewrite": rewrite,
    "heavy": heavy,
}


def apply(name: str, text: str, seed: int = 0) -> str:
    """`text` rewritten by the transformation `name`, reproducibly for `seed`."""
    return REWRITES[name](text, random.Random(seed))
