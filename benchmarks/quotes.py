"""Quote attribution speed and memory, as ratios against the NLP parse in the same run.

Speed: the quotes component over the PolNeAR dev texts against the spaCy parse
of the same texts (which the pipeline runs anyway); the issue's bar is quotes
and time together at most 20% of pipeline time. Memory: peak traced memory of
the quotes component over the parsed documents against the parse itself.

    PYTHONPATH=src python benchmarks/quotes.py
"""

from __future__ import annotations

import sys

from measure import peak_bytes, polnear_texts, seconds

from dateline.analyse.nlp import load, model_name
from dateline.code.quotes import quotes_of



def main() -> int:
    texts = polnear_texts("dev")
    if texts is None:
        return 0
    nlp = load(model_name())
    docs: list = []
    parse_s = seconds(lambda: docs.extend(nlp.pipe(texts, batch_size=32)), repeat=1)
    quotes_s = seconds(lambda: [quotes_of(doc) for doc in docs])
    quotes = [quotes_of(doc) for doc in docs]
    parse_mem = peak_bytes(lambda: list(nlp.pipe(texts[:20], batch_size=32)))
    quotes_mem = peak_bytes(lambda: [quotes_of(doc) for doc in docs[:20]])
    words = sum(len(doc) for doc in docs)
    print(f"PolNeAR dev: {len(texts)} texts, {words} tokens, {sum(map(len, quotes))} quotes")
    print(f"{'step':<22}{'seconds':>10}{'tokens/s':>12}{'ratio':>9}")
    print(f"{'spaCy parse':<22}{parse_s:>10.2f}{words / parse_s:>12.0f}{1:>9.2f}")
    print(f"{'quotes component':<22}{quotes_s:>10.2f}{words / quotes_s:>12.0f}{quotes_s / parse_s:>9.3f}")
    print(f"{'peak memory (20 docs)':<22}{'parse':>10} {parse_mem / 1e6:.1f} MB   quotes {quotes_mem / 1e6:.1f} MB"
          f"   ratio {quotes_mem / parse_mem:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
