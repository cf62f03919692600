"""One real-world event from many reports: event mentions merged across articles.

Two mentions denote the same event when they are in the same story and

- their kinds agree: the same CAMEO root code, or the same PLOVER type, and
  the same negated or hypothetical modality (a reported attack and a denied
  one are two events);
- their actors are compatible, source with source and target with target:
  the same code, or one code refining the other (``RUS`` and ``RUSGOV``);
  without codes the resolved names must match; a missing actor matches only
  a missing actor (we do not guess that "Putin said" and "Putin told Biden"
  are one event);
- their dates are at most `DATE_WINDOW_DAYS` apart (an event without a date
  takes its article's publication day; reports of one event are often dated a
  day apart across time zones and "yesterday"s).

A copy restating its cluster's sentence is a report of the event coded there
even when one actor differs: copies reorder paragraphs, so a description ("the
two presidents") can find another antecedent in the copy than in the original.
So when no event matches as above, a mention joins an event of the same kind
and days that another member of its copy cluster coded from the same sentence
(`SAME_SENTENCE`), sharing at least one coded actor in the same role. The
merged event is coded as its first independent report codes it, so the
original's reading stands whichever article was linked first.

Counts follow GDELT: NumMentions (all mentions, several per article count),
NumArticles (distinct articles), NumSources (distinct sites). Copies of one
wire story are not independent confirmation: in each copy cluster only the
original (or, if it did not report the event, the earliest member that did)
is an independent report, and `num_independent_sources` counts the distinct
origins (the credited agency, else the original's site) among them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from dateline.link.provenance import similarity
from dateline.link.stories import day_of
from dateline.model import ActorRef, Event

DATE_WINDOW_DAYS = 1
SAME_SENTENCE = 0.8
"""Two sentences whose words are this similar (0..1) are one sentence, rewritten."""


@dataclass
class Mention:
    """One coded event in one article, with what the counts need about the article."""

    event: Event
    article_id: str
    sentence_id: int | None = None
    in_lead: bool = False
    site: str | None = None
    url: str | None = None
    published: str | None = None
    tone: float = 0.0
    doc_len: int = 0
    cluster_id: str | None = None
    origin: str | None = None
    independent: bool = True

    @property
    def day(self) -> str | None:
        return day_of(self.event.date) or day_of(self.published)


@dataclass
class MergedEvent:
    """A real-world event: a representative coding and all the mentions that report it."""

    id: int
    story_id: str | None
    mentions: list[Mention] = field(default_factory=list)

    @property
    def event(self) -> Event:
        """The coding of the first independent report: a copy's context can code its sentence differently."""
        return next((m.event for m in self.mentions if m.independent), self.mentions[0].event)

    @property
    def day(self) -> str | None:
        days = sorted(d for d in (m.day for m in self.mentions) if d)
        return days[0] if days else None

    def counts(self) -> dict:
        articles = {m.article_id: m for m in self.mentions}
        independent = {m.origin or m.cluster_id or m.article_id for m in self.mentions if m.independent}
        tones = [m.tone for m in articles.values()]
        return {
            "num_mentions": len(self.mentions),
            "num_articles": len(articles),
            "num_sources": len({m.site or m.article_id for m in articles.values()}),
            "num_independent_sources": len(independent),
            "independent_sources": sorted(independent),
            "avg_tone": round(sum(tones) / len(tones), 4) if tones else 0.0,
        }


def _actor_key(ref: ActorRef | None) -> tuple[str, str] | None:
    if ref is None:
        return None
    if ref.code:
        return "code", ref.code.upper()
    name = (ref.name or ref.text or "").strip().upper()
    return ("name", name) if name else None


def compatible_actors(a: ActorRef | None, b: ActorRef | None) -> bool:
    """Same actor, or one code a refinement of the other; missing matches missing."""
    ka, kb = _actor_key(a), _actor_key(b)
    if ka is None or kb is None:
        return ka is None and kb is None
    if ka[0] != kb[0]:
        return False
    if ka[0] == "name":
        return ka[1] == kb[1]
    return ka[1].startswith(kb[1]) or kb[1].startswith(ka[1])


UNREAL = ("negated", "hypothetical")
"""Modalities of an event not reported as having happened ("did not attack", "if Russia invades")."""


def unreal(event: Event) -> frozenset[str]:
    return frozenset(m for m in event.modality if m in UNREAL)


def same_kind(a: Event, b: Event) -> bool:
    """The same root code or PLOVER type, reported as happening in both or alike in not
    happening: an attack is not one event with a denied or hypothetical attack."""
    return (a.cameo_root == b.cameo_root or bool(a.plover and a.plover == b.plover)) and unreal(a) == unreal(b)


def days_apart(a: str | None, b: str | None) -> int:
    """Days between two YYYY-MM-DD days; 0 when either is unknown (no evidence against)."""
    if not a or not b:
        return 0
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def shared_actors(a: Event, b: Event) -> int:
    """How many roles (source, target) hold the same coded actor in both events."""
    return sum(
        _actor_key(x) is not None and compatible_actors(x, y) for x, y in ((a.source, b.source), (a.target, b.target))
    )


def same_sentence(a: Event, b: Event) -> bool:
    return bool(a.sentence and b.sentence) and similarity(a.sentence, b.sentence) >= SAME_SENTENCE


def same_event(merged: MergedEvent, mention: Mention) -> bool:
    rep = merged.event
    return (
        same_kind(rep, mention.event)
        and compatible_actors(rep.source, mention.event.source)
        and compatible_actors(rep.target, mention.event.target)
        and days_apart(merged.day, mention.day) <= DATE_WINDOW_DAYS
    )


def copied_event(merged: MergedEvent, mention: Mention) -> bool:
    """Whether `mention` restates an event another member of its copy cluster coded from the same sentence."""
    rep, event = merged.event, mention.event
    return (
        mention.cluster_id is not None
        and same_kind(rep, event)
        and shared_actors(rep, event) > 0
        and days_apart(merged.day, mention.day) <= DATE_WINDOW_DAYS
        and any(
            m.cluster_id == mention.cluster_id and m.article_id != mention.article_id and same_sentence(m.event, event)
            for m in merged.mentions
        )
    )


def find_event(candidates: Iterable[MergedEvent], mention: Mention) -> MergedEvent | None:
    """The merged event (of the same story) this mention reports, if any: the one with most mentions;
    else the copied event sharing most actors with it."""
    candidates = list(candidates)
    matching = [m for m in candidates if same_event(m, mention)]
    if matching:
        return max(matching, key=lambda m: (len(m.mentions), -m.id))
    copied = [m for m in candidates if copied_event(m, mention)]
    return max(copied, key=lambda m: (shared_actors(m.event, mention.event), len(m.mentions), -m.id), default=None)


def mark_independent(mentions: list[Mention], originals: Mapping[str, str]) -> None:
    """Flag, per copy cluster, the one article whose report is independent.

    That is the cluster's original when it reported the event, else the
    earliest member that did; every other copy's mentions are not independent.
    """
    chosen: dict[str, str] = {}
    for m in sorted(mentions, key=lambda m: (m.published or "~", m.article_id)):
        cluster = m.cluster_id or m.article_id
        if originals.get(cluster) == m.article_id:
            chosen[cluster] = m.article_id
        chosen.setdefault(cluster, m.article_id)
    for m in mentions:
        m.independent = chosen[m.cluster_id or m.article_id] == m.article_id
