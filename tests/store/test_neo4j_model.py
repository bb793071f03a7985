"""The graph the Neo4j backend builds: labels, relationship types and properties, chain nodes.

The protocol tests show behaviour; these look at the stored graph itself (with read-only Cypher
through the driver), on the real Neo4j of the suite or on `$NEO4J_URI`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import orjson
import pytest
from neo4j import GraphDatabase

from lineage.model import Direction
from lineage.store import EventFilter
from lineage.store.neo4j import Neo4jStore, queries
from lineage.store.neo4j import store as neo4j_store_module
from tests.store.test_store_protocol import (
    C1,
    after,
    cdevent,
    ends_after,
    path,
    relates,
    start,
    write,
)
from tests.support.neo4j_server import BoltServer


@pytest.fixture
def graph(bolt_server: BoltServer) -> Iterator[Any]:
    """Run a read-only inspection query against the store's database, returning rows."""
    driver = GraphDatabase.driver(
        bolt_server.uri, auth=(bolt_server.username, bolt_server.password)
    )

    def run(query: str, **params: Any) -> list[dict[str, Any]]:
        with driver.session(database=bolt_server.database) as session:
            return session.run(query, params).data()  # type: ignore[arg-type]

    yield run
    driver.close()


def labels(graph: Any, node_id: str) -> list[str]:
    """The sorted labels of the node with this id."""
    rows = graph("MATCH (n {id: $id}) RETURN labels(n) AS labels", id=node_id)
    assert len(rows) == 1, rows
    return sorted(rows[0]["labels"])


def test_events_get_the_whitelisted_label_of_their_subject(
    neo4j_store: Neo4jStore, graph: Any
) -> None:
    write(
        neo4j_store,
        cdevent("run", "pipelinerun.started"),
        cdevent("task", "taskrun.started"),
        cdevent("case", "testcaserun.finished"),
        cdevent("svc", "service.deployed"),
        cdevent("widget", "dev.cdeventsx.mytool-widget.created.0.1.0"),
    )

    assert labels(graph, "run") == ["Event", "PipelineRun"]
    assert labels(graph, "task") == ["Event", "TaskRun"]
    assert labels(graph, "case") == ["Event", "TestCaseRun"]
    assert labels(graph, "svc") == ["Event", "Service"]
    assert labels(graph, "widget") == ["CustomSubject", "Event"]


def test_every_catalogue_subject_has_a_label_and_a_statement() -> None:
    from lineage.model.event_type import SUBJECTS

    subject_types = {camel for camel, _ in SUBJECTS.values()}
    assert set(neo4j_store_module.SUBJECT_LABELS) == subject_types
    whitelist = {*neo4j_store_module.SUBJECT_LABELS.values(), neo4j_store_module.CUSTOM_LABEL}
    assert set(neo4j_store_module.EVENT_WRITER_STATEMENTS) == whitelist
    assert neo4j_store_module.subject_label("somethingElse") == "CustomSubject"


def test_a_placeholder_is_an_event_node_until_its_event_arrives(
    neo4j_store: Neo4jStore, graph: Any
) -> None:
    write(neo4j_store, path(C1, "a", "b"), cdevent("a", chain=C1))
    assert labels(graph, "b") == ["Event", "Placeholder"]
    assert graph("MATCH (n {id: 'b'}) RETURN n.digest AS digest") == [{"digest": None}]

    write(neo4j_store, cdevent("b", "artifact.packaged", chain=C1, minute=1))

    assert labels(graph, "b") == ["Artifact", "Event"]
    assert graph("MATCH (:Event {id: 'a'})-[r:PATH]->(:Event {id: 'b'}) RETURN count(r) AS n") == [
        {"n": 1}
    ]


def test_links_are_typed_relationships_with_their_properties(
    neo4j_store: Neo4jStore, graph: Any
) -> None:
    write(
        neo4j_store,
        start(C1, "a"),
        cdevent("a", chain=C1),
        cdevent("b", chain=C1, minute=1, links=[after("a"), relates("artifact", "a")]),
        cdevent("c", chain=C1, minute=2, links=[ends_after("b")]),
    )

    rows = graph(
        "MATCH (x)-[r]->(y) RETURN labels(x) AS fromLabels, x.id AS fromId, type(r) AS type, "
        "properties(r) AS props, y.id AS toId ORDER BY type, fromId"
    )
    shape = [(sorted(r["fromLabels"])[0], r["fromId"], r["type"], r["toId"]) for r in rows]
    assert shape == [
        ("Build", "b", "END", "c"),
        ("Chain", C1, "ENDS_WITH", "c"),
        ("Build", "a", "PATH", "b"),
        ("Build", "b", "RELATION", "a"),
        ("Chain", C1, "STARTS_WITH", "a"),
    ]
    props = {r["type"]: r["props"] for r in rows}
    assert props["RELATION"]["kind"] == "artifact"
    assert props["END"]["id"] == props["ENDS_WITH"]["id"]
    for rel in props.values():
        assert rel["chainId"] == C1
        assert rel["inferred"] is False
        assert orjson.loads(rel["tags"]) == {}
        assert rel["timestamp"].startswith("2026-01-05T09:")
        assert rel["id"] and rel["digest"]


def test_chain_nodes_carry_the_summary(neo4j_store: Neo4jStore, graph: Any) -> None:
    write(
        neo4j_store,
        start(C1, "a"),
        cdevent("a", "change.merged", chain=C1),
        cdevent("b", chain=C1, minute=3, links=[after("a"), ends_after("a")]),
    )

    (row,) = graph("MATCH (c:Chain {id: $id}) RETURN properties(c) AS props", id=C1)
    props = row["props"]
    assert props["eventCount"] == 2
    assert props["startedAt"] == "2026-01-05T09:00:00.000000Z"
    assert props["endedAt"] == props["sortTs"] == "2026-01-05T09:03:00.000000Z"
    assert (props["complete"], props["startId"], props["endId"]) == (True, "a", "b")
    assert sorted(props["eventTypes"]) == [
        "dev.cdevents.build.started.0.3.0",
        "dev.cdevents.change.merged.0.3.0",
    ]


def test_batches_larger_than_a_chunk_are_written_whole(
    neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(neo4j_store_module, "CHUNK", 3)
    records = [cdevent(f"e{i:02d}", chain=C1, minute=i) for i in range(10)]
    records += [path(C1, f"e{i:02d}", f"e{i + 1:02d}", minute=i + 1) for i in range(9)]
    records += [path(C1, "e09", f"ghost{i}", minute=20) for i in range(4)]

    write(neo4j_store, *records)

    stats = neo4j_store.stats()
    assert (stats.events, stats.links, stats.chains, stats.placeholders) == (10, 13, 1, 4)
    ids = [f"e{i:02d}" for i in range(10)]
    assert len(neo4j_store.get_events(ids)) == 10
    assert len(neo4j_store.links_touching(ids, Direction.BOTH)) == 13
    assert neo4j_store.find_events(EventFilter(chain_id=C1), 3, None).total_count == 10


def test_schema_init_is_idempotent_and_names_its_constraints(
    neo4j_store: Neo4jStore, graph: Any
) -> None:
    neo4j_store.init_schema()
    neo4j_store.init_schema()

    names = {row["name"] for row in graph("SHOW CONSTRAINTS")}
    assert {"event_id", "chain_id"} <= names


def test_a_closed_store_refuses_calls(bolt_server: BoltServer) -> None:
    store = Neo4jStore(
        bolt_server.uri, bolt_server.username, bolt_server.password, bolt_server.database
    )
    store.close()
    store.close()

    with pytest.raises(RuntimeError, match="closed"):
        store.stats()


def test_from_environment_reads_the_neo4j_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_USERNAME", "reader")
    monkeypatch.setenv("NEO4J_PASSWORD", "secret-pw")
    monkeypatch.setenv("NEO4J_DATABASE", "lineage")

    store = Neo4jStore.from_environment("bolt://127.0.0.1:1")
    try:
        assert (store.uri, store.database) == ("bolt://127.0.0.1:1", "lineage")
    finally:
        store.close()

    monkeypatch.delenv("NEO4J_DATABASE")
    default = Neo4jStore.from_environment("neo4j://127.0.0.1:1")
    try:
        assert default.database == "neo4j"
    finally:
        default.close()


def test_a_missing_statement_is_named() -> None:
    with pytest.raises(queries.MissingStatementError, match="no_such_statement"):
        queries.load("no_such_statement")
    assert "event_digests" in queries.names()


def test_writing_a_stored_id_again_leaves_the_stored_event_as_it_is(
    neo4j_store: Neo4jStore,
) -> None:
    # As when another process stored "a" between this writer's digest check and its write:
    # the store's MERGE finds the node and sets nothing on it.
    write(neo4j_store, cdevent("a", subject="first"))

    write(neo4j_store, cdevent("a", subject="second"), cdevent("b", minute=1))

    assert neo4j_store.get_events(["a"])["a"].subject_id == "first"
    assert neo4j_store.stats().events == 2


def test_a_property_no_record_wrote_yet_is_not_logged_as_a_warning(
    neo4j_store: Neo4jStore, caplog: pytest.LogCaptureFixture
) -> None:
    """A new or older store lacks properties later records write (the driver would log Neo4j's
    "property key does not exist" notification for every statement naming one)."""
    with caplog.at_level(logging.INFO, logger="neo4j"):
        neo4j_store._driver.execute_query(  # the store's own driver, as its statements use it
            "MATCH (e:Event) RETURN e.propertyNoRecordEverWrote AS value LIMIT 1",
            database_=neo4j_store.database,
        )

    assert not [r for r in caplog.records if r.name == "neo4j.notifications"]
