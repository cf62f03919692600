"""PETRARCH discard files: story-level and sentence-level discard phrases."""

from __future__ import annotations

from dateline.code.events.discards import discard_files, load_discards

DISCARDS = """\
# story-level discards are marked '+'
YEARS LATER
+Manchester United   # a note
+TYPHOON
"""


def test_story_and_sentence_discards(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(DISCARDS, encoding="utf-8")
    d = load_discards((str(path),))
    assert d.story_discarded("A typhoon trashed the embassy.") and d.story_discarded("MANCHESTER  UNITED won.")
    assert not d.story_discarded("Typhoons are rare.")  # whole words only
    assert d.sentence_discarded("Two years later, Gondor wept.") and not d.story_discarded("Two years later.")
    assert not d.sentence_discarded("Gondor wept.")


def test_discard_files_from_config_and_environment(monkeypatch):
    monkeypatch.setenv("DATELINE_DISCARDS", "b.txt")
    assert discard_files({"discard_files": ["a.txt"]}) == ("a.txt", "b.txt")
    monkeypatch.delenv("DATELINE_DISCARDS")
    assert discard_files({}) == () and load_discards(()).story is None


def test_discarded_sentence_codes_nothing(tmp_path, monkeypatch):
    from dateline.analyse.nlp import load
    from dateline.code.actors import ActorIndex, ActorMention
    from dateline.code.events import code_sentences
    from dateline.code.events.verbs import load_lexicon
    from dateline.model import Article
    from dateline.pipeline import Analysis

    path = tmp_path / "d.txt"
    path.write_text(DISCARDS, encoding="utf-8")
    text = "Years later, France attacked Germany. France attacked Spain."
    doc = load()(text)
    mentions = [ActorMention(t.text, t.idx, t.idx + len(t), t.i, t.i + 1, code=t.text[:3].upper())
                for t in doc if t.text in ("France", "Germany", "Spain")]
    state = Analysis(article=Article(id="a", origin="t", content_hash="h", text=text), doc=doc,
                     actors=ActorIndex(mentions))
    events = code_sentences(state, load_lexicon(), load_discards((str(path),)))
    assert {(e.source.code, e.target.code) for e in events} == {("FRA", "SPA")}
    assert len(code_sentences(state, load_lexicon())) == 2
