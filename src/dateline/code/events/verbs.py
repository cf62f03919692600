"""The trigger dictionary: which verbs, verb phrases and nouns report which CAMEO event.

Two formats load into one `Lexicon` of `Trigger` patterns:

* ours, `data/triggers.tsv` (format in docs/dictionaries.md, section "Verbs"):
  one pattern per line, ``kind<TAB>pattern<TAB>code``; the pattern's first
  word is its head lemma unless another word is marked ``*word``; the other
  words must occur in the head's phrase (particles, prepositions, objects,
  infinitive complements), and a final preposition introduces the target;
* the PETRARCH/TABARI ``.verbs`` format (`read_petrarch_verbs`), so users keep the
  dictionaries they have: ``&SYNSET`` blocks, ``--- VERB [code] ---`` blocks
  listing verbs (with ``{irregular forms}``) and ``- words * words [code]``
  patterns, where ``$`` marks the source, ``+`` the target (before ``*``: the
  subject is the target), ``%`` a compound actor whose members act on each
  other, ``^`` a skipped word, ``_`` joins adjacent words, ``{}`` and ``()``
  group phrases and ``[a:b]`` codes ``a`` from source to target and ``b`` back.

Matching is over the dependency parse, not word order: a pattern matches when
every word of it is found in the head's phrase (words written before ``*``:
anywhere before the head in its sentence). The most specific match wins.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from dateline.code.data_files import DATA_DIR, configured_paths

DATA = DATA_DIR / "triggers.tsv"
ENV_VAR = "DATELINE_VERBS"
NO_EVENT = "---"
"""The code PETRARCH dictionaries use for "this phrase reports no event"."""


@dataclass(frozen=True)
class Trigger:
    """One dictionary pattern. Each element of `words`/`before` is a set of
    alternative lower-case words or lemmas (a synset gives several)."""

    head: str
    kind: str
    code: str
    words: tuple[frozenset[str], ...] = ()
    before: tuple[frozenset[str], ...] = ()
    reverse_code: str | None = None
    target_prep: str | None = None
    source_prep: str | None = None
    target_is_subject: bool = False
    compound: bool = False
    adjacent_before: bool = False
    adjacent_after: bool = False
    """PETRARCH ``WORD_*`` / ``*_WORD``: the nearest pattern word touches the verb."""
    target_slot: tuple[int, int] | None = None
    source_slot: tuple[int, int] | None = None
    """PETRARCH ``+``/``$`` after ``*``: the actor is the first noun phrase after pattern
    word number ``slot[0]`` (-1: the verb), past ``slot[1]`` skipped ones (``^``)."""
    cameo: bool = True
    """The code is CAMEO's (our dictionary): CAMEO's reciprocal and intent rules apply."""
    rule: str = ""

    @property
    def specificity(self) -> int:
        """How many words the pattern asks for (a phrase alternative counts its words)."""
        return sum(max(len(a.split()) for a in alts) for alts in (*self.words, *self.before))


@dataclass
class Lexicon:
    """Trigger patterns indexed by head word (lemma or surface form, lower case)."""

    by_head: dict[tuple[str, str], list[Trigger]] = field(default_factory=dict)

    def add(self, trigger: Trigger) -> None:
        self.by_head.setdefault((trigger.kind, trigger.head), []).append(trigger)

    def extend(self, triggers: Iterable[Trigger]) -> Lexicon:
        for t in triggers:
            self.add(t)
        return self

    def candidates(self, kind: str, *forms: str) -> list[Trigger]:
        seen: list[Trigger] = []
        for form in dict.fromkeys(forms):
            seen.extend(self.by_head.get((kind, form), ()))
        return seen

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_head.values())


# ---- our format -------------------------------------------------------------

_PREPOSITIONS = {"with", "to", "between", "against", "on", "for", "from", "of", "in", "at", "into", "toward", "towards"}


def parse_pattern(kind: str, pattern: str, code: str, rule: str, reverse_code: str | None = None) -> Trigger:
    """One line of our format as a `Trigger` (see the module docstring)."""
    words = pattern.lower().split()
    marked = [i for i, w in enumerate(words) if w.startswith("*")]
    head_at = marked[0] if marked else 0
    words = [w.lstrip("*") for w in words]
    rest = words[:head_at] + words[head_at + 1:]
    target_prep = rest[-1] if rest and rest[-1] in _PREPOSITIONS else None
    return Trigger(
        head=words[head_at], kind=kind, code=code, reverse_code=reverse_code,
        words=tuple(frozenset([w]) for w in rest), target_prep=target_prep, rule=rule,
    )


def read_triggers(path: Path) -> list[Trigger]:
    """Our TSV trigger file: ``kind pattern code [reverse_code]``, ``#`` comments."""
    triggers = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        cells = [c.strip() for c in line.split("#", 1)[0].split("\t") if c.strip()]
        if len(cells) < 3:
            continue
        kind, pattern, code = cells[:3]
        reverse = cells[3] if len(cells) > 3 else None
        triggers.append(parse_pattern(kind, pattern, code, f"{path.name}:{n}:{pattern}", reverse))
    return triggers


# ---- PETRARCH / TABARI .verbs -----------------------------------------------

_CODE = re.compile(r"\[([^\]]*)\]")
_FORMS = re.compile(r"\{([^}]*)\}")


def _strip_comment(line: str) -> str:
    line = re.sub(r"<!--.*?-->", "", line)
    return line.split("#", 1)[0].rstrip()


def is_code(code: str) -> bool:
    """An event code, or ``---`` (no event); placeholders such as ``+++`` and
    ``###`` mark entries switched off and code nothing."""
    return code == NO_EVENT or any(ch.isalnum() for ch in code)


def _split_code(text: str) -> tuple[str, str | None]:
    code, _, reverse = text.strip().partition(":")
    return code.strip(), (reverse.strip() or None)


def read_synsets(lines: list[str]) -> dict[str, frozenset[str]]:
    """``&NAME`` blocks of ``+member`` lines; members may name other synsets, and
    a multi-word member ("golden goblin galleons") must match as a phrase."""
    raw: dict[str, list[str]] = {}
    current = None
    for line in lines:
        text = _strip_comment(line).strip()
        if text.startswith("&"):
            current = text.split()[0].rstrip("_").upper()
            raw.setdefault(current, [])
        elif current and text.startswith("+"):
            raw[current].append(text[1:].strip())
        elif text:
            current = None

    def expand(name: str, seen: frozenset[str] = frozenset()) -> set[str]:
        out: set[str] = set()
        for member in raw.get(name, ()):
            if member.startswith("&"):
                if member.rstrip("_").upper() not in seen:
                    out |= expand(member.rstrip("_").upper(), seen | {name})
            else:
                words = member.replace("_", " ").lower().split()
                if words:
                    out.add(" ".join(words))
        return out

    return {name: frozenset(expand(name)) for name in raw}


def _pattern_words(text: str, synsets: dict[str, frozenset[str]]) -> list[str | frozenset[str]] | None:
    """Tokens of a pattern side: words, synsets (as sets of alternatives) and the
    markers $ + % ^. Words joined by ``_`` must be adjacent: they become one
    phrase alternative ("new economic relations"), synsets expanded in place.
    None when the side names a synset the file does not define: the pattern
    cannot match (dropping the word would make it match everything)."""
    text = re.sub(r"[{}()]", " ", text)
    out: list[str | frozenset[str]] = []
    for tok in text.split():
        parts = [p for p in tok.split("_") if p]
        if tok in ("$", "+", "%", "^"):
            out.append(tok)
        elif len(parts) == 1 and not parts[0].startswith("&"):
            out.append(parts[0].lower())
        elif parts:
            options = [_alternatives(p, synsets) for p in parts]
            if not all(options):
                return None
            out.append(frozenset(" ".join(combo) for combo in itertools.product(*options)))
    return out


def _alternatives(part: str, synsets: dict[str, frozenset[str]]) -> list[str]:
    if part.startswith("&"):
        return sorted(synsets.get(part.rstrip("_").upper(), ()))
    return [part.lower()]


def _words_only(seq: list[str | frozenset[str]]) -> tuple[frozenset[str], ...]:
    return tuple(w if isinstance(w, frozenset) else frozenset([w]) for w in seq if w not in ("$", "+", "%", "^"))


def _prep_before(seq: list[str | frozenset[str]], marker: str) -> str | None:
    if marker not in seq:
        return None
    i = seq.index(marker)
    prev = seq[i - 1] if i > 0 else None
    return prev if isinstance(prev, str) and prev in _PREPOSITIONS else None


def _slot(seq: list[str | frozenset[str]], marker: str) -> tuple[int, int] | None:
    """Where `marker` stands among a pattern side's words: the index of the word
    before it (-1 for none) and how many ``^`` skips lie between."""
    if marker not in seq:
        return None
    anchor, skips = -1, 0
    for item in seq[: seq.index(marker)]:
        if item == "^":
            skips += 1
        elif item not in ("$", "+", "%"):
            anchor, skips = anchor + 1, 0
    return anchor, skips


def parse_petrarch_pattern(head: str, line: str, synsets: dict[str, frozenset[str]], rule: str) -> Trigger | None:
    """One ``- before * after [code]`` pattern line for verb `head`."""
    m = _CODE.search(line)
    if not m or "*" not in line:
        return None
    code, reverse = _split_code(m.group(1))
    if not is_code(code):
        return None
    body = line[: m.start()].lstrip("- ").strip()
    left, _, right = body.partition("*")
    before, after = _pattern_words(left, synsets), _pattern_words(right, synsets)
    if before is None or after is None:
        return None
    return Trigger(
        head=head, kind="verb", code=code, reverse_code=reverse,
        words=_words_only(after), before=_words_only(before),
        target_prep=_prep_before(after, "+"), source_prep=_prep_before(after, "$"),
        target_slot=_slot(after, "+"), source_slot=_slot(after, "$"),
        target_is_subject="+" in before, compound="%" in before or "%" in after, cameo=False, rule=rule,
        adjacent_before=left.rstrip().endswith("_"), adjacent_after=right.lstrip().startswith("_"),
    )


def read_petrarch_verbs(path: Path) -> list[Trigger]:
    """A PETRARCH/TABARI ``.verbs`` dictionary as trigger patterns.

    Each ``--- NAME [code] ---`` block gives its verbs (and their irregular
    forms) the block's default code and every pattern line below it.
    """
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets = read_synsets(lines)
    triggers: list[Trigger] = []
    block_code: tuple[str, str | None] | None = None
    heads: list[str] = []
    patterns: list[tuple[str, int]] = []

    def flush() -> None:
        if block_code is None:
            return
        for head in heads:
            code, reverse = block_code
            if is_code(code):
                triggers.append(Trigger(head=head, kind="verb", code=code, reverse_code=reverse,
                                        cameo=False, rule=f"{path.name}:{head}"))
            for text, n in patterns:
                t = parse_petrarch_pattern(head, text, synsets, f"{path.name}:{n}:{head} {text.strip()}")
                if t:
                    triggers.append(t)

    in_synset = False
    for n, raw in enumerate(lines, 1):
        line = _strip_comment(raw).strip()
        if not line:
            in_synset = False
            continue
        if line.startswith("---"):
            flush()
            m = _CODE.search(line)
            block_code = _split_code(m.group(1)) if m else None
            heads, patterns, in_synset = [], [], False
        elif line.startswith("&"):
            in_synset = True
        elif in_synset or block_code is None:
            continue
        elif line.startswith("-"):
            patterns.append((line, n))
        elif not patterns:
            heads.extend(_verb_forms(line))
    flush()
    return triggers


def _verb_forms(line: str) -> list[str]:
    """The verbs of a block line with their ``{irregular forms}``; a phrasal
    ``WORD_PARTICLE`` verb is indexed under its verb."""
    words = _FORMS.sub(" ", line).split()[:1] + [w for group in _FORMS.findall(line) for w in group.split()]
    return [w.lstrip("+").split("_")[0].lower() for w in words if w.lstrip("+")]


# ---- loading ----------------------------------------------------------------


def read_dictionary(path: Path) -> list[Trigger]:
    """A user dictionary in either format: ``.verbs`` files and files whose
    text has ``--- VERB [code] ---`` blocks are PETRARCH, the rest ours."""
    text_head = path.read_text(encoding="utf-8", errors="replace")[:20000]
    name = path.name.lower()
    if ".verbs" in name or "_verbs" in name or re.search(r"^---.*\[.*\]\s*---", text_head, re.M):
        return read_petrarch_verbs(path)
    return read_triggers(path)


@lru_cache(maxsize=8)
def load_lexicon(user_paths: tuple[str, ...] = (), builtin: bool = True) -> Lexicon:
    """Our dictionary plus user dictionaries (files or directories), loaded once.

    User patterns are added after ours and win ties, so a user dictionary can
    recode what ours says.
    """
    lexicon = Lexicon()
    if builtin:
        lexicon.extend(read_triggers(DATA))
    for p in user_paths:
        path = Path(p)
        files = sorted(path.iterdir()) if path.is_dir() else [path]
        for f in files:
            lexicon.extend(read_dictionary(f))
    return lexicon


def user_dictionaries(config: dict) -> tuple[str, ...]:
    """Verb dictionaries named by config key ``verb_dictionaries`` or ``DATELINE_VERBS``."""
    return configured_paths(config, "verb_dictionaries", ENV_VAR)
