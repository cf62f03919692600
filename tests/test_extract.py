"""The extract stage end to end: the seed article, plain texts, metadata and errors."""

from __future__ import annotations

import random

import pytest

from dateline.extract import extract_article, text_paragraphs
from dateline.model import RawDocument


@pytest.fixture(scope="module")
def seed_article(seed_text):
    return extract_article(RawDocument(origin="seed", kind="text", content=seed_text))


def test_seed_title_and_section(seed_article):
    assert seed_article.status == "ok"
    assert seed_article.title == "Moscow will soon react to the West’s response to security proposals – Kremlin"
    assert seed_article.section == "Russian Politics & Diplomacy"


def test_seed_dateline_wire_and_inferred_date(seed_article):
    dl = seed_article.dateline
    assert (dl.place, dl.date, dl.agency) == ("MOSCOW", "February 12", "TASS")
    assert seed_article.text[dl.span[0] : dl.span[1]] == dl.text == "MOSCOW, February 12. /TASS/."
    assert seed_article.wire_source == "TASS"
    assert seed_article.published == "2022-02-12"
    assert seed_article.published_inferred is True


def test_seed_boilerplate_removed_and_paragraphs_kept(seed_article):
    assert "About Author" not in seed_article.text
    assert "Comments are closed" not in seed_article.text
    assert seed_article.text.endswith("French President Emmanuel Macron.")
    assert seed_article.text.count("\n\n") == 6


def test_seed_quality_flags(seed_article):
    flags = set(seed_article.quality)
    assert {"repeated_word_across_break", "broken_sentence_join", "duplicated_attribution"} <= flags
    assert "mojibake" not in flags and "truncated" not in flags
    assert seed_article.language == "en"


def test_metadata_wins_over_guesses(seed_text):
    meta = {"published": "Sat, 12 Feb 2022 14:05:00 +0300", "title": "Kremlin on security", "url": "https://tass.com/politics/1402"}
    article = extract_article(RawDocument(origin="feed", kind="text", content=seed_text, meta=meta))
    assert article.published == "2022-02-12" and article.published_inferred is False
    assert article.title == "Kremlin on security"
    assert article.url == "https://tass.com/politics/1402"


def test_lossy_decoding_from_ingest_is_flagged(seed_text):
    article = extract_article(RawDocument(origin="l", kind="text", content=seed_text, meta={"encoding_lossy": True}))
    assert "lossy_decoding" in article.quality


def test_language_of_a_non_english_text():
    text = (
        "Правительство утвердило новый бюджет\n\n"
        "Правительство России в среду утвердило проект федерального бюджета на следующие три года, "
        "сообщил министр финансов на заседании кабинета."
    )
    article = extract_article(RawDocument(origin="ru", kind="text", content=text.encode("cp1251")))
    assert article.status == "ok"
    assert article.language == "ru"
    assert article.title == "Правительство утвердило новый бюджет"


def test_first_line_is_not_a_title_when_it_is_a_sentence():
    text = "The minister said on Monday that talks would resume next week, officials said.\n\nA second paragraph."
    article = extract_article(RawDocument(origin="t", kind="text", content=text))
    assert article.title is None
    assert article.text.startswith("The minister said")


def test_wrapped_lines_join_into_paragraphs():
    assert text_paragraphs("Title\n\nfirst line\nwrapped here\n\nsecond") == ["Title", "first line wrapped here", "second"]
    assert text_paragraphs("one\ntwo\nthree") == ["one", "two", "three"]


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (RawDocument(origin="e", kind="error", error="HTTP 404"), "HTTP 404"),
        (RawDocument(origin="b", kind="text", content="   \n\n "), "empty document"),
        (RawDocument(origin="h", kind="html", content=b""), "empty document"),
        (RawDocument(origin="c", kind="text", content="Title\n\nShare this article\n\nComments are closed."), "empty after extraction"),
        (RawDocument(origin="n", kind="html", content=b"<html><body><nav><a href='/'>Home</a></nav></body></html>"),
         "no article text found (page is not an article?)"),
        (RawDocument(origin="k", kind="pdf", content=b"%PDF"), "unknown document kind 'pdf'"),
    ],
)
def test_errors_become_error_articles(raw, reason):
    article = extract_article(raw)
    assert article.status == "error"
    assert article.error == reason


@pytest.mark.parametrize(
    "fragment",
    ["Officials met in Geneva on Monday to discuss the ceasefire.", "Officials met in Geneva<br>on Monday to discuss it."],
)
def test_feed_item_with_little_or_no_markup(fragment):
    article = extract_article(RawDocument(origin="feed#item=2", kind="html", content=fragment))
    assert article.status == "ok"
    assert "Officials met in Geneva" in article.text


def test_feed_item_html_fragment_is_read_as_is():
    fragment = "<p>Officials met in Geneva on Monday to discuss the ceasefire.</p><p>Talks resume <b>Tuesday</b>.</p>"
    article = extract_article(RawDocument(origin="feed#item=1", kind="html", content=fragment, meta={"title": "Talks"}))
    assert article.status == "ok"
    assert article.text == "Officials met in Geneva on Monday to discuss the ceasefire.\n\nTalks resume Tuesday."
    assert article.title == "Talks"


@pytest.mark.parametrize("content", [None, 12345, ["a"]])
def test_content_of_the_wrong_type_is_an_error(content):
    article = extract_article(RawDocument(origin="x", kind="text", content=content))  # type: ignore[arg-type]
    assert article.status == "error"
    assert article.error == f"content is {type(content).__name__}, not text or bytes"
    assert len(article.id) == 16


def test_random_bytes_never_raise():
    rng = random.Random(7)
    for size in (1, 100, 3000):
        data = bytes(rng.randrange(256) for _ in range(size))
        for kind in ("html", "text"):
            assert extract_article(RawDocument(origin="r", kind=kind, content=data)).status in ("ok", "error")


def test_a_failing_step_becomes_an_error_article(monkeypatch, seed_text):
    import dateline.extract as extract

    def broken(text):
        raise RuntimeError("boom")

    monkeypatch.setattr(extract, "find_dateline", broken)
    article = extract.extract_article(RawDocument(origin="s", kind="text", content=seed_text))
    assert (article.status, article.error) == ("error", "extraction failed: RuntimeError: boom")


def test_extract_command_prints_one_line_per_article(seed_path, capsys):
    from dateline.cli import main

    main(["extract", str(seed_path)])
    line = capsys.readouterr().out.strip()
    assert "wire_source=TASS" in line and "published=2022-02-12" in line
    assert "dateline='MOSCOW, February 12. /TASS/.'" in line
