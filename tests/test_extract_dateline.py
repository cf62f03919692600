"""Wire datelines, wire sources and dateline-based publication dates."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.extract.dateline import find_dateline, parse_dateline
from dateline.extract.dates import explicit_dates, weekdays
from dateline.extract.published import infer_from_dateline, normalise
from dateline.extract.wire import wire_source


@pytest.mark.parametrize(
    ("text", "place", "region", "date", "agency", "dateline_text"),
    [
        ("MOSCOW, February 12. /TASS/. Moscow will", "MOSCOW", None, "February 12", "TASS", "MOSCOW, February 12. /TASS/."),
        ("WASHINGTON (Reuters) - The U.S. Senate", "WASHINGTON", None, None, "Reuters", "WASHINGTON (Reuters) -"),
        ("KYIV, Ukraine (AP) — Russian forces", "KYIV", "Ukraine", None, "AP", "KYIV, Ukraine (AP) —"),
        ("PARIS, Jan 5 (AFP) - France said", "PARIS", None, "Jan 5", "AFP", "PARIS, Jan 5 (AFP) -"),
        ("BEIJING, March 3 (Xinhua) -- China's", "BEIJING", None, "March 3", "Xinhua", "BEIJING, March 3 (Xinhua) --"),
        ("SEOUL, Feb. 12 (Yonhap) -- North Korea", "SEOUL", None, "Feb. 12", "Yonhap", "SEOUL, Feb. 12 (Yonhap) --"),
        ("New Delhi, Feb 12 (PTI) The government", "New Delhi", None, "Feb 12", "PTI", "New Delhi, Feb 12 (PTI)"),
        ("TOKYO (Kyodo) -- Japan's", "TOKYO", None, None, "Kyodo", "TOKYO (Kyodo) --"),
        ("MOSCOW, Feb 12 (Interfax) - Russia", "MOSCOW", None, "Feb 12", "Interfax", "MOSCOW, Feb 12 (Interfax) -"),
        ("ANKARA (Anadolu Agency) - Turkey", "ANKARA", None, None, "Anadolu", "ANKARA (Anadolu Agency) -"),
        ("Madrid, Feb 12 (EFE).- Spain", "Madrid", None, "Feb 12", "EFE", "Madrid, Feb 12 (EFE).-"),
        ("(ANSA) - ROME, FEB 12 - Italy's", "ROME", None, "FEB 12", "ANSA", "(ANSA) - ROME, FEB 12 -"),
        ("BERLIN, 12 February (dpa) - Germany", "BERLIN", None, "12 February", "dpa", "BERLIN, 12 February (dpa) -"),
        ("KYIV, February 12 (Ukrinform). Ukraine", "KYIV", None, "February 12", "Ukrinform", "KYIV, February 12 (Ukrinform)."),
        ("MOSCOW, Feb 12 (RIA Novosti) - The", "MOSCOW", None, "Feb 12", "RIA Novosti", "MOSCOW, Feb 12 (RIA Novosti) -"),
        ("NEW YORK, Nov 18, 2019 (Bloomberg) -- Stocks", "NEW YORK", None, "Nov 18, 2019", "Bloomberg", "NEW YORK, Nov 18, 2019 (Bloomberg) --"),
        ("WASHINGTON — The president", "WASHINGTON", None, None, None, "WASHINGTON —"),
        ("МОСКВА, 12 февраля. /ТАСС/. Москва", "МОСКВА", None, "12 февраля", "TASS", "МОСКВА, 12 февраля. /ТАСС/."),
        ("МОСКВА, 12 фев — РИА Новости. Президент", "МОСКВА", None, "12 фев", "RIA Novosti", "МОСКВА, 12 фев — РИА Новости."),
    ],
)
def test_dateline_forms(text, place, region, date, agency, dateline_text):
    dl = parse_dateline(text)
    assert dl is not None
    assert (dl.place, dl.region, dl.date, dl.agency) == (place, region, date, agency)
    assert dl.text == dateline_text
    assert text[dl.span[0] : dl.span[1]] == dateline_text


def test_agency_only_dateline():
    dl = parse_dateline("(Bloomberg) -- Stocks fell.")
    assert dl.agency == "Bloomberg" and dl.place is None


@pytest.mark.parametrize(
    "text",
    [
        "Moscow will take into account the views expressed.",
        "The President (R) said on Monday.",
        "NATO is expanding.",
        "DEAR ABBY: My husband booked a flight.",
        "UPDATED: The story has changed.",
    ],
)
def test_ordinary_openings_are_not_datelines(text):
    assert parse_dateline(text) is None


def test_dateline_in_a_later_paragraph_has_its_offset():
    text = "By Jane Doe\n\nLONDON (Reuters) - Britain said."
    dl = find_dateline(text)
    assert dl.place == "LONDON"
    assert text[dl.span[0] : dl.span[1]] == "LONDON (Reuters) -"


@pytest.mark.parametrize(
    ("text", "byline", "url", "expected"),
    [
        ("Officials met on Monday, the agency said (Reuters).", None, None, "Reuters"),
        ("Talks resumed.\n\nThe talks will go on. — AP", None, None, "AP"),
        ("Talks resumed.\n\nSource: TASS", None, None, "TASS"),
        ("Talks resumed.\n\nXinhua contributed to this report.", None, None, "Xinhua"),
        ("Talks resumed.\n\n(With inputs from PTI)", None, None, "PTI"),
        ("Talks resumed in Kyiv, Ukrinform reports.", None, None, "Ukrinform"),
        ("Talks resumed.", "By Associated Press", None, "AP"),
        ("Talks resumed.", "Meg Kinnard; Errin Haines; Associated Press", None, "AP"),
        ("Talks resumed.", None, "https://www.tass.com/politics/1", "TASS"),
        ("Talks resumed, a spokesman for the Associated Press Stylebook said.", None, "https://example.org/a", None),
    ],
)
def test_wire_source_from_credit_lines(text, byline, url, expected):
    assert wire_source(text, None, byline, url) == expected


def test_wire_source_from_a_removed_copyright_line():
    assert wire_source("Officials met.", None, removed=["© 2019 Associated Press. All Rights Reserved."]) == "AP"


def test_year_from_weekday_and_other_dates():
    text = "Talks were held on Saturday.\n\nOn December 17, 2021, drafts were published. Replies came on January 26, 2022."
    assert infer_from_dateline("February 12", text) == "2022-02-12"
    # the same day named a Friday only fits 2021
    assert infer_from_dateline("February 12", text.replace("Saturday", "Friday").replace("2022", "2021")) == "2021-02-12"


def test_year_from_russian_weekday_and_dates():
    text = "МОСКВА, 12 февраля. /ТАСС/. Помощник президента сообщил в субботу.\n\nОтветы были переданы 26 января 2022 года."
    assert infer_from_dateline("12 февраля", text) == "2022-02-12"


def test_weekdays_and_explicit_dates():
    assert weekdays("held on Saturday, среди прочего, в среду") == {5, 2}
    assert explicit_dates("On December 17, 2021, 26 января 2022 года and 2022-01-03.") == [
        dt.date(2021, 12, 17), dt.date(2022, 1, 26), dt.date(2022, 1, 3)]


def test_no_year_anchor_no_inference():
    assert infer_from_dateline("February 12", "Talks were held on Saturday.") is None


def test_explicit_year_in_dateline():
    assert infer_from_dateline("Nov 18, 2019", "No other date.") == "2019-11-18"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-02-12T10:00:00Z", "2022-02-12"),
        ("Sat, 12 Feb 2022 14:05:00 +0300", "2022-02-12"),
        ("12 February 2022", "2022-02-12"),
        ("not a date", None),
        (None, None),
    ],
)
def test_normalise_metadata_dates(value, expected):
    assert normalise(value) == expected
