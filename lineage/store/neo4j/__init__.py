"""The Neo4j backend: events as nodes, links as typed relationships, over Bolt."""

from lineage.store.neo4j.store import Neo4jStore

__all__ = ["Neo4jStore"]
