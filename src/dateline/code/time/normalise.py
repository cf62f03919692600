"""Normalise a recognised extent to a TIMEX3 type and value.

Relative expressions are resolved against a reference date: the document
creation time (DCT). Weekdays take their direction from the tense of the
governing verb ("said on Saturday" looks back, "will meet on Monday" looks
forward); months and days without a year take the year nearest the DCT, the
tense breaking near-ties. Without a DCT, values that need one stay
underspecified (``XXXX-WXX-6``, ``XXXX``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from dateline.code.time.find import Candidate
from dateline.code.time.lexicon import lookup

Date = dt.date


@dataclass(frozen=True)
class Context:
    """What a value depends on beyond the extent: the DCT, the verb's tense
    (``past``, ``present``, ``future`` or None) and the anchor."""

    dct: Date | None
    tense: str | None = None
    anchor: str | None = None
    """The value of the nearest preceding DATE timex: "a year earlier" after
    "the third quarter" means that quarter a year before."""


def parse_dct(value: str | None) -> Date | None:
    """The date part of an ISO date or datetime string; None when unreadable."""
    if not value:
        return None
    m = re.match(r"(\d{4})-?(\d\d)-?(\d\d)", value.strip())
    if not m:
        return None
    try:
        return Date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


# -- numbers and units -------------------------------------------------------

def parse_number(text: str) -> float | None:
    """"twenty four" → 24, "5 1/2" → 5.5, "a few" → None (unspecified)."""
    text = " ".join(text.lower().replace("-", " ").split())
    if lookup("vague_number", text):
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?: 1/2)?", text)
    if m:
        return float(m[1]) + (0.5 if text.endswith("1/2") else 0)
    half = text.endswith(" and a half")
    text = text.removesuffix(" and a half")
    total, current = 0.0, 0.0
    for word in re.findall(r"a couple of|half a|a dozen|a hundred|a thousand|\S+", text):
        value = lookup("number", word)
        if value is None:
            return None
        n = float(value)
        if n in (100, 1000) and current:
            current *= n
        else:
            current += n
        if n == 1000:
            total, current = total + current, 0.0
    return total + current + (0.5 if half else 0)


def unit_of(word: str) -> tuple[int, str]:
    """("fortnight") → (2, "W"): multiplier and TIMEX3 unit letter."""
    code = lookup("unit", word) or "X"
    m = re.fullmatch(r"(\d*)(\D+)", code)
    return (int(m[1]) if m[1] else 1), m[2]


def duration_value(count: float | None, unit: str) -> str:
    """P5Y, PT3H, P2W, P10Y for a decade; X for an unspecified count."""
    scale = {"DE": (10, "Y"), "CE": (100, "Y"), "WE": (2, "D")}
    mult, letter = scale.get(unit, (1, unit))
    if count is None:
        return f"PTX{'M' if letter == 'MIN' else letter}" if letter in ("H", "MIN", "S") else f"PX{letter}"
    total = count * mult
    whole, half = int(total), total - int(total) == 0.5
    tail = {"Y": "6M", "D": "T12H", "H": "30M", "MIN": "30S"}.get(letter) if half else None
    if total != whole and not tail:
        return f"P{total:g}{letter}" if letter not in ("H", "MIN", "S") else f"PT{total:g}{letter[0]}"
    body = f"{whole}{'M' if letter == 'MIN' else letter}" if whole else ""
    if letter in ("H", "MIN", "S"):
        return f"PT{body}{tail or ''}"
    return f"P{body}{tail or ''}"


# -- calendar arithmetic -----------------------------------------------------

def add_months(d: Date, n: int) -> Date:
    y, m = divmod(d.month - 1 + n, 12)
    return Date(d.year + y, m + 1, 1)


def week_value(d: Date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(d: Date) -> int:
    return (d.month - 1) // 3 + 1


def shift(d: Date, n: int, unit: str) -> str:
    """The value `n` units away from `d`, at the unit's granularity."""
    if unit in ("D", "H", "MIN", "S"):
        return (d + dt.timedelta(days=n if unit == "D" else 0)).isoformat()
    if unit in ("W", "WE"):
        value = week_value(d + dt.timedelta(weeks=n))
        return value + ("-WE" if unit == "WE" else "")
    if unit == "M":
        return add_months(d, n).strftime("%Y-%m")
    if unit == "Q":
        q = quarter_of(d) - 1 + n
        return f"{d.year + q // 4}-Q{q % 4 + 1}"
    if unit == "Y":
        return f"{d.year + n:04d}"
    if unit == "DE":
        return f"{(d.year // 10 + n):03d}"
    if unit == "CE":
        return f"{(d.year // 100 + n):02d}"
    return "XXXX"


def weekday_date(dct: Date, weekday: int, direction: int) -> Date:
    """The `weekday` (ISO) nearest the DCT looking `direction`: -1 latest up
    to and including the DCT, +1 next after it, 0 the one in the DCT's week."""
    delta = weekday - dct.isoweekday()
    if direction < 0:
        return dct + dt.timedelta(days=delta - 7 if delta > 0 else delta)
    if direction > 0:
        return dct + dt.timedelta(days=delta + 7 if delta <= 0 else delta)
    return dct + dt.timedelta(days=delta - 7 if delta > 3 else delta + 7 if delta < -3 else delta)


def _closest_year(month: int, day: int, ctx: Context) -> int:
    """The year putting month/day nearest the DCT; a date on the side the
    tense contradicts counts four times as far ("payable Dec. 7" in a
    past-tense sentence in late October is still the coming December, "in
    January" said in October is the past one). Without a tense a future date
    counts half as far again: news reports mostly look back."""
    dct, direction = ctx.dct, _direction(None, ctx.tense)

    def cost(d: Date) -> float:
        days = (d - dct).days
        if direction == 0:
            return abs(days) * (1.5 if days > 0 else 1)
        return abs(days) * (4 if days * direction < 0 else 1)

    options = [Date(y, month, min(day, 28) if month == 2 else day) for y in (dct.year - 1, dct.year, dct.year + 1)]
    return min(options, key=cost).year


def _direction(word: str | None, tense: str | None) -> int:
    word = (word or "").lower().split()
    if word and word[0] in ("last", "previous", "past", "earlier") or word[-1:] == ["past"]:
        return -1
    if word and word[0] in ("next", "following", "coming") or word[-1:] == ["coming"]:
        return 1
    return {"past": -1, "future": 1}.get(tense or "", 0)


def _year(text: str) -> int:
    """"1996", "nineteen ninety-six", "two thousand" → the year number."""
    if text.isdigit():
        return int(text)
    words_ = text.lower().replace("-", " ").replace(" and ", " ").split()
    if words_[:2] == ["two", "thousand"]:
        return 2000 + int(parse_number(" ".join(words_[2:])) or 0) if words_[2:] else 2000
    rest = words_[2:] if words_[1:2] == ["hundred"] else words_[1:]
    return 1900 + int(parse_number(" ".join(rest)) or 0) if rest else 1900


def _month(word: str) -> int:
    return int(lookup("month", word) or 0)


def _month_year(month: int, ctx: Context, rel: str | None = None) -> str:
    """A month without a year: this year's, or the previous/next by tense or `rel`."""
    if ctx.dct is None:
        return f"XXXX-{month:02d}"
    if rel and rel.lower() == "this":
        return f"{ctx.dct.year:04d}-{month:02d}"
    direction = _direction(rel, None)
    if direction:  # "last April": the latest April before this month; "next April" the first after
        year = ctx.dct.year + (direction if (month - ctx.dct.month) * direction <= 0 else 0)
        return f"{year:04d}-{month:02d}"
    return f"{_closest_year(month, 15, ctx):04d}-{month:02d}"


# -- one function per rule -----------------------------------------------------

Result = tuple[str, str]


def _date(parts: dict[str, str], ctx: Context) -> Result:
    month, day = _month(parts["month"]), int(re.match(r"\d+", parts["day"])[0])
    if "year" in parts:
        return "DATE", f"{_year(parts['year']):04d}-{month:02d}-{day:02d}"
    if ctx.dct is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    return "DATE", f"{_closest_year(month, day, ctx):04d}-{month:02d}-{day:02d}"


def _numeric(parts: dict[str, str], ctx: Context) -> Result:
    if "iso" in parts:
        return "DATE", parts["iso"]
    year = int(parts["y"])
    if year < 100:
        year += 1900 if year > 50 else 2000
    return "DATE", f"{year:04d}-{int(parts['m']):02d}-{int(parts['d']):02d}"


def _month_rule(parts: dict[str, str], ctx: Context) -> Result:
    month = _month(parts["month"])
    if "year" in parts:
        return "DATE", f"{_year(parts['year']):04d}-{month:02d}"
    if "rel" in parts and ctx.dct:
        offset = {"this": 0, "last": -1, "next": 1}[parts["rel"].lower()]
        return "DATE", f"{ctx.dct.year + offset:04d}-{month:02d}"
    return "DATE", _month_year(month, ctx)


def _season(parts: dict[str, str], ctx: Context) -> Result:
    code = lookup("season", parts["season"])
    if "year" in parts:
        return "DATE", f"{_year(parts['year']):04d}-{code}"
    if ctx.dct is None:
        return "DATE", f"XXXX-{code}"
    if (parts.get("rel") or "").lower() == "this":
        return "DATE", f"{ctx.dct.year}-{code}"
    order = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}
    now = order[_season_code(ctx.dct)]
    named = parts.get("rel") or parts.get("edge")
    direction = _direction(named, ctx.tense)
    year = ctx.dct.year
    if order[code] == now and not named:
        # the season we are in, with only the tense to go by: early in it ("will be held in
        # the spring" said in March) the coming one is this year's, the past one last year's
        into = ctx.dct.month % 3  # 0, 1, 2 months since the season began (Dec, Mar, Jun, Sep)
        year += -1 if direction < 0 and into == 0 else 1 if direction > 0 and into == 2 else 0
    elif direction < 0 and order[code] >= now:
        year -= 1
    elif direction > 0 and order[code] <= now:
        year += 1
    return "DATE", f"{year}-{code}"


def _season_code(d: Date) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")


def _year_rule(parts: dict[str, str], ctx: Context) -> Result:
    year = f"{_year(parts['year']):04d}"
    edge = " ".join(parts.get("edge", "").lower().split())
    if edge.endswith("half of"):
        return "DATE", f"{year}-H{1 if 'first' in edge else 2}"
    if "season" in parts:
        return "DATE", f"{year}-{lookup('season', parts['season'])}"
    return "DATE", year


def _decade(parts: dict[str, str], ctx: Context) -> Result:
    text = parts["decade"].lower().replace("'", "")
    if text[0].isdigit():
        digits = text[:-1]
        if len(digits) == 2:
            century = "19" if ctx.dct is None or int(digits) > ctx.dct.year % 100 else f"{ctx.dct.year // 100}"
            digits = century + digits
        return "DATE", digits[:3] + "X"
    tens = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"]
    return "DATE", f"19{tens.index(text) + 2}X"


def _century(parts: dict[str, str], ctx: Context) -> Result:
    word = parts["century"].lower()
    n = int(re.match(r"\d+", word)[0]) if word[0].isdigit() else int(lookup("ordinal", word) or 0)
    return "DATE", f"{n - 1:02d}"


def _quarter(parts: dict[str, str], ctx: Context) -> Result:
    """Quarters and halves: "the third quarter" of the DCT's year (of the
    previous year when a past-tense sentence names one not yet begun: "fourth
    quarter" profits reported in January), "next year's first quarter",
    "the current quarter" (the DCT's), "the quarter", "this quarter" (the one in focus)."""
    pre = parts.get("pre", "").lower()
    det = parts.get("det", "").lower()
    year_m = re.search(r"\d{4}", pre) or (re.search(r"\d{4}", parts["year"]) if "year" in parts else None)
    ago = "year-ago" in pre or "year-earlier" in pre or "year-before" in pre or "ago" in parts
    offset = -1 if ago else {"last": -1, "next": 1}.get(det, 0) if pre.startswith("year's") else 0
    unit = parts["qunit"].lower()
    letter = "H" if unit == "half" else "Q"
    if year_m:
        year = year_m[0]
    elif ctx.dct is None:
        year = "XXXX"
    else:
        year = str(ctx.dct.year + offset)
    if "ord" in parts:
        n = int(re.match(r"\d", parts["ord"])[0]) if parts["ord"][0].isdigit() else int(lookup("ordinal", parts["ord"]))
        if ctx.dct and not year_m and not offset and ctx.tense == "past" and _not_begun(n, letter, ctx.dct):
            year = str(ctx.dct.year - 1)
        return "DATE", f"{year}-{letter}{n}"
    if ctx.dct is not None and pre.startswith("current"):
        return "DATE", shift(ctx.dct, 0, "Q")
    if ctx.dct is not None and (unit == "quarter" or pre.strip() and unit == "period"):
        base = _reference_quarter(ctx)
        if year_m:
            return "DATE", f"{year}{base[4:]}"
        return "DATE", f"{int(base[:4]) + offset}{base[4:]}"
    return "DATE", year if year_m else f"{year}-QX"


def _not_begun(n: int, letter: str, dct: Date) -> bool:
    """Whether quarter (or half) `n` of the DCT's year starts after the DCT."""
    return (n - 1) * (3 if letter == "Q" else 6) + 1 > dct.month


_QUARTER = re.compile(r"\d{4}-Q[1-4]$")


def _reference_quarter(ctx: Context) -> str:
    """The quarter a text is talking about: the last one named, else the last
    one completed before the DCT (what results reports cover)."""
    if ctx.anchor and _QUARTER.match(ctx.anchor):
        return ctx.anchor
    return shift(ctx.dct, -1, "Q")


def _year_before(ctx: Context) -> str:
    """"A year earlier": the same quarter a year back when a quarter is in
    focus, else the previous year."""
    if ctx.anchor and _QUARTER.match(ctx.anchor):
        return f"{int(ctx.anchor[:4]) - 1}{ctx.anchor[4:]}"
    return str(ctx.dct.year - 1)


_REL_OFFSET = {"this": 0, "current": 0, "same": 0, "that": 0, "that same": 0, "last": -1, "past": -1,
               "previous": -1, "this past": -1, "latest": -1, "next": 1, "coming": 1, "following": 1,
               "this coming": 1}


def _relative(parts: dict[str, str], ctx: Context) -> Result:
    word = parts["unit"].lower()
    rel = " ".join(parts["rel"].lower().split())
    if lookup("weekday", word):
        return _weekday({"wd": parts["unit"], "rel": rel}, ctx)
    if lookup("month", word):
        return "DATE", _month_year(_month(word), ctx, rel if rel in ("last", "next") else "this")
    if lookup("season", word):
        return _season({"season": word, "rel": rel}, ctx)
    unit = {"fiscal year": "Y", "weekend": "WE"}.get(" ".join(word.split()), None) or unit_of(word)[1]
    if ctx.dct is None:
        return "DATE", "XXXX" if unit != "WE" else "XXXX-WXX-WE"
    base = ctx.dct
    if rel in ("that", "that same", "same", "following", "previous"):
        base = _anchor_date(ctx) or ctx.dct
    return "DATE", shift(base, _REL_OFFSET.get(rel, 0), unit)


def _anchor_day(ctx: Context) -> Date | None:
    """The anchor when it names a single day: what "the previous Friday" or
    "the next morning" count from (TimeML anchors these to the reference
    time of the narrative, not to the DCT)."""
    return parse_dct(ctx.anchor) if ctx.anchor and re.fullmatch(r"\d{4}-\d\d-\d\d", ctx.anchor) else None


def _anchor_date(ctx: Context) -> Date | None:
    """The anchor as a date (its first day) when it is a calendar date, month or year."""
    m = re.fullmatch(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", ctx.anchor or "")
    return Date(int(m[1]), int(m[2] or 1), int(m[3] or 1)) if m else None


def _the_unit(parts: dict[str, str], ctx: Context) -> Result:
    """"the year", "the week": the current one; "the weekend" the nearest
    one in the tense's direction; "the year ended June 30" is a year-long span;
    "the week of March 6" the ISO week holding that day."""
    unit = unit_of(parts["unit"])[1]
    if "ended" in parts:
        return "DURATION", duration_value(1, unit)
    if "month" in parts:  # "the week of March 6"
        day = _date(parts, ctx)[1]
        return "DATE", week_value(Date.fromisoformat(day)) if day[0].isdigit() else "XXXX-WXX"
    if ctx.dct is None:
        return "DATE", "XXXX" if unit == "Y" else "XXXX-WXX" + ("-WE" if unit == "WE" else "")
    if unit == "WE":
        saturday = weekday_date(ctx.dct, 6, _direction(None, ctx.tense) or (-1 if ctx.dct.isoweekday() < 4 else 0))
        return "DATE", week_value(saturday) + "-WE"
    return "DATE", shift(ctx.dct, 0, unit)


def _edge_unit(parts: dict[str, str], ctx: Context) -> Result:
    unit = unit_of(parts["unit"])[1]
    return "DATE", shift(ctx.dct, 0, unit) if ctx.dct else "XXXX"


def _ago(parts: dict[str, str], ctx: Context) -> Result:
    count = parse_number(parts["num"])
    mult, unit = unit_of(parts["unit"])
    if ctx.dct is None:
        return "DATE", "XXXX"
    if count is None:
        return "DATE", "PAST_REF" if parts["dir"].lower() in ("ago", "earlier") else "FUTURE_REF"
    sign = -1 if parts["dir"].lower() in ("ago", "earlier") else 1
    n = count * mult
    if sign < 0 and n == 1 and unit == "Y":
        return "DATE", _year_before(ctx)
    if unit == "DE":
        n, unit = n * 10, "Y"
    if n != int(n):
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    return "DATE", shift(ctx.dct, sign * int(n), unit)


def _day_around(parts: dict[str, str], ctx: Context) -> Result:
    offset = {"yesterday": -1, "tomorrow": 1}[parts["ref"].lower()] * 2
    return "DATE", shift(ctx.dct, offset, "D") if ctx.dct else "XXXX-XX-XX"


def _duration(parts: dict[str, str], ctx: Context) -> Result:
    """"five years" → P5Y, "a minute and a half" → PT1M30S."""
    mult, unit = unit_of(parts["unit"])
    count = parse_number(parts["num"])
    if count is not None and "half" in parts:
        count += 0.5
    return "DURATION", duration_value(None if count is None else count * mult, unit)


def _vague_duration(parts: dict[str, str], ctx: Context) -> Result:
    """"the past few weeks" is a duration; "recent years", "coming months"
    only point at the past or future."""
    word = (parts.get("first") or parts.get("rel") or "").lower()
    if word == "recent" or word == "past" and "the" not in parts:
        return "DATE", "PAST_REF"
    if word == "coming" and "the" not in parts:
        return "DATE", "FUTURE_REF"
    return "DURATION", duration_value(None, unit_of(parts["unit"])[1])


def _weekday(parts: dict[str, str], ctx: Context) -> Result:
    weekday = int(lookup("weekday", parts["wd"]))
    if ctx.dct is None:
        value = f"XXXX-WXX-{weekday}"
    else:
        rel = " ".join(parts.get("rel", "").lower().split()).removeprefix("the ")
        direction = _direction(rel if rel in ("last", "next", "this past", "this coming", "previous",
                                              "following") else None, ctx.tense)
        anchor = _anchor_day(ctx) if rel in ("previous", "following") else None
        day = weekday_date(anchor + dt.timedelta(days=min(direction, 0)), weekday, direction) if anchor else (
            weekday_date(ctx.dct, weekday, direction))
        if rel == "last" and day == ctx.dct:
            day -= dt.timedelta(days=7)
        value = day.isoformat()
    if "pod" in parts:
        return "TIME", f"{value}T{lookup('part_of_day', parts['pod'])}"
    return "DATE", value


def _day_ref(parts: dict[str, str], ctx: Context) -> Result:
    ref = parts["ref"].lower()
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[ref]
    value = shift(ctx.dct, offset, "D") if ctx.dct else "XXXX-XX-XX"
    pod = _pod_code(parts) or ("NI" if ref == "tonight" else None)
    return ("TIME", f"{value}T{pod}") if pod and ref != "tonight" else ("DATE", value)


def _pod_code(parts: dict[str, str]) -> str | None:
    """The part-of-day code of "evening" or "mid-afternoon" (AF), if any."""
    word = parts.get("pod") or re.sub(r"^mid[\s-]?", "", parts.get("mid", ""))
    return lookup("part_of_day", word) if word else None


def _part_of_day(parts: dict[str, str], ctx: Context) -> Result:
    """"this morning", "last night", "mid-afternoon" from the DCT; "that
    morning", "the next morning" from the day in focus (the anchor), else the
    DCT."""
    ref = " ".join(parts.get("ref", "this").lower().split())
    offset = {"last": -1 if parts.get("pod", "").lower() in ("night", "evening") else 0, "the next": 1}.get(ref, 0)
    base = (_anchor_day(ctx) if ref in ("that", "the next") else None) or ctx.dct
    value = shift(base, offset, "D") if base else "XXXX-XX-XX"
    return "TIME", f"{value}T{_pod_code(parts)}"


def _clock(parts: dict[str, str], ctx: Context) -> Result:
    if "noon" in parts:
        hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (0, 0)}[parts["noon"].lower()]
    elif "hm" in parts:  # "14:30 GMT", wire style "0600 GMT"
        digits = parts["hm"].replace(":", "")
        hour, minute = int(digits[:-2]), int(digits[-2:])
    else:
        hour, minute = int(parts["hour"]), int(parts.get("minute") or 0)
        ampm = parts["ampm"].lower()
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
    if "wd" in parts:
        day = _weekday({"wd": parts["wd"]}, ctx)[1]
    elif "ref" in parts:
        day = _day_ref({"ref": parts["ref"]}, ctx)[1]
    elif "month" in parts:
        day = _date({"month": parts["month"], "day": parts["day"]}, ctx)[1]
    else:
        day = (_anchor_day(ctx) or ctx.dct).isoformat() if ctx.dct else "XXXX-XX-XX"
    return "TIME", f"{day}T{hour:02d}:{minute:02d}"


def _reference(parts: dict[str, str], ctx: Context) -> Result:
    return "DATE", lookup("reference", parts["ref"]) or "PRESENT_REF"


def _frequency(parts: dict[str, str], ctx: Context) -> Result:
    if "freq" in parts:
        return "SET", lookup("frequency", parts["freq"])
    word = parts.get("each") or parts.get("per")
    if lookup("weekday", word):
        return "SET", f"XXXX-WXX-{lookup('weekday', word)}"
    if lookup("month", word):
        return "SET", f"XXXX-{_month(word):02d}"
    if lookup("season", word):
        return "SET", f"XXXX-{lookup('season', word)}"
    if lookup("part_of_day", word):
        return "SET", f"TXX{lookup('part_of_day', word)}"
    mult, unit = unit_of(word)
    return "SET", duration_value(mult, unit)


def _holiday(parts: dict[str, str], ctx: Context) -> Result:
    """Fixed (``12-25``) or nth-weekday (``11-W4-4``: fourth Thursday) holidays."""
    rule = lookup("holiday", parts["holiday"])
    month = int(rule[:2])
    if ctx.dct is None:
        return "DATE", f"XXXX-{rule}" if "W" not in rule else f"XXXX-{month:02d}"
    rel = parts.get("rel")
    year = int(_month_year(month, ctx, rel.lower() if rel else None)[:4])
    if "W" in rule:
        nth, weekday = int(rule[4]), int(rule[6])
        first = Date(year, month, 1)
        day = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
        return "DATE", day.isoformat()
    return "DATE", f"{year}-{rule}"


def _year_adjective(parts: dict[str, str], ctx: Context) -> Result:
    word = parts["yadj"].lower()
    if ctx.dct is None:
        return "DATE", "XXXX"
    if word in ("year-earlier", "year-ago"):
        return "DATE", _year_before(ctx)
    return "DATE", str(ctx.dct.year)


RULES: dict[str, Callable[[dict[str, str], Context], Result]] = {
    "date_mdy": _date,
    "date_dmy": _date,
    "date_numeric": _numeric,
    "month": _month_rule,
    "season": _season,
    "year": _year_rule,
    "decade": _decade,
    "century": _century,
    "quarter": _quarter,
    "relative": _relative,
    "the_unit": _the_unit,
    "edge_unit": _edge_unit,
    "ago": _ago,
    "day_around": _day_around,
    "duration": _duration,
    "vague_duration": _vague_duration,
    "weekday": _weekday,
    "day_ref": _day_ref,
    "part_of_day": _part_of_day,
    "clock": _clock,
    "reference": _reference,
    "frequency": _frequency,
    "holiday": _holiday,
    "year_adjective": _year_adjective,
}


def normalise(cand: Candidate, ctx: Context) -> Result:
    """TIMEX3 (type, value) for a candidate; a rule that cannot read its parts
    (an impossible date, say) gives an underspecified value rather than failing."""
    try:
        return RULES[cand.rule](cand.parts, ctx)
    except (ValueError, KeyError, TypeError, AttributeError):
        return "DATE", "XXXX-XX-XX"

