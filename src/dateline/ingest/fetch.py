"""URLs given by the user (``http://``, ``https://``): fetched once each, politely.

Only URLs passed as inputs are fetched (never links found in documents). The
request names dateline in its User-Agent; requests to one host are spaced by
`Limits.host_delay`; connecting and downloading share one timeout; the body is
capped like any document (a gzip-encoded body is decoded). The origin is the
URL as given; ``meta["url"]`` is where redirects ended.
"""

from __future__ import annotations

import gzip
import http.client
import io
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from typing import Any
from urllib.parse import urlsplit

from dateline.ingest.documents import error_document
from dateline.ingest.formats import SNIFF_BYTES, format_for_content_type, format_for_name, read_stream, sniff
from dateline.ingest.limits import IngestError, Limits, format_size, read_capped, too_large
from dateline.model import RawDocument

_CHUNK = 64 * 1024
ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,text/plain;q=0.9,*/*;q=0.5"


class HostPacer:
    """Spaces requests to each host by a delay; shared by the whole process, since
    politeness is owed per client, not per call."""

    def __init__(self) -> None:
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, url: str, delay: float) -> None:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + delay
        time.sleep(start - now)


PACER = HostPacer()


def user_agent() -> str:
    try:
        release = version("dateline")
    except PackageNotFoundError:
        release = "dev"
    return f"dateline/{release} (+https://github.com/dateline)"


def is_url(item: str) -> bool:
    return item.lower().startswith(("http://", "https://"))


def read_url(url: str, limits: Limits) -> Iterator[RawDocument]:
    try:
        data, meta = fetch(url, limits)
    except IngestError as exc:
        yield error_document(url, str(exc), {"url": url})
        return
    fmt = (
        format_for_content_type(meta["content_type"])
        or format_for_name(urlsplit(url).path)
        or sniff(data[:SNIFF_BYTES])
    )
    yield from read_stream(fmt, io.BytesIO(data), url, limits, meta)


def fetch(url: str, limits: Limits) -> tuple[bytes, dict[str, Any]]:
    """The body and what the response said about it, or `IngestError` with the reason."""
    request = urllib.request.Request(url, headers={"User-Agent": user_agent(), "Accept": ACCEPT})
    PACER.wait(url, limits.host_delay)
    deadline = time.monotonic() + limits.timeout
    try:
        with urllib.request.urlopen(request, timeout=limits.timeout) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > limits.max_bytes:
                raise too_large("page", limits.max_bytes, int(length))
            data = read_before(response, limits.max_bytes, deadline, limits.timeout)
            if response.headers.get("Content-Encoding", "").lower() == "gzip":
                data = read_capped(gzip.GzipFile(fileobj=io.BytesIO(data)), limits.max_bytes, "page")
            return data, {"url": response.geturl(), "content_type": response.headers.get("Content-Type")}
    except urllib.error.HTTPError as exc:
        raise IngestError(f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise IngestError(f"timed out after {limits.timeout:g} s") from None
        raise IngestError(f"cannot fetch: {exc.reason}") from None
    except TimeoutError:
        raise IngestError(f"timed out after {limits.timeout:g} s") from None
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise IngestError(f"cannot fetch: {exc}") from None


def read_before(response: Any, limit: int, deadline: float, timeout: float) -> bytes:
    """Read the body in chunks, giving up past `limit` bytes or the `deadline`."""
    body = bytearray()
    while chunk := response.read(_CHUNK):
        body += chunk
        if len(body) > limit:
            raise too_large("page", limit)
        if time.monotonic() > deadline:
            raise IngestError(f"timed out after {timeout:g} s ({format_size(len(body))} read)")
    return bytes(body)
