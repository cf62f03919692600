"""Event coding over real parses, with actors given (so these test events, not actor resolution)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.code.actors import ActorIndex, ActorMention
from dateline.code.events import code_sentences
from dateline.code.events.verbs import load_lexicon
from dateline.model import Article, Dateline, Timex
from dateline.pipeline import Analysis


@pytest.fixture(scope="module")
def nlp():
    from dateline.analyse.nlp import load

    return load()


def mentions_for(doc, actors: dict[str, str]) -> ActorIndex:
    """Every occurrence of each phrase in `actors` as a mention with that code."""
    out = []
    for phrase, code in actors.items():
        at = doc.text.find(phrase)
        while at >= 0:
            span = doc.char_span(at, at + len(phrase), alignment_mode="expand")
            out.append(ActorMention(span.text, span.start_char, span.end_char, span.start, span.end,
                                    name=phrase, code=code))
            at = doc.text.find(phrase, at + 1)
    return ActorIndex(out)


def timexes_for(text: str, values: dict[str, str]) -> list[Timex]:
    return [Timex(text=t, type="DATE", value=v, spans=[(text.find(t), text.find(t) + len(t))])
            for t, v in values.items() if t in text]


def code(nlp, text: str, actors: dict[str, str], published: str | None = "2022-02-12",
         timexes: dict[str, str] | None = None, place: str | None = None, config: dict | None = None):
    article = Article(id="a1", origin="test", content_hash="h", text=text, published=published,
                      dateline=Dateline(place=place) if place else None,
                      timexes=timexes_for(text, timexes or {}))
    doc = nlp(text)
    state = Analysis(article=article, doc=doc, actors=mentions_for(doc, actors), config=config)
    return code_sentences(state, load_lexicon())


def triples(events):
    return {(e.source.code if e.source else None, e.cameo, e.target.code if e.target else None) for e in events}


SEED_ACTORS = {
    "Joe Biden": "USAGOV", "Vladimir Putin": "RUSGOV", "Putin": "RUSGOV", "Emmanuel Macron": "FRAGOV",
    "Russian Foreign Ministry": "RUSGOV", "The United States": "USA", "NATO": "IGOWSTNAT", "Russia": "RUS",
    "Moscow": "RUS", "Washington": "USA", "the West": "WST",
}
SEED_DATES = {"December 17, 2021": "2021-12-17", "January 26, 2022": "2022-01-26", "Saturday": "2022-02-12"}


@pytest.fixture(scope="module")
def seed_events(nlp, seed_text):
    text = seed_text.split("\n", 1)[1].split("About Author")[0]
    return code(nlp, text, SEED_ACTORS, timexes=SEED_DATES, place="Moscow")


def test_seed_biden_putin_phone_call_both_ways(seed_events):
    calls = [e for e in seed_events if e.cameo_root == "04" and "Biden" in e.sentence and "phone call" in e.trigger]
    assert {(e.source.code, e.target.code) for e in calls} == {("USAGOV", "RUSGOV"), ("RUSGOV", "USAGOV")}
    assert all(e.plover == "CONSULT" and e.date == "2022-02-12" for e in calls)


def test_seed_putin_macron_phone_call(seed_events):
    calls = {(e.source.code, e.target.code) for e in seed_events if "Macron" in e.sentence and e.cameo == "041"}
    assert calls == {("RUSGOV", "FRAGOV"), ("FRAGOV", "RUSGOV")}


def test_seed_draft_agreements_dated_by_their_timex(seed_events):
    (event,) = [e for e in seed_events if "published" in e.trigger]
    assert event.source.code.startswith("RUS") and event.date == "2021-12-17"
    assert event.spans["trigger"] and event.sentence.startswith("On December 17, 2021")


def test_seed_written_responses_one_event_per_sender(seed_events):
    sent = {(e.source.code, e.target.code, e.date) for e in seed_events if "responses" in e.trigger}
    assert sent == {("USA", "RUS", "2022-01-26"), ("IGOWSTNAT", "RUS", "2022-01-26")}


def test_seed_west_refuses_russia(seed_events):
    (event,) = [e for e in seed_events if e.cameo_root == "12"]
    assert event.plover == "REJECT" and event.source.code == "WST" and event.target.code == "RUS"
    assert event.modality == []


def test_seed_evidence_and_stable_ids(seed_events, nlp, seed_text):
    for e in seed_events:
        s, t = e.spans["sentence"], e.spans["trigger"]
        assert s[0] <= t[0] < t[1] <= s[1]
        assert 0 < e.confidence <= 1 and e.rule and e.place
    again = code(nlp, seed_text.split("\n", 1)[1].split("About Author")[0], SEED_ACTORS, timexes=SEED_DATES)
    assert [e.id for e in again] == [e.id for e in seed_events]
    assert len({e.id for e in seed_events}) == len(seed_events)


def test_passive_voice_source_is_the_agent(nlp):
    events = code(nlp, "Israel was attacked by Hamas on Monday.", {"Israel": "ISR", "Hamas": "PSEREBHMS"})
    assert triples(events) == {("PSEREBHMS", "190", "ISR")}


def test_nominal_event_talks_between_coded_both_ways(nlp):
    events = code(nlp, "Talks between Armenia and Azerbaijan resumed in Vienna.",
                  {"Armenia": "ARM", "Azerbaijan": "AZE"})
    assert triples(events) == {("ARM", "040", "AZE"), ("AZE", "040", "ARM")}
    assert {e.place for e in events} == {"Vienna"}


def test_nominal_event_hangs_from_its_verb(nlp):
    events = code(nlp, "Armenia held a meeting with Azerbaijan.", {"Armenia": "ARM", "Azerbaijan": "AZE"})
    assert ("ARM", "040", "AZE") in triples(events)


def test_compound_source_split(nlp):
    events = code(nlp, "France and Germany condemned Iran.", {"France": "FRA", "Germany": "DEU", "Iran": "IRN"})
    assert triples(events) == {("FRA", "111", "IRN"), ("DEU", "111", "IRN")}


def test_reported_speech_codes_the_reported_event(nlp):
    events = code(nlp, "Officials said Syria attacked Turkey.", {"Syria": "SYR", "Turkey": "TUR"})
    assert triples(events) == {("SYR", "190", "TUR")}


def test_future_aid_is_an_intent(nlp):
    (event,) = code(nlp, "Finland will give Tanzania a grant.", {"Finland": "FIN", "Tanzania": "TZA"})
    assert event.cameo == "0331" and event.plover == "AGREE" and "future" in event.modality


def test_negated_and_hypothetical_modality(nlp):
    (neg,) = code(nlp, "France did not criticize Germany.", {"France": "FRA", "Germany": "DEU"})
    assert "negated" in neg.modality
    (hyp,) = code(nlp, "France could criticize Germany.", {"France": "FRA", "Germany": "DEU"})
    assert "hypothetical" in hyp.modality and hyp.confidence < neg.confidence + 0.2


def test_relative_pronoun_subject_is_the_noun_it_modifies(nlp):
    events = code(nlp, "Gondor, which spoke with Arnor on Monday, met Rohan.", {"Gondor": "GON", "Arnor": "ARN", "Rohan": "ROH"})
    assert ("GON", "040", "ARN") in triples(events)


def test_approved_sanctions(nlp):
    events = code(nlp, "Gondor approved a new package of sanctions against Mordor.", {"Gondor": "GON", "Mordor": "MOR"})
    assert triples(events) == {("GON", "163", "MOR")}


def test_airstrike(nlp):
    events = code(nlp, "Gondor carried out an airstrike on Mordor.", {"Gondor": "GON", "Mordor": "MOR"})
    assert triples(events) == {("GON", "195", "MOR")}


def test_what_is_blamed_is_not_done_by_the_blamer(nlp):
    actors = {"Gondor": "GON", "Mordor": "MOR", "Osgiliath": "OSG"}
    events = code(nlp, "Osgiliath blamed Mordor for an airstrike on Gondor.", actors)
    assert triples(events) == {("OSG", "112", "MOR")}


def test_event_inside_an_if_clause_is_hypothetical(nlp):
    events = code(nlp, "Sanctions will follow if Syria attacks Turkey.", {"Syria": "SYR", "Turkey": "TUR"})
    (attack,) = [e for e in events if e.cameo.startswith("19")]
    assert "hypothetical" in attack.modality


def test_historical_modality_from_the_date(nlp):
    (event,) = code(nlp, "In 1999, France criticized Germany.", {"France": "FRA", "Germany": "DEU"},
                    timexes={"1999": "1999"})
    assert "historical" in event.modality and event.date == "1999"
    (recent,) = code(nlp, "In February 2022, France criticized Germany.", {"France": "FRA", "Germany": "DEU"},
                     timexes={"February 2022": "2022-02"})
    assert "historical" not in recent.modality and recent.date == "2022-02"


def test_no_source_actor_no_event(nlp):
    assert code(nlp, "The agreements oblige members to stop their expansion.", {}) == []


def test_title_is_not_coded(nlp):
    text = "France condemns Iran\n\nFrance condemned Iran on Monday."
    article = Article(id="a", origin="t", content_hash="h", title="France condemns Iran", text=text)
    doc = nlp(text)
    state = Analysis(article=article, doc=doc, actors=mentions_for(doc, {"France": "FRA", "Iran": "IRN"}))
    events = code_sentences(state, load_lexicon())
    assert len(events) == 1 and events[0].trigger == "condemned"


@pytest.fixture(scope="module")
def seed_article(seed_path):
    """The seed through the whole pipeline: extraction, actors, times and events."""
    from dateline.ingest import read_inputs
    from dateline.pipeline import process

    (article,) = list(process(read_inputs([str(seed_path)])))
    return article


def test_seed_end_to_end_bars(seed_article):
    events = seed_article.events

    def find(root, src, tgt=None, date=None):
        return [e for e in events if e.cameo_root == root and (e.source.code or "").startswith(src)
                and (tgt is None or (e.target and (e.target.code or "").startswith(tgt)))
                and (date is None or e.date == date)]

    assert find("04", "USAGOV", "RUSGOV", "2022-02-12") and find("04", "RUSGOV", "USAGOV", "2022-02-12")
    assert all(e.plover == "CONSULT" for e in find("04", "USAGOV", "RUSGOV"))
    assert find("04", "RUSGOV", "FRAGOV", "2022-02-12") and find("04", "FRAGOV", "RUSGOV", "2022-02-12")
    published = [e for e in events if "published" in e.trigger and e.source.code.startswith("RUS")]
    assert published and all(e.date == "2021-12-17" for e in published)
    delivered = {(e.source.code[:3], e.target.code[:3]) for e in events
                 if "responses" in e.trigger and e.date == "2022-01-26" and e.target}
    assert {("USA", "RUS"), ("IGO", "RUS")} <= delivered
    refusals = [e for e in events if e.plover == "REJECT" and e.target and e.target.code.startswith("RUS")]
    assert {e.source.code for e in refusals} == {"USA", "IGOWSTNAT"}  # "the West": the US and NATO named before


def test_seed_no_event_from_boilerplate(seed_article):
    assert seed_article.events
    for e in seed_article.events:
        assert "Author" not in e.sentence and "Comments are closed" not in e.sentence
        assert seed_article.text[e.spans["trigger"][0]:e.spans["trigger"][1]] == e.trigger


def test_negated_concession_is_a_rejection(nlp):
    (event,) = code(nlp, "Syria will not release the Turkish prisoners.", {"Syria": "SYR", "Turkish": "TUR"})
    assert event.cameo == "1243" and event.plover == "REJECT" and "negated" in event.modality


def test_threatened_act_is_a_threat(nlp):
    (event,) = code(nlp, "Iran threatened to attack Iraq.", {"Iran": "IRN", "Iraq": "IRQ"})
    assert event.cameo.startswith("138") and (event.source.code, event.target.code) == ("IRN", "IRQ")


def test_reported_must_is_a_demand(nlp):
    (event,) = code(nlp, "France said Iran must release the prisoners.", {"France": "FRA", "Iran": "IRN"})
    assert event.cameo == "100" and (event.source.code, event.target.code) == ("FRA", "IRN")


def test_an_act_of_uncoded_actors_is_an_event_with_lower_confidence(nlp):
    text = "The Homeland Union attacked the Freedom Party in Vilnius."
    (uncoded,) = code(nlp, text, {})
    assert uncoded.cameo == "190" and uncoded.source.text == "Homeland Union" and uncoded.source.code is None
    (coded,) = code(nlp, text, {"Freedom Party": "LTUPTY"})
    assert triples([coded]) == {(None, "190", "LTUPTY")} and coded.confidence > uncoded.confidence
    assert code(nlp, text, {}, config={"unnamed_actors": False}) == []  # PETRARCH's rule: a coded actor or nothing


def test_agentless_passive_is_an_event_with_no_source(nlp):
    (event,) = code(nlp, "Five protesters were arrested in Minsk on Monday.", {"protesters": "---OPP"})
    assert event.cameo_root == "17" and event.source is None and event.target.code == "---OPP"


def test_list_misparsed_as_modifiers_gives_every_member(nlp):
    actors = {"Arnor": "ARN", "Calenardhon": "CAL", "Gondor": "GON", "Osgiliath": "OSG"}
    events = code(nlp, "Arnor, Calenardhon and the evil awful Gondor welcomed Osgiliath.", actors)
    assert {e.source.code for e in events} == {"ARN", "CAL", "GON"}


def test_shared_object_makes_a_compound_subject_mutual(nlp):
    events = code(nlp, "Czechia and Albania have upgraded their diplomatic ties.", {"Czechia": "CZE", "Albania": "ALB"})
    assert triples(events) == {("CZE", "050", "ALB"), ("ALB", "050", "CZE")}


def test_bare_verb_by_agent_of_no_country_on_no_one_is_a_weak_event(nlp):
    (weak,) = code(nlp, "Officials criticized the plan.", {"Officials": "---GOV"})
    (strong,) = code(nlp, "Officials criticized Iran.", {"Officials": "---GOV", "Iran": "IRN"})
    assert triples([strong]) == {("---GOV", "111", "IRN")} and weak.confidence < strong.confidence


def test_two_names_of_one_actor_are_not_a_compound(nlp):
    events = code(nlp, "Ban Ki-moon, the secretary general of the United Nations, vowed to repeat the effort.",
                  {"Ban Ki-moon": "IGOUNO", "secretary general of the United Nations": "IGOUNO"})
    assert {(e.source.code, e.cameo_root) for e in events} == {("IGOUNO", "03")}


def test_where_a_meeting_happens_is_not_its_partner(nlp):
    events = code(nlp, "NATO leaders gathered for a summit in Poland.", {"NATO leaders": "IGOWSTNAT", "Poland": "POL"})
    assert not any(e.target and e.target.code == "POL" for e in events)


def target_cases() -> list:
    """Rows of tests/data/event_targets.tsv: (case, sentence, actors, expected triple)."""
    path = Path(__file__).parent / "data" / "event_targets.tsv"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [pytest.param(text, dict(a.split("=", 1) for a in actors.split("; ")), tuple(expected.split()), id=case)
            for case, text, actors, expected in rows]


@pytest.mark.parametrize("text, actors, expected", target_cases())
def test_source_and_target_selection(nlp, text, actors, expected):
    assert expected in triples(code(nlp, text, actors))


def test_the_dateline_place_is_no_actor():
    from dateline.model import RawDocument
    from dateline.pipeline import process

    text = (
        "EU approves sanctions\n\nBRUSSELS, Feb 23, 2022 (AFP) - European Union foreign ministers on Wednesday "
        "approved new sanctions against Russia.\n\nThe measures take effect on Friday."
    )
    (article,) = process([RawDocument(origin="afp", content=text, kind="text")])
    assert article.dateline.place == "BRUSSELS"
    assert {(e.source.code, e.cameo, e.target.code) for e in article.events} == {("IGOEEC", "163", "RUS")}


def test_a_place_where_the_act_happens_is_not_its_target(nlp):
    (event,) = code(nlp, "Thai police arrested five men in Bangkok on Monday.",
                    {"Thai police": "THACOP", "Bangkok": "THA"})
    assert event.cameo_root == "17" and event.target is None
    (curfew,) = code(nlp, "Turkish authorities imposed a curfew in Cizre.", {"Turkish authorities": "TURGOV",
                                                                                "Cizre": "TUR"})
    assert curfew.target.code == "TUR"  # nothing else in the clause: the place is all there is


@pytest.mark.parametrize("text", [
    "Russia must withdraw its troops from Ukraine.",
    "Russia needs to withdraw its troops from Ukraine.",
    "Will Russia withdraw its troops from Ukraine?",
])
def test_prescribed_and_questioned_acts_are_hypothetical(nlp, text):
    events = code(nlp, text, {"Russia": "RUS", "Ukraine": "UKR"})
    assert events and all("hypothetical" in e.modality for e in events)


def test_an_act_dated_months_before_the_article_is_background(nlp):
    text = "Russia withdrew its troops from Georgia in March 2021."
    (event,) = code(nlp, text, {"Russia": "RUS", "Georgia": "GEO"}, timexes={"March 2021": "2021-03"})
    assert "historical" in event.modality


def test_coordinated_subjects_act_on_a_named_third_party_not_on_each_other(nlp):
    actors = {"Britain": "GBR", "France": "FRA", "Germany": "DEU"}
    events = code(nlp, "Britain, France and Germany agreed to sanction the Houthis.", actors)
    assert {e.source.code for e in events} == {"GBR", "FRA", "DEU"}
    assert all(e.target is None or e.target.code not in actors.values() for e in events)
    talks = code(nlp, "Britain, France and Germany held talks in Paris.", actors)
    assert ("GBR", "040", "FRA") in triples(talks)  # no third party: they meet each other
