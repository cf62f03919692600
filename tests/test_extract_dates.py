"""Publication dates of web pages and datelines: the failure classes a reader would not make."""

from __future__ import annotations

import datetime as dt

from lxml.html import document_fromstring

from dateline.extract import extract_article
from dateline.extract.published import dateline_day
from dateline.extract.months import named_dates
from dateline.extract.pubdate import byline_date, day_first, numeric_dates, page_date, strip_comments
from dateline.model import RawDocument

STORY = "".join(
    f"<p>{s}</p>"
    for s in (
        "The finance ministry said the budget deficit narrowed for a third month in a row, officials said.",
        "Revenue from the new fuel tax rose faster than officials had forecast in the spring of that year.",
        "Opposition lawmakers said the figures hid a sharp fall in public investment across the regions.",
    )
)


def page(body: str, head: str = "<title>Deficit narrows again</title>", lang: str = "en") -> str:
    return f'<!DOCTYPE html><html lang="{lang}"><head>{head}</head><body>{body}</body></html>'


def tree(html: str):
    t = document_fromstring(html)
    strip_comments(t)
    return t


def test_a_date_in_a_comment_is_never_the_date():
    html = page(f"<!-- cached 2019-03-04 --><script>/* built 2018-05-06 */ var x = 1;</script>"
                f"<h1>Deficit narrows again</h1><p>By Jane Doe</p><p>14 May 2021</p>{STORY}")
    assert page_date(tree(html), None, "Deficit narrows again").value == "2021-05-14"


def test_the_byline_date_is_preferred_to_a_photo_caption_date():
    caption = "<p>The minister at a ceremony near Orleans, France, January 16, 2020. Photo by a reporter.</p>"
    html = page(f"<h1>Deficit narrows again</h1>{caption}<p>January 18, 2020</p>{STORY}")
    assert page_date(tree(html), None, "Deficit narrows again").value == "2020-01-18"


def test_day_and_month_order_comes_from_the_page_own_dates():
    text = "Updated 25/03/2020. Posted 04/03/2020."
    assert day_first(text, "en-us", None) is True
    assert numeric_dates("04/03/2020", True) == [dt.date(2020, 3, 4)]
    assert day_first("Posted 03/25/2020", "fr", None) is False
    assert day_first("Posted 04/03/2020", "en-us", None) is False
    assert day_first("Posted 04/03/2020", "de", None) is True


def test_a_numeric_byline_date_is_read_in_the_page_order():
    html = page(f"<h1>Deficit narrows again</h1><p>Publié le 04/03/2020</p>{STORY}", lang="fr")
    assert byline_date(tree(html), "Deficit narrows again", True) == dt.date(2020, 3, 4)
    assert page_date(tree(html), None, "Deficit narrows again").value == "2020-03-04"


def test_a_year_alone_is_stored_as_a_year_never_as_the_first_of_january():
    html = page(f"<h1>Deficit narrows again</h1>{STORY}<footer>© 2016 The Ledger</footer>")
    article = extract_article(RawDocument(origin="p", kind="html", content=html))
    assert article.published != "2016-01-01"
    if article.published:
        assert (article.published, article.published_precision) == ("2016", "year")


def test_a_markup_date_has_day_precision():
    head = '<title>Deficit narrows again</title><meta property="article:published_time" content="2021-05-14T08:00:00">'
    article = extract_article(RawDocument(origin="p", kind="html", content=page(STORY, head)))
    assert (article.published, article.published_precision) == ("2021-05-14", "day")


def test_the_dateline_day_resolves_against_the_publication_day():
    assert dateline_day("December 31", "No year here.", "2022-01-01") == "2021-12-31"
    assert dateline_day("February 12", "No year here.", "2022-02-13") == "2022-02-12"


def test_the_seed_dateline_carries_its_iso_day(seed_text):
    article = extract_article(RawDocument(origin="seed", kind="text", content=seed_text))
    assert (article.dateline.date, article.dateline.date_iso) == ("February 12", "2022-02-12")
    assert article.to_dict()["dateline"]["date_iso"] == "2022-02-12"


def test_a_page_without_an_article_keeps_its_title_and_date():
    head = '<title>Live: markets</title><meta property="article:published_time" content="2021-05-14T08:00:00">'
    article = extract_article(RawDocument(origin="p", kind="html", content=page("<nav><a href='/'>Home</a></nav>", head)))
    assert article.status == "error" and article.error.startswith("no article text found")
    assert (article.title, article.published) == ("Live: markets", "2021-05-14")


def test_an_east_asian_byline_date_under_a_blog_heading():
    html = page(f"<h1>My horse blog</h1><h3>JRA winners this weekend</h3><p><span>2020年07月12日</span></p>{STORY}",
                lang="ja")
    assert page_date(tree(html), None, "JRA winners this weekend").value == "2020-07-12"


def utc_head(stamp: str, extra: str = "") -> str:
    return f'<title>Deficit narrows again</title><meta property="article:published_time" content="{stamp}">{extra}'


def test_a_utc_time_gives_way_to_the_local_day_the_page_writes_with_its_offset():
    ld = '<script type="application/ld+json">{"datePublished": "2020-12-25T01:59:50+02:00"}</script>'
    html = page(f"<h1>Deficit narrows again</h1>{STORY}", utc_head("2020-12-24T23:59:50+00:00", ld))
    assert page_date(tree(html), None, "Deficit narrows again").value == "2020-12-25"


def test_a_utc_time_gives_way_to_the_local_byline_day_in_the_page_language():
    body = f"<h1>Deficit narrows again</h1><p>Domenica 06 Dicembre 2020 | 00:36</p>{STORY}"
    html = page(body, utc_head("2020-12-05T23:15:0Z"), lang="it")
    assert page_date(tree(html), None, "Deficit narrows again").value == "2020-12-06"


def test_a_local_day_the_utc_hour_rules_out_is_not_taken():
    body = f"<h1>Deficit narrows again</h1><p>Domenica 06 Dicembre 2020</p>{STORY}"
    html = page(body, utc_head("2020-12-05T03:15:00Z"), lang="it")  # 03:15 UTC is the 6th nowhere
    assert page_date(tree(html), None, "Deficit narrows again").value == "2020-12-05"


def test_structured_script_data_names_the_local_day_but_script_comments_do_not():
    data = '<script>var page = {"DateCreation":"2020-08-24", "Theme":"societe"};</script>'
    html = page(f"<h1>Deficit narrows again</h1>{STORY}", utc_head("2020-08-25T00:23:33Z", data), lang="fr")
    t = document_fromstring(html)
    assert page_date(t, None, "Deficit narrows again", strip_comments(t)).value == "2020-08-24"
    commented = '<script>/* "DateCreation":"2020-08-24" */ var page = {};</script>'
    html = page(f"<h1>Deficit narrows again</h1>{STORY}", utc_head("2020-08-25T00:23:33Z", commented), lang="fr")
    t = document_fromstring(html)
    assert page_date(t, None, "Deficit narrows again", strip_comments(t)).value == "2020-08-25"


def test_a_byline_date_with_a_month_name_in_another_language():
    byline = "<div>تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً</div>"
    html = page(f"<h1>Deficit narrows again</h1>{byline}{STORY}", lang="ar")
    assert page_date(tree(html), None, "Deficit narrows again").value == "2020-04-24"
    assert named_dates("Publié le 24 août 2020", "fr") == [dt.date(2020, 8, 24)]
    assert named_dates("6 de dezembro de 2020") == [dt.date(2020, 12, 6)]
    assert named_dates("the 12 men of 2020") == []


def test_the_publication_day_wins_over_a_modified_time_in_the_meta_tags():
    head = ('<title>Deficit narrows again</title><meta property="article:modified_time" content="2025-01-07T09:08:22+00:00">'
            '<script type="application/ld+json">{"datePublished": "2020-07-10T14:15:42+00:00",'
            ' "dateModified": "2025-01-07T09:08:22+00:00"}</script>')
    html = page(f"<h1>Deficit narrows again</h1>{STORY}", head)
    assert page_date(tree(html), None, "Deficit narrows again").value == "2020-07-10"


def test_a_numeric_slash_date_is_the_date_written_never_a_made_up_day():
    from dateline.extract.published import normalise

    assert normalise("2022/02/12") == "2022-02-12"
    assert normalise("04/2020") is None  # a month alone is no day
    html = page(f"<h1>Deficit narrows again</h1><p>Posted 25/03/2020 · Updated 02/04/2020</p>{STORY}", lang="en-gb")
    article = extract_article(RawDocument(origin="p", kind="html", content=html))
    assert article.published == "2020-03-25"
