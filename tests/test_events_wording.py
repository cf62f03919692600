"""Constructions whose trigger word says one code and whose phrasing another: words of force used for words,
warnings that threaten nothing, declining to comment, rejecting accusations, a court's dismissal; and the article
day an archive writes into a file name, without which no act can be dated as background."""

from __future__ import annotations

import pytest

from dateline.extract.published import day_in_name


def coded(text: str):
    from dateline.model import Article
    from dateline.pipeline import analyse

    article = Article(id="1", origin="t", content_hash="h", text=text, language="en", published="2022-02-01")
    for _ in analyse([article], config={"verify_events": False}):
        pass
    return [(e.trigger.split()[0], e.cameo) for e in article.events]


@pytest.mark.parametrize("text, code", [
    ("Donald Trump attacked Hillary Clinton over her emails at a rally in Ohio on Monday.", "111"),
    ("Donald Trump started attacking Latinos in his speech in Phoenix.", "111"),
    ("Gunmen attacked the governor of Kandahar on Monday, killing two guards.", "190"),
    ("Russian troops attacked the Ukrainian city of Kharkiv on Monday.", "190"),
    ("Putin attacked Ukraine in February.", "190"),
])
def test_an_attack_with_words_is_criticism_and_with_force_stays_force(text, code):
    assert ("attacked" if "attacked" in text else "attacking", code) in coded(text)


@pytest.mark.parametrize("text, code", [
    ("The IMF warned that growth in Europe would slow sharply next year.", "012"),
    ("The United States warned Russia not to invade Ukraine.", "020"),
    ("China warned North Korea to refrain from further provocations.", "020"),
    ("China warned against foreign interference in Hong Kong.", "020"),
    ("Iran warned that it would retaliate against any Israeli strike.", "130"),
])
def test_a_warning_is_a_threat_only_when_the_speaker_threatens_its_own_act(text, code):
    assert ("warned", code) in coded(text)


def test_declining_to_say_and_rejecting_accusations_are_statements():
    assert ("declined", "011") in coded("A spokesman for the Russian Foreign Ministry declined to say whether "
                                        "Moscow would respond.")
    assert ("rejected", "016") in coded("The Kremlin rejected the accusations made by the British government.")
    assert not any(code.startswith("12") for _, code in coded(
        "The judge dismissed the charges against the opposition leader on Monday."))


def test_a_day_written_into_a_file_name_or_url():
    assert day_in_name("data/nyt_2016-10-02_a-curious-plan.txt") == "2016-10-02"
    assert day_in_name("https://example.com/2019/02/28/story") == "2019-02-28"
    assert day_in_name("https://example.com/2019/02/30/story") is None  # not a day
    assert day_in_name("archive/2020-01-01/story_2016_05_04.txt") == "2016-05-04"  # the file's own, not its folder's
    assert day_in_name("pages/1484494308.html") is None and day_in_name(None) is None


def test_a_text_file_without_a_date_gets_the_day_in_its_name():
    from dateline.extract import extract_article
    from dateline.model import RawDocument

    text = "Washington (Reuters) - The Senate passed the bill on Tuesday after a long debate over its cost."
    named = extract_article(RawDocument(origin="corpus/nyt_2016-10-02_senate.txt", kind="text", content=text))
    plain = extract_article(RawDocument(origin="corpus/senate.txt", kind="text", content=text))
    assert (named.published, named.published_inferred) == ("2016-10-02", True)
    assert plain.published is None


@pytest.mark.parametrize("text", [
    "Reporters asked whether the president would meet Putin.",
    "Senators asked who had authorised the payments to Ukraine.",
    "He asked Morrison about concerns his predecessor might have had.",
    "Ukraine asked if NATO would send troops.",
])
def test_a_question_is_no_appeal_and_what_it_asks_about_is_no_act(text):
    assert coded(text) == []


def test_a_request_is_still_an_appeal():
    assert ("asked", "020") in coded("Iran asked the United Nations to condemn the attack.")


def test_what_the_dictionary_rules_out_the_learned_step_does_not_code():
    assert coded("Democrats and uneasy Republicans seized upon Mr. Trump's RT appearance in Moscow.") == []


def test_a_candidate_is_the_party_during_the_race_and_two_candidates_are_two_actors():
    from dateline.model import Article
    from dateline.pipeline import analyse

    def codes(day: str):
        article = Article(id="1", origin="t", content_hash="h", language="en", published=day,
                          text="Donald Trump attacked Ted Cruz over his tax plan.")
        for _ in analyse([article], config={"verify_events": False}):
            pass
        return [(e.source.code, e.target and e.target.code) for e in article.events]

    assert codes("2016-03-01") == [("USAPTY", "USAPTY")]  # both running: the party's, and not one actor
    assert codes("2018-03-01") == [("USAGOV", "USALEG")]


@pytest.mark.parametrize("text, protest", [
    ("President Trump said during a rally in Kenansville on Friday that the debate would be rigged.", False),
    ("Senator Clinton has held rallies in Cleveland and Charlotte this month.", False),
    ("Opposition supporters held a rally in Minsk against the president on Sunday.", True),
    ("Thousands of students held a rally in Seoul against the government's reform.", True),
])
def test_a_politicians_rally_is_a_campaign_event_and_a_protest_rally_stays_a_protest(text, protest):
    assert any(code.startswith("14") for _, code in coded(text)) is protest


@pytest.mark.parametrize("text, trigger, act", [
    ("Rendell called it a common ailment during grueling bids for office.", "called", False),
    ("The senator called on Russia to withdraw its troops from Ukraine.", "called", True),
    ("The minister sees growing threats from Russia and China.", "threats", False),
    ("North Korea is considered a threat to the region by Japan.", "threat", False),
    ("The threat by Russia to cut gas supplies alarmed Ukraine.", "threat", True),
    ("Jordan admitted 1.4 million Syrian refugees last year.", "admitted", False),
    ("The minister admitted that the army had killed civilians in the raid.", "admitted", True),
])
def test_a_word_that_names_something_else_by_its_construction_codes_nothing(text, trigger, act):
    assert any(t == trigger for t, _ in coded(text)) is act


@pytest.mark.parametrize("text, codes", [
    ("Protesters clashed with police in central Hong Kong on Sunday.", {"145"}),
    ("Police clashed with striking miners near the mine on Friday.", {"145"}),
    ("Turkish troops clashed with Kurdish rebels in the east on Friday.", {"190"}),
])
def test_protesters_clashing_with_police_is_a_violent_protest_and_soldiers_clashing_is_fighting(text, codes):
    assert {code for trigger, code in coded(text) if trigger == "clashed"} == codes
