"""Serving stored results: exports to files (and, later, an HTTP API)."""
