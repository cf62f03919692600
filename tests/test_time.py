"""Temporal expressions: extents, values against a fixed DCT, tense direction."""

from __future__ import annotations

import pytest

from dateline.analyse.nlp import load
from dateline.code.time import recognise, timex_for_token, verb_tense
from dateline.code.time.normalise import duration_value, parse_number, weekday_date, parse_dct
from dateline.model import Article
from dateline.pipeline import Analysis, analyse

DCT = "2022-02-12"  # a Saturday


@pytest.fixture(scope="module")
def nlp():
    return load()


def timexes(text: str, dct: str | None = DCT, nlp=None):
    return recognise(text, dct, nlp(text) if nlp else None)


def only(text: str, dct: str | None = DCT, nlp=None):
    found = timexes(text, dct, nlp)
    assert len(found) == 1, found
    return found[0]


def test_seed_bars(seed_text, nlp):
    found = recognise(seed_text, DCT, nlp(seed_text))

    def at(phrase: str, extent: str):
        start = seed_text.index(phrase) + phrase.index(extent)
        (timex,) = [t for t in found if t.spans[0][0] <= start < t.spans[0][1]]
        assert timex.text == extent
        return timex.value

    assert at("told reporters on Saturday", "Saturday") == "2022-02-12"
    assert at("On December 17, 2021", "December 17, 2021") == "2021-12-17"
    assert at("on January 26, 2022", "January 26, 2022") == "2022-01-26"
    assert at("in the 1990s", "the 1990s") == "199X"
    assert at("in the 2000s", "the 2000s") == "200X"
    assert at("Earlier Saturday", "Saturday") == "2022-02-12"  # TimeML leaves "earlier" outside
    assert at("in the near future", "the near future") == "FUTURE_REF"
    for timex in found:
        (start, end), = timex.spans
        assert seed_text[start:end] == timex.text


@pytest.mark.parametrize(
    "text, extent, kind, value",
    [
        ("It happened last week.", "last week", "DATE", "2022-W05"),
        ("They meet next month.", "next month", "DATE", "2022-03"),
        ("He left two days ago.", "two days ago", "DATE", "2022-02-10"),
        ("Sales rose this year.", "this year", "DATE", "2022"),
        ("Prices are high now.", "now", "DATE", "PRESENT_REF"),
        ("She is currently abroad.", "currently", "DATE", "PRESENT_REF"),
        ("Talks resumed recently.", "recently", "DATE", "PAST_REF"),
        ("It will be done in the near future.", "the near future", "DATE", "FUTURE_REF"),
        ("Profit fell in the first quarter.", "the first quarter", "DATE", "2022-Q1"),
        ("Results for fiscal 2021 were weak.", "fiscal 2021", "DATE", "2021"),
        ("Tourists come this summer.", "this summer", "DATE", "2022-SU"),
        ("The talks ran this week.", "this week", "DATE", "2022-W06"),
        ("He arrived in March 2020.", "March 2020", "DATE", "2020-03"),
        ("The deal was signed on 12 March 2019.", "12 March 2019", "DATE", "2019-03-12"),
        ("Tension grew in the 1990s.", "the 1990s", "DATE", "199X"),
        ("Trade grew in the early 2000s.", "the early 2000s", "DATE", "200X"),
        ("The meeting ended at 3:30 p.m. yesterday.", "3:30 p.m. yesterday", "TIME", "2022-02-11T15:30"),
        ("The war lasted five years.", "five years", "DURATION", "P5Y"),
        ("The flight took 5 1/2 hours.", "5 1/2 hours", "DURATION", "PT5H30M"),
        ("Negotiations lasted the past two months.", "the past two months", "DURATION", "P2M"),
        ("He visits every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
        ("The paper appears weekly.", "weekly", "SET", "P1W"),
        ("Markets were shut on Thanksgiving Day in 2021.", "Thanksgiving Day", "DATE", "2021-11-25"),
    ],
)
def test_relative_and_absolute_forms(text, extent, kind, value):
    found = [t for t in timexes(text) if t.text == extent]
    assert found, timexes(text)
    assert (found[0].type, found[0].value) == (kind, value)


def test_prepositions_are_outside_the_extent():
    timex = only("It was published on December 17, 2021.")
    assert timex.text == "December 17, 2021"
    assert only("He was born in 1990.").text == "1990"


def test_weekday_direction_follows_tense(nlp):
    # DCT is Saturday 2022-02-12
    assert only("The ministers will meet on Monday.", nlp=nlp).value == "2022-02-14"
    assert only("The minister said on Monday that talks failed.", nlp=nlp).value == "2022-02-07"
    assert only("Ushakov told reporters on Saturday.", nlp=nlp).value == "2022-02-12"
    assert only("Putin will travel on Saturday.", nlp=nlp).value == "2022-02-19"
    assert only("They met last Friday.", nlp=nlp).value == "2022-02-11"
    assert only("They meet next Friday.", nlp=nlp).value == "2022-02-18"


def test_month_without_year_takes_nearest_year_weighted_by_tense(nlp):
    assert only("The dividend is payable Jan. 5.", "2021-12-20", nlp).value == "2022-01-05"
    assert only("He resigned in November.", "2022-02-12", nlp).value == "2021-11"


def test_verb_tense(nlp):
    doc = nlp("He said on Friday that they will meet on Monday.")
    assert verb_tense(doc, doc.text.index("Friday"), doc.text.index("Friday") + 6) == "past"
    assert verb_tense(doc, doc.text.index("Monday"), doc.text.index("Monday") + 6) == "future"


def test_missing_dct_leaves_values_underspecified():
    assert only("They met on Saturday.", None).value == "XXXX-WXX-6"
    assert only("Sales fell last year.", None).value == "XXXX"
    assert only("It happened on December 17, 2021.", None).value == "2021-12-17"


def test_bad_input_never_crashes():
    assert recognise("", DCT) == []
    assert recognise("Feb. 31 and 99/99/9999 and nineteen", "not a date") is not None


def test_helpers():
    assert parse_number("twenty four") == 24
    assert parse_number("a few") is None
    assert duration_value(10, "DE") == "P100Y"
    assert duration_value(None, "H") == "PTXH"
    sat = parse_dct("2022-02-12T10:00")
    assert weekday_date(sat, 1, -1).isoformat() == "2022-02-07"
    assert weekday_date(sat, 1, 1).isoformat() == "2022-02-14"
    assert weekday_date(sat, 6, -1) == sat


def test_component_and_timex_for_token(seed_text, nlp):
    article = Article(id="seed", origin="seed", content_hash="h", text=seed_text, published=DCT)
    (article,) = analyse([article], components=("timexes",))
    assert any(t.value == "2021-12-17" for t in article.timexes)
    doc = nlp(seed_text)
    state = Analysis(article=article, doc=doc)
    published = next(t for t in doc if t.text == "published")
    assert timex_for_token(state, published).value == "2021-12-17"
    delivered = next(t for t in doc if t.text == "delivered")
    assert timex_for_token(state, delivered).value == "2022-01-26"


def test_entities_fill_gaps_the_rules_leave(nlp):
    timex = only("The siege went on for weeks before the town fell.", nlp=nlp)
    assert (timex.text, timex.type, timex.value, timex.rule) == ("weeks", "DURATION", "PXW", "entity")
    timex = only("He arrived at 4 in the morning.", nlp=nlp)
    assert (timex.type, timex.value) == ("TIME", "2022-02-12T04:00")


def test_entities_never_add_ages_or_bare_numbers(nlp):
    assert timexes("The 6-year-old boy and his 52-year-old uncle left.", nlp=nlp) == []


def test_cli_lists_timexes_as_json(seed_path, capsys):
    import json

    from dateline.cli import main

    assert main(["timexes", str(seed_path), "--dct", DCT, "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert any(row["text"] == "December 17, 2021" and row["value"] == "2021-12-17" for row in rows)
    assert all(set(row) == {"text", "type", "value", "spans", "rule"} for row in rows)


def test_year_earlier_follows_the_quarter_in_focus():
    text = "Profit rose in the third quarter. A year earlier, it had fallen. The year-ago period was weak."
    values = [t.value for t in timexes(text, "1989-10-30")]
    assert values == ["1989-Q3", "1988-Q3", "1988-Q3"]
    assert only("Profit fell in the quarter.", "1989-10-30").value == "1989-Q3"  # last completed quarter


def test_anaphoric_year_follows_the_last_date_in_the_text():
    text = "He fled in June 1998 and returned later that year. The following year he left."
    assert [t.value for t in timexes(text, "2000-01-28")] == ["1998-06", "1998", "1999"]


def test_spoken_years_seasons_and_holidays():
    assert only("It happened in nineteen ninety-six.").value == "1996"
    assert only("Crops failed in the winter of 1994.").value == "1994-WI"
    assert only("They marched last Christmas.").value == "2021-12-25"
    assert only("Profit fell in the first half of 2021.").value == "2021-H1"


def test_modal_clauses_look_forward(nlp):
    # DCT Saturday 2022-02-12: "would meet" is future from the time of speaking
    assert only("He said the ministers would meet on Tuesday.", nlp=nlp).value == "2022-02-15"
    assert only("He said they may have met on Tuesday.", nlp=nlp).value == "2022-02-08"


def test_month_in_a_past_tense_sentence_is_the_past_one(nlp):
    assert only("The company bought the unit in January.", "1989-10-27", nlp).value == "1989-01"


def test_adjectival_quarter_leaves_its_determiner_outside():
    assert only("The firm posted a third-quarter loss.", "1989-10-30").text == "third-quarter"
    assert only("Its fourth quarter was weak.", "1989-10-30").text == "fourth quarter"
    assert only("Profit fell in the third quarter.", "1989-10-30").text == "the third quarter"


def test_quarter_years_follow_their_modifiers(nlp):
    assert only("It takes effect in next year's first quarter.", "1989-10-31").value == "1990-Q1"
    assert only("Sales for last year's quarter were flat.", "1989-11-01").value == "1988-Q3"
    assert only("The current quarter began well.", "1989-10-26").value == "1989-Q4"
    assert only("Ford reported a drop in profits for the fourth quarter.", "1998-01-26", nlp).value == "1997-Q4"
    fiscal = only("Profits rose in the third quarter of fiscal year 2022.", "2022-02-12")
    assert (fiscal.text, fiscal.value) == ("the third quarter of fiscal year 2022", "2022-Q3")


def test_counted_duration_keeps_its_article():
    timex = only("Net rose 5% in the nine months.", "1989-10-30")
    assert (timex.text, timex.value) == ("the nine months", "P9M")
    assert only("He signed a five-year contract.").text == "five-year"


def test_later_is_outside_a_counted_duration():
    timex = only("The talks failed. Three days later, the envoy left.")
    assert (timex.text, timex.type, timex.value) == ("Three days", "DURATION", "P3D")
    assert only("Profit was $5 million a year earlier.", "1989-10-30").value == "1988"


def test_capitalised_time_words_inside_a_sentence_are_titles(nlp):
    assert timexes('Baker said on ABC\'s "This Week" that talks failed.', nlp=nlp) == []
    assert timexes("He spoke on CBS's 60 Minutes about it.", nlp=nlp) == []
    assert only("Today, the talks resumed.").value == "2022-02-12"
    assert only("Markets shut on Thanksgiving Day.").text == "Thanksgiving Day"


def test_planned_acts_lie_ahead(nlp):
    # DCT Saturday 2022-02-12: a past-tense plan still points forward
    assert only("The team planned to leave Nairobi on Thursday.", nlp=nlp).value == "2022-02-17"
    assert only("The sale is scheduled to close Monday.", nlp=nlp).value == "2022-02-14"
    assert only("The offer had been scheduled to expire Friday.", nlp=nlp).value == "2022-02-11"


def test_untensed_month_leans_to_the_past():
    # April 1990 is 171 days ahead of the DCT, April 1989 194 days back
    assert only("the introduction of new computers in April", "1989-10-26").value == "1989-04"


def test_anaphoric_days_count_from_the_day_in_focus():
    text = "Stocks fell on Oct. 27, 1989, down 4.5% from the previous Friday."
    assert [t.value for t in timexes(text, "1989-10-30")] == ["1989-10-27", "1989-10-20"]
    text = "The hearing was last Tuesday. He appeared in court the next morning."
    assert [t.value for t in timexes(text, "2000-02-24")] == ["2000-02-22", "2000-02-23TMO"]


def test_mid_parts_of_day():
    timex = only("In London at mid-afternoon yesterday, shares rose.", "1989-11-02")
    assert (timex.text, timex.type, timex.value) == ("mid-afternoon yesterday", "TIME", "1989-11-01TAF")
    assert only("By mid afternoon, the shelling stopped.", "1998-03-06").value == "1998-03-06TAF"


def test_lower_case_month_words_are_not_months():
    assert [t.text for t in timexes("He was arrested at this march last year.")] == ["last year"]
    assert only("They meet this March.").value == "2022-03"


def test_terms_lie_ahead(nlp):
    # June 1990 is further from the DCT than June 1989, but a term looks forward
    assert only("Costs rose under the new labor pact effective June 1.", "1989-10-26", nlp).value == "1990-06-01"
    assert only("The dividend was declared, payable Jan. 2.", "1989-11-02", nlp).value == "1990-01-02"


def test_half_after_the_unit():
    timex = only("A minute and a half later, a pilot arrived.")
    assert (timex.text, timex.value) == ("A minute and a half", "PT1M30S")
    assert only("The talks lasted a year and a half.").value == "P1Y6M"


def test_bare_clock_time_is_on_the_day_in_focus():
    text = "The blast on Aug. 7 came at 10:35 a.m. without warning."
    assert [t.value for t in timexes(text, "1998-08-08")] == ["1998-08-07", "1998-08-07T10:35"]
    assert only("The meeting ended at 3:30 p.m.").value == "2022-02-12T15:30"
    text = "The minister will visit Kyiv next Tuesday morning at 10 a.m."
    assert [t.value for t in timexes(text)] == ["2022-02-15TMO", "2022-02-15T10:00"]


def test_week_of_a_date():
    timex = only("The case may be heard the week of March 6.", "2000-02-24")
    assert (timex.text, timex.value) == ("the week of March 6", "2000-W10")


def test_pluperfect_terms_stay_in_the_past(nlp):
    assert only("The offer had been due to expire Friday evening.", "1989-10-30", nlp).value == "1989-10-27TEV"


def test_the_season_we_are_in_follows_how_far_into_it_we_are(nlp):
    def value(text, dct):
        return only(text, dct, nlp).value

    assert value("Elections will be held in the spring.", "2022-03-10") == "2022-SP"
    assert value("Elections will be held in the spring.", "2022-05-20") == "2023-SP"
    assert value("The talks failed in the spring.", "2022-03-10") == "2021-SP"
    assert value("The talks failed in the spring.", "2022-05-20") == "2022-SP"
    assert value("Last spring was wet.", "2022-05-20") == "2021-SP"


def test_wire_style_clock_time():
    timex = only("The ceasefire began at 0600 GMT.", "2022-03-06")
    assert (timex.text, timex.type, timex.value) == ("0600 GMT", "TIME", "2022-03-06T06:00")
