"""Temporal expressions: find them, normalise them to TIMEX3 against the
article's date, and let other components look them up by token.

Extents come from the rules in `find`; values from `normalise`,
with the tense of the governing verb (from spaCy's morphology) deciding
whether a bare weekday or month looks back or forward.
"""

from __future__ import annotations

from typing import Any

from dateline.code.time.entities import entity_candidates, entity_value
from dateline.code.time.find import Candidate, find
from dateline.code.time.lexicon import words
from dateline.code.time.normalise import Context, normalise, parse_dct
from dateline.model import Timex
from dateline.pipeline import Analysis, component

_FUTURE_AUX = {"will", "wo", "shall", "'ll", "ll"}
_PROSPECTIVE_MODALS = {"would", "should", "must", "might", "may", "'d"}


def verb_tense(doc: Any, start: int, end: int) -> str | None:
    """``past``, ``present``, ``future`` or None for the clause around [start, end).

    Climbs from the expression to its verb, and on through non-finite verbs
    ("was found clinging Nov. 25", "plans to leave Thursday") to one that
    carries tense. An adjective of a term on the way ("payable Jan. 2",
    "effective Feb. 1") and a planned act look forward.
    """
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
        if token.pos_ == "ADJ" and token.lemma_.lower() in words("prospective") and not _pluperfect(token):
            return "future"  # "payable Jan. 2", "effective Feb. 1", "due Nov. 1"
    if _prospective(token):
        return "future"
    for climbed in range(4):
        tense = _tense_of(token, own=not climbed)
        if tense or token.head is token or token.head.pos_ not in ("VERB", "AUX"):
            return tense
        token = token.head
    return None


def _pluperfect(word: Any) -> bool:
    """Whether `word` (a verb, or an adjective after its copula) is told in
    the pluperfect: "had been scheduled", "had been due"."""
    carriers = [word, word.head] if word.dep_ == "acomp" else [word]
    return any(c.lower_ == "had" and c.dep_ in ("aux", "auxpass") for w in carriers for c in w.children)


def _prospective(verb: Any) -> bool:
    """Whether the verb is the planned act of a verb of planning (listed as
    ``prospective`` in the lexicon) or of "be to": "planned to leave on
    Thursday", "is scheduled to close Monday", "is to resume trading Tuesday"
    lie ahead, unless the plan itself is told in the pluperfect ("had been
    due to expire Friday")."""
    if not (verb.tag_ == "VB" and verb.dep_ == "xcomp" and any(c.tag_ == "TO" for c in verb.children)):
        return False
    return verb.head.lemma_.lower() in (*words("prospective"), "be") and not _pluperfect(verb.head)


def _tense_of(verb: Any, own: bool = True) -> str | None:
    """The tense a verb's own auxiliaries give it. A modal before a bare verb
    ("would meet", "should close") looks forward from the time of speaking;
    a modal perfect ("may have met") looks back. Modals count only on the
    verb the expression hangs from, not on verbs climbed to."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return "future"
    if own and words & _PROSPECTIVE_MODALS:
        return "past" if words & {"have", "'ve"} else "future"
    if any(a.tag_ == "VBD" for a in auxes) or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN" and words & {"has", "have", "'ve", "'s"}:
        return "past"
    if any(a.tag_ in ("VBZ", "VBP") for a in auxes) or verb.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


def recognise(text: str, dct: str | None, doc: Any = None) -> list[Timex]:
    """Timexes in `text`, normalised against `dct` (ISO date string or None)."""
    reference = parse_dct(dct)
    timexes: list[Timex] = []
    anchor = None
    cands = find(text)
    cands = sorted(cands + entity_candidates(doc, [(c.start, c.end) for c in cands]), key=lambda c: c.start)
    for cand in cands:
        if cand.rule == "entity":
            result = entity_value(cand.parts["text"], reference)
            if result is None:
                continue
            kind, value = result
        else:
            tense = verb_tense(doc, cand.start, cand.end) if _needs_tense(cand) else None
            kind, value = normalise(cand, Context(dct=reference, tense=tense, anchor=anchor))
        timexes.append(Timex(text[cand.start : cand.end], kind, value, [(cand.start, cand.end)], cand.rule))
        if kind in ("DATE", "TIME") and value[:1].isdigit() and _sets_anchor(cand):
            anchor = value.partition("T")[0]  # "Tuesday morning" puts Tuesday in focus
    return timexes


_ANCHORING_RULES = {"date_mdy", "date_dmy", "date_numeric", "month", "year", "season", "weekday", "day_ref", "holiday"}


def _sets_anchor(cand: Candidate) -> bool:
    """Only dates read off the text or counted from the DCT ("last Tuesday"),
    not ones computed from the anchor ("a year earlier", "the following
    year"), become the anchor for what follows."""
    if cand.rule == "relative":
        return " ".join(cand.parts["rel"].lower().split()) in ("last", "next", "this", "this past", "this coming")
    return cand.rule in _ANCHORING_RULES or cand.rule == "quarter" and "ord" in cand.parts


def _needs_tense(cand: Candidate) -> bool:
    return cand.rule in ("weekday", "month", "date_mdy", "date_dmy", "season", "holiday", "clock", "quarter")


@component("timexes")
def find_timexes(state: Analysis) -> None:
    state.article.timexes = recognise(state.article.text, state.article.published, state.doc)


def timex_for_token(state: Analysis, token: Any) -> Timex | None:
    """The timex that dates `token` (an event trigger, say): one inside the
    token's subtree if any, else the nearest in its sentence, else None.
    Non-date types (DURATION, SET) are skipped: they do not anchor an event."""
    anchored = [t for t in state.article.timexes if t.type in ("DATE", "TIME") and t.spans]
    if not anchored:
        return None
    subtree = list(token.subtree)
    lo, hi = subtree[0].idx, subtree[-1].idx + len(subtree[-1])
    inside = [t for t in anchored if lo <= t.spans[0][0] and t.spans[0][1] <= hi]
    pool = inside or [t for t in anchored if token.sent.start_char <= t.spans[0][0] < token.sent.end_char]
    if not pool:
        return None
    return min(pool, key=lambda t: abs(t.spans[0][0] - token.idx))
