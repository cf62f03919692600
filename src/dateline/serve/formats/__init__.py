"""Export formats: each module here registers its writers with `dateline.serve.export.exporter`."""
