"""Quote attribution (placeholder, being built)."""

from dateline.pipeline import Analysis, component


@component("quotes")
def find_quotes(state: Analysis) -> None:
    state.article.quotes = []
