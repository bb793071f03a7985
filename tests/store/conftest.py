"""Fixtures of the store tests that look at the Neo4j backend itself."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lineage.store.neo4j import Neo4jStore
from tests.support.neo4j_server import BoltServer


@pytest.fixture
def neo4j_store(bolt_server: BoltServer) -> Iterator[Neo4jStore]:
    """An empty Neo4j store on the session's Bolt server (schema made), closed afterwards."""
    store = Neo4jStore(
        bolt_server.uri, bolt_server.username, bolt_server.password, bolt_server.database
    )
    store.clear()
    yield store
    store.close()
