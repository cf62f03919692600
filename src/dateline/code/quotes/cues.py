"""The quote cue lexicon: reporting verbs and source phrases (data/quote_cues.tsv).

Users extend it with files of the same format, named by ``config["quote_cues"]``
or the ``DATELINE_QUOTE_CUES`` environment variable (paths separated by the OS
path separator); entries in later files replace earlier ones.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from dateline.code.data_files import DATA_DIR

BUILTIN = DATA_DIR / "quote_cues.tsv"
ENV_VAR = "DATELINE_QUOTE_CUES"
DEFAULT_FRAMES = ("ccomp",)
KINDS = ("speech", "stance", "belief", "evidence", "source", "noun", "adjective", "adverb")
"""What a cue says about its content: ``source`` is a phrase, ``noun`` a noun
("his comments on X"), ``adjective`` a predicate adjective ("X is confident that"),
``adverb`` an unsourced sentence adverb ("reportedly"), the rest are verbs."""


@dataclass(frozen=True)
class Cue:
    """One lexicon entry: `lemma` is the verb or the phrase's first word."""

    text: str
    kind: str
    weight: float
    particle: str | None = None
    frames: tuple[str, ...] = DEFAULT_FRAMES


@dataclass
class CueLexicon:
    """Verb cues by lemma (phrasal verbs by lemma and particle), noun, adjective and adverb
    cues by lemma, source phrases by words."""

    verbs: dict[str, Cue] = field(default_factory=dict)
    phrasal: dict[tuple[str, str], Cue] = field(default_factory=dict)
    phrases: dict[tuple[str, ...], Cue] = field(default_factory=dict)
    nouns: dict[str, Cue] = field(default_factory=dict)
    adjectives: dict[str, Cue] = field(default_factory=dict)
    adverbs: dict[str, Cue] = field(default_factory=dict)

    def add(self, cue: Cue) -> None:
        words = tuple(cue.text.lower().split())
        if cue.kind == "source":
            self.phrases[words] = cue
        elif cue.kind == "noun":
            self.nouns[words[0]] = cue
        elif cue.kind in ("adjective", "adverb"):
            getattr(self, cue.kind + "s")[words[0]] = cue
        elif len(words) == 2:
            self.phrasal[words] = Cue(cue.text, cue.kind, cue.weight, particle=words[1], frames=cue.frames)
        else:
            self.verbs[words[0]] = cue

    def verb(self, lemma: str, particles: tuple[str, ...] = ()) -> Cue | None:
        """The cue for a verb with these particles: a phrasal entry first, else the bare verb."""
        for particle in particles:
            if (cue := self.phrasal.get((lemma, particle))) is not None:
                return cue
        return self.verbs.get(lemma)


def parse_line(line: str) -> Cue | None:
    """One TSV line as a `Cue`; comments, blanks and malformed lines give None."""
    line = line.strip()
    if not line or line.startswith("#"):
        return None
    cols = [c.strip() for c in line.split("\t")]
    if len(cols) < 2 or cols[1] not in KINDS:
        return None
    try:
        weight = float(cols[2]) if len(cols) > 2 else 0.8
    except ValueError:
        return None
    frames = tuple(f.strip() for f in cols[3].split(",") if f.strip()) if len(cols) > 3 else DEFAULT_FRAMES
    return Cue(text=cols[0].lower(), kind=cols[1], weight=weight, frames=frames or DEFAULT_FRAMES)


def user_paths(config: dict[str, Any] | None = None) -> tuple[str, ...]:
    value = (config or {}).get("quote_cues") or os.environ.get(ENV_VAR) or ""
    return tuple(p for p in str(value).split(os.pathsep) if p)


@lru_cache(maxsize=8)
def load_lexicon(extra: tuple[str, ...] = ()) -> CueLexicon:
    """The built-in lexicon with the `extra` files applied over it (loaded once per set of paths)."""
    lexicon = CueLexicon()
    for path in (BUILTIN, *map(Path, extra)):
        for line in path.read_text(encoding="utf-8").splitlines():
            if (cue := parse_line(line)) is not None:
                lexicon.add(cue)
    return lexicon
