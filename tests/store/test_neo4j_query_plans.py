"""Neo4j's own planner judges every statement in `cypher/`: index seeks, never scans.

Each statement is sent as `EXPLAIN` (nothing runs) to the suite's real Neo4j, with the
constraints and indexes `lineage db init` creates and a small demo graph loaded, and the plan
tree the driver returns (`ResultSummary.plan`) is checked (`replan=force`: planned for the data
at hand, not taken from the plan cache):

- no operator of the plan may scan (`AllNodesScan`, `NodeByLabelScan`, `NodeIndexScan`, a
  relationship type scan, …), and
- every leaf of the plan (where it starts reading) is an index seek (unique, range, prefix,
  text, relationship index), a count-store read, or no read at all (arguments, parameters
  unwound, constants).

A statement that has a reason to scan says so in its header, naming the operators it may use:
`// Plan exception (NodeByLabelScan): <why>`; only those operators are then allowed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest

from lineage.demo import demo_records
from lineage.ingest import Ingestor, SourceRecord
from lineage.store.neo4j import Neo4jStore, queries
from tests.support.neo4j_server import BoltServer

SCHEMA_PREFIXES = ("constraint_", "index_", "drop_index_", "await_")  # schema: nothing to plan
#: Leaves that read nothing from the store, or only the count store.
NON_READING_LEAVES = frozenset(
    {"Argument", "Unwind", "Projection", "EmptyRow", "NodeCountFromCountStore",
     "RelationshipCountFromCountStore"}
)
EXCEPTION = re.compile(r"^//\s*Plan exception \(([A-Za-z, ]+)\):\s*(\S.*)$", re.MULTILINE)
STATEMENTS = [n for n in queries.names() if not n.startswith(SCHEMA_PREFIXES)]


@pytest.fixture(scope="module")
def session(bolt_server: BoltServer) -> Iterator[neo4j.Session]:
    """A session on the suite's Neo4j holding the schema of `db init` and a few demo chains."""
    records = [SourceRecord(f"demo:{i}", r) for i, r in enumerate(demo_records(40))]
    yield from planning_session(bolt_server, records)


def planning_session(
    bolt_server: BoltServer, records: list[SourceRecord]
) -> Iterator[neo4j.Session]:
    """A session on the suite's Neo4j with the schema of `db init`, only `records` ingested, and
    every index sampled on that graph."""
    store = Neo4jStore(
        bolt_server.uri, bolt_server.username, bolt_server.password, bolt_server.database
    )
    store.init_schema()
    store.clear()
    Ingestor(store).ingest(records)
    store.close()
    driver = neo4j.GraphDatabase.driver(
        bolt_server.uri,
        auth=(bolt_server.username, bolt_server.password),
        notifications_min_severity="OFF",
    )
    with driver, driver.session(database=bolt_server.database) as opened:
        resample_indexes(opened)
        yield opened


def resample_indexes(session: neo4j.Session) -> None:
    """Sample every index again on the graph just loaded: the planner costs seeks and scans from
    index samples, and samples left from earlier tests' (cleared) data make a scan of an index
    it believes empty look as cheap as a seek."""
    shown = session.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'")
    names = [row["name"] for row in shown]
    for name in names:
        session.run("CALL db.resampleIndex($name)", name=name).consume()
    session.run("CALL db.awaitIndexes(300)").consume()


def operators(plan: dict[str, Any]) -> Iterator[tuple[str, bool]]:
    """(operator name, is a leaf) of every operator in a plan tree, `@neo4j` and `(Locking)`
    suffixes dropped."""
    name = re.sub(r"(@\w+|\(\w+\))+$", "", plan["operatorType"])
    children = plan.get("children") or []
    yield name, not children
    for child in children:
        yield from operators(child)


def allowed_scans(name: str) -> set[str]:
    """The scan operators the statement's header allows, with a reason."""
    allowed: set[str] = set()
    for match in EXCEPTION.finditer(queries.load(name)):
        allowed.update(op.strip() for op in match.group(1).split(","))
    return allowed


@pytest.mark.parametrize("name", STATEMENTS)
def test_the_plan_seeks_an_index_and_scans_nothing(session: neo4j.Session, name: str) -> None:
    assert_seeks_and_scans_nothing(session, name)


def assert_seeks_and_scans_nothing(session: neo4j.Session, name: str) -> list[tuple[str, bool]]:
    """Plan statement `name` afresh; fail unless it starts from index seeks and scans nothing
    its header does not allow. Returns the plan's (operator, is a leaf) pairs."""
    summary = session.run("CYPHER replan=force EXPLAIN " + queries.load(name)).consume()
    assert summary.plan is not None, f"{name}: Neo4j returned no plan"
    found = list(operators(summary.plan))
    allowed = allowed_scans(name)
    scans = sorted({op for op, _ in found if op.endswith("Scan") and op not in allowed})
    assert not scans, (
        f"{name}.cypher plans {', '.join(scans)}; anchor it on an index (or say why in a "
        f"'// Plan exception (Operator): reason' header line)\nplan: {found}"
    )
    starts = sorted(
        {op for op, leaf in found if leaf}
        - NON_READING_LEAVES
        - allowed
        - {op for op, _ in found if "Seek" in op}
    )
    assert not starts, f"{name}.cypher does not start from an index seek but from {starts}"
    return found


def test_every_plan_exception_names_a_scan_and_gives_a_reason() -> None:
    for name in STATEMENTS:
        for match in EXCEPTION.finditer(queries.load(name)):
            ops = [op.strip() for op in match.group(1).split(",")]
            assert all(op.endswith("Scan") for op in ops), f"{name}: {ops} are not scans"
            assert len(match.group(2)) > 20, f"{name}: the exception needs a reason"


def details(plan: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(operator name as `operators` gives it, its details) of every operator in a plan tree."""
    name = re.sub(r"(@\w+|\(\w+\))+$", "", plan["operatorType"])
    yield name, str((plan.get("args") or plan.get("arguments") or {}).get("Details", ""))
    for child in plan.get("children") or []:
        yield from details(child)


def test_the_incidents_links_are_read_by_time_then_by_adjacency(session: neo4j.Session) -> None:
    """`incident_links_between`: the window's incident-opening events from the (what, at) range
    index, each one's event node by its id, its links by expanding that node (Neo4j's adjacency):
    no lookup per link."""
    summary = session.run(
        "CYPHER replan=force EXPLAIN " + queries.load("incident_links_between")
    ).consume()
    assert summary.plan is not None
    steps = list(details(summary.plan))

    assert any(
        op == "NodeIndexSeek" and "DeliveryEvent(what, at)" in found and "at >= $since" in found
        for op, found in steps
    ), steps
    assert any(op == "NodeUniqueIndexSeek" and "Event(id)" in found for op, found in steps), steps
    assert any(op == "Expand" and "PATH|RELATION|END" in found for op, found in steps), steps
    assert not any("Relationship" in op for op, _ in steps), steps
