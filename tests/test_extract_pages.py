"""Real-page failure classes: titles, a second extractor, unspaced scripts, stray bytes."""

from __future__ import annotations

import pytest
from conftest import shared_path

from dateline.eval.extraction import page_scores, title_match
from dateline.eval.extraction_gold import load_gold
from dateline.extract import extract_article
from dateline.model import RawDocument

STORY = (
    "<p>The finance ministry said on Tuesday that the budget deficit narrowed for a third month in a row.</p>"
    "<p>Revenue from the new fuel tax rose faster than officials had forecast in the spring.</p>"
    "<p>Opposition lawmakers said the figures hid a sharp fall in public investment across the regions.</p>"
)


def html(body: str, head: str) -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def extract(content, url=None):
    return extract_article(RawDocument(origin="page", kind="html", content=content, meta={"url": url}))


def test_a_site_heading_is_not_the_title():
    page = html(f"<header><h1>Hi, I'm the Daily Ledger.</h1></header><article>{STORY}</article>",
                '<title>Deficit narrows for a third month – The Daily Ledger</title>'
                '<meta property="og:site_name" content="The Daily Ledger">')
    assert extract(page).title == "Deficit narrows for a third month"


def test_the_title_part_a_heading_repeats_is_the_headline():
    page = html(f"<h1>Deficit narrows for a third month</h1><article>{STORY}</article>",
                "<title>Deficit narrows for a third month | Ledger Online Weekly Edition</title>")
    assert extract(page).title == "Deficit narrows for a third month"


def test_a_trailing_domain_name_is_dropped_from_the_title():
    page = html(f"<article>{STORY}</article>",
                '<meta property="og:title" content="Deficit narrows for a third month | Ledger.cz">')
    assert extract(page).title == "Deficit narrows for a third month"


def test_a_page_in_a_script_without_spaces_is_an_article():
    lines = ["一波波接續性低溫寒流報到已將山區一帶層層山巒披上嫣紅的彩衣", "玉峰道路一路上雲氣山嵐滯留山頭順路下切蜿蜒道路後不久即抵達"]
    page = html("<article>" + "".join(f"<p>{line}</p>" for line in lines * 4) + "</article>", "<title>楓紅</title>")
    article = extract(page)
    assert article.status == "ok", article.error
    assert lines[0] in article.text


def test_stray_nul_characters_in_decoded_html_do_not_fail():
    page = html(f"<article>{STORY}</article>", "<title>Deficit narrows</title>").replace("budget", "bud\x00get")
    article = extract(page)
    assert article.status == "ok", article.error
    assert "\x00" not in article.text


@pytest.fixture(scope="module")
def readability_pages():
    return {p.id: p for p in load_gold(shared_path("gold", "extraction", "readability"))}


def test_paragraphs_trafilatura_drops_are_recovered(readability_pages):
    """A body in sibling blocks of which trafilatura's fast mode keeps only the first."""
    page = readability_pages["missing-paragraphs"]
    article = extract(page.html)
    precision, recall = page_scores(page.body, article.text)
    assert precision >= 0.9 and recall >= 0.9


def test_title_match_accepts_a_dropped_site_name_only():
    assert title_match("Get your code covered | Code", "Get your code covered")
    assert not title_match("Get your code covered | Code", "Code")
    assert not title_match("Deficit narrows", "Deficit narrows | Ledger")


def test_related_link_lines_are_dropped_and_counted():
    related = '<ul><li><a href="/2021/other-story">Central bank holds rates steady for a fourth month</a></li></ul>'
    page = html(f"<article>{STORY}{related}<p>Reply</p><p>3 hours ago</p></article>", "<title>Deficit narrows</title>")
    article = extract(page)
    assert "Central bank holds rates" not in article.text
    assert "3 hours ago" not in article.text and "Reply" not in article.text.split("\n\n")
    assert any(flag.startswith("boilerplate_dropped:") and int(flag.split(":")[1]) >= 2 for flag in article.quality)


def test_links_within_the_page_stay():
    heading = '<h2><a href="#outlook">The outlook for next year</a></h2>'
    page = html(f"<article>{STORY}{heading}{STORY.replace('third', 'fourth')}</article>", "<title>Deficit narrows</title>")
    assert "The outlook for next year" in extract(page).text


def test_a_byline_glued_to_the_dateline_is_split_off():
    lead = "<p>By Jane Doe KYIV, Ukraine — Russian forces shelled the city on Monday, officials said.</p>"
    article = extract(html(f"<article>{lead}{STORY}</article>", "<title>Shelling</title>"))
    assert article.text.startswith("KYIV, Ukraine —")
    assert (article.byline, article.dateline.place) == ("Jane Doe", "KYIV")


def test_a_site_notice_is_not_article_text():
    page = html(f"<article>{STORY}<p>This site is best viewed with Internet Explorer 6 or later.</p></article>",
                "<title>Deficit narrows</title>")
    assert "best viewed" not in extract(page).text


def test_when_trafilatura_finds_nothing_the_second_extractor_is_asked(monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    page = html(f"<div class='story'>{STORY}</div>", "<title>Deficit narrows</title>")
    article = extract(page)
    assert article.status == "ok", article.error
    assert article.text.startswith("The finance ministry said on Tuesday")


def test_an_account_menu_is_not_the_author_the_byline_element_is():
    menu = '<div id="nav-user" class="nav-btn"><span class="username">Username</span></div>'
    byline = '<div class="pb-sig-line"><span class="pb-byline">By <a href="/people/jane-doe">Jane Doe</a></span></div>'
    article = extract(html(f"<div class='nav-bar'>{menu}</div><article>{byline}{STORY}</article>",
                           "<title>Deficit narrows</title>"))
    assert article.byline == "Jane Doe"


def test_json_ld_wrapped_in_cdata_is_read():
    ld = ('<script type="application/ld+json">//<![CDATA[\n{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Deficit narrows",'
          ' "author": [{"@type": "Person", "name": "Jane Doe"}]}\n//]]></script>')
    assert extract(html(f"<article>{STORY}</article>", f"<title>Ledger</title>{ld}")).byline == "Jane Doe"


def test_a_headline_repeated_atop_the_body_is_dropped():
    page = html(f"<article><p>Deficit narrows for a third month</p>{STORY}</article>",
                '<title>Deficit narrows for a third month</title>')
    article = extract(page)
    assert article.title == "Deficit narrows for a third month"
    assert article.text.startswith("The finance ministry said")
