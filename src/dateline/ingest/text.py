"""Plain text files (.txt and text under unknown names): one file, one document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from dateline.ingest.decode import charset_param
from dateline.ingest.documents import decoded_document
from dateline.ingest.limits import Limits, read_capped
from dateline.model import RawDocument


def read_text(stream: BinaryIO, origin: str, limits: Limits, meta: dict[str, Any]) -> Iterator[RawDocument]:
    data = read_capped(stream, limits.max_bytes)
    yield decoded_document(origin, data, "text", meta, charset_param(meta.get("content_type")))
