"""Code: turn an analysed article into actors, events, quotes and times.

Each module registers one pipeline component (see `dateline.pipeline`).
"""
