"""A second candidate source: spaCy's DATE and TIME entities the rules missed.

The statistical NER finds phrasings no rule lists ("the weeks ahead", "4 in
the morning"), but also ages, bare numbers and adjectives ("annual") that
TimeML does not mark. An entity is kept only when it names a time word from
the lexicon, is not an age and not a title ("60 Minutes"); its value comes from dateparser (slow, so it is
called on these few strings only), or a vague duration for bare plurals.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from dateline.analyse.nlp import doc_text
from dateline.code.time.find import Candidate, in_a_name
from dateline.code.time.lexicon import alternation
from dateline.code.time.normalise import duration_value, unit_of

_PREPOSITIONS = re.compile(r"^(?:on|in|at|by|for|during|since|until|from|of|over|through|to)\s+", re.I)


@lru_cache(maxsize=1)
def _time_word() -> re.Pattern:
    words = alternation("unit", "part_of_day", "month", "weekday", "season", "holiday")
    return re.compile(rf"(?<![\w-]){words}(?![\w-])|\bovernight\b|\bmid[\s-]?(?:day|afternoon|morning)\b", re.I)


_AGE = re.compile(r"\bold\b|-old\b|\bage\b", re.I)


def entity_candidates(doc: Any, taken: list[tuple[int, int]]) -> list[Candidate]:
    """DATE/TIME entities of `doc` that overlap nothing in `taken`, trimmed
    of a leading preposition."""
    if doc is None:
        return []
    found = []
    text_of_doc = doc_text(doc)
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        text, start = ent.text, ent.start_char
        m = _PREPOSITIONS.match(text)
        if m:
            text, start = text[m.end() :], start + m.end()
        end = start + len(text.rstrip(" .,;:"))
        if end <= start or any(s < end and start < e for s, e in taken):
            continue
        if not _time_word().search(text) or _AGE.search(text):
            continue
        cand = Candidate(start, end, "entity", {"text": text_of_doc[start:end]})
        if not in_a_name(text_of_doc, cand):
            found.append(cand)
    return found


_PLURAL = re.compile(
    r"^(?:the\s+)?(?:(?:past|last|next|coming|early|first)\s+)?(hours|days|weeks|months|years|decades|centuries)\b", re.I
)


def entity_value(text: str, dct: dt.date | None) -> tuple[str, str] | None:
    """(type, value) for an entity's text: vague durations for bare plurals
    ("weeks", "the years"), else what dateparser reads at its granularity;
    None when neither reads it (the entity is then dropped: a timex without a
    value helps no one downstream)."""
    m = _PLURAL.match(text)
    if m:
        return "DURATION", duration_value(None, unit_of(m[1])[1])
    try:
        parsed = (_parser() if dct is None else _parser_at(dct)).get_date_data(text)
    except Exception:  # noqa: BLE001 - a parser failure on one phrase must not stop the article
        return None
    if parsed and parsed.date_obj:
        d, period = parsed.date_obj, parsed.period
        if period == "time":
            return "TIME", d.strftime("%Y-%m-%dT%H:%M")
        return "DATE", {"year": d.strftime("%Y"), "month": d.strftime("%Y-%m")}.get(period, d.strftime("%Y-%m-%d"))
    return None


@lru_cache(maxsize=1)
def _parser():
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"RETURN_TIME_AS_PERIOD": True})


@lru_cache(maxsize=64)
def _parser_at(dct: dt.date):
    from dateparser.date import DateDataParser

    base = dt.datetime(dct.year, dct.month, dct.day)
    return DateDataParser(languages=["en"], settings={"RETURN_TIME_AS_PERIOD": True, "RELATIVE_BASE": base})
