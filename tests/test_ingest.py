"""Ingest: every input becomes documents or a clear error, and nothing else is lost."""

from __future__ import annotations

import gzip
import http.server
import io
import json
import os
import threading
import time
from pathlib import Path

import pytest
from conftest import shared_path
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.ingest import read_inputs
from dateline.ingest.fetch import user_agent
from dateline.pipeline import extract

RUSSIAN = (
    "Министр иностранных дел России Сергей Лавров заявил в субботу, что Москва готова к диалогу "
    "с Вашингтоном по вопросам безопасности. Он подчеркнул, что ответ США не учитывает главные "
    "озабоченности российской стороны."
)
FRENCH = (
    "Le président de la République a déclaré mercredi que la réforme des retraites était "
    "« nécessaire », malgré les grèves qui paralysent le pays depuis des semaines."
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4


def read(*inputs, **kwargs):
    return list(read_inputs([str(i) for i in inputs], **kwargs))


def only(*inputs, **kwargs):
    docs = read(*inputs, **kwargs)
    assert len(docs) == 1, docs
    return docs[0]


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>T</title></head><body>{body}</body></html>"


# --- plain files and directories -------------------------------------------------------


def test_seed_article_is_one_text_document(seed_path, seed_text):
    doc = only(seed_path)
    assert (doc.kind, doc.content, doc.error) == ("text", seed_text, None)
    assert doc.origin == str(seed_path.resolve())
    assert doc.meta["encoding"] == "utf-8"
    assert extract(doc).status == "ok"


def test_paths_and_a_single_string_are_accepted(seed_path):
    assert [d.origin for d in read_inputs([seed_path])] == [d.origin for d in read_inputs(str(seed_path))]


def test_origins_are_stable_from_any_working_directory(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Some news.")
    monkeypatch.chdir(tmp_path)
    first = [d.origin for d in read("a.txt")]
    monkeypatch.chdir("/")
    assert [d.origin for d in read(tmp_path / "a.txt")] == first == [str(tmp_path / "a.txt")]


def test_directories_are_walked_sorted_recursively_skipping_hidden(tmp_path):
    for name in ("b.txt", "a.txt", "sub/c.txt", ".hidden.txt", ".git/x.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"text of {name}")
    assert [Path(d.origin).relative_to(tmp_path).as_posix() for d in read(tmp_path)] == [
        "a.txt",
        "b.txt",
        "sub/c.txt",
    ]


def test_empty_and_whitespace_files_are_errors(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.html").write_bytes(b"  \n\t\n")
    assert [(d.kind, d.error) for d in read(tmp_path)] == [("error", "empty file"), ("error", "empty file")]


@pytest.mark.parametrize("name", ["image.png", "image.txt", "data.bin"])
def test_binary_files_are_errors(tmp_path, name):
    (tmp_path / name).write_bytes(PNG)
    doc = only(tmp_path / name)
    assert (doc.kind, doc.error, doc.content) == ("error", "binary file (not text)", "")


def test_missing_path_is_an_error_and_the_rest_goes_on(tmp_path):
    (tmp_path / "ok.txt").write_text("Fine.")
    docs = read(tmp_path / "missing.txt", tmp_path / "ok.txt")
    assert [(d.kind, d.error) for d in docs] == [("error", "no such file or directory"), ("text", None)]


def test_unknown_extension_is_sniffed(tmp_path):
    (tmp_path / "notes.dat").write_text("Plain words, nothing else.")
    (tmp_path / "page.dat").write_text(page("<p>Hello</p>"))
    (tmp_path / "README").write_text("No extension at all.")
    assert [(Path(d.origin).name, d.kind) for d in read(tmp_path)] == [
        ("README", "text"),
        ("notes.dat", "text"),
        ("page.dat", "html"),
    ]


# --- size limit ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def huge_html(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("huge") / "huge.html"
    paragraph = "<p>" + "A long paragraph of filler words. " * 30 + "</p>\n"
    path.write_text(page(paragraph * (50 * 2**20 // len(paragraph))))
    return path


def test_a_50_mb_page_is_rejected_unread_with_the_reason(huge_html, tmp_path):
    """The size in the reason comes from the file system: nothing was read."""
    (tmp_path / "ok.txt").write_text("Still read.")
    docs = read(huge_html, tmp_path / "ok.txt")
    assert docs[0].error == "file too large (50 MB > 10 MB limit)"
    assert docs[1].kind == "text"


def test_the_size_limit_is_configurable(huge_html):
    doc = only(huge_html, max_bytes=60 * 2**20)
    assert doc.kind == "html"
    assert len(doc.content) == huge_html.stat().st_size


def test_a_gzip_bomb_stops_at_the_limit(tmp_path):
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(page("<p>x</p>" * 2_000_000).encode(), compresslevel=1))
    assert only(path, max_bytes=2**20).error == "file too large (over the 1 MB limit)"


# --- encodings -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "encoding"), [(RUSSIAN, "cp1251"), (RUSSIAN, "koi8-r"), (FRENCH, "latin-1")])
def test_legacy_encodings_are_detected(tmp_path, text, encoding):
    (tmp_path / "legacy.txt").write_bytes(text.encode(encoding))
    doc = only(tmp_path / "legacy.txt")
    assert doc.content == text
    assert doc.meta["encoding"] != "utf-8"


def test_html_meta_charset_is_trusted(tmp_path):
    html = page(f"<p>{RUSSIAN}</p>", '<meta charset="windows-1251">')
    (tmp_path / "ru.html").write_bytes(html.encode("cp1251"))
    doc = only(tmp_path / "ru.html")
    assert (doc.kind, doc.content, doc.meta["encoding"]) == ("html", html, "cp1251")


def test_a_false_utf16_declaration_is_ignored(tmp_path):
    html = page(f"<p>{FRENCH}</p>", '<meta charset="utf-16">')
    (tmp_path / "fr.html").write_bytes(html.encode("utf-8"))
    assert only(tmp_path / "fr.html").content == html


def test_damaged_utf8_keeps_the_good_text(tmp_path):
    data = FRENCH.encode("utf-8")
    (tmp_path / "bad.txt").write_bytes(data[:40] + b"\xff\xfe" + data[40:])
    doc = only(tmp_path / "bad.txt")
    assert doc.meta["encoding_lossy"] is True
    assert doc.content.replace("\ufffd", "") == FRENCH


def test_stray_nul_and_control_bytes_do_not_make_text_binary(tmp_path):
    html = page(("<p>" + FRENCH + "</p>") * 20).encode()
    (tmp_path / "nul.html").write_bytes(html[:30] + b"\x00" + html[30:200] + b"\x00\x01" * 13 + html[200:])
    doc = only(tmp_path / "nul.html")
    assert doc.kind == "html"
    assert doc.content == html.decode()


def test_invalid_bytes_in_ascii_text_are_replaced_not_guessed(tmp_path):
    """Box drawing from a guessed cp775 ("■├(") is damage, not an encoding."""
    text = b"The minister said on Monday that the talks would resume next week. " * 10
    (tmp_path / "damaged.txt").write_bytes(text[:300] + b"\xfe\xc3(" + text[300:])
    doc = only(tmp_path / "damaged.txt")
    assert (doc.meta["encoding"], doc.meta["encoding_lossy"]) == ("utf-8", True)
    assert doc.content == (text[:300] + b"\xef\xbf\xbd\xef\xbf\xbd(" + text[300:]).decode()


def test_windows_1252_typography_in_english_is_still_decoded(tmp_path):
    text = "It’s the “best” offer yet — the minister said on Monday in the capital. " * 5
    (tmp_path / "cp1252.txt").write_bytes(text.encode("cp1252"))
    doc = only(tmp_path / "cp1252.txt")
    assert (doc.content, doc.meta.get("encoding_lossy")) == (text, None)


def test_byte_order_marks_are_honoured(tmp_path):
    (tmp_path / "utf16.txt").write_bytes(RUSSIAN.encode("utf-16"))
    (tmp_path / "utf8bom.txt").write_bytes(b"\xef\xbb\xbf" + FRENCH.encode())
    assert [d.content for d in read(tmp_path)] == [RUSSIAN, FRENCH]


# --- gzip, HTML ------------------------------------------------------------------------


def test_gzipped_html_and_html_without_an_article_pass_through(tmp_path):
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(page("<p>Article</p>").encode()))
    (tmp_path / "b.htm").write_text(page("<nav><a href='/'>Home</a></nav>"))
    assert [(d.kind, d.meta["format"]) for d in read(tmp_path)] == [("html", "html"), ("html", "html")]


def test_a_gz_name_on_plain_content_is_an_error(tmp_path):
    (tmp_path / "plain.html.gz").write_text(page("<p>Not compressed</p>"))
    assert only(tmp_path / "plain.html.gz").error.startswith("corrupt gzip stream: Not a gzipped file")


def test_truncated_gzip_is_an_error(tmp_path):
    data = gzip.compress(page("<p>Article text</p>" * 500).encode())
    (tmp_path / "cut.html.gz").write_bytes(data[: len(data) // 2])
    (tmp_path / "ok.txt").write_text("Next file.")
    assert [(d.kind, d.error) for d in read(tmp_path)] == [("error", "truncated gzip stream"), ("text", None)]


# --- JSON Lines ------------------------------------------------------------------------


def test_jsonl_bad_lines_become_errors_and_the_others_go_on(tmp_path):
    lines = [
        json.dumps({"text": "First story.", "url": "http://a/1", "title": "One", "date": "2022-02-12", "author": "A"}),
        "{not json",
        "",
        json.dumps({"html": page("<p>Third</p>"), "text": "ignored", "source": "TASS"}),
        json.dumps(["a", "list"]),
        json.dumps({"title": "no body"}),
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n")
    docs = read(path)
    assert [d.origin.rsplit("#", 1)[1] for d in docs] == ["line=1", "line=2", "line=4", "line=5", "line=6"]
    assert [d.kind for d in docs] == ["text", "error", "html", "error", "error"]
    assert docs[0].meta | {"format": "jsonl"} == {
        "format": "jsonl", "url": "http://a/1", "title": "One", "published": "2022-02-12", "byline": "A"
    }
    assert docs[1].error.startswith("invalid JSON on line 2: ")
    assert docs[2].meta["source"] == "TASS"
    assert docs[3].error == "line 5: expected a JSON object, got list"
    assert docs[4].error == "line 6: no non-empty 'html' or 'text' field"


def test_jsonl_line_over_the_limit_is_skipped_alone(tmp_path):
    path = tmp_path / "big.ndjson"
    path.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "small"}) + "\n")
    docs = read(path, max_bytes=1000)
    assert [(d.error, d.content) for d in docs] == [
        ("line 1 too large (over the 1000 bytes limit)", ""),
        (None, "small"),
    ]


def test_truncated_gzipped_jsonl_keeps_the_lines_before(tmp_path):
    data = gzip.compress("".join(json.dumps({"text": f"Story {i}. " * 50}) + "\n" for i in range(200)).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) * 3 // 4])
    docs = read(path)
    assert all(d.kind == "text" for d in docs[:-1]) and len(docs) > 10
    assert (docs[-1].origin, docs[-1].error) == (str(path), "truncated gzip stream")


def test_reading_is_lazy():
    """The first document comes before the rest of a large input is read."""

    class CountingRaw(io.RawIOBase):
        def __init__(self, data: bytes):
            self.data, self.position = data, 0

        def readable(self):
            return True

        def readinto(self, buffer):
            chunk = self.data[self.position : self.position + len(buffer)]
            buffer[: len(chunk)] = chunk
            self.position += len(chunk)
            return len(chunk)

    data = "".join(json.dumps({"text": f"Story {i}. " * 100}) + "\n" for i in range(2000)).encode()
    raw = CountingRaw(data)
    docs = read_inputs(["-"], stdin=raw)
    assert next(docs).origin == "<stdin>#line=1"
    assert raw.position < len(data) / 50


# --- WARC ------------------------------------------------------------------------------


def warc_bytes(compress: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    responses = [
        ("http://news.example/1", "text/html; charset=utf-8", page("<p>One " + "word " * 3000 + "</p>").encode()),
        ("http://news.example/logo.png", "image/png", PNG),
        ("http://news.example/2", "text/html", page(f"<p>{RUSSIAN}</p>").encode()),
        ("http://news.example/3", "text/plain; charset=windows-1251", (RUSSIAN + " конец" * 3000).encode("cp1251")),
    ]
    for url, content_type, body in responses:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
        )
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_responses_become_documents(tmp_path, name):
    (tmp_path / name).write_bytes(warc_bytes(name.endswith(".gz")))
    docs = read(tmp_path / name)
    assert [(d.origin.rsplit("#", 1)[1], d.kind) for d in docs] == [
        ("record=1", "html"),
        ("record=3", "html"),
        ("record=4", "text"),
    ]
    assert docs[1].meta["url"] == "http://news.example/2"
    assert docs[1].meta["fetched"]
    assert RUSSIAN in docs[1].content and RUSSIAN in docs[2].content


@pytest.mark.parametrize(
    ("name", "keep", "expected"),
    [
        ("crawl.warc", 0.3, ["1 error"]),
        ("crawl.warc", 0.5, ["1 html", "3 html", "4 error"]),
        ("crawl.warc.gz", 0.5, ["1 html", "3 error"]),
        ("crawl.warc.gz", 0.97, ["1 html", "3 html", "4 error"]),
    ],
)
def test_truncated_warc_keeps_the_records_before(tmp_path, name, keep, expected):
    data = warc_bytes(name.endswith(".gz"))
    (tmp_path / name).write_bytes(data[: int(len(data) * keep)])
    docs = read(tmp_path / name)
    assert [f"{d.origin.rsplit('=', 1)[1]} {d.kind}" for d in docs] == expected
    assert docs[-1].error == "truncated WARC record"


def test_a_file_named_warc_that_is_not_one_is_an_error(tmp_path):
    (tmp_path / "fake.warc").write_text("hello, not an archive\n" * 10)
    assert only(tmp_path / "fake.warc").error.startswith("not a WARC file")


# --- feeds -----------------------------------------------------------------------------

FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title>
<item><title>Good one</title><link>http://x/1</link><author>desk@wire.example (Desk)</author>
<pubDate>Sat, 12 Feb 2022 10:00:00 GMT</pubDate>
<description>Short</description><content:encoded><![CDATA[<p>Full body one</p>]]></content:encoded></item>
<item><title>No body</title><link>http://x/2</link></item>
<item><title>Odd date</title><link>http://x/3</link><pubDate>yesterday-ish</pubDate>
<description>Body three</description></item>
<item><title>Broken <b>markup</title><link>http://x/4</link><description>four &amp; five</description></item>
</channel></rss>"""


def test_feed_items_become_documents_and_broken_ones_errors(tmp_path):
    (tmp_path / "wire.rss").write_bytes(FEED)
    docs = read(tmp_path / "wire.rss")
    assert [d.origin.rsplit("#", 1)[1] for d in docs] == ["item=1", "item=2", "item=3", "item=4"]
    assert [d.kind for d in docs] == ["html", "error", "html", "html"]
    assert docs[0].content == "<p>Full body one</p>"
    assert docs[0].meta | {"format": "feed", "encoding": "utf-8"} == {
        "format": "feed",
        "encoding": "utf-8",
        "source": "Wire",
        "url": "http://x/1",
        "title": "Good one",
        "byline": "desk@wire.example (Desk)",
        "published": "2022-02-12T10:00:00Z",
    }
    assert docs[1].error == "item 2 has no content or summary"
    assert docs[2].meta["published"] == "yesterday-ish"


def test_atom_feed_and_xml_that_is_not_a_feed(tmp_path):
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
    <entry><title>E</title><link href="http://a/e"/><updated>2022-02-12T08:00:00+03:00</updated>
    <content type="text">Plain entry text.</content></entry></feed>"""
    (tmp_path / "a.atom").write_bytes(atom)
    (tmp_path / "b.xml").write_bytes(b"<?xml version='1.0'?><config><x>1</x></config>")
    (tmp_path / "c.rss").write_bytes(b"<rss version='2.0'><channel><title>Quiet</title></channel></rss>")
    (tmp_path / "d.rss").write_bytes(b"garbage <<<")
    first, *errors = read(tmp_path)
    assert (first.kind, first.content) == ("text", "Plain entry text.")
    assert first.meta["published"] == "2022-02-12T05:00:00Z"
    assert [d.error for d in errors] == [
        "not an RSS or Atom feed",
        "feed has no items",
        "not an RSS or Atom feed (<unknown>:2:0: syntax error)",
    ]


# --- standard input --------------------------------------------------------------------


def test_stdin_text_and_gzipped_html():
    doc = only("-", stdin=io.BytesIO(RUSSIAN.encode("cp1251")))
    assert (doc.origin, doc.kind, doc.content) == ("<stdin>", "text", RUSSIAN)
    doc = only("-", stdin=io.BytesIO(gzip.compress(page("<p>x</p>").encode())))
    assert doc.kind == "html"


# --- URLs ------------------------------------------------------------------------------


class Handler(http.server.BaseHTTPRequestHandler):
    seen_agents: list[str] = []

    def do_GET(self):
        Handler.seen_agents.append(self.headers["User-Agent"])
        routes = {
            "/ru": ("text/html; charset=windows-1251", page(f"<p>{RUSSIAN}</p>").encode("cp1251")),
            "/feed": ("application/rss+xml", FEED),
            "/big": ("text/html", b"<p>" + b"x" * 5000 + b"</p>"),
            "/gz": ("text/plain", gzip.compress(FRENCH.encode())),
        }
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path not in routes:
            self.send_error(404)
            return
        content_type, body = routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        if self.path == "/gz":
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_urls_are_fetched_politely_and_failures_reported(server):
    urls = [f"{server}/{path}" for path in ("ru", "missing", "feed", "big", "gz")]
    docs = read(*urls, max_bytes=1000, host_delay=0)
    assert (docs[0].origin, docs[0].kind, docs[0].meta["encoding"]) == (f"{server}/ru", "html", "cp1251")
    assert RUSSIAN in docs[0].content
    assert docs[1].error == "HTTP 404 Not Found"
    assert [d.origin.rsplit("#", 1)[-1] for d in docs[2:6]] == ["item=1", "item=2", "item=3", "item=4"]
    assert docs[6].error == "page too large (over the 1000 bytes limit)"
    assert (docs[7].kind, docs[7].content) == ("text", FRENCH)
    assert Handler.seen_agents and set(Handler.seen_agents) == {user_agent()}
    assert user_agent().startswith("dateline/") and "(+https://github.com/dateline)" in user_agent()


def test_requests_to_one_host_are_spaced(server):
    started = time.monotonic()
    read(f"{server}/ru", f"{server}/big", host_delay=0.4)
    assert time.monotonic() - started >= 0.4


def test_a_slow_server_times_out(server):
    doc = only(f"{server}/slow", timeout=0.3, host_delay=0)
    assert doc.error == "timed out after 0.3 s"


# --- real articles ---------------------------------------------------------------------


def test_real_text_and_html_articles():
    texts = sorted(shared_path("gold", "quotes", "polnear", "data", "dev", "text").glob("*.txt"))[:3]
    pages = sorted(shared_path("gold", "extraction", "scrapinghub", "html").glob("*.html.gz"))[:3]
    docs = read(*texts, *pages)
    assert [d.kind for d in docs] == ["text"] * 3 + ["html"] * 3
    assert all(len(d.content) > 500 for d in docs)
    assert docs[0].content == texts[0].read_text(encoding="utf-8")


# --- JSON files and unreadable folders -------------------------------------------------


def test_json_file_holds_one_article_or_an_array(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"text": "One story.", "title": "One"}, indent=2))
    (tmp_path / "b.json").write_text(json.dumps([{"html": page("<p>Two</p>")}, 3, {"text": "Four."}]))
    (tmp_path / "c.json").write_text('{"text": "cut')
    docs = read(tmp_path)
    assert [(Path(d.origin).name, d.kind) for d in docs] == [
        ("a.json", "text"),
        ("b.json#item=1", "html"),
        ("b.json#item=2", "error"),
        ("b.json#item=3", "text"),
        ("c.json", "error"),
    ]
    assert docs[0].meta["title"] == "One"
    assert docs[2].error == "item 2: expected a JSON object, got int"
    assert docs[4].error.startswith("invalid JSON: Unterminated string")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read any folder")
def test_an_unreadable_folder_is_an_error_and_the_walk_goes_on(tmp_path):
    (tmp_path / "locked").mkdir()
    (tmp_path / "open.txt").write_text("Readable.")
    (tmp_path / "locked").chmod(0)
    try:
        docs = read(tmp_path)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert [(Path(d.origin).name, d.kind) for d in docs] == [("open.txt", "text"), ("locked", "error")]
    assert docs[1].error.startswith("cannot read: Permission denied")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_in_a_folder_is_refused_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "story.txt").write_text("A story.")
    docs = read(tmp_path)
    assert [(Path(d.origin).name, d.kind) for d in docs] == [("pipe", "error"), ("story.txt", "text")]
    assert docs[0].error == "not a regular file (use - for standard input)"
