"""Readers for the PETRARCH/TABARI ``.actors`` and ``.agents`` dictionary formats.

Event-data users already have these files (Phoenix, ICEWS-style and the
PETRARCH validation suite), so they load as user dictionaries unchanged:

* actors: ``NAME [CODE]`` lines; ``+SYNONYM`` lines add names to the entry
  above; indented ``[CODE date]`` lines give date-limited codes:
  ``[HOB <950601]`` (before), ``[HOBREB >990816]`` (after),
  ``[HOBGOV 19950601-19990815]`` (between, inclusive); 6-digit dates are
  YYMMDD. The first restriction covering the article date wins, then the
  undated code.
* agents: ``!MACRO! = A, B`` substitutions; ``NAME {PLURAL} [~ROLE]`` where
  ``~ROLE`` is appended to the actor's code and ``ROLE~`` is prefixed; ``{}``
  means no plural, no braces means a regular plural is generated.

Words are joined by spaces or underscores; a final underscore (TABARI's
"no stemming" mark) is ignored, as PETRARCH does. Comments: ``#`` to the end
of a line and ``<!-- ... -->`` blocks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from dateline.code.actors.dictionary import ActorDictionary, DatedCode, Entry, plural_forms

_CODE = re.compile(r"\[([^\]]*)\]")
_MACRO = re.compile(r"^(![A-Z0-9_-]+!)\s*=\s*(.+)$")
_MACRO_USE = re.compile(r"![A-Z0-9_-]+!")


def looks_like_agents(text: str) -> bool:
    return bool(re.search(r"\[\s*~|~\s*\]", text))


def looks_like_actors(text: str) -> bool:
    return bool(re.search(r"^[^\t#<\n]*\[[^\]\t]+\]", text, re.MULTILINE))


def _strip_comment(line: str) -> str:
    """Drop a ``#`` comment, except inside a code block (``[###]`` is a code)."""
    depth = 0
    for i, ch in enumerate(line):
        depth += ch == "["
        depth -= ch == "]"
        if ch == "#" and depth <= 0:
            return line[:i]
    return line


def _lines(text: str) -> Iterator[str]:
    """Content lines with comments removed (indentation kept: it marks code lines)."""
    in_xml = False
    for raw in text.splitlines():
        stripped = raw.strip()
        if in_xml:
            in_xml = "-->" not in stripped
            continue
        if stripped.startswith("<"):
            in_xml = "-->" not in stripped
            continue
        line = _strip_comment(raw).rstrip()
        if line.strip():
            yield line


def _words(pattern: str) -> str:
    """``PRESIDENT_GEORGE_W._BUSH`` -> ``PRESIDENT GEORGE W. BUSH``."""
    return " ".join(w for w in pattern.replace("_", " ").split() if w)


def _display(pattern: str) -> str:
    return " ".join(w if "." in w else w.capitalize() for w in _words(pattern).split())


def parse_date(value: str) -> dt.date:
    """``19950601`` or TABARI's ``950601`` (years 50-99 are 19xx)."""
    value = value.strip()
    if len(value) == 6:
        year = int(value[:2])
        value = f"{1900 + year if year >= 50 else 2000 + year}{value[2:]}"
    return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))


def parse_code(block: str) -> DatedCode:
    """One ``[...]`` block: ``CODE``, ``CODE <date``, ``CODE >date`` or ``CODE d1-d2``."""
    parts = block.strip().split(None, 1)
    code = parts[0].upper() if parts else ""
    restriction = parts[1].replace(" ", "") if len(parts) > 1 else ""
    if not restriction:
        return DatedCode(code)
    if restriction.startswith("<"):
        return DatedCode(code, None, (parse_date(restriction[1:]) - dt.timedelta(days=1)).isoformat())
    if restriction.startswith(">"):
        return DatedCode(code, (parse_date(restriction[1:]) + dt.timedelta(days=1)).isoformat(), None)
    first, _, last = restriction.partition("-")
    return DatedCode(code, parse_date(first).isoformat(), parse_date(last).isoformat())


def read_actors(text: str, source: str = "petrarch") -> ActorDictionary:
    """A PETRARCH/TABARI actor dictionary. Malformed code blocks are skipped, not fatal."""
    d = ActorDictionary()
    blocks: list[tuple[list[str], list[DatedCode]]] = []
    for line in _lines(text):
        head = _CODE.split(line)[0].strip()
        codes = [c for c in (_safe_code(b) for b in _CODE.findall(line)) if c]
        if line.lstrip().startswith("+") and blocks:
            blocks[-1][0].append(head.lstrip("+").strip())
        elif line[0].isspace() and head == "" and blocks:
            pass
        elif head:
            blocks.append(([head], []))
        if codes and blocks:
            blocks[-1][1].extend(codes)
    for names, codes in blocks:
        if not codes:
            continue
        entry = Entry(name=_display(names[0]), codes=tuple(codes), source=source)
        for name in names:
            d.add(_words(name), entry)
    return d


def _safe_code(block: str) -> DatedCode | None:
    try:
        return parse_code(block)
    except (ValueError, IndexError):
        return None


def _expand_macros(pattern: str, macros: dict[str, list[str]]) -> list[str]:
    m = _MACRO_USE.search(pattern)
    if not m or m.group(0) not in macros:
        return [pattern]
    return [
        expanded
        for value in macros[m.group(0)]
        for expanded in _expand_macros(pattern[: m.start()] + value + pattern[m.end():], macros)
    ]


def _role(block: str) -> str:
    """``~GOV`` -> ``GOV`` (suffix); ``NGO~`` -> ``NGO~`` (prefix), spaces ignored."""
    role = block.replace(" ", "").upper()
    return role[1:] if role.startswith("~") else role


def read_agents(text: str, source: str = "petrarch") -> ActorDictionary:
    """A PETRARCH agent dictionary (``[~ROLE]`` codes, ``{plural}``, ``!MACRO!`` lines)."""
    d = ActorDictionary()
    macros: dict[str, list[str]] = {}
    for line in _lines(text):
        line = line.strip()
        macro = _MACRO.match(line)
        if macro:
            macros[macro.group(1)] = [v.strip() for v in macro.group(2).split(",") if v.strip()]
            continue
        code = _CODE.search(line)
        if not code:
            continue
        head = line[: code.start()]
        pattern, brace, rest = head.partition("{")
        plural = rest.partition("}")[0].strip() if brace else None
        for form in _expand_macros(pattern.strip(), macros):
            words = _words(form)
            if not words:
                continue
            entry = Entry(name=words.lower(), kind="agent", role=_role(code.group(1)),
                          type="person", cls=words.lower(), source=source)
            d.add(words, entry)
            plurals = plural_forms(words) if plural is None else ([_words(plural)] if plural else [])
            for p in plurals:
                d.add(p, entry)
    return d
