"""Long articles: parsed in pieces under spaCy's length limit, with offsets into the whole text kept."""

import pytest

from dateline.analyse import nlp
from dateline.model import RawDocument
from dateline.pipeline import process


@pytest.fixture
def small_limits(monkeypatch):
    """spaCy's limit and the piece size made small, so a few paragraphs stand for a million characters."""
    model = nlp.load()
    monkeypatch.setattr(model, "max_length", 6000)
    monkeypatch.setattr(nlp, "CHUNK_CHARS", 2500, raising=False)
    return model


def long_text(seed_text: str, copies: int) -> str:
    return "\n\n".join(seed_text.strip() for _ in range(copies)) + "\n"


def test_a_text_over_the_limit_is_parsed_whole(small_limits, seed_text):
    text = long_text(seed_text, 8)
    assert len(text) > small_limits.max_length
    [doc] = list(nlp.pipe_docs([text]))
    assert doc.text == text
    assert all(text[e.start_char:e.end_char] == e.text for e in doc.ents) and doc.ents
    sentences = list(doc.sents)
    assert len(sentences) > 8 and all(len(s.text) <= nlp.CHUNK_CHARS for s in sentences)


def test_pieces_end_where_paragraphs_or_sentences_do():
    text = ("One sentence here. " * 30 + "\n\n") * 6
    pieces = nlp.split_text(text, 1000)
    assert "".join(pieces) == text
    assert all(len(p) <= 1000 for p in pieces)
    assert all(p.endswith(("\n\n", ". ")) for p in pieces)


def test_a_piece_without_any_break_is_cut_at_the_limit():
    pieces = nlp.split_text("x" * 2500, 1000)
    assert [len(p) for p in pieces] == [1000, 1000, 500]


def test_a_long_article_is_coded_with_spans_into_its_text(small_limits, seed_text):
    text = long_text(seed_text, 8)
    [article] = process([RawDocument(origin="long.txt", kind="text", content=text.encode())])
    assert article.status == "ok", article.error
    assert len(article.text) > small_limits.max_length and article.events
    for event in article.events:
        start, end = event.spans["trigger"]
        assert article.text[start:end].lower() in event.trigger.lower() or event.trigger.lower() in article.text[start:end].lower()
