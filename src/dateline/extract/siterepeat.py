"""Paragraphs a site repeats on its pages: footers, newsletter pitches, standing notices.

A line that stands verbatim on three or more other pages of the same site (the
registered domain: ``news.bbc.co.uk`` and ``www.bbc.co.uk`` are one site) is the
site's, not the article's. The store keeps, per site, which page holds which
paragraph (a hash of its words, `paragraph_key`); before a batch of documents is
extracted, each document whose address is known gets the keys its site repeats
(``meta["site_repeated"]``), and extraction drops those paragraphs, counting
them in the quality flag ``site_repeated:N``.

Why it stays stable: a page's own paragraphs never count against it, so
extracting a page again finds the same paragraphs; the table records the
paragraphs pages kept, so a line once dropped does not grow its count; ingesting
the same documents again changes nothing (stored documents are skipped). The
order effect is that the first pages of a site, read before a line was seen on
three others, keep it: single pages and the first pages of a site are untouched.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable

SITE_REPEATED = "site_repeated"
"""The `RawDocument.meta` key and quality flag prefix."""
MIN_OTHER_PAGES = 3
_NON_WORD = re.compile(r"\W+")


def site_of(url: str | None) -> str | None:
    """The registered domain of `url` (``bbc.co.uk``), or None when it is not a web address."""
    if not url or "://" not in url:
        return None
    from tld import get_fld

    return get_fld(url, fail_silently=True)


def paragraph_key(paragraph: str) -> str:
    """The paragraph's words, case folded, hashed: the same line whatever its spacing and punctuation."""
    words = _NON_WORD.sub(" ", paragraph).strip().casefold()
    return hashlib.sha1(words.encode("utf-8")).hexdigest()[:16]


def paragraph_keys(paragraphs: Iterable[str]) -> set[str]:
    return {paragraph_key(p) for p in paragraphs if p.strip()}


def drop_site_repeated(paragraphs: list[str], repeated: Collection[str] | None) -> tuple[list[str], list[str]]:
    """(kept, dropped): the paragraphs whose key is among the site's `repeated` ones
    go, unless none would be left (a page that is all site text is still what it is)."""
    if not repeated:
        return paragraphs, []
    keys = set(repeated)
    kept, dropped = [], []
    for paragraph in paragraphs:
        (dropped if paragraph_key(paragraph) in keys else kept).append(paragraph)
    return (kept, dropped) if kept else (paragraphs, [])


def page_rows(article_id: str, url: str | None, text: str, paragraph_break: str) -> list[dict[str, str]]:
    """The store rows of one page: its site, and a row per distinct paragraph it kept."""
    site = site_of(url)
    if not site:
        return []
    keys = paragraph_keys(text.split(paragraph_break))
    return [{"site": site, "key": key, "article_id": article_id} for key in sorted(keys)]


def repeated_keys(pages_by_key: dict[str, list[str]], article_id: str) -> list[str]:
    """The keys standing on at least `MIN_OTHER_PAGES` pages other than the article itself."""
    return sorted(
        key for key, pages in pages_by_key.items() if len(set(pages) - {article_id}) >= MIN_OTHER_PAGES
    )
