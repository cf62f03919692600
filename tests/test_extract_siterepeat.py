"""The site-repeated paragraph guard: lines a site repeats on other stored pages are not article text."""

from __future__ import annotations

import pytest

from dateline.extract import extract_article
from dateline.extract.siterepeat import drop_site_repeated, paragraph_key, site_of
from dateline.model import RawDocument
from dateline.runner import ingest
from dateline.store import Store

FOOTER = "Sign up for the Springfield Ledger weekly digest and never miss a story from our town."
STORIES = [
    "The city council approved a new budget for the harbour district on Monday after a long debate.",
    "Firefighters contained a blaze at a warehouse near the railway station late on Tuesday night.",
    "The regional hospital opened a new maternity ward, doubling the number of beds available.",
    "Farmers in the valley said the late frost had damaged about a third of the apple harvest.",
    "The school board voted to keep the old library building open for at least two more years.",
]


def story_page(n: int, host: str = "www.ledger.example.co.uk") -> RawDocument:
    text = f"Headline number {n}\n\n{STORIES[n % len(STORIES)]} Officials said more details would follow.\n\n{FOOTER}"
    return RawDocument(origin=f"page{n}-{host}", kind="text", content=text, meta={"url": f"https://{host}/news/{n}"})


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "site.duckdb") as opened:
        yield opened


def stored(store: Store, origin: str):
    article_id = store.rows("SELECT id FROM articles WHERE origin = ?", [origin])[0]["id"]
    return store.load_article(article_id)


def test_a_footer_on_three_other_pages_of_the_site_is_dropped_and_counted(store):
    pages = [story_page(n) for n in range(5)]
    ingest(iter(pages), store, components=(), batch_size=1, link=False)
    first, fourth, fifth = (stored(store, pages[i].origin) for i in (0, 3, 4))
    assert FOOTER in first.text and not any(f.startswith("site_repeated") for f in first.quality)
    for article in (fourth, fifth):
        assert FOOTER not in article.text and STORIES[int(article.origin[4])] in article.text
        assert "site_repeated:1" in article.quality


def test_the_guard_is_per_site_and_leaves_pages_without_an_address_alone(store):
    pages = [story_page(n) for n in range(4)]
    other = story_page(4, host="news.othertown.example.com")
    seed_like = RawDocument(origin="seed.txt", kind="text", content=story_page(5).content.replace("Headline", "Title"))
    ingest(iter([*pages, other, seed_like]), store, components=(), batch_size=1, link=False)
    assert FOOTER in stored(store, other.origin).text
    assert FOOTER in stored(store, "seed.txt").text
    assert FOOTER not in stored(store, pages[3].origin).text


def test_ingesting_again_changes_nothing(store):
    pages = [story_page(n) for n in range(5)]
    ingest(iter(pages), store, components=(), batch_size=1, link=False)
    before = {p.origin: (stored(store, p.origin).text, stored(store, p.origin).quality) for p in pages}
    rows = store.count("site_paragraphs")
    summary = ingest(iter(pages), store, components=(), batch_size=2, link=False)
    assert summary.already_stored == len(pages)
    assert {p.origin: (stored(store, p.origin).text, stored(store, p.origin).quality) for p in pages} == before
    assert store.count("site_paragraphs") == rows


def test_extraction_drops_the_keys_it_is_given_but_never_the_whole_page():
    raw = story_page(1)
    marked = RawDocument(raw.origin, raw.kind, raw.content, {**raw.meta, "site_repeated": [paragraph_key(FOOTER)]})
    article = extract_article(marked)
    assert FOOTER not in article.text and "site_repeated:1" in article.quality
    assert FOOTER in extract_article(raw).text
    assert drop_site_repeated([FOOTER], [paragraph_key(FOOTER)]) == ([FOOTER], [])
    assert paragraph_key("Sign up  for the digest!") == paragraph_key("sign up for the digest")
    assert site_of("https://news.bbc.co.uk/a") == site_of("https://www.bbc.co.uk/b") == "bbc.co.uk"
    assert site_of("examples/tass.txt") is None
