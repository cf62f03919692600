"""Actor and agent dictionaries: entries, date-limited codes and fast phrase matching.

An `ActorDictionary` maps token sequences ("US President", "Kremlin", "Joe Biden")
to entries. Actor entries carry a CAMEO code (possibly date-limited, as in the
TABARI/PETRARCH dictionaries); agent entries carry a role ("president" -> GOV)
that is appended to an actor's code. Patterns are compiled once into a token
trie, so matching a document costs one walk per token, whatever the dictionary
size. Readers for our TSV format live here; the PETRARCH formats are in
`dateline.code.actors.petrarch`.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from dateline.code.data_files import DATA_DIR, configured_paths, tsv_rows

DATA = DATA_DIR / "actors"
ENV_VAR = "DATELINE_ACTOR_DICTS"
CONFIG_KEY = "actor_dictionaries"


@dataclass(frozen=True)
class DatedCode:
    """A code valid from `start` to `end` (ISO dates, inclusive; None = open)."""

    code: str
    start: str | None = None
    end: str | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def valid_on(self, date: str) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass
class Entry:
    """One dictionary entry: an actor (`kind` actor, `codes`) or an agent (`kind` agent, `role`).

    `type` says what the actor is (country, org, person, group, region, place,
    demonym); for agents it is person, org, group or anaphor, and `cls` names
    the class a description shares with its antecedent.
    """

    name: str
    kind: str = "actor"
    codes: tuple[DatedCode, ...] = ()
    role: str | None = None
    type: str = "org"
    gender: str | None = None
    cls: str | None = None
    source: str = "builtin"

    def code_at(self, date: str | None) -> str | None:
        """The code valid on `date`: the first dated code covering it (PETRARCH's order),
        else the undated code, else the most recent dated one."""
        if date:
            for dc in self.codes:
                if dc.dated and dc.valid_on(date):
                    return dc.code
        for dc in self.codes:
            if not dc.dated:
                return dc.code
        if not self.codes:
            return None
        return max(self.codes, key=lambda dc: (dc.end or "9999", dc.start or "")).code


@dataclass
class Match:
    """Entries whose pattern covers tokens [start, end) of a token list."""

    start: int
    end: int
    entries: list[Entry]

    @property
    def entry(self) -> Entry:
        return self.entries[0]


_END = ""  # trie key marking the end of a pattern


@dataclass
class ActorDictionary:
    """Patterns (token tuples, lower-cased) to entries, compiled into a trie.

    Later additions shadow earlier ones for the same pattern and kind, so user
    dictionaries loaded after the built-in one override it. `cities` says whether
    place names it lacks may be looked up as cities (`dateline.code.actors.cities`): the
    built-in dictionary does, PETRARCH-only setups do not.
    """

    patterns: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    cased: set[tuple[str, ...]] = field(default_factory=set)
    acronyms: set[tuple[str, ...]] = field(default_factory=set)
    cities: bool = False
    _trie: dict | None = field(default=None, repr=False)

    def add(self, pattern: str | Sequence[str], entry: Entry, acronyms: bool = False) -> None:
        """Add `entry` under `pattern`. With `acronyms`, an all-capitals pattern ("WHO",
        "AU") only matches all-capitals text (for dictionaries written in mixed case;
        PETRARCH's are all capitals)."""
        tokens = tuple(tokenize(pattern)) if isinstance(pattern, str) else tuple(pattern)
        if not tokens:
            return
        key = tuple(t.lower() for t in tokens)
        kept = [e for e in self.patterns.get(key, []) if e.kind != entry.kind or e.source == entry.source]
        self.patterns[key] = [entry, *kept] if entry.kind == "actor" else [*kept, entry]
        if any(t != t.lower() for t in tokens):
            self.cased.add(key)
        if acronyms and all(t.isupper() for t in tokens) and sum(c.isalpha() for c in "".join(tokens)) > 1:
            self.acronyms.add(key)
        self._trie = None

    def update(self, other: ActorDictionary) -> ActorDictionary:
        for key, entries in other.patterns.items():
            for entry in reversed(entries):
                self.add(key, entry)
        self.cased |= other.cased
        self.acronyms |= other.acronyms
        self.cities |= other.cities
        return self

    @property
    def entries(self) -> list[Entry]:
        seen: dict[int, Entry] = {}
        for entries in self.patterns.values():
            for e in entries:
                seen.setdefault(id(e), e)
        return list(seen.values())

    def lookup(self, pattern: str) -> list[Entry]:
        return self.patterns.get(tuple(t.lower() for t in tokenize(pattern)), [])

    def trie(self) -> dict:
        if self._trie is None:
            root: dict = {}
            for key, entries in self.patterns.items():
                node = root
                for token in key:
                    node = node.setdefault(token, {})
                node[_END] = (key, entries)
            self._trie = root
        return self._trie

    def match(self, words: Sequence[str]) -> list[Match]:
        """Leftmost-longest, non-overlapping matches over `words` (the text of each token).

        A pattern written with capitals in the dictionary (a proper name) only
        matches text that is not all lower case, so "us" is never the USA.
        """
        lowered = [w.lower() for w in words]
        found: list[Match] = []
        i = 0
        while i < len(words):
            best = self._longest(words, lowered, i)
            later = self._longest(words, lowered, i + 1) if best and best.end > i + 1 else None
            if best and later and later.end > best.end:
                best = None  # "the West Bank": "West Bank" beats "the West"
            if best:
                found.append(best)
                i = best.end
            else:
                i += 1
        return found

    def _longest(self, words: Sequence[str], lowered: list[str], i: int) -> Match | None:
        best = None
        node = self.trie()
        j = i
        while j < len(words) and (node := _step(node, lowered[j])) is not None:
            j += 1
            if _END in node:
                key, entries = node[_END]
                entries = self._case_ok(key, entries, words[i:j])
                if entries:
                    best = Match(i, j, entries)
        return best

    def _case_ok(self, key: tuple[str, ...], entries: list[Entry], words: Sequence[str]) -> list[Entry]:
        """Drop actor entries (proper names) matched on all-lower-case text, and
        acronyms matched on text not in capitals ("Who" is not the WHO; "Nato" is NATO)."""
        if key in self.acronyms and not all(_acronym_form(w) for w in words):
            return [e for e in entries if e.kind != "actor"]
        if key not in self.cased or any(w != w.lower() for w in words):
            return entries
        return [e for e in entries if e.kind != "actor"]





def _step(node: dict, word: str) -> dict | None:
    """The trie node after `word`, or None. A word written with underscores ("Dol_Amroth",
    as in PETRARCH-style text) walks its parts, the way patterns are split."""
    for part in word.split("_") if "_" in word.strip("_") else (word,):
        node = node.get(part) if part != _END else None
        if node is None:
            return None
    return node


def _acronym_form(word: str) -> bool:
    return word.isupper() or not any(c.isalpha() for c in word) or len(word) >= 4 and word.istitle()


_TOKEN = re.compile(r"[A-Za-z\u00C0-\u024F0-9]+(?:\.[A-Za-z\u00C0-\u024F0-9]+)*\.?|'s|[^\sA-Za-z0-9]")


def tokenize(pattern: str) -> list[str]:
    """Split a pattern the way spaCy's English tokenizer splits running text.

    Uses spaCy's tokenizer (so "U.S.", "Western-led" and "NATO's" split as in
    documents), falling back to a regular expression when spaCy is absent.
    """
    pattern = pattern.replace("_", " ").strip()
    try:
        return [t.text for t in _spacy_tokenizer()(pattern) if not t.is_space]
    except ImportError:  # pragma: no cover - spaCy is a dependency
        return _TOKEN.findall(pattern)


@lru_cache(maxsize=1)
def _spacy_tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def split_field(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def parse_valid(value: str) -> tuple[str | None, str | None]:
    """``FROM..TO`` (ISO dates, either side empty) into (start, end)."""
    if not value.strip():
        return None, None
    start, _, end = value.strip().partition("..")
    return start.strip() or None, end.strip() or None


def plural_forms(word: str) -> list[str]:
    """Regular English plurals of a pattern's last word ("ministry" -> "ministries")."""
    *head, last = word.split(" ")
    low = last.lower()
    if not last.isalpha() or re.search(r"[^s]s$", low):
        return []  # already plural ("forces") or not a word
    if re.search(r"[^aeiou]y$", low):
        plural = last[:-1] + "ies"
    elif re.search(r"(ss|ch|sh|x|z)$", low):
        plural = last + "es"
    else:
        plural = last + "s"
    return [" ".join([*head, plural])]


def read_actors_tsv(text: str, source: str = "builtin") -> ActorDictionary:
    """Our actor format: ``patterns<TAB>code<TAB>name<TAB>type<TAB>valid``.

    Rows sharing the same patterns and name merge into one date-limited entry.
    """
    d = ActorDictionary()
    merged: dict[tuple[str, str], Entry] = {}
    for cols in tsv_rows(text):
        cols += [""] * (5 - len(cols))
        patterns, code, name, typ, valid = (c.strip() for c in cols[:5])
        if not patterns or not code:
            continue
        forms = split_field(patterns)
        name = name or forms[0]
        typ, _, gender = (typ or "org").partition(":")
        key = (patterns, name)
        dated = DatedCode(code.upper(), *parse_valid(valid))
        if key in merged:
            merged[key].codes += (dated,)
            continue
        entry = Entry(name=name, codes=(dated,), type=typ, gender=gender or None, source=source)
        merged[key] = entry
        for form in forms:
            d.add(form, entry, acronyms=True)
    return d


def read_agents_tsv(text: str, source: str = "builtin") -> ActorDictionary:
    """Our agent format: ``patterns<TAB>role<TAB>type<TAB>class``."""
    d = ActorDictionary()
    for cols in tsv_rows(text):
        cols += [""] * (4 - len(cols))
        patterns, role, typ, cls = (c.strip() for c in cols[:4])
        forms = split_field(patterns)
        if not forms or not role:
            continue
        entry = Entry(
            name=forms[0], kind="agent", role=None if role == "-" else role.upper(),
            type=typ or "person", cls=cls or forms[0], source=source,
        )
        for form in forms:
            d.add(form, entry)
            for plural in plural_forms(form):
                d.add(plural, entry)
    return d


def read_countries_tsv(text: str, source: str = "builtin") -> ActorDictionary:
    """Countries from pycountry plus our ``iso3<TAB>demonyms<TAB>capitals<TAB>aliases`` rows."""
    import pycountry

    d = ActorDictionary()
    names: dict[str, str] = {}
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        names[country.alpha_3] = name
        entry = Entry(name=name, codes=(DatedCode(country.alpha_3),), type="country", source=source)
        for form in {country.name, name, getattr(country, "official_name", country.name)}:
            if "," not in form:
                d.add(form, entry, acronyms=True)
    for cols in tsv_rows(text):
        cols += [""] * (4 - len(cols))
        iso3, demonyms, capitals, aliases = (c.strip() for c in cols[:4])
        full_names = [a for a in split_field(aliases) if len(a) > 3 and not a.isupper()]
        name = full_names[0] if full_names else names.get(iso3, iso3)
        code = (DatedCode(iso3),)
        for typ, forms in (("demonym", demonyms), ("capital", capitals), ("country", aliases)):
            entry = Entry(name=name, codes=code, type=typ, source=source)
            for form in split_field(forms):
                d.add(form, entry, acronyms=True)
    return d


@lru_cache(maxsize=1)
def builtin_dictionary() -> ActorDictionary:
    """The dictionaries shipped in ``code/data/actors`` (countries, actors, agents)."""
    d = read_countries_tsv((DATA / "countries.tsv").read_text(encoding="utf-8"))
    d.update(read_actors_tsv((DATA / "actors.tsv").read_text(encoding="utf-8")))
    d.cities = True
    return d.update(read_agents_tsv((DATA / "agents.tsv").read_text(encoding="utf-8")))


def read_dictionary_file(path: str | Path) -> ActorDictionary:
    """Read one user dictionary, recognising its format from its content.

    PETRARCH/TABARI agents (codes like ``[~GOV]``), PETRARCH/TABARI actors
    (``NAME [CODE]`` lines) or our TSV formats (agents when the second column
    is a role, else actors).
    """
    from dateline.code.actors import petrarch

    path = Path(path)
    text = path.read_text(encoding="utf-8", errors="replace")
    source = str(path)
    if petrarch.looks_like_agents(text):
        return petrarch.read_agents(text, source)
    if petrarch.looks_like_actors(text):
        return petrarch.read_actors(text, source)
    if _looks_like_agents_tsv(text, path):
        return read_agents_tsv(text, source)
    return read_actors_tsv(text, source)


def _looks_like_agents_tsv(text: str, path: Path) -> bool:
    """Agents when the third column is an agent type; two-column files go by file name."""
    types = {"person", "org", "group", "anaphor"}
    rows = [[c.strip() for c in cols] for cols in tsv_rows(text)]
    if rows and all(len(cols) < 3 for cols in rows):
        return "agent" in path.name.lower()
    return bool(rows) and all(len(cols) >= 3 and cols[2] in types for cols in rows)


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        out.extend(sorted(q for q in p.iterdir() if q.is_file()) if p.is_dir() else [p])
    return out


def load_actor_dictionaries(paths: Iterable[str | Path], builtin: bool = True) -> ActorDictionary:
    """The built-in dictionary (unless `builtin` is False) overlaid with each file or
    directory in `paths`, in order (later ones win on the same pattern)."""
    return _load(tuple(str(p) for p in _expand(paths)), builtin)


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...], builtin: bool) -> ActorDictionary:
    d = ActorDictionary()
    if builtin:
        d.update(builtin_dictionary())
    for path in paths:
        try:
            d.update(read_dictionary_file(path))
        except (OSError, ValueError) as exc:  # a bad user file must not stop every article
            warnings.warn(f"actor dictionary {path} skipped: {exc}", stacklevel=2)
    d.trie()
    return d


def dictionary_for(config: dict[str, Any] | None) -> ActorDictionary:
    """The dictionary a run uses, cached per distinct configuration."""
    return load_actor_dictionaries(configured_paths(config, CONFIG_KEY, ENV_VAR), builtin=(config or {}).get("actor_builtin", True))
