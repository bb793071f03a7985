"""Shared fixtures: every behavioural test runs against every backend through `store_factory`.

The `neo4j` backend talks Bolt to the Neo4j at `NEO4J_URI` when that is set (with
`NEO4J_USERNAME`, `NEO4J_PASSWORD`, `NEO4J_DATABASE`), else to a real Neo4j 5.26 Community that
the test tooling builds and starts once per session (`support.neo4j_server`). It has one
database: each store the factory makes clears it and closes the store made before, so a test
using an earlier store fails loudly instead of reading shared data.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from lineage.store import Store
from lineage.store.embedded import EmbeddedStore
from lineage.store.neo4j import Neo4jStore
from tests.support.neo4j_server import BoltServer, neo4j_server

SPEC_DIR = Path(__file__).resolve().parents[2] / "shared" / "cdevents-spec"
BACKENDS = ["embedded", "neo4j"]

StoreFactory = Callable[[], Store]


@pytest.fixture(scope="session")
def bolt_server() -> Iterator[BoltServer]:
    """The Bolt server of the neo4j backend: `$NEO4J_URI`, else a real Neo4j started here."""
    uri = os.environ.get("NEO4J_URI")
    if uri:
        yield BoltServer(
            uri=uri,
            username=os.environ.get("NEO4J_USERNAME", "neo4j"),
            password=os.environ.get("NEO4J_PASSWORD", ""),
            database=os.environ.get("NEO4J_DATABASE", "neo4j"),
        )
        return
    with neo4j_server() as server:
        yield server


@pytest.fixture(params=BACKENDS)
def store_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreFactory]:
    """Makes empty stores of one backend (each call a fresh, empty one); closes them afterwards."""
    opened: list[Store] = []
    server: BoltServer | None = None
    if request.param == "neo4j":
        server = request.getfixturevalue("bolt_server")

    def make() -> Store:
        backend: Store
        if server is not None:
            for earlier in opened:
                earlier.close()  # one database: the new store retires the ones made before
            neo4j_store = Neo4jStore(server.uri, server.username, server.password, server.database)
            neo4j_store.clear()
            backend = neo4j_store
        else:
            backend = EmbeddedStore(tmp_path / f"lineage-{len(opened)}.db")
        opened.append(backend)
        return backend

    yield make
    for backend in opened:
        backend.close()


@pytest.fixture
def store(store_factory: StoreFactory) -> Store:
    """An empty store of each backend."""
    return store_factory()


@pytest.fixture(scope="session")
def spec_dir() -> Path:
    """The CDEvents v0.5.1 schemas and conformance examples next to the checkout."""
    if not SPEC_DIR.is_dir():
        pytest.fail(
            f"CDEvents spec files not found at {SPEC_DIR} (expected ../shared beside the repo)"
        )
    return SPEC_DIR
