"""End to end: the seed and a rewritten copy of it from another site, through the real pipeline.

Each real event is coded in both articles and must come out once, with two
mentions, NumArticles 2 and a single independent source (TASS): the copy
confirms nothing.
"""

from __future__ import annotations

import duckdb
import pytest

from dateline.eval.rewrites import apply
from dateline.link import Linker
from dateline.model import RawDocument
from dateline.pipeline import process


def republished(text: str) -> str:
    """Another site's copy: words swapped for synonyms, paragraphs reordered, its own boilerplate."""
    for how in ("synonyms", "reorder", "boilerplate"):
        text = apply(how, text, seed=1)
    return text


@pytest.fixture(scope="module")
def linked(seed_text):
    raws = [
        RawDocument("eurasiareview.txt", "text", seed_text, {"url": "https://www.eurasiareview.example/tass-kremlin"}),
        RawDocument("copysite.txt", "text", republished(seed_text), {"url": "https://copysite.example/k"}),
    ]
    articles = list(process(raws))
    conn = duckdb.connect()
    linker = Linker(conn, {a.id: a.text for a in articles}.get)
    results = [linker.link(a) for a in articles]
    return articles, results, conn


def test_copy_found_and_each_event_merged_once(linked):
    articles, results, conn = linked
    assert results[1].cluster_id == results[0].cluster_id
    assert articles[0].events, "the event coder found no events in the seed"
    counts = conn.execute("SELECT num_mentions, num_articles, num_independent_sources FROM link_events").fetchall()
    assert len(counts) <= len(articles[0].events)  # an event told twice in one article is one event
    assert {(articles, sources) for _, articles, sources in counts} == {(2, 1)}
    assert all(mentions % 2 == 0 for mentions, _, _ in counts)  # each mention in the seed has its twin in the copy


def test_the_independent_source_is_tass(linked):
    articles, _, conn = linked
    if not articles[0].wire_source:
        pytest.skip("extraction does not yet give the wire source (/TASS/ in the dateline); waiting for the extract stage")
    sources = conn.execute("SELECT DISTINCT independent_sources FROM link_events").fetchall()
    assert sources == [(["TASS"],)]
