"""The real-news event gold: reading it back from ../shared, scoring predicates, the learned step's vote."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
from conftest import ROOT, shared_path

from dateline.eval import events_realnews as rn
from dateline.eval.realnews import GoldSentence, Predicate, Sentence, detokenise, read_labels, resolve
from dateline.model import ActorRef, Event

GOLD = ROOT / "gold" / "events-realnews"


def sentence(text: str) -> Sentence:
    return Sentence("x:doc:1", "x", "doc", 1, text, "", None)


def event(code: str, span: tuple[int, int], src=None, tgt=None, modality=(), conf=0.5) -> tuple[Event, tuple]:
    e = Event(id=code, cameo=code, cameo_root=code[:2], plover=None, quad_class=1, goldstein=0.0, date=None,
              place=None, source=ActorRef(src, code=src) if src else None,
              target=ActorRef(tgt, code=tgt) if tgt else None, trigger="t", sentence="s",
              modality=list(modality), confidence=conf)
    return e, span


def test_detokenise_conll_tokens():
    assert detokenise(["U.N.", "official", "Ekeus", "heads", "for", "Baghdad", "."]) == \
        "U.N. official Ekeus heads for Baghdad."
    assert detokenise(["He", "said", "(", "in", "1996", ")", "it", "was", "n't", "so", "."]) == \
        "He said (in 1996) it wasn't so."


def test_predicate_scores_count_roots_detection_and_triples():
    text = "Rebels attacked troops and police arrested them, he said."
    gold = [GoldSentence(sentence(text), "dev", [
        Predicate((7, 15), "190", modality="asserted", source_code="REB", target_code="SDNMIL"),
        Predicate((34, 42), "173", modality="asserted", source_code="SDNCOP", target_code="REB"),
        Predicate((51, 55), "NONE"),
    ])]
    ours = [[event("193", (7, 15), "REB", "SDNMIL"), event("190", (7, 15), "REB", None, conf=0.2),
             event("111", (34, 42), "SDNCOP", "REB"), event("010", (51, 55), "SDN", None)]]
    r = rn.score(gold, ours)
    # three predicates of ours (one trigger coded twice counts once): 190 right, 111 wrong root, 010 on a NONE
    assert r["our_events"] == 3 and r["gold_events"] == 2
    assert r["root_precision"] == round(1 / 3, 4) and r["root_recall"] == 0.5
    assert r["detection_precision"] == round(2 / 3, 4) and r["detection_recall"] == 1.0
    assert r["full_code_accuracy"] == 0.0 and r["modality_accuracy"] == 1.0
    assert r["actor_code_accuracy"] == 1.0
    assert r["confusion"]["NONE>01"] == 1 and r["confusion"]["17>11"] == 1
    assert r["roots"]["19"]["f1"] == 1.0 and r["roots"]["17"]["recall"] == 0.0
    assert r["triple_recall"] == 0.5


def test_coordinated_gold_actors_expand_into_triples():
    text = "The US and Britain warned Iraq."
    gold = [GoldSentence(sentence(text), "dev", [Predicate((19, 25), "130", source_code="USAGOV;GBRGOV",
                                                            target_code="IRQGOV")])]
    ours = [[event("130", (19, 25), "USAGOV", "IRQGOV"), event("130", (19, 25), "GBRGOV", "IRQGOV")]]
    r = rn.score(gold, ours)
    assert r["triple_f1"] == 1.0 and r["root_f1"] == 1.0


def test_gold_set_sizes_and_frozen_test_split():
    rows = list(csv.DictReader((GOLD / "sentences.tsv").open(encoding="utf-8"), delimiter="\t"))
    splits = {r["id"]: r["split"] for r in rows}
    docs: dict[str, set[str]] = {}
    for sid, split in splits.items():
        docs.setdefault(sid.rsplit(":", 1)[0], set()).add(split)
    assert all(len(s) == 1 for s in docs.values())  # split by document
    labelled = [rec for split in ("train", "dev", "test") for rec in read_labels(GOLD / f"{split}.jsonl")]
    assert all(splits[sid] == split for split in ("train", "dev", "test")
               for sid, _, _ in read_labels(GOLD / f"{split}.jsonl"))
    if len(labelled) < 800:
        pytest.fail(f"only {len(labelled)} labelled sentences")
    digest = hashlib.sha256((GOLD / "test.jsonl").read_bytes()).hexdigest()
    assert digest in (ROOT / "docs" / "annotation.md").read_text(encoding="utf-8")


def test_sentences_rebuild_from_shared():
    shared = shared_path("gold")
    s = resolve(shared.parent, "tbaq:TimeBank/APW19980227.0494.tml:0")
    assert s.text.startswith("MOSCOW (AP)_ Presidents Leonid Kuchma") and s.date == "1998-02-27"
    c = resolve(shared.parent, "conll:valid/50:7")
    assert c.context and c.date == "1996-08-30"


def test_a_verb_of_intent_and_its_act_match_either_way():
    text = "Japan pledged to send aid to Haiti."
    gold = [GoldSentence(sentence(text), "dev", [Predicate((6, 13), "NONE"),
                                                 Predicate((17, 21), "0331", source_code="JPNGOV", target_code="HTI")])]
    r = rn.score(gold, [[event("0331", (6, 13), "JPNGOV", "HTI")]])
    assert r["root_f1"] == 1.0 and r["full_code_accuracy"] == 1.0
    far = "Japan pledged it would soon consider whether to send aid."
    gold = [GoldSentence(sentence(far), "dev", [Predicate((46, 50), "0331")])]
    assert rn.score(gold, [[event("0331", (6, 13))]])["root_f1"] == 0.0
