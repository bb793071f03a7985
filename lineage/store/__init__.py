"""Stores: the embedded SQLite file (default) and Neo4j, behind one protocol."""

from __future__ import annotations

import os

from lineage.store.protocol import ChainFilter, EventFilter, Page, Store, StoreStats

DEFAULT_STORE = "./lineage.db"
NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


def store_location(location: str | None = None) -> str:
    """The store to use: the given location, else `$LINEAGE_STORE`, else `./lineage.db`."""
    return location or os.environ.get("LINEAGE_STORE") or DEFAULT_STORE


def open_store(location: str | None = None, busy_timeout: float | None = None) -> Store:
    """Open the store at a file path (embedded) or a `bolt://` / `neo4j://` URI (Neo4j).

    `busy_timeout`: seconds an embedded store's write waits for another process's write lock
    (default: the store's own, long enough for a bulk ingest's batch).
    """
    target = store_location(location)
    if target.startswith(NEO4J_SCHEMES):
        from lineage.store.neo4j import Neo4jStore

        return Neo4jStore.from_environment(target)
    from lineage.store.embedded import EmbeddedStore

    if busy_timeout is None:
        return EmbeddedStore(target)
    return EmbeddedStore(target, busy_timeout=busy_timeout)


__all__ = [
    "DEFAULT_STORE",
    "ChainFilter",
    "EventFilter",
    "Page",
    "Store",
    "StoreStats",
    "open_store",
    "store_location",
]
