"""Bolt round trips of the Neo4j backend's graph questions: each statement sent is counted.

A chain view and a traverse (any depth up to the cap) are one statement whatever their size; a
trace reach is one per ten levels it goes; `deploymentTrace` with its deployments is one
(`commit_trace`) unless its reach goes deeper than ten levels. Runs on the real Neo4j of the
suite, or on `$NEO4J_URI`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from neo4j import ManagedTransaction, Session

from lineage.graphql_api import run_operation
from lineage.model import Direction
from lineage.services import chain_view, traverse
from lineage.services.reach import reach
from lineage.store.neo4j import Neo4jStore
from tests.support.scenarios import RELEASE, RELEASE_CHAIN, ingest, pipeline
from tests.support.trace_scenarios import (
    DEEP_SHA,
    DEEP_STEPS,
    SHA,
    deep_chain,
    pipecd_trace,
    promotion,
)

#: deploymentTrace with its deployments: `commit_trace` resolves the hash, brings the commit's
#: details, where its deployments come from and the first ten levels of their reach.
TRACE_ROUND_TRIPS = 1

TRACE = """
query ($sha: String!) {
  deploymentTrace(commitHash: $sha) {
    commitHash title
    deployments { id environment origin path { id } }
  }
}
"""

#: The same through fragments, as a client may write it.
TRACE_IN_FRAGMENTS = """
query ($sha: String!) {
  deploymentTrace(commitHash: $sha) { commitHash ...Shipped }
}
fragment Shipped on DeploymentTrace {
  title
  ... on DeploymentTrace { deployments { id environment origin path { id } } }
}
"""

#: The example operation the README points to.
TRACE_EXAMPLE = (
    Path(__file__).resolve().parents[2] / "graphql" / "queries" / "deployment_trace.graphql"
).read_text(encoding="utf-8")


class Statements:
    """Counts the statements sent through transactions and sessions (one round trip each)."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    def __len__(self) -> int:
        return len(self.sent)

    def reset(self) -> None:
        """Forget what was counted so far."""
        self.sent.clear()


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> Statements:
    """Every statement run from now on, counted."""
    counter = Statements()
    tx_run = ManagedTransaction.run
    session_run = Session.run

    def counted_tx_run(self: ManagedTransaction, query: Any, *args: Any, **kwargs: Any) -> Any:
        counter.sent.append(str(query))
        return tx_run(self, query, *args, **kwargs)

    def counted_session_run(self: Session, query: Any, *args: Any, **kwargs: Any) -> Any:
        counter.sent.append(str(query))
        return session_run(self, query, *args, **kwargs)

    monkeypatch.setattr(ManagedTransaction, "run", counted_tx_run)
    monkeypatch.setattr(Session, "run", counted_session_run)
    return counter


def test_a_chain_view_is_one_round_trip(neo4j_store: Neo4jStore, statements: Statements) -> None:
    ingest(neo4j_store, RELEASE)
    statements.reset()

    view = chain_view(neo4j_store, RELEASE_CHAIN)

    assert view is not None and view.event_count == 9
    assert len(statements) == 1


def test_a_traverse_five_levels_deep_is_one_round_trip(
    neo4j_store: Neo4jStore, statements: Statements
) -> None:
    ingest(neo4j_store, RELEASE)
    statements.reset()

    result = traverse(neo4j_store, "static-analysis", max_depth=5)

    assert [r.depth for r in result.nodes] == [1, 1, 1, 2, 2, 2, 3, 4]
    assert len(statements) == 1


@pytest.mark.parametrize("direction", list(Direction))
def test_a_traverse_at_the_depth_cap_is_one_round_trip(
    neo4j_store: Neo4jStore, statements: Statements, direction: Direction
) -> None:
    steps = [(f"step-{i}", [f"step-{i - 1}"] if i else []) for i in range(12)]
    ingest(neo4j_store, pipeline("chain-long", steps, end=False))
    statements.reset()

    result = traverse(neo4j_store, "step-1", direction, max_depth=10, limit=5)

    assert len(statements) == 1
    assert result.truncated is (direction is not Direction.UPSTREAM)


def test_a_reach_is_one_round_trip_per_ten_levels(
    neo4j_store: Neo4jStore, statements: Statements
) -> None:
    steps = [(f"step-{i}", [f"step-{i - 1}"] if i else []) for i in range(25)]
    ingest(neo4j_store, pipeline("chain-long", steps, end=False))
    statements.reset()

    short = reach(neo4j_store, ["step-20"], Direction.DOWNSTREAM)
    assert (len(short.reached), len(statements)) == (5, 1)
    statements.reset()

    deep = reach(neo4j_store, ["step-0"], Direction.DOWNSTREAM)
    # 24 levels reach something, the 25th finds nothing: levels 1-10, 11-20, 21-25
    assert (len(deep.reached), len(statements)) == (25, 3)


@pytest.mark.parametrize(
    ("operation", "sha"),
    [(TRACE, "sha"), (TRACE_IN_FRAGMENTS, "sha"), (TRACE_EXAMPLE, "commitHash")],
    ids=["plain", "fragments", "example"],
)
def test_a_deployment_trace_is_one_round_trip(
    neo4j_store: Neo4jStore, statements: Statements, operation: str, sha: str
) -> None:
    ingest(neo4j_store, [*promotion(), *pipecd_trace()])
    statements.reset()

    result = run_operation(neo4j_store, operation, {sha: SHA[:10]})

    assert result["errors"] is None, result["errors"]
    assert len(result["data"]["deploymentTrace"]["deployments"]) == 3
    assert len(statements) == TRACE_ROUND_TRIPS, [text.splitlines()[0] for text in statements.sent]


def test_a_deployment_trace_without_deployments_is_one_round_trip(
    neo4j_store: Neo4jStore, statements: Statements
) -> None:
    ingest(neo4j_store, [*promotion(), *pipecd_trace()])
    statements.reset()

    result = run_operation(
        neo4j_store, "query ($sha: String!) { deploymentTrace(commitHash: $sha) { title } }",
        {"sha": SHA[:10]},
    )  # fmt: skip

    assert result["errors"] is None, result["errors"]
    assert result["data"]["deploymentTrace"]["title"] == "Fix rounding in totals"
    assert len(statements) == 1


def test_a_deployment_trace_reaching_deeper_goes_on_one_walk_per_ten_levels(
    neo4j_store: Neo4jStore, statements: Statements
) -> None:
    ingest(neo4j_store, deep_chain())
    statements.reset()

    result = run_operation(neo4j_store, TRACE, {"sha": DEEP_SHA[:8]})

    assert result["errors"] is None, result["errors"]
    [deployment] = result["data"]["deploymentTrace"]["deployments"]
    assert len(deployment["path"]) == DEEP_STEPS + 1
    # levels 1-10 in commit_trace, then 11-15 in one walk (the deploy is 14 links down)
    assert len(statements) == 2
