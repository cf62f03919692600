"""Copy clusters as the linker needs them: the recent ones in memory, older ones read back.

A copy can turn up weeks after its original, so any cluster may receive a
member; but most do so within days. The clusters whose newest member is older
than a given day leave memory (`evict`) once their rows are written, and are
read back from `link_articles` and `link_clusters` when an article copies one
of their members or an event recounts them.

Members are kept in the order they were linked (`seen`), also after two
clusters turn out to be one, so a cluster read back is the cluster that left.
"""

from __future__ import annotations

from dateline.link import tables
from dateline.link.provenance import Member
from dateline.link.stories import day_of

Relation = tuple["str | None", "float | None"]


class Clusters:
    """Article → cluster, story and relation; cluster → members and original."""

    def __init__(self, conn) -> None:
        self.conn = conn
        self.count = tables.count_linked(conn)
        """Articles linked so far: the next article's `seen`."""
        self._cluster_of: dict[str, str] = {}
        self._story_of: dict[str, str | None] = {}
        self._relations: dict[str, Relation] = {}
        self._members: dict[str, list[Member]] = {}
        self._originals: dict[str, str] = {}
        self._newest: dict[str, str] = {}
        """Cluster → the day of its newest member ("" when undated), for eviction."""
        self._by_day: dict[str, set[str]] = {}

    def cluster(self, article_id: str) -> str | None:
        """The cluster of a linked article (None: not linked)."""
        if article_id not in self._cluster_of:
            found = tables.cluster_of(self.conn, article_id)
            if found is None:
                return None
            self.members(found)
        return self._cluster_of[article_id]

    def members(self, cluster_id: str) -> list[Member]:
        """The members of a cluster, in linking order (empty for an unknown cluster)."""
        found = self._members.get(cluster_id)
        if found is None:
            found = self._members[cluster_id] = []
            self._touch(cluster_id, "")
            for member, story_id, rel in tables.load_cluster(self.conn, cluster_id):
                self._add(cluster_id, member, story_id, rel)
            original = tables.load_original(self.conn, cluster_id)
            if original is not None:
                self._originals[cluster_id] = original
        return found

    def _touch(self, cluster_id: str, day: str) -> None:
        if day > self._newest.get(cluster_id, "") or cluster_id not in self._newest:
            self._newest[cluster_id] = day
            self._by_day.setdefault(day, set()).add(cluster_id)

    def _add(self, cluster_id: str, member: Member, story_id: str | None, rel: Relation) -> None:
        self._touch(cluster_id, day_of(member.published) or "")
        self._members[cluster_id].append(member)
        self._cluster_of[member.article_id] = cluster_id
        self._story_of[member.article_id] = story_id
        self._relations[member.article_id] = rel

    def start(self, cluster_id: str) -> list[Member]:
        """A new cluster (an article without copies): nothing to read back."""
        self._touch(cluster_id, "")
        return self._members.setdefault(cluster_id, [])

    def join(self, cluster_id: str, member: Member, story_id: str | None) -> None:
        """Add a newly linked article (its relation is set by provenance)."""
        self._add(cluster_id, member, story_id, (None, None))
        self.count += 1

    def move(self, old: str, new: str) -> None:
        """Two clusters are one: the members of `old` join `new`, in linking order."""
        moved = self.members(old)
        self.members(new)
        for member in moved:
            self._cluster_of[member.article_id] = new
        self._touch(new, self._newest.pop(old, ""))
        self._members[new] = sorted(self._members[new] + moved, key=lambda m: m.seen)
        del self._members[old]
        self._originals.pop(old, None)

    def story(self, article_id: str) -> str | None:
        self.cluster(article_id)
        return self._story_of.get(article_id)

    def relation(self, article_id: str) -> Relation:
        self.cluster(article_id)
        return self._relations.get(article_id, (None, None))

    def set_relation(self, article_id: str, rel: Relation) -> None:
        self._relations[article_id] = rel

    def original(self, cluster_id: str) -> str | None:
        self.members(cluster_id)
        return self._originals.get(cluster_id)

    def set_original(self, cluster_id: str, article_id: str) -> None:
        self._originals[cluster_id] = article_id

    def evict(self, before: str) -> None:
        """Let the clusters whose newest member is dated before `before` (or undated) leave memory;
        their rows must have been written."""
        for day in [d for d in self._by_day if d < before]:
            for cluster_id in self._by_day.pop(day):
                if cluster_id in self._newest and self._newest[cluster_id] < before:
                    del self._newest[cluster_id]
                    for m in self._members.pop(cluster_id, ()):
                        for held in (self._cluster_of, self._story_of, self._relations):
                            held.pop(m.article_id, None)
                    self._originals.pop(cluster_id, None)
