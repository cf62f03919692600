"""Titles and sections, boilerplate and quality flags."""

from __future__ import annotations

import pytest

from dateline.extract.boilerplate import strip_boilerplate
from dateline.extract.quality import quality_flags
from dateline.extract.title import is_section, split_title, text_title


@pytest.mark.parametrize(
    ("raw", "site", "url", "title", "section"),
    [
        (
            "Moscow will soon react to the West’s response to security proposals – Kremlin – Russian Politics & Diplomacy",
            None, None,
            "Moscow will soon react to the West’s response to security proposals – Kremlin",
            "Russian Politics & Diplomacy",
        ),
        ("Ceasefire holds in Gaza | World News | The Guardian", "The Guardian", None, "Ceasefire holds in Gaza", "World News"),
        ("Oil prices fall - Reuters", None, "https://www.reuters.com/x", "Oil prices fall", None),
        ("Sanctions will hurt Europe – Lavrov", None, None, "Sanctions will hurt Europe – Lavrov", None),
        ("Markets slide as rates rise – Regional Business News", None, None, "Markets slide as rates rise", "Regional Business News"),
        ("Putin and Biden talk", None, None, "Putin and Biden talk", None),
        ("LinkNaija | News platform: Actress shines", "LinkNaija | News platform", None, "Actress shines", None),
        ("Remake per Netflix - Remember 80/90 - Memorabilia", "Remember 80/90 - Memorabilia", None, "Remake per Netflix", None),
        ("The Guardian view on Hong Kong | Editorial", "the Guardian", None, "The Guardian view on Hong Kong", "Editorial"),
    ],
)
def test_title_section_split(raw, site, url, title, section):
    assert split_title(raw, site, url) == (title, section)


def test_section_shape_needs_capitals_and_a_head_word():
    assert is_section("Society & Culture")
    assert is_section("Local Crime News")
    assert not is_section("Kremlin")
    assert not is_section("the news is grim")


LEDE = "WASHINGTON — The president said on Tuesday that he would not release his tax returns before the vote, aides said."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Moscow will soon react – Kremlin – Russian Politics & Diplomacy", True),
        ("Trump not walking the walk on his tax claims.", True),
        ("Stealth Over Health: Hillary Clinton Was Headed to ER But Diverted to Avoid Bad Optics.", True),
        ("Is the ceasefire holding?", True),
        ("The minister said on Monday that talks with the rebels would resume in Geneva next week, officials said.", False),
        ("word " * 40, False),
    ],
)
def test_text_title_shape(line, expected):
    assert (text_title(line, LEDE) is not None) == expected


def test_boilerplate_lines_and_closing_blocks():
    paragraphs = [
        "MOSCOW, February 12. /TASS/. Talks went on.",
        "Share this article",
        "Read more: Putin calls Macron",
        "Second paragraph of the story.",
        "Third paragraph.",
        "About Author",
        "John is a reporter who writes about politics.",
    ]
    kept, removed = strip_boilerplate(paragraphs)
    assert kept == [paragraphs[0], paragraphs[3], paragraphs[4]]
    assert removed == [paragraphs[1], paragraphs[2], paragraphs[5], paragraphs[6]]


def test_closing_block_marker_early_in_text_is_kept():
    paragraphs = ["Comments", "The body of the story.", "More body.", "Even more."]
    assert strip_boilerplate(paragraphs) == (paragraphs, [])


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Proposals on security guarantees. security, an aide told reporters.", "repeated_word_across_break"),
        ("Weapons, including nuclear ones. . The United States replied.", "broken_sentence_join"),
        ("“We will consider it,” he said. he pointed out. Then he left.", "duplicated_attribution"),
        ("In the 1990s , for example, we were friends.", "space_before_punctuation"),
        ("The minister said on Monday that the talks with the rebels would resume in Geneva next week once the ceasefire", "truncated"),
        ("The minister said the talks would resume.\n\nAll...", "truncated"),
        ("The ministerâ€™s talks went well.", "mojibake"),
        ("A short note.", "short_text"),
    ],
)
def test_quality_flags(text, flag):
    assert flag in quality_flags(text)


def test_clean_text_has_no_defect_flags():
    text = "The talks, held in Geneva, e.g. at the U.N. office on Nov. the 4th, went well. Officials said so. " * 8
    text += "\n\nSee https://example.org. pic.twitter.com/x\n\nPhoto: Reuters"
    assert quality_flags(text) == []


def test_user_files_extend_the_data(tmp_path, monkeypatch):
    from dateline.extract import agencies, boilerplate, dateline, wire

    caches = (agencies.agencies, agencies._by_alias, agencies.alias_pattern, dateline._patterns,
              wire._alias_regex, boilerplate._patterns)
    (tmp_path / "agencies.tsv").write_text("Hina\tHR\tHINA|Hina\thina.hr\n", encoding="utf-8")
    (tmp_path / "boilerplate.tsv").write_text("line\tpowered by .{1,40}\n", encoding="utf-8")
    monkeypatch.setenv("DATELINE_AGENCIES", str(tmp_path / "agencies.tsv"))
    monkeypatch.setenv("DATELINE_BOILERPLATE", str(tmp_path / "boilerplate.tsv"))
    for cached in caches:
        cached.cache_clear()
    try:
        assert dateline.parse_dateline("ZAGREB, May 4 (Hina) - Croatia").agency == "Hina"
        assert strip_boilerplate(["Story.", "Powered by WordPress"]) == (["Story."], ["Powered by WordPress"])
    finally:
        monkeypatch.undo()
        for cached in caches:
            cached.cache_clear()


@pytest.mark.parametrize(
    ("content", "status", "start"),
    [
        ("Привет мир. Это тест.\n\nВторой абзац.".encode("cp1251"), "ok", "Привет мир."),
        ("Café au lait.\n\nSecond paragraph.".encode("latin-1"), "ok", "Café au lait."),
        (b"\x00\x01\x02\x03 not text", "error", None),
    ],
)
def test_text_handed_over_as_bytes_is_decoded_by_the_readers_rules(content, status, start):
    from dateline.extract import extract_article
    from dateline.model import RawDocument

    article = extract_article(RawDocument(origin="bytes", content=content, kind="text"))
    assert article.status == status
    if start:
        assert article.text.startswith(start)
    else:
        assert article.error == "binary document (not text)"
