"""Serving stored results: exports to files (a module per format), and `web`: the HTTP API and web page."""
