"""Actor resolution speed and memory, as ratios against spaCy's own parse in the same run.

Speed: `resolve` (dictionary matching, phrase coding, coreference) over PolNeAR
article texts, against parsing the same texts with the spaCy pipeline (which
every run pays anyway); a small ratio means actor coding is cheap next to NLP.
Scaling: the same `resolve` with the built-in dictionary plus 50,000 generated
actor patterns, against the built-in dictionary alone; near 1x means matching
cost does not grow with dictionary size (the token trie).
Memory: peak traced memory of `resolve` over the parsed texts against the
parse itself.

    PYTHONPATH=src python benchmarks/actors.py [N_TEXTS]
"""

from __future__ import annotations

import sys

from measure import peak_bytes, polnear_texts, seconds

from dateline.analyse.nlp import load
from dateline.code.actors.dictionary import ActorDictionary, DatedCode, Entry, builtin_dictionary
from dateline.code.actors import resolve

EXTRA_PATTERNS = 50_000


def big_dictionary() -> ActorDictionary:
    """The built-in dictionary plus many synthetic two-word actors ("Zorvan Kell7")."""
    d = ActorDictionary().update(builtin_dictionary())
    for n in range(EXTRA_PATTERNS):
        d.add(("Zorvan", f"Kell{n}"), Entry(name=f"Zorvan Kell{n}", codes=(DatedCode("XXX"),), source="bench"))
    d.trie()
    return d


def main() -> int:
    texts = polnear_texts("dev", int(sys.argv[1]) if len(sys.argv) > 1 else 40)
    if texts is None:
        return 0
    nlp = load()
    docs = list(nlp.pipe(texts))
    small, big = builtin_dictionary(), big_dictionary()

    def run(d: ActorDictionary) -> int:
        return sum(len(resolve(doc, d, None)) for doc in docs)

    run(small), run(big)  # warm the caches (pronouns, lexemes) outside the timing
    parse = seconds(lambda: list(nlp.pipe(texts)), repeat=1)
    actors = seconds(lambda: run(small), repeat=5)
    actors_big = seconds(lambda: run(big), repeat=5)
    parse_mem = peak_bytes(lambda: list(nlp.pipe(texts)))
    actors_mem = peak_bytes(lambda: run(small))
    words = sum(len(doc) for doc in docs)
    rows = [
        ("speed: resolve / spaCy parse", actors / parse, f"{actors:.2f}s vs {parse:.2f}s"),
        (f"scaling: +{EXTRA_PATTERNS:,} patterns / built-in", actors_big / actors, f"{actors_big:.2f}s vs {actors:.2f}s"),
        ("memory: resolve / spaCy parse (peak)", actors_mem / parse_mem,
         f"{actors_mem / 2**20:.1f} MiB vs {parse_mem / 2**20:.1f} MiB"),
    ]
    print(f"actors benchmark: {len(docs)} PolNeAR texts, {words:,} tokens, {run(small):,} mentions")
    print(f"{'measure':45} {'ratio':>7}  detail")
    for name, ratio, detail in rows:
        print(f"{name:45} {ratio:7.2f}x  {detail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
