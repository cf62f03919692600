"""Actor resolution (placeholder, being built)."""

from dateline.pipeline import Analysis, component


@component("actors")
def resolve_actors(state: Analysis) -> None:
    state.actors = None
