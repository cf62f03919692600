"""`dateline serve`: the store over HTTP, as a JSON API (`api.py`) and a small web page (`static/`).

A package of its own so that export discovery, which imports every module of
`dateline.serve` on each command-line start, does not import FastAPI with it.
"""
