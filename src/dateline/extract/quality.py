"""Quality flags: defects seen in scraped and rewritten news text, flagged, never repaired,
so that character offsets stay true to the stored text.

Vocabulary:

- ``repeated_word_across_break``: a sentence starts, in lower case, with a word that
  ended the sentence before it ("… security guarantees. security, Kremlin aide …").
- ``broken_sentence_join``: an empty sentence between two stops (``". ."``).
- ``duplicated_attribution``: an attribution followed by a second bare one
  ("he said. he pointed out.").
- ``lowercase_sentence_start``: a sentence starting in lower case after a full stop.
- ``space_before_punctuation``: a space before a comma or full stop ("the 1990s , for").
- ``truncated``: the text ends on an ellipsis, or its last paragraph is prose that stops mid-sentence.
- ``mojibake``: text decoded with the wrong character set ("â€™", "Ã©", U+FFFD).
- ``short_text``: fewer than 50 words: a teaser, a caption or a failed extraction.
- ``lossy_decoding``: ingest had to replace bytes no character set decodes
  (`RawDocument.meta["encoding_lossy"]`; set by `extract_article`).
- ``boilerplate_dropped:N``: N paragraphs of the extracted page were dropped as
  not article text (boilerplate lines, a closing block, repeated paragraphs, link
  lines); set by `extract_article`, so that a page that needed much cleaning shows.
- ``site_repeated:N``: N paragraphs were dropped because they stand verbatim on at
  least three other stored pages of the same site (footers, standing notices;
  `dateline.extract.siterepeat`); set by `extract_article`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

BOILERPLATE_DROPPED = "boilerplate_dropped"

_ABBREVIATIONS = frozenset(
    "etc vs no st mr mrs ms dr jr sr gen col lt sgt rep sen gov inc ltd co corp approx ca fig cf al"
    " jan feb mar apr jun jul aug sep sept oct nov dec tsp tbsp oz lb bzw vgl usw".split()
)
_LOWER_START = re.compile(r"\.[ \t]+(?P<word>[a-z][a-z'’-]*)\b(?![.:/@])")
_SPEECH = r"(?:said|says|added|noted|stressed|explained|pointed out|told reporters|continued|concluded)"
_BARE_ATTRIBUTION = re.compile(rf"\b{_SPEECH}[.,]\s+(?:he|she|they|it)\s+{_SPEECH}\s*[.!?]", re.IGNORECASE)
_EMPTY_SENTENCE = re.compile(r"[.!?]\s+\.(?!\.)")
_SPACE_BEFORE = re.compile(r"\w[ \t]+[,.](?=\s|$)")
_MOJIBAKE = re.compile("â€|Ã[\x80-\xbf]|Ð[\x80-\xbf]|Â[\xa0-\xbf]|\ufffd")
"""UTF-8 read as Latin-1 or Windows-1252 ("â€™", "Ã©", "Ð¾"), or the replacement character."""
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ")", "»")
_LOOKBACK_WORDS = 6
_SHORT_WORDS = 50
_PROSE_WORDS = 20


def _lowercase_starts(text: str) -> Iterator[re.Match[str]]:
    """Sentences starting in lower case after a full stop that does not end an abbreviation."""
    for m in _LOWER_START.finditer(text):
        before = (text[max(0, m.start() - 40) : m.start()].split() or [""])[-1].strip("\"'“”‘’()[]")
        acronym = before.isupper() and len(before) <= 4
        if "." in before or len(before) <= 1 or acronym or before.lower() in _ABBREVIATIONS:
            continue
        yield m


def _repeated_word_across_break(text: str) -> bool:
    for m in _lowercase_starts(text):
        before = re.findall(r"\w+", text[max(0, m.start() - 80) : m.start() + 1])[-_LOOKBACK_WORDS:]
        if m["word"].lower() in (w.lower() for w in before):
            return True
    return False


def _truncated(text: str) -> bool:
    """Ends on an ellipsis, or its last paragraph is prose (not a caption or a
    credit) that stops without a stop."""
    last = text.rstrip().rsplit("\n\n", 1)[-1]
    if last.endswith(("...", "…", "[…]", "[...]")):
        return True
    return len(last.split()) >= _PROSE_WORDS and not last.endswith(_SENTENCE_END)


CHECKS: dict[str, Callable[[str], bool]] = {
    "repeated_word_across_break": _repeated_word_across_break,
    "broken_sentence_join": lambda t: bool(_EMPTY_SENTENCE.search(t)),
    "duplicated_attribution": lambda t: bool(_BARE_ATTRIBUTION.search(t)),
    "lowercase_sentence_start": lambda t: any(_lowercase_starts(t)),
    "space_before_punctuation": lambda t: bool(_SPACE_BEFORE.search(t)),
    "truncated": _truncated,
    "mojibake": lambda t: bool(_MOJIBAKE.search(t)),
    "short_text": lambda t: len(t.split()) < _SHORT_WORDS,
}


def quality_flags(text: str) -> list[str]:
    """The names of the checks `text` fails, in vocabulary order."""
    if not text.strip():
        return []
    return [name for name, check in CHECKS.items() if check(text)]
