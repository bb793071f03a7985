"""Plans made on an empty graph: the state `lineage db init` leaves, where a first ingest's
statements are planned and cached.

An empty graph's statistics make a scan look as cheap as a seek, and Neo4j keeps a cached plan
until enough has changed and some seconds have passed, so a plan made there can run for a whole
first batch on a graph that has grown to thousands of nodes: one 20,000-event ingest spent
minutes of CPU in a single `write_links_path` or `commit_mentions_by_event` call that way. Every
key lookup therefore carries `USING INDEX SEEK`, and link ids are unique (a MERGE on a
relationship then seeks the constraint's index with a lock); these tests plan every statement on
an empty graph with freshly sampled, empty indexes, as `test_neo4j_query_plans` does on a loaded
one.
"""

from __future__ import annotations

from collections.abc import Iterator

import neo4j
import pytest

from tests.store.test_neo4j_query_plans import (
    STATEMENTS,
    assert_seeks_and_scans_nothing,
    planning_session,
)
from tests.support.neo4j_server import BoltServer

LINK_WRITERS = [name for name in STATEMENTS if name.startswith("write_links_")]


@pytest.fixture(scope="module")
def empty(bolt_server: BoltServer) -> Iterator[neo4j.Session]:
    """A session on the suite's Neo4j holding the schema of `db init` and no data."""
    yield from planning_session(bolt_server, [])


@pytest.mark.parametrize("name", STATEMENTS)
def test_on_an_empty_graph_the_plan_still_seeks_and_scans_nothing(
    empty: neo4j.Session, name: str
) -> None:
    assert_seeks_and_scans_nothing(empty, name)


@pytest.mark.parametrize("name", LINK_WRITERS)
def test_a_link_writer_merges_through_the_link_id_constraint(
    empty: neo4j.Session, name: str
) -> None:
    found = assert_seeks_and_scans_nothing(empty, name)
    assert any(op.endswith("RelationshipUniqueIndexSeek") for op, _ in found), (
        f"{name}.cypher's MERGE does not seek a link-id uniqueness constraint: {found}"
    )
