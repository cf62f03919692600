"""Turn the annotators' files (spans as quoted text) into the set's label files (spans as character offsets).

Usage: python gold/events-realnews/assemble.py ANNOTATION_DIR [../shared]
ANNOTATION_DIR holds ``X.jsonl`` (first pass of annotator X) and ``X-second.jsonl`` (X's independent second
pass over sentences another annotator coded first), and the same for the top-up rounds (``topup-X.jsonl``,
``topup2-X-second.jsonl``...). The rulings in ``adjudications.tsv`` are applied to the first pass. Writes ``train.jsonl``, ``dev.jsonl``, ``test.jsonl`` and
``second-pass.jsonl`` beside this script; PLOVER type and mode come from the CAMEO code (`cameo.tsv`).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from dateline.code.events.cameo import table
from dateline.eval.realnews import SPLITS, Predicate, predicate_to_dict, resolve, sentence_splits

HERE = Path(__file__).parent


def locate(text: str, needle: str, nth: int = 1) -> tuple[int, int] | None:
    """Offsets of the nth occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(max(1, nth)):
        start = text.find(needle, start + 1)
        if start < 0:
            return None
    return start, start + len(needle)


def nearest(text: str, needle: str, anchor: int) -> tuple[int, int] | None:
    """Offsets of the occurrence of ``needle`` nearest ``anchor`` (an actor named twice in a sentence)."""
    hits, start = [], text.find(needle)
    while start >= 0 and needle:
        hits.append(start)
        start = text.find(needle, start + 1)
    if not hits:
        return None
    best = min(hits, key=lambda h: abs(h - anchor))
    return best, best + len(needle)


def convert(text: str, raw: dict) -> Predicate | None:
    trigger = locate(text, raw.get("trigger", ""), int(raw.get("nth", 1) or 1))
    if trigger is None:
        return None
    code = str(raw.get("code", "NONE")).strip()
    if code == "NONE":
        return Predicate(trigger=trigger, code="NONE", note=raw.get("note", ""))
    entry = table().get(code)
    return Predicate(
        trigger=trigger, code=code, plover=(entry.plover or "") if entry else "",
        mode=(entry.plover_mode or "") if entry else "", modality=raw.get("modality") or "asserted",
        source=nearest(text, raw.get("source", ""), trigger[0]), source_code=raw.get("source_code", ""),
        target=nearest(text, raw.get("target", ""), trigger[0]), target_code=raw.get("target_code", ""),
        note=raw.get("note", ""),
    )


def read_pass(path: Path, annotator: str, shared: Path) -> tuple[dict[str, dict], int]:
    records, dropped = {}, 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        text = resolve(shared, raw["id"]).text
        predicates = [convert(text, p) for p in raw.get("predicates", [])]
        dropped += sum(p is None for p in predicates)
        kept = sorted((p for p in predicates if p), key=lambda p: p.trigger)
        records[raw["id"]] = {"id": raw["id"], "annotator": annotator,
                              "predicates": [predicate_to_dict(p) for p in kept]}
    return records, dropped


def read_adjudications(path: Path) -> dict[tuple[str, int, int], str]:
    """(sentence id, trigger start, trigger end) -> the code a protocol ruling sets."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines() if path.is_file() else []:
        if line.strip() and not line.startswith("#"):
            sid, start, end, code, _ = line.split("\t")
            out[(sid, int(start), int(end))] = code
    return out


def adjudicate(record: dict, rulings: dict[tuple[str, int, int], str]) -> int:
    """Apply the rulings to one first-pass record; how many predicates changed."""
    changed = 0
    for p in record["predicates"]:
        code = rulings.get((record["id"], *p["trigger"]))
        if code is not None and code != p["code"]:
            for key in ("plover", "mode", "modality", "source", "source_code", "target", "target_code"):
                p.pop(key, None)
            p["code"] = code
            changed += 1
    return changed


def main(source: Path, shared: Path) -> None:
    splits = sentence_splits(HERE)
    first, second, dropped = {}, {}, 0
    for path in sorted(source.glob("*.jsonl")):
        name = path.stem
        annotator = re.sub(r"^topup\d*-", "", name).removesuffix("-second")
        records, lost = read_pass(path, annotator, shared)
        dropped += lost
        (second if name.endswith("-second") else first).update(records)
    rulings = read_adjudications(HERE / "adjudications.tsv")
    changed = sum(adjudicate(record, rulings) for record in first.values())
    print(f"adjudicated: {changed} predicates")
    for split in SPLITS:
        ids = sorted(i for i in first if splits.get(i) == split)
        with (HERE / f"{split}.jsonl").open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(first[i], ensure_ascii=False) + "\n" for i in ids)
        print(f"{split}: {len(ids)} sentences, {sum(len(first[i]['predicates']) for i in ids)} predicates")
    with (HERE / "second-pass.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(second[i], ensure_ascii=False) + "\n" for i in sorted(second))
    print(f"second pass: {len(second)} sentences; predicates whose trigger was not found: {dropped}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2] if len(sys.argv) > 2 else "../shared"))
