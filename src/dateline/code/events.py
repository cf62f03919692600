"""Event coding (placeholder, being built)."""

from dateline.pipeline import Analysis, component


@component("events")
def code_events(state: Analysis) -> None:
    state.article.events = []
