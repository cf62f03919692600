"""Recognise the extents of temporal expressions in text, TimeML-style.

Each rule is one regular expression built once from the lexicon classes;
named groups carry the parts the normaliser needs (month, day, unit...).
Extents follow the TimeML conventions as annotated in TimeBank: modifiers
such as "early", "nearly", "the past" are inside the expression; the
governing preposition ("on", "in"), "about", and "earlier" before a weekday
are outside. Overlapping matches are resolved longest first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from dateline.code.time.lexicon import alternation, words


@dataclass(frozen=True)
class Candidate:
    """A matched extent: [start, end) in the text, the rule and its named parts."""

    start: int
    end: int
    rule: str
    parts: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


def _rules() -> dict[str, str]:
    month = alternation("month")
    weekday = alternation("weekday")
    unit = alternation("unit")
    season = alternation("season")
    pod = alternation("part_of_day")
    mid = r"(?P<mid>mid[\s-]?(?:morning|afternoon))"  # "mid-afternoon (yesterday)"
    number = alternation("number")
    vague = alternation("vague_number")
    ordinal = alternation("ordinal")
    tens = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    spoken_year = (
        rf"nineteen[\s-]+{tens}(?:[\s-]+{number})?|nineteen[\s-]+hundred(?:\s+and)?(?:\s+{number})?"
        rf"|(?<=the\syear\s)two\s+thousand(?:\s+and)?(?:\s+{number})?"
    )
    year = (
        r"(?:(?<![\d$£€.,:/])(?<!\d-)(?:1[4-9]\d\d|20\d\d)(?![\d%]|[.,:/]\d|-\d|\s*(?:percent|%))"
        rf"|{spoken_year})"
    )
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|[.,:/]\d|-\d)"
    counts = "|".join(w for w, v in words("number").items() if " " not in w and float(v) < 100 and w[0] != "a")
    num = (  # "a five-year plan": the article is not part of the number
        rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|(?!an?[\s-]+(?:{counts}|\d)\b){number}(?:[\s-]+{number})*"
        rf"(?:\s+and\s+a\s+half)?|{vague})"
    )
    edge = (
        r"(?:(?P<edge>early|earlier|late|later|mid|middle\s+of|the\s+middle\s+of|the\s+end\s+of|end\s+of"
        r"|the\s+beginning\s+of|beginning\s+of|the\s+start\s+of|the\s+first\s+half\s+of"
        r"|the\s+second\s+half\s+of|the\s+last\s+half\s+of|sometime)[\s-]+)"
    )
    approx = (
        r"(?:(?P<approx>nearly|almost|more\s+than|less\s+than|fewer\s+than|at\s+least|over|up\s+to"
        r"|roughly|no\s+more\s+than|approximately)\s+)"
    )
    rel = (
        r"(?P<rel>this\s+past|this\s+coming|this|last|next|past|coming|previous|following|current|same"
        r"|latest|that(?:\s+same)?)"
    )
    ordinal_q = "(?:first|second|third|fourth|1st|2nd|3rd|4th)"
    zones = r"(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|MSK)\b"
    tz = rf"(?:\s+(?P<tz>{zones}))"
    clock = (
        rf"(?:(?P<hour>\d{{1,2}})(?:[:.](?P<minute>\d\d))?\s*(?P<ampm>a\.\s?m\b\.?|p\.\s?m\b\.?|am\b|pm\b|o'clock)"
        rf"|(?P<hm>\d{{1,2}}:?\d\d)(?=\s+{zones})|(?P<noon>noon|midnight|midday))"
    )
    return {
        "date_mdy": rf"(?:(?P<wd>{weekday}),?\s+)?(?P<month>{month})\s+(?P<day>{day})\b(?:,?\s+(?P<year>{year}))?",
        "date_dmy": rf"(?:(?P<wd>{weekday}),?\s+)?(?P<day>{day})\s+(?:of\s+)?(?P<month>{month})(?:,?\s+(?P<year>{year}))?",
        "date_numeric": r"(?<![\d/.-])(?:(?P<iso>\d{4}-\d\d-\d\d)|(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d\d))(?![\d/])",
        "month": rf"{edge}?(?P<month>{month})(?:(?:,|\s+of)?\s+(?P<year>{year})|\s+(?P<rel>this|last|next)\s+year)?",
        "season": rf"(?:(?:the\s+)?{rel}\s+|{edge}|(?P<the>the\s+))?(?P<season>{season})(?:\s+(?:of\s+)?(?P<year>{year}))?",
        "year": (
            rf"(?:(?P<fiscal>fiscal(?:\s+year)?|calendar(?:\s+year)?|the\s+year|model\s+year)\s+)?{edge}?"
            rf"(?P<year>{year})(?:\s+(?P<season>{season}))?"
        ),
        "decade": (
            rf"(?:(?P<the>the)\s+)?{edge}?(?P<decade>(?:1[0-9]|20)\d0'?s|'\d0s|\d0s"
            r"|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
        ),
        "century": rf"(?:the\s+)?(?:{rel}\s+)?(?P<century>\d{{1,2}}(?:st|nd|rd|th)|{ordinal})[\s-]+century",
        "quarter": (
            rf"(?:(?P<det>the|this|last|next|that|a)\s+(?!{ordinal_q}-))?"
            rf"(?P<pre>(?:(?:{year}|year-ago|year-earlier|comparable|corresponding|fiscal|same|latest|current"
            r"|recent|previous|past|next|final|year's|year-before)(?:\s*-\s*|\s+))*)"
            rf"(?:(?P<ord>{ordinal_q})(?:\s*-\s*|\s+))?(?:fiscal(?:\s*-\s*|\s+))?"
            rf"(?P<qunit>quarter|half|period)(?![\w-])"
            rf"(?:\s+(?:of\s+)?(?:fiscal\s+(?:year\s+)?)?(?P<year>{year})|\s+(?P<ago>a\s+year\s+(?:ago|earlier)))?"
        ),
        "relative": (
            rf"{edge}?(?:the\s+)?{rel}\s+(?P<unit>week|weekend|month|year|decade|century|fiscal\s+year"
            rf"|{weekday}|{month}(?!\s*\d)|{season})(?![\w-])"
        ),
        "the_unit": (
            r"the\s+(?:(?P<mod>full|fiscal|current|same)\s+)?(?P<unit>year|week|weekend)(?![\w-])"
            rf"(?:(?=\s+(?P<ended>ended|ending)\b)|\s+of\s+(?P<month>{month})\s+(?P<day>{day}))?"
        ),
        "edge_unit": rf"{edge}(?:the\s+|this\s+)?(?P<unit>year|month|week|day|decade|century)(?![\w-])",
        "ago": (
            rf"{approx}?(?P<num>{num})[\s-]+(?P<unit>{unit})\s+(?P<dir>ago|from\s+now|hence"
            r"|(?:(?<=year\s)|(?<=years\s)|(?<=quarter\s))earlier)"
        ),
        "day_around": r"(?:the\s+)?day\s+(?P<dir>before|after)\s+(?P<ref>yesterday|tomorrow)",
        "duration": (
            rf"(?:(?:the\s+)?{rel}\s+|(?:the\s+)?(?P<first>first|final|initial|remaining|recent|additional)\s+"
            r"|the\s+(?![\w.]+-))?"
            rf"{approx}?(?P<num>{num})(?:\s+(?:more|additional|full|straight|consecutive|long))?[\s-]+"
            rf"(?P<unit>{unit})(?![\w-]|\s+old\b)(?:\s+and\s+a\s+(?P<half>half)\b)?"
        ),
        "vague_duration": (
            rf"(?:(?P<the>the)\s+)?(?:{rel}|(?P<first>recent|first))\s+(?:(?:few|several|couple\s+of)\s+)?"
            r"(?P<unit>years|months|weeks|days|decades|hours|minutes|quarters)(?![\w-])"
        ),
        "weekday": (
            rf"(?:(?P<rel>last|next|this\s+coming|this\s+past|this|the\s+previous|the\s+following|that)\s+)?"
            rf"(?P<wd>{weekday})(?:\s+(?P<pod>{pod}))?"
        ),
        "day_ref": (
            rf"(?:(?P<edge>early|late|earlier|later)\s+|{mid}\s+)?(?P<ref>today|yesterday|tomorrow|tonight)"
            rf"(?:\s+(?P<pod>{pod}))?"
        ),
        "part_of_day": (
            rf"(?:(?P<edge>early|late|later|earlier)\s+)?(?P<ref>this|last|that|the\s+next)\s+(?P<pod>{pod})|{mid}"
        ),
        "clock": (
            rf"(?:(?P<approx>around|about|shortly\s+after|shortly\s+before)\s+)?{clock}{tz}?"
            rf"(?:,?\s+(?:(?P<wd>{weekday})|(?P<ref>today|yesterday|tomorrow)|(?P<month>{month})\s+(?P<day>{day})))?"
        ),
        "reference": rf"(?P<ref>{alternation('reference')})",
        "frequency": (
            rf"(?P<freq>{alternation('frequency')})"
            rf"|(?:every|each)\s+(?:other\s+)?(?P<each>{weekday}|{month}|{season}|{pod}|{unit})"
            rf"|(?:once|twice|\w+\s+times)\s+(?:a|an|per|each|every)\s+(?P<per>{unit})"
        ),
        "holiday": rf"(?:(?P<rel>last|next|this)\s+)?(?P<holiday>{alternation('holiday')})",
        "year_adjective": r"(?P<yadj>year-earlier|year-ago|year-end|year's\s+end|year\s+end)",
    }


@lru_cache(maxsize=1)
def compiled() -> list[tuple[str, re.Pattern]]:
    """The rules, compiled once (order breaks ties between equal extents)."""
    return [(name, re.compile(rf"(?<![\w'])(?:{body})(?![\w])", re.I)) for name, body in _rules().items()]


def find_candidates(text: str) -> list[Candidate]:
    """Every plausible match of every rule, before overlap resolution."""
    found = []
    for name, pattern in compiled():
        for m in pattern.finditer(text):
            parts = {k: v for k, v in m.groupdict().items() if v is not None}
            cand = Candidate(m.start(), m.end(), name, parts)
            cand = _trim(text, cand)
            if cand and _plausible(text, cand):
                found.append(cand)
    return found


def _trim(text: str, cand: Candidate) -> Candidate | None:
    """Drop trailing whitespace a rule swallowed (patterns end in optional parts)."""
    end = cand.end
    while end > cand.start and text[end - 1].isspace():
        end -= 1
    if end > cand.start:
        return Candidate(cand.start, end, cand.rule, cand.parts)
    return None


_AMBIGUOUS_MONTHS = {"may", "march", "jan", "mar", "jun", "dec", "sep", "oct", "nov", "aug"}
_MONTH_CUES = {
    "in", "since", "until", "till", "by", "from", "through", "of", "last", "next", "this", "early", "late",
    "mid", "before", "after", "during", "between", "and", "to", "or", "for", "each", "every", "end",
}


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Time words written in lower case unless they start a sentence."""
    table = {w for cls in ("unit", "reference", "part_of_day", "season", "frequency") for w in words(cls)}
    return frozenset(table | {"today", "tomorrow", "yesterday", "tonight", "noon", "midnight"})


_SENTENCE_START = re.compile(r"(?:^|[.!?:;(\[\n\"'`_-])\s*$")


def in_a_name(text: str, cand: Candidate) -> bool:
    """Whether a lower-case time word is capitalised inside the sentence:
    then it is part of a title or name ("ABC's This Week", "60 Minutes",
    "VOA Today", "the Arab Spring"), not a temporal expression."""
    for i, m in enumerate(re.finditer(r"[A-Za-z]+", text[cand.start : cand.end])):
        word = m.group()
        if word[0].isupper() and word.lower() in _common_words():
            if i or not _SENTENCE_START.search(text, 0, cand.start + m.start()):
                return True
    return False


def _plausible(text: str, cand: Candidate) -> bool:
    """Filters a regex cannot express: capitalised names, ambiguous words."""
    parts = cand.parts
    if cand.rule != "holiday" and in_a_name(text, cand):
        return False
    for key in ("month", "wd", "unit"):
        word = parts.get(key, "")
        proper = key != "unit" or word.lower() in words("month") or word.lower() in words("weekday")
        if word and proper and not word[0].isupper():
            return False  # month and day names are capitalised: "this march" is a protest
    if cand.rule == "month" and parts["month"].lower() not in words("month"):
        return False  # "Jan" without its period is a name ("Jan Kavan")
    if cand.rule == "month" and "year" not in parts and "rel" not in parts and "edge" not in parts:
        word = parts["month"].lower().rstrip(".")
        if word in _AMBIGUOUS_MONTHS:
            before = text[: cand.start].split()
            return bool(before) and before[-1].lower() in _MONTH_CUES
    if cand.rule == "decade" and not re.match(r"\d{4}|'", parts["decade"]) and "the" not in parts:
        return False  # "in their 30s", "forties": ages unless "the" makes them a period
    if cand.rule == "season" and parts["season"].lower() == "fall" and len(parts) == 1:
        return False
    if cand.rule == "season" and set(parts) == {"season", "the"} and parts["season"].lower() == "fall":
        return False
    if cand.rule == "quarter" and not (
        parts.get("ord") or parts.get("pre", "").strip() or parts.get("det", "a").lower() not in ("a", "its")
    ):
        return False  # "a quarter of the voters" is a fraction
    if cand.rule == "duration" and re.search(r"-quarters?$|^an?\s+(?:quarter|second)$", text[cand.start : cand.end], re.I):
        return False  # fractions and ordinals: "three-quarters", "a quarter of", "a second term"
    if cand.rule == "quarter" and parts["qunit"].lower() != "quarter" and not (
        parts.get("ord") or parts.get("pre", "").strip()
    ):
        return False
    return True


def resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Keep the longest candidate wherever candidates overlap (earlier rule on ties)."""
    order = {name: i for i, (name, _) in enumerate(compiled())}
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(cands, key=lambda c: (-(c.end - c.start), c.start, order.get(c.rule, 99))):
        if any(cand.start < e and s < cand.end for s, e in taken):
            continue
        chosen.append(cand)
        taken.append((cand.start, cand.end))
    return sorted(chosen, key=lambda c: c.start)


def find(text: str) -> list[Candidate]:
    """Temporal-expression extents in `text`, left to right, not overlapping."""
    return resolve_overlaps(find_candidates(text))
