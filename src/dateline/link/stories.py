"""Stories: articles about the same news, grouped across outlets and wordings.

An article is summarised by its top TF-IDF terms (content words, with title
words and named entities counted double; document frequencies grow as
articles arrive). It joins the story whose term centroid is most similar
(cosine ≥ `JOIN_SIMILARITY`) among stories active within `WINDOW_DAYS` of its
date, found through an inverted index of terms by day, so the work per article
depends on the news of those days, not on the size of the store. Otherwise it
starts a new story. Copies of one text are always in the same story. For the
same reason only the recent days' postings and stories need stay in memory.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateline.link.text import content_words

TOP_TERMS = 25
CENTROID_TERMS = 60
LOOKUP_TERMS = 10
JOIN_SIMILARITY = 0.25
WINDOW_DAYS = 3
LABEL_TERMS = 6
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "EVENT", "LOC", "FAC"}

Vector = dict[str, float]


@dataclass
class Story:
    """A story: its term centroid, size and time span."""

    id: str
    centroid: Vector = field(default_factory=dict)
    size: int = 0
    first: str | None = None
    last: str | None = None

    def label(self) -> str:
        """Top entities and terms, the most weighty first."""
        terms = sorted(self.centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:LABEL_TERMS]
        return ", ".join(t for t, _ in terms)

    def add(self, vector: Vector, day: str | None) -> None:
        merged = Counter(self.centroid)
        merged.update(vector)
        self.centroid = dict(sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))[:CENTROID_TERMS])
        self.size += 1
        if day:
            self.first = min(self.first or day, day)
            self.last = max(self.last or day, day)


def term_counts(text: str, title: str | None = None, entities: Iterable[str] = ()) -> Counter:
    """Term frequencies for one article: body words once, title words and entities twice."""
    counts = Counter(w for w in content_words(text) if len(w) > 2)
    counts.update({w: 1 for w in content_words(title or "") if len(w) > 2})
    for name in entities:
        key = " ".join(content_words(name, fold=False))
        if key:
            counts[key] += 2
    return counts


def entity_names(article) -> list[str]:
    """Names of the named entities of an article (resolved names when the NLP layer gave one)."""
    return [e.name or e.text for e in article.entities if e.label in ENTITY_LABELS]


def tfidf(counts: Mapping[str, int], df: Mapping[str, int], n_docs: int) -> Vector:
    """The article's top terms weighted by TF-IDF, L2-normalised."""
    weights = {t: (1 + math.log(c)) * math.log((n_docs + 1) / (df.get(t, 0) + 1) + 1) for t, c in counts.items()}
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS]
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {t: w / norm for t, w in top}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def day_of(published: str | None) -> str | None:
    """The YYYY-MM-DD day of an ISO date or datetime, or None."""
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).isoformat()
    except ValueError:
        return None


def window(day: str | None, days: int = WINDOW_DAYS) -> list[str | None]:
    """The days whose stories an article of `day` may join (undated joins undated)."""
    if day is None:
        return [None]
    d = date.fromisoformat(day)
    return [(d + timedelta(n)).isoformat() for n in range(-days, days + 1)]


PostingReader = Callable[[list["str | None"]], Iterable[tuple["str | None", str, str]]]
StoryReader = Callable[[str], "Story | None"]


class StoryIndex:
    """Stories with an inverted index day → term → story ids, holding in memory only what
    recent articles need.

    An article of day d only looks at the postings of d ± `WINDOW_DAYS`, so the
    postings of other days and the stories not active lately can leave memory
    (`evict`) and be read back when an article of an old day, or a copy of an old
    article, needs them: `read_postings(days)` and `read_story(id)` return what
    was written (`take_postings` gives the postings added since the last call,
    for the caller to write). Without readers nothing is ever read back, so
    nothing may be evicted: the index is then all in memory.
    """

    def __init__(self, read_postings: PostingReader | None = None, read_story: StoryReader | None = None) -> None:
        self.stories: dict[str, Story] = {}
        self.df: Counter = Counter()
        self.n_docs = 0
        self._postings: dict[str | None, dict[str, set[str]]] = {}
        self._read_postings = read_postings or (lambda days: ())
        self._read_story = read_story or (lambda story_id: None)
        self._new_postings: list[tuple[str | None, str, str]] = []

    def count_document(self, terms: Iterable[str]) -> None:
        """Update document frequencies with one article's distinct terms."""
        self.df.update(set(terms))
        self.n_docs += 1

    def vector(self, counts: Mapping[str, int]) -> Vector:
        return tfidf(counts, self.df, self.n_docs)

    def story(self, story_id: str) -> Story | None:
        """A story, read back when it left memory."""
        found = self.stories.get(story_id)
        if found is None:
            found = self._read_story(story_id)
            if found is not None:
                self.stories[story_id] = found
        return found

    def _days(self, days: list[str | None]) -> None:
        """Read back the postings of the days not in memory."""
        missing = [d for d in days if d not in self._postings]
        for d in missing:
            self._postings[d] = {}
        for day, term, story_id in self._read_postings(missing) if missing else ():
            self._postings[day].setdefault(term, set()).add(story_id)

    def best(self, vector: Vector, day: str | None) -> tuple[str | None, float]:
        """The most similar active story and its similarity (None when no candidate)."""
        lookup = sorted(vector, key=lambda t: -vector[t])[:LOOKUP_TERMS]
        days = window(day)
        self._days(days)
        candidates = {sid for d in days for term in lookup for sid in self._postings[d].get(term, ())}
        scored = [(cosine(vector, self.story(sid).centroid), sid) for sid in candidates]
        if not scored:
            return None, 0.0
        score, sid = max(scored)
        return sid, score

    def assign(self, story_id: str | None, vector: Vector, day: str | None, new_id: str) -> tuple[str, float]:
        """Put an article in `story_id` when given, else the best story above the bar, else a new one."""
        score = 1.0
        if story_id is None:
            story_id, score = self.best(vector, day)
            if story_id is None or score < JOIN_SIMILARITY:
                story_id, score = new_id, 1.0
                self.stories[new_id] = Story(new_id)
        self.add(story_id, vector, day)
        return story_id, round(score, 4)

    def add(self, story_id: str, vector: Vector, day: str | None) -> None:
        story = self.story(story_id) or self.stories.setdefault(story_id, Story(story_id))
        story.add(vector, day)
        self._days([day])
        postings = self._postings[day]
        for term in vector:
            ids = postings.setdefault(term, set())
            if story_id not in ids:
                ids.add(story_id)
                self._new_postings.append((day, term, story_id))

    def take_postings(self) -> list[tuple[str | None, str, str]]:
        """The (day, term, story id) postings added since the last call, to be written."""
        taken, self._new_postings = self._new_postings, []
        return taken

    def evict(self, before: str) -> None:
        """Let the postings of days before `before` (and of undated articles) and the stories
        last active before it leave memory; they must have been written."""
        for day in [d for d in self._postings if d is None or d < before]:
            del self._postings[day]
        for sid in [sid for sid, story in self.stories.items() if (story.last or "") < before]:
            del self.stories[sid]
