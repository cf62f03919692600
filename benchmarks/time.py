"""Timex speed and memory, as ratios against spaCy's own pass in the same run.

Speed: `recognise` (rules, tense look-ups, normalisation) over PolNeAR dev
texts already parsed, against parsing the same texts with the spaCy pipeline
(what every article pays anyway). The share must stay small: quotes and time
together may add at most 20% to the pipeline.
Memory: peak traced memory of `recognise` over all texts against that of
parsing one batch.

    PYTHONPATH=src python benchmarks/time.py [N]
"""

from __future__ import annotations

import sys
import time

from dateline.analyse.nlp import load
from dateline.code.time import recognise
from measure import peak_bytes, polnear_texts

DCT = "2016-11-01"


def main() -> int:
    texts = polnear_texts("dev", int(sys.argv[1]) if len(sys.argv) > 1 else 100)
    if texts is None:
        return 0
    nlp = load()
    recognise("warm up on Monday, last year.", DCT)  # compile the rules outside the timing

    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse = time.perf_counter() - started

    started = time.perf_counter()
    found = sum(len(recognise(text, DCT, doc)) for text, doc in zip(texts, docs))
    timex = time.perf_counter() - started

    def recognise_all() -> None:
        for text, doc in zip(texts, docs):
            recognise(text, DCT, doc)

    parse_peak = peak_bytes(lambda: list(nlp.pipe(texts[:32], batch_size=32)))
    timex_peak = peak_bytes(recognise_all)

    chars = sum(map(len, texts))
    print(f"{len(texts)} PolNeAR dev texts, {chars:,} characters, {found} timexes")
    print(f"{'step':<28}{'seconds':>10}{'ratio':>10}")
    print(f"{'spaCy parse (baseline)':<28}{parse:>10.2f}{1:>10.2f}")
    print(f"{'timexes (rules + tense)':<28}{timex:>10.2f}{timex / parse:>10.3f}")
    print(f"{'peak memory (MB)':<28}{timex_peak / 1e6:>10.1f}{timex_peak / parse_peak:>10.4f}  (vs parse of one batch)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
