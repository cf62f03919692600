"""Modality of an event, as PLOVER's auxiliary modes: negated, future, hypothetical, historical.

Read from the trigger's clause in the dependency parse: negation and modal
auxiliaries on the trigger or on the verbs that govern it through
infinitive complements ("refused to grant", "agreed to hold talks"), a
conditional ("if possible"), and a date well before the article's.
CAMEO codes a future or intended act of cooperation as an expressed intent
(03x: "Finland will give Tanzania a grant" is 0331): `intent_code` gives that
recoding; `threat_code` the threat of a conflict act ("threatened to ban");
`refusal_code` the rejection a negated concession is ("will not allow": 124).
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from dateline.code.events.arguments import CONDITIONAL_MARKS, REPORTING_VERBS

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_AUX = {"could", "might", "may", "should", "can", "ca", "would", "must", "ought"}
PRESCRIBING_VERBS = {"need", "have", "ought"}
"""'need to', 'have to': what must be done is prescribed, not done."""
COMPARISON_MARKS = {"like", "as"}
"""'an attack like an invasion': what a thing is compared with did not happen."""
""""would" under a past reporting verb is the future of reported speech ("Iraq said it would allow")."""
INTENT_VERBS = {"plan", "intend", "expect", "aim", "prepare", "seek", "want", "hope", "agree", "offer",
                "promise", "pledge", "vow", "go", "willing", "ready", "prepared", "determined", "committed"}
REFUSAL_VERBS = {"refuse", "fail", "decline", "reject", "cancel", "postpone", "suspend", "deny", "avoid"}

_INTENT = {
    "04": "036", "05": "032", "06": "031", "07": "033", "08": "035",
    "061": "0311", "062": "0312", "063": "0313", "064": "0314",
    "071": "0331", "072": "0332", "073": "0333", "074": "0334",
    "081": "0351", "082": "0352", "084": "0353", "085": "0354", "086": "0355", "087": "0356",
}
_THREAT = {
    "14": "133", "16": "131", "161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135", "166": "136",
    "17": "137", "172": "132", "1722": "1322", "1723": "1323", "1724": "1324",
    "18": "138", "19": "138", "20": "1383", "190": "1384", "191": "1381", "192": "1382", "204": "1385",
}


def governing_chain(token: Any) -> list[Any]:
    """The trigger and the verbs above it through xcomp/conj links (its clause's
    modal context): "refused" above "grant" in "refused to grant"."""
    chain = [token]
    t = token
    while t.dep_ in ("xcomp", "conj", "dobj", "pobj", "prep", "compound") and t.head is not t and len(chain) < 6:
        t = t.head
        chain.append(t)
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("xcomp", "conj"):
            break
    return chain


def _aux_words(chain: list[Any]) -> set[str]:
    return {c.lower_ for t in chain for c in t.children if c.dep_ in ("aux", "auxpass")}


def modality(token: Any, trigger_code: str, event_date: str | None = None,
             article_date: str | None = None) -> list[str]:
    """PLOVER modes of the event triggered at `token` (a spaCy token)."""
    chain = governing_chain(token)
    modes: list[str] = []
    negated = any(c.dep_ == "neg" for t in chain for c in t.children)
    refused = any(t.lemma_.lower() in REFUSAL_VERBS for t in chain[1:]) and not trigger_code.startswith("12")
    if negated or refused:
        modes.append("negated")
    aux = _aux_words(chain)
    reporter = chain[-1].head if chain[-1].dep_ == "ccomp" else None
    reported = reporter is not None and reporter.lemma_.lower() in REPORTING_VERBS and reporter.tag_ == "VBD"
    if "would" in aux and reported:
        aux = (aux - {"would"}) | {"will"}
    intended = any(t.lemma_.lower() in INTENT_VERBS and t.dep_ != "xcomp" for t in chain[1:]
                   if any(c.dep_ == "xcomp" for c in t.children))
    if aux & FUTURE_AUX or intended:
        modes.append("future")
    conditional = any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS
                      for t in chain for a in [t, *(a for a in t.children if a.dep_ == "advcl")] for c in a.children)
    prescribed = any(t.lemma_.lower() in PRESCRIBING_VERBS and any(c.dep_ == "xcomp" for c in t.children)
                     for t in chain[1:])
    compared = token.dep_ == "pobj" and token.head.lower_ in COMPARISON_MARKS
    asked = token.sent.text.rstrip(" \"'”’»").endswith("?")
    if aux & HYPOTHETICAL_AUX or conditional or prescribed or compared or asked:
        modes.append("hypothetical")
    if _well_before(event_date, article_date):
        modes.append("historical")
    return modes


BACKGROUND_DAYS = 90
"""An act dated more than about three months before the article is background (docs/annotation.md)."""


def _well_before(event_date: str | None, article_date: str | None, days: int = BACKGROUND_DAYS) -> bool:
    """True when the event's date (its last day, for a year or month) lies more
    than `days` before the article's."""
    e, a = _last_day(event_date), _last_day(article_date)
    return e is not None and a is not None and (a - e).days > days


def _last_day(value: str | None) -> date | None:
    """The last day of an ISO date, month (``1999-05``) or year (``1999``)."""
    parts = (value or "")[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 12
        day = int(parts[2]) if len(parts) > 2 else calendar.monthrange(year, month)[1]
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


_REFUSAL = {
    "03": "120", "08": "124", "081": "1241", "082": "1242", "083": "123", "084": "1243", "085": "1244",
    "086": "1245", "087": "1246",
}


def _closest(table: dict[str, str], code: str) -> str | None:
    for key in (code, code[:3], code[:2]):
        if key in table:
            return table[key]
    return None


def intent_code(code: str) -> str | None:
    """The CAMEO code for announcing cooperation `code` as an intent (03x), or
    None when CAMEO codes the future act as itself (statements, conflict...)."""
    return _closest(_INTENT, code)


def threat_code(code: str) -> str | None:
    """The CAMEO threat (13x) of carrying out conflict `code` ("threatened to ban": 1322)."""
    return _closest(_THREAT, code)


def refusal_code(code: str) -> str | None:
    """The CAMEO rejection (12x) that a negated concession or promise is: "Syria
    will not accept more refugees" declines to yield (124)."""
    return _closest(_REFUSAL, code)


def negated_before(token: Any) -> bool:
    """"will not allow", "did not accept": a negation before the verb, on it or on
    an auxiliary of its clause (not a "not" later in the sentence)."""
    return any(c.dep_ == "neg" and c.i < token.i for c in token.children)
