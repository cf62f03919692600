"""Ingest speed and memory, as ratios against plain file reading in the same run.

Speed: `read_inputs` over the PolNeAR texts and scrapinghub pages against reading
the same files with `read_bytes` + gunzip + UTF-8 decode (the least any reader does).
Memory: peak traced memory while streaming a JSON Lines file of every text (many
times over) and a WARC of every page, against reading the container's largest
member alone; near 1x means containers stream instead of piling up.

    PYTHONPATH=src python benchmarks/ingest.py
"""

from __future__ import annotations

import gzip
import io
import json
import sys
import tempfile
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.ingest import read_inputs
from measure import POLNEAR, SHARED, peak_bytes, seconds

TEXTS = POLNEAR / "dev" / "text"
PAGES = SHARED / "gold" / "extraction" / "scrapinghub" / "html"
JSONL_COPIES = 20


def plain_read(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        data = path.read_bytes()
        total += len((gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8"))
    return total


def ingest(paths: list[Path]) -> int:
    return sum(len(doc.content) for doc in read_inputs([str(p) for p in paths]))


def write_jsonl(paths: list[Path], target: Path) -> None:
    with target.open("w", encoding="utf-8") as out:
        for copy in range(JSONL_COPIES):
            for path in paths:
                record = {"text": path.read_text(encoding="utf-8"), "id": f"{copy}-{path.name}"}
                out.write(json.dumps(record) + "\n")


def write_warc(pages: list[Path], target: Path) -> None:
    with target.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for page in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            body = io.BytesIO(gzip.decompress(page.read_bytes()))
            url = f"https://example.org/{page.name}"
            writer.write_record(writer.create_warc_record(url, "response", payload=body, http_headers=headers))


def main() -> int:
    if not TEXTS.is_dir() or not PAGES.is_dir():
        print(f"skipped: {TEXTS} or {PAGES} is absent (needs the shared data folder beside the project)")
        return 0
    texts, pages = sorted(TEXTS.glob("*.txt")), sorted(PAGES.glob("*.html.gz"))
    files = texts + pages
    assert plain_read(files) == ingest(files), "ingest must decode to the same text"
    base, ours = seconds(lambda: plain_read(files)), seconds(lambda: ingest(files))
    print(f"speed: {len(files)} files ({len(texts)} texts, {len(pages)} gzipped pages)")
    print(f"  {'plain read + decode':28} {base:7.3f} s   1.00x")
    print(f"  {'read_inputs':28} {ours:7.3f} s   {ours / base:5.2f}x")

    with tempfile.TemporaryDirectory() as tmp:
        jsonl, warc = Path(tmp, "articles.jsonl"), Path(tmp, "pages.warc.gz")
        write_jsonl(texts, jsonl)
        write_warc(pages, warc)
        print("memory: peak traced streaming a container, against reading its largest member alone")
        for label, path, members in (
            (f"JSON Lines ({jsonl.stat().st_size / 2**20:.0f} MB)", jsonl, texts),
            (f"WARC.gz ({warc.stat().st_size / 2**20:.1f} MB)", warc, pages),
        ):
            largest = max(members, key=lambda p: ingest([p]))
            one, peak = peak_bytes(lambda: ingest([largest])), peak_bytes(lambda p=path: ingest([p]))
            count = sum(1 for _ in read_inputs([str(path)]))
            print(f"  {label:28} {count:5} docs {peak / 2**20:6.1f} MB vs {one / 2**20:5.1f} MB   {peak / one:5.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
