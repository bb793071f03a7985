"""The embedded (SQLite file) backend."""

from lineage.store.embedded.store import EmbeddedStore

__all__ = ["EmbeddedStore"]
