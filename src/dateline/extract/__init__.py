"""Extract: raw document → clean, dated, sourced `Article`.

(Minimal extraction being extended: decode text, first line as title.)
"""

from __future__ import annotations

import hashlib

from dateline.model import Article, RawDocument


def content_hash(content: bytes | str) -> str:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()


def article_id(origin: str, digest: str) -> str:
    """Stable id: the same input (origin and content) always gets the same id."""
    return hashlib.sha256(f"{origin}\n{digest}".encode()).hexdigest()[:16]


def extract_article(raw: RawDocument) -> Article:
    digest = content_hash(raw.content)
    article = Article(id=article_id(raw.origin, digest), origin=raw.origin, content_hash=digest)
    if raw.kind == "error":
        article.status, article.error = "error", raw.error
        return article
    text = raw.content.decode("utf-8") if isinstance(raw.content, bytes) else raw.content
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        article.status, article.error = "error", "empty document"
        return article
    article.title = lines[0]
    article.text = "\n\n".join(lines[1:])
    return article
