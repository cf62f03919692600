"""The embedded store: one DuckDB file with a versioned schema (see docs/schema.md, "Store")."""

from dateline.store.db import DEFAULT_PATH, ENV_VAR, Store, StoreError, StoreLocked, default_path

__all__ = ["DEFAULT_PATH", "ENV_VAR", "Store", "StoreError", "StoreLocked", "default_path"]
