"""An ASGI layer in front of the app: Host allow-list, security headers, and HEAD for every GET.

The allow-list stops DNS rebinding (a page on another site resolving its own name to
127.0.0.1 to read the API); it defaults to the names of the bind address. The headers keep
the page from being framed, sniffed or made to run script from anywhere but this server.
"""

from __future__ import annotations

import ipaddress

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def default_hosts(bind: str) -> tuple[str, ...]:
    """The Host names to accept when listening on `bind`: the loopback names for a loopback
    address, the address itself otherwise, any name for a wildcard address (0.0.0.0, ::)."""
    if bind in ("0.0.0.0", "::", ""):
        return ("*",)
    try:
        if ipaddress.ip_address(bind).is_loopback:
            return LOOPBACK
    except ValueError:
        if bind == "localhost":
            return LOOPBACK
    return (bind,)


def host_name(header: str) -> str:
    """The host of a Host header, without its port (``[::1]:8000`` → ``::1``)."""
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class Guard:
    def __init__(self, app: ASGIApp, hosts: tuple[str, ...]) -> None:
        self.app = app
        self.hosts = {h.lower() for h in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        host = host_name(headers.get(b"host", b"").decode("latin-1")).lower()
        if "*" not in self.hosts and host not in self.hosts:
            await _plain(send, 400, f"Host {host!r} is not served here (dateline serve --allow-host NAME)")
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *_encoded(SECURITY_HEADERS)]}
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, guarded)


def _encoded(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(k.encode(), v.encode()) for k, v in headers.items()]


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    headers = {"content-type": "text/plain; charset=utf-8", "content-length": str(len(body)), **SECURITY_HEADERS}
    await send({"type": "http.response.start", "status": status, "headers": _encoded(headers)})
    await send({"type": "http.response.body", "body": body})
