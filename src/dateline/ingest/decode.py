"""Bytes → text: byte-order marks, a declared charset, UTF-8, then detection.

Order of trust: a byte-order mark, then a charset the container declared (HTTP
header, ``<meta charset>``) if the bytes honour it, then UTF-8 (also when only a
few bytes are damaged), then charset-normalizer for legacy encodings (cp1251,
latin-1, ...) when what it decodes reads as text. Content that looks binary is
refused rather than decoded as noise; a few stray NUL or control bytes in text (a
bad export, a padded record) are dropped first and do not make it binary.

A legacy guess is kept only when every non-ASCII character it yields is a letter
inside a word or common typography (``café``, ``’``, ``«``): bytes that decode to
box drawing or symbols (``■├(`` from cp775) are damage, not an encoding, and the
text is read as UTF-8 with U+FFFD in their place (`Decoded.lossy`).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import charset_normalizer

from dateline.ingest.limits import IngestError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE = 64 * 1024
"""Bytes inspected for binary content and encoding detection (detection cost
grows with size; a page's encoding shows in its first 64 KB)."""

_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.05
"""Above this share of NUL and control bytes content is binary; below it they are stray bytes in text."""
_MOSTLY_ASCII = 0.1
"""Below this share of non-ASCII bytes, text is mostly ASCII (English, French; not Russian or Chinese)."""
_MAX_ODD_SHARE = 0.02
_TYPOGRAPHY = frozenset("’‘‚“”„–—…•€£¥©®™°«»‹›§¶·×±¡¿ ")
_MAX_DAMAGED_UTF8_SHARE = 1.0
"""UTF-8 with fewer bad sequences than this share of its good non-ASCII characters
is damaged UTF-8 (decoded with replacement), not a legacy encoding: in legacy
text, valid UTF-8 sequences are rare accidents."""

_WHATWG_ALIASES = {"ascii": "cp1252", "iso8859-1": "cp1252"}
"""Browsers read latin-1 and ASCII labels as windows-1252 (WHATWG Encoding), and
ignore a declared UTF-16 or UTF-32 (real ones start with a byte-order mark)."""

_WEB_ENCODINGS = ("cp1252", "cp1251", "cp1250", "gb18030", "shift_jis", "euc_kr", "big5", "cp1256")
"""Legacy encodings by share of the web, to break ties between equal guesses."""
_TIE = 0.01

_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


@dataclass
class Decoded:
    text: str
    encoding: str
    lossy: bool = False
    """Some bytes did not fit the encoding and became U+FFFD."""


def media_type(content_type: str | None) -> str:
    """The media type of a ``Content-Type`` value: ``Text/HTML; charset=x`` → ``text/html``."""
    return (content_type or "").split(";")[0].strip().lower()


def charset_param(content_type: str | None) -> str | None:
    """The charset of a ``Content-Type`` value: ``text/html; charset=KOI8-R`` → ``KOI8-R``."""
    match = _CHARSET_PARAM.search(content_type or "")
    return match.group(1) if match else None


def decode_bytes(data: bytes, declared: str | None = None, unit: str = "file") -> Decoded:
    """Decode content, or raise `IngestError` saying why this `unit` is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data, encoding)
    if looks_binary(data[:_SAMPLE]):
        raise IngestError(f"binary {unit} (not text)")
    data = strip_control(data)
    codec = _codec_name(declared)
    if codec:
        try:
            return Decoded(data.decode(codec), codec)
        except UnicodeDecodeError:
            pass
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return Decoded(data.decode("utf-8", errors="replace"), "utf-8", lossy=True)
    sample = data[:_SAMPLE]
    mostly_ascii = sum(b >= 0x80 for b in sample) < _MOSTLY_ASCII * len(sample)
    guess = guess_encoding(sample)
    order = ("cp1252", guess, *_WEB_ENCODINGS) if mostly_ascii else (guess, *_WEB_ENCODINGS)
    for encoding in dict.fromkeys(e for e in order if e):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if reads_as_text(text, mostly_ascii):
            return Decoded(text, encoding)
    if guess is None and not mostly_ascii:
        raise IngestError(f"cannot decode: no text encoding fits this {unit}")
    return Decoded(data.decode("utf-8", errors="replace"), "utf-8", lossy=True)


def strip_control(data: bytes) -> bytes:
    """`data` without NUL and control bytes (tab, newlines, form feed and escape kept)."""
    return _CONTROL.sub(b"", data) if _CONTROL.search(data) else data


def reads_as_text(text: str, mostly_ascii: bool) -> bool:
    """Whether a legacy decoding gives text: in mostly-ASCII text every other character
    is typography or a Latin letter beside an ASCII letter (accents); elsewhere hardly any is a
    symbol or a control character (box drawing, ``■├``)."""
    odd = other = 0
    for i, char in enumerate(text):
        if char.isascii() or char in _TYPOGRAPHY:
            continue
        if not mostly_ascii:
            odd += unicodedata.category(char)[0] in "SC"
            other += 1
        elif not (char.isalpha() and _latin(char) and any(_ascii_letter(c) for c in text[max(0, i - 1) : i + 2 : 2])):
            return False
    return odd <= _MAX_ODD_SHARE * other


def _ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


def guess_encoding(sample: bytes) -> str | None:
    """charset-normalizer's guess; among equally good guesses, the encoding most
    used on the web (short Western text fits cp1250 as well as cp1252)."""
    matches = list(charset_normalizer.from_bytes(sample))
    if not matches:
        return None
    best = matches[0]
    tied = [m for m in matches if m.chaos <= best.chaos + _TIE and m.coherence >= best.coherence - _TIE]
    for preferred in _WEB_ENCODINGS:
        if any(preferred in m.could_be_from_charset for m in tied):
            return preferred
    return best.encoding


def looks_binary(sample: bytes) -> bool:
    """Many NUL or control bytes: an image, archive or executable (text has few or none)."""
    return bool(sample) and len(_CONTROL.findall(sample)) / len(sample) > _MAX_CONTROL_SHARE


def _decode(data: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        return Decoded(data.decode(encoding, errors="replace"), encoding, lossy=True)


def _codec_name(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None
    return _WHATWG_ALIASES.get(name, name)


def _mostly_utf8(data: bytes) -> bool:
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", errors="ignore")) - damaged
    return damaged <= good * _MAX_DAMAGED_UTF8_SHARE
