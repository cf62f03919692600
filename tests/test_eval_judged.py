"""Judged events: a judgement finds its event again by document, sentence hash and trigger offset, whatever else
the article holds, and a judge's row becomes the root the trigger should have."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from dateline.eval import judged
from dateline.model import Event

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "gold" / "events-judged"))
import assemble  # noqa: E402


def event(sentence: str, trigger: str, code: str, text_before: str = "") -> Event:
    start = len(text_before)
    t = start + sentence.index(trigger)
    return Event(id="e", cameo=code, cameo_root=code[:2], plover="", quad_class=0, goldstein=0.0, date=None,
                 place=None, source=None, target=None, trigger=trigger, sentence=sentence,
                 spans={"sentence": (start, start + len(sentence)), "trigger": (t, t + len(trigger))},
                 modality=[], rule="", confidence=0.5, article_id="a")


def test_event_key_is_relative_to_the_sentence():
    sentence = "Police charged the protesters with rioting."
    a = judged.event_key("doc:1", event(sentence, "charged", "173"))
    b = judged.event_key("doc:1", event(sentence, "charged", "173", text_before="A new first paragraph. "))
    assert a == b == ("doc:1", judged.sentence_key(sentence), sentence.index("charged"))
    assert judged.event_key("doc:1", event("The phone charged quickly.", "charged", "173")) != a


def test_a_judges_row_gives_the_root_the_trigger_should_have():
    assert assemble.root_of({"root_right": "yes", "right_root": ""}, "190") == "19"
    assert assemble.root_of({"root_right": "no", "right_root": "11"}, "190") == "11"
    assert assemble.root_of({"root_right": "no", "right_root": "1"}, "190") == "01"
    assert assemble.root_of({"root_right": "no", "right_root": "none"}, "173") == "NONE"


def test_judgements_are_read_as_written(tmp_path):
    path = tmp_path / "j.jsonl"
    path.write_text(json.dumps({"doc": "conll:train/3", "sentence": "abc", "trigger": [4, 11], "code": "173",
                                "right_root": "NONE", "annotator": "1A"}) + "\n\n")
    (j,) = judged.read_judgements(path)
    assert (j.doc, j.trigger, j.right_root, j.annotator) == ("conll:train/3", (4, 11), "NONE", "1A")


def test_the_shipped_judgements_name_documents_the_coder_can_read():
    path = Path(__file__).resolve().parents[1] / "gold" / "events-judged" / "judgements.jsonl"
    rows = judged.read_judgements(path)
    assert len(rows) >= 500
    assert {r.doc.split(":")[0] for r in rows} == {"conll", "polnear", "mediacloud", "readability"}
    assert all(r.right_root == "NONE" or (len(r.right_root) == 2 and 1 <= int(r.right_root) <= 20) for r in rows)
    assert not any(r.doc.startswith("polnear:dev/") for r in rows)  # the audit's documents are never judged
