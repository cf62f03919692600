"""The incremental linker: one article at a time against everything linked before.

`Linker.link(article)` finds the article's copies (LSH), updates its copy
cluster's provenance, puts it in a story and merges its events with the
reports of the same events, then writes the link tables. Nothing is
recomputed from scratch and no article is compared with all others. The copy
index (LSH) lives in a file beside the store (`dateline.link.copyindex`);
copy clusters, stories, their postings and their merged events are read from
the link tables when needed and leave memory once no article of the recent
days can join them (`RESIDENT_DAYS`), so memory follows the recent news, not
the store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import islice

from dateline.link import tables
from dateline.link.clusters import Clusters
from dateline.link.copyindex import SUFFIX, CopyIndex
from dateline.link.duplicates import CopyMatch, assign_cluster, signature
from dateline.link.events import MergedEvent, Mention, find_event, mark_independent
from dateline.link.provenance import Member, choose_original, domain, origin_agency, relation, similarity
from dateline.link.stories import WINDOW_DAYS, StoryIndex, day_of, entity_names, term_counts
from dateline.link.text import sentence_number
from dateline.link.tone import tone
from dateline.model import Article, Event

TextLookup = Callable[[str], "str | None"]

RESIDENT_DAYS = 2 * WINDOW_DAYS + 1
"""Days before the newest day linked whose stories and events stay in memory: an article
dated up to `WINDOW_DAYS` + 1 days before the newest finds all it may join there; older
ones (a late report, a copy of an old article) read theirs back from the link tables."""

EVICT_EVERY = 1000
"""Besides each new day, memory is also cleared every so many articles (a backfill of old days reads back a lot)."""


@dataclass
class LinkResult:
    """What linking decided for one article."""

    article_id: str
    cluster_id: str
    original_id: str
    relation: str
    similarity: float | None
    copies: list[CopyMatch] = field(default_factory=list)
    story_id: str | None = None
    event_ids: list[int] = field(default_factory=list)


def wire_agency(article: Article) -> str | None:
    """The agency an article credits: its wire source, else its dateline's agency."""
    return article.wire_source or (article.dateline.agency if article.dateline else None)


def event_offset(article: Article, event: Event) -> int | None:
    """Where the event is stated: its trigger (or sentence) offset, else where its sentence occurs."""
    for key in ("trigger", "sentence"):
        span = event.spans.get(key)
        if span:
            return span[0]
    found = article.text.find(event.sentence) if event.sentence else -1
    return found if found >= 0 else None


def in_lead(text: str, offset: int | None) -> bool:
    """Whether `offset` falls in the first paragraph of `text` (GDELT's IsRootEvent)."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n\n", start)
    return offset is not None and offset < (end if end >= 0 else len(text))


def event_sentence(article: Article, event: Event) -> int | None:
    """GDELT's SentenceID: the 1-based sentence of the event's trigger (or sentence) in the text."""
    offset = event_offset(article, event)
    return sentence_number(article.text, offset) if offset is not None else None


class Linker:
    """Links articles into the link tables of one DuckDB connection.

    `texts` returns the text of a stored article by id; provenance needs it to
    compare a copy with an original linked earlier. Without it (or when it
    returns None) the copy's relation is just ``copy``, with no similarity.
    """

    def __init__(self, conn, texts: TextLookup | None = None, resident_days: int | None = RESIDENT_DAYS) -> None:
        self.conn = conn
        self.texts = texts or (lambda _id: None)
        self.resident_days = resident_days
        """None keeps every cluster, story and event in memory once read (nothing is evicted)."""
        self.newest_day: str | None = None
        self._evicted: tuple[str | None, int] = (None, 0)
        """The day evicted before last time, and the articles linked since."""
        tables.migrate(conn)
        self.pending = tables.PendingWrites()
        self.copies: CopyIndex | None = None
        self._loaded = False

    def _load(self) -> None:
        if self._loaded:
            return
        if self.copies is not None:
            self.copies.close()
        path = tables.store_path(self.conn)
        self.copies = CopyIndex(path + SUFFIX if path else None)
        self.clusters = Clusters(self.conn)
        self.copies.sync(
            self.clusters.count,
            lambda seen: tables.article_at(self.conn, seen),
            lambda seen: tables.signatures_after(self.conn, seen),
        )
        self.stories = StoryIndex(
            lambda days: tables.load_postings(self.conn, days), lambda story_id: tables.load_story(self.conn, story_id)
        )
        df, n = tables.load_document_frequencies(self.conn)
        self.stories.df.update(df)
        self.stories.n_docs = n
        self.events_by_story: dict[str | None, list[MergedEvent]] = {}
        self.events_of: dict[str, set[int]] = defaultdict(set)
        self.events: dict[int, MergedEvent] = {}
        self.last_event_id = tables.last_event_id(self.conn)
        self._loaded = True

    def _story_events(self, story_id: str | None) -> list[MergedEvent]:
        """The merged events of a story, read back when they left memory."""
        found = self.events_by_story.get(story_id)
        if found is None:
            found = self.events_by_story[story_id] = []
            for merged in tables.load_events(self.conn, story_id):
                self._index_event(merged)
        return found

    def _index_event(self, merged: MergedEvent) -> None:
        if merged.id not in self.events:
            self.events_by_story[merged.story_id].append(merged)
        self.events[merged.id] = merged
        for m in merged.mentions:
            self.events_of[m.article_id].add(merged.id)

    def _evict(self, linked: int) -> None:
        """After a write: let the stories and events no article of the recent days can join leave memory."""
        if self.resident_days is None or self.newest_day is None:
            return
        before = (date.fromisoformat(self.newest_day) - timedelta(self.resident_days)).isoformat()
        last, since = self._evicted
        if before == last and since + linked < EVICT_EVERY:
            self._evicted = (last, since + linked)
            return
        self._evicted = (before, 0)
        self.clusters.evict(before)
        self.stories.evict(before)
        for story_id in [s for s in self.events_by_story if s not in self.stories.stories]:
            for merged in self.events_by_story.pop(story_id):
                del self.events[merged.id]
                for m in merged.mentions:
                    held = self.events_of.get(m.article_id)
                    if held is not None:
                        held.discard(merged.id)
                        if not held:
                            del self.events_of[m.article_id]

    def _flush(self) -> None:
        self.pending.postings += self.stories.take_postings()
        self.pending.flush(self.conn)

    def is_linked(self, article_id: str) -> bool:
        self._load()
        return self.clusters.cluster(article_id) is not None

    def link(self, article: Article) -> LinkResult:
        """Link one article (already linked articles are left as they are) and write its rows."""
        return next(self.link_all([article], batch=1))

    def link_all(self, articles: Iterable[Article], batch: int = 200) -> Iterator[LinkResult]:
        """Link many articles, writing and committing every `batch` of them."""
        self._load()
        pending = iter(articles)
        while chunk := list(islice(pending, batch)):
            try:
                with tables.transaction(self.conn):
                    results = [self.result(a.id) if self.is_linked(a.id) else self._link(a) for a in chunk]
                    self._flush()
            except BaseException:  # the tables rolled back: reload the indexes from them next time
                self.copies.rollback()
                self.pending = tables.PendingWrites()
                self._loaded = False
                raise
            self.copies.commit()
            self._evict(len(chunk))
            yield from results

    def _link(self, article: Article) -> LinkResult:
        sig = signature(article.text)
        matches = self.copies.matches(sig, exclude=article.id) if sig else []
        clusters = {m.article_id: self.clusters.cluster(m.article_id) for m in matches}
        cluster_id, bridged = assign_cluster(article.id, matches, clusters)
        for old in bridged:
            self._move_cluster(old, cluster_id)
        member = Member(
            article.id, article.site or None, article.url, article.published, wire_agency(article), self.clusters.count
        )
        earlier = self.clusters.members(cluster_id) if matches else self.clusters.start(cluster_id)
        counts = term_counts(article.text, article.title, entity_names(article))
        self.stories.count_document(counts)
        day = day_of(article.published)
        if day and (self.newest_day is None or day > self.newest_day):
            self.newest_day = day
        story_id, story_score = self.stories.assign(
            self.clusters.story(earlier[0].article_id) if earlier else None,
            self.stories.vector(counts),
            day,
            new_id=f"S-{article.id}",
        )
        if self.stories.stories[story_id].size == 1:  # a new story: no events to read back
            self.events_by_story[story_id] = []
        article_tone = tone(article.text)
        self.clusters.join(cluster_id, member, story_id)
        relations = self._provenance(cluster_id, article)
        self.pending.article(
            {
                "article_id": article.id, "seen": member.seen, "site": domain(member), "url": article.url,
                "title": article.title, "published": article.published, "wire_agency": member.wire_agency,
                "doc_len": len(article.text), "tone": article_tone, "signature": sig.to_bytes() if sig else None,
                "shingle_count": sig.size if sig else None, "terms": "\n".join(sorted(counts)),
                "cluster_id": cluster_id, "copy_jaccard": matches[0].jaccard if matches else None,
                "relation": self.clusters.relation(article.id)[0], "similarity": self.clusters.relation(article.id)[1],
                "story_id": story_id, "story_score": story_score,
            },
        )
        for article_id in relations - {article.id}:
            self.pending.relation(article_id, *self.clusters.relation(article_id))
        if sig:
            self.copies.add(member.seen, article.id, sig)
        self.pending.stories[story_id] = self.stories.stories[story_id]
        if len(earlier) > 1:
            self._refresh_events({m.article_id for m in earlier})
        result = self.result(article.id)
        result.copies = matches
        result.event_ids = self._merge_events(article, member, story_id, article_tone)
        return result

    def result(self, article_id: str) -> LinkResult:
        """The link decisions recorded for an already linked article."""
        self._load()
        cluster_id = self.clusters.cluster(article_id)
        rel, score = self.clusters.relation(article_id)
        story_id = self.clusters.story(article_id)
        self._story_events(story_id)
        return LinkResult(
            article_id, cluster_id, self.clusters.original(cluster_id) or cluster_id, rel, score,
            story_id=story_id, event_ids=sorted(self.events_of.get(article_id, ())),
        )

    def _move_cluster(self, old: str, new: str) -> None:
        """Two clusters turned out to be one: move the members of `old` into `new`."""
        self.clusters.move(old, new)
        self._flush()
        tables.move_cluster(self.conn, old, new)

    def _provenance(self, cluster_id: str, article: Article) -> set[str]:
        """Choose the cluster's original and grade the copies; the ids whose relation changed."""
        members = self.clusters.members(cluster_id)
        original, basis = choose_original(members)
        changed = self.clusters.original(cluster_id) != original.article_id
        self.clusters.set_original(cluster_id, original.article_id)
        self.pending.cluster(cluster_id, original, basis, origin_agency(members) or domain(original), len(members))
        refresh = {m.article_id for m in members} if changed else {article.id}
        lookup = {article.id: article.text}.get
        original_text = lookup(original.article_id) or self.texts(original.article_id)
        for article_id in refresh:
            if article_id == original.article_id:
                self.clusters.set_relation(article_id, ("original", 1.0))
                continue
            text = lookup(article_id) or self.texts(article_id)
            score = similarity(original_text, text) if original_text and text else None
            self.clusters.set_relation(article_id, (relation(score) if score is not None else "copy", score))
        return refresh

    def _mention(self, article: Article, member: Member, event: Event, article_tone: float) -> Mention:
        cluster_id = self.clusters.cluster(article.id)
        return Mention(
            event=event,
            article_id=article.id,
            sentence_id=event_sentence(article, event),
            in_lead=in_lead(article.text, event_offset(article, event)),
            site=domain(member),
            url=article.url,
            published=article.published,
            tone=article_tone,
            doc_len=len(article.text),
            cluster_id=cluster_id,
            origin=self._origin(cluster_id),
        )

    def _origin(self, cluster_id: str) -> str | None:
        members = self.clusters.members(cluster_id)
        original = self.clusters.original(cluster_id)
        site = next((domain(m) for m in members if m.article_id == original), None)
        return origin_agency(members) or site

    def _merge_events(self, article: Article, member: Member, story_id: str | None, article_tone: float) -> list[int]:
        touched: dict[int, MergedEvent] = {}
        for event in article.events:
            mention = self._mention(article, member, event, article_tone)
            merged = find_event(self._story_events(story_id), mention)
            if merged is None:
                merged = MergedEvent(self._next_event_id(), story_id)
            merged.mentions.append(mention)
            self._index_event(merged)
            touched[merged.id] = merged
        for merged in touched.values():
            self._save_event(merged)
        return sorted(touched)

    def _next_event_id(self) -> int:
        self.last_event_id += 1
        return self.last_event_id

    def _refresh_events(self, article_ids: set[str]) -> None:
        """Cluster membership or originals changed: recount the events these articles report."""
        for story_id in {self.clusters.story(a) for a in article_ids}:
            self._story_events(story_id)
        for event_id in sorted({e for a in article_ids for e in self.events_of.get(a, ())}):
            merged = self.events[event_id]
            for m in merged.mentions:
                m.cluster_id = self.clusters.cluster(m.article_id) or m.cluster_id
                m.origin = self._origin(m.cluster_id)
            self._save_event(merged)

    def _save_event(self, merged: MergedEvent) -> None:
        clusters = {m.cluster_id or m.article_id for m in merged.mentions}
        mark_independent(merged.mentions, {c: o for c in clusters if (o := self.clusters.original(c)) is not None})
        self.pending.events[merged.id] = merged
