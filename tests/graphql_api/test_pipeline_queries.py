"""`pipelineExecutions`, `pipelineExecution` and `application`, in-process, on every store."""

from __future__ import annotations

from typing import Any

import pytest

from lineage.graphql_api import run_operation
from lineage.ingest import read_records
from lineage.store import Store
from tests.support.pipelines import LIVE_7, RELEASE_6, RELEASE_7, WEAVE_YAML, live_report
from tests.support.scenarios import ingest

LIST = """
query ($status: String, $first: Int, $after: String) {
  pipelineExecutions(status: $status, first: $first, after: $after) {
    edges { cursor node { id origin status } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
ONE = """
query ($id: ID!) {
  pipelineExecution(id: $id) {
    id status stages { name events { id } } environments { name status events { id } }
    events { id } chain { id eventCount }
  }
}
"""
APP = """
query ($id: ID!) {
  application(id: $id) {
    id name
    liveStates { deployTarget stale history(first: 1) { edges { node { reportedAt } } } }
    drift { deployTarget }
    deployments { id environment status }
  }
}
"""


@pytest.fixture
def populated(store: Store) -> Store:
    ingest(store, RELEASE_6 + RELEASE_7 + [r.raw for r in read_records(WEAVE_YAML)])
    ingest(store, [live_report("staging", "2026-02-03T11:00:00Z", LIVE_7)])
    return store


def run(store: Store, query: str, **variables: Any) -> dict[str, Any]:
    return run_operation(store, query, variables)


def test_listing_pages_through_both_origins(populated: Store) -> None:
    first = run(populated, LIST, first=3)["data"]["pipelineExecutions"]
    rest = run(populated, LIST, after=first["pageInfo"]["endCursor"])["data"]["pipelineExecutions"]

    assert [e["node"]["origin"] for e in first["edges"]] == ["weave", "cdevents", "weave"]
    assert first["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["id"] for e in rest["edges"]] == ["payments-release-6"]
    assert rest["pageInfo"]["hasNextPage"] is False


def test_an_unknown_status_is_a_clear_error(populated: Store) -> None:
    result = run(populated, LIST, status="exploded")

    assert result["data"] is None
    assert "unknown status 'exploded'" in result["errors"][0]["message"]


def test_one_execution_with_its_events_and_chain(populated: Store) -> None:
    run_7 = run(populated, ONE, id="payments-release-7")["data"]["pipelineExecution"]

    assert run_7["status"] == "failed"
    assert [e["id"] for e in run_7["events"]] == ["r7-queued", "r7-started", "r7-finished"]
    assert [e["id"] for e in run_7["stages"][0]["events"]] == ["r7-build-started",
                                                                "r7-build-finished"]  # fmt: skip
    assert run_7["chain"] == {"id": "chain-release-7", "eventCount": 17}
    assert run(populated, ONE, id="nope")["data"]["pipelineExecution"] is None


def test_application(populated: Store) -> None:
    app = run(populated, APP, id="payments")["data"]["application"]

    assert [(s["deployTarget"], s["stale"]) for s in app["liveStates"]] == [("staging", True)]
    assert app["drift"] == []  # staging runs the image 7 deployed there
    assert [(d["id"], d["environment"]) for d in app["deployments"][:2]] == [
        ("r7-rollback", "prod"), ("r7-deploy-prod", "prod"),
    ]  # fmt: skip
    assert len(app["deployments"]) == 7
    assert run(populated, APP, id="nobody")["data"]["application"] is None
