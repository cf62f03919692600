"""Temporal expressions: find and normalise to TIMEX3 (placeholder, being built)."""

from dateline.pipeline import Analysis, component


@component("timexes")
def find_timexes(state: Analysis) -> None:
    state.article.timexes = []
