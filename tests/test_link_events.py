"""Events merged across reports: the seed and a rewritten copy give one event per real event."""

from __future__ import annotations

import duckdb
import pytest

from dateline.eval.rewrites import apply
from dateline.link import Linker
from dateline.link.events import MergedEvent, Mention, compatible_actors, find_event, mark_independent
from dateline.model import ActorRef, Article, Event

CALLS = {
    "biden": ("phone call with Russian leader", ("RUSGOV", "Vladimir Putin"), ("USAGOV", "Joe Biden")),
    "macron": ("had a phone call with French", ("RUSGOV", "Vladimir Putin"), ("FRAGOV", "Emmanuel Macron")),
}


def coded(aid: str, text: str, **meta) -> Article:
    """An article with the two phone calls of the seed coded as CAMEO 040 (consult), found in its own text."""
    events = []
    for key, (trigger, (scode, sname), (tcode, tname)) in CALLS.items():
        start = text.index(trigger)
        events.append(
            Event(
                id=f"{aid}-{key}", cameo="040", cameo_root="04", plover="CONSULT", quad_class=1, goldstein=1.0,
                date="2022-02-12", place="Moscow", source=ActorRef(sname, sname, scode),
                target=ActorRef(tname, tname, tcode), trigger=trigger, sentence="",
                spans={"trigger": (start, start + len(trigger))}, confidence=0.8, article_id=aid,
            )
        )
    return Article(id=aid, origin=aid, content_hash=aid, text=text, events=events, **meta)


@pytest.fixture
def linked(seed_text):
    texts = {}
    conn = duckdb.connect()
    linker = Linker(conn, texts.get)
    copy = apply("rewrite", seed_text, seed=5)
    for article in (
        coded("seed", seed_text, site="eurasiareview.example", published="2022-02-12", wire_source="TASS"),
        coded("copy", copy, site="newsnow.example", published="2022-02-13"),
    ):
        texts[article.id] = article.text
        linker.link(article)
    return conn


def test_one_event_per_real_event_with_two_mentions(linked):
    events = linked.execute(
        "SELECT num_mentions, num_articles, num_sources, num_independent_sources, independent_sources"
        " FROM link_events ORDER BY event_id"
    ).fetchall()
    assert events == [(2, 2, 2, 1, ["TASS"])] * 2


def test_only_the_original_is_an_independent_report(linked):
    flags = linked.execute(
        "SELECT article_id, bool_and(independent) FROM link_mentions GROUP BY article_id ORDER BY article_id"
    ).fetchall()
    assert flags == [("copy", False), ("seed", True)]


def test_mentions_keep_sentence_and_offsets(linked):
    rows = linked.execute("SELECT article_id, sentence_id, event FROM link_mentions WHERE mention_id LIKE '%biden'").fetchall()
    assert {r[0] for r in rows} == {"seed", "copy"}
    assert all(r[1] == 3 for r in rows)  # title, "MOSCOW, February 12. /TASS/.", then the lead


def mention(source: str | None, target: str | None, day: str, root: str = "04", sentence: str = "",
            article: str | None = None, cluster: str | None = None) -> Mention:
    ev = Event(
        id="e", cameo=root + "0", cameo_root=root, plover=None, quad_class=1, goldstein=1.0, date=day, place=None,
        source=ActorRef(source, code=source) if source else None, target=ActorRef(target, code=target) if target else None,
        trigger="", sentence=sentence,
    )
    return Mention(ev, article_id=article or f"{source}-{target}-{day}", cluster_id=cluster)


def test_merge_rules():
    merged = MergedEvent(1, "s", [mention("RUSGOV", "USA", "2022-02-12")])
    assert find_event([merged], mention("RUS", "USAGOV", "2022-02-13")) is merged
    assert find_event([merged], mention("RUSGOV", "USA", "2022-02-15")) is None
    assert find_event([merged], mention("RUSGOV", "USA", "2022-02-12", root="11")) is None
    assert find_event([merged], mention("RUSGOV", None, "2022-02-12")) is None
    assert not compatible_actors(ActorRef("x", code="RUS"), ActorRef("y", code="UKR"))
    denied = mention("RUSGOV", "USA", "2022-02-12")
    denied.event.modality = ["negated"]
    assert find_event([merged], denied) is None  # a denied act is not a report of the act


def test_a_new_process_merges_into_the_stored_events(seed_text):
    """The indexes are rebuilt from the tables: a copy linked later, by a fresh Linker, joins the stored events."""
    conn = duckdb.connect()
    copy = apply("rewrite", seed_text, seed=5)
    texts = {"seed": seed_text, "copy": copy}
    Linker(conn, texts.get).link(coded("seed", seed_text, published="2022-02-12", wire_source="TASS"))
    Linker(conn, texts.get).link(coded("copy", copy, published="2022-02-12"))
    rows = conn.execute("SELECT num_mentions, num_articles, num_independent_sources FROM link_events").fetchall()
    assert rows == [(2, 2, 1)] * 2


AGREED = "The two presidents agreed that Moscow will carefully consider the views expressed by Biden, he said."
AGREED_COPY = "The two presidents agreed that Moscow will carefully consider the views expressed by Biden, he stated."


def test_a_copy_restating_the_sentence_joins_the_event_its_original_coded():
    """The copy's reordered paragraphs gave "the two presidents" another antecedent (Macron for Biden):
    the copy's sentence is still a report of the event the original coded from it, paired by the shared actor."""
    day = "2022-02-12"
    putin_biden = MergedEvent(1, "s", [mention("RUSGOV", "USAGOV", day, "03", AGREED, "seed", "c")])
    biden_putin = MergedEvent(2, "s", [mention("USAGOV", "RUSGOV", day, "03", AGREED, "seed", "c")])
    events = [putin_biden, biden_putin]
    assert find_event(events, mention("RUSGOV", "FRAGOV", day, "03", AGREED_COPY, "copy", "c")) is putin_biden
    assert find_event(events, mention("FRAGOV", "RUSGOV", day, "03", AGREED_COPY, "copy", "c")) is biden_putin


def test_only_a_copy_of_the_same_sentence_with_a_shared_actor_joins_a_different_coding():
    day = "2022-02-12"
    events = [MergedEvent(1, "s", [mention("RUSGOV", "USAGOV", day, "03", AGREED, "seed", "c")])]
    assert find_event(events, mention("RUSGOV", "FRAGOV", day, "03", AGREED_COPY, "other", "d")) is None
    unclustered = [MergedEvent(2, "s", [mention("RUSGOV", "USAGOV", day, "03", AGREED, "seed")])]
    assert find_event(unclustered, mention("RUSGOV", "FRAGOV", day, "03", AGREED_COPY, "other")) is None
    assert find_event(events, mention("RUSGOV", "FRAGOV", day, "03", "Putin agreed with Macron.", "copy", "c")) is None
    assert find_event(events, mention("UKRGOV", "FRAGOV", day, "03", AGREED_COPY, "copy", "c")) is None
    assert find_event(events, mention("RUSGOV", "FRAGOV", day, "04", AGREED_COPY, "copy", "c")) is None


def test_the_independent_report_codes_the_merged_event():
    """A copy linked before its original first codes the event; once the original is marked independent
    (and the copy not), the merged event carries the original's coding."""
    day = "2022-02-12"
    copy = mention("RUSGOV", "FRAGOV", day, "03", AGREED_COPY, "copy", "c")
    original = mention("RUSGOV", "USAGOV", day, "03", AGREED, "seed", "c")
    merged = MergedEvent(1, "s", [copy, original])
    mark_independent(merged.mentions, {"c": "seed"})
    assert merged.event is original.event
