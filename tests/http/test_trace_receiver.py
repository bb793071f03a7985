"""`POST /traces` (PipeCD records) and the trace example operations, on a live server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from lineage.store import Store
from tests.support.live_server import ServedStore, serve_store
from tests.support.scenarios import ingest
from tests.support.trace_scenarios import (
    MANIFEST_SHA,
    PIPECD_SHA,
    SHA,
    SOURCE_SHA,
    manifest_hop,
    pipecd_trace,
    promotion,
)

QUERIES = Path(__file__).resolve().parents[2] / "graphql" / "queries"


@pytest.fixture
def served(store: Store) -> Iterator[ServedStore]:
    with serve_store(store) as served:
        yield served


def post(served: ServedStore, path: str, body: Any) -> httpx.Response:
    return httpx.post(f"{served.server.url}{path}", json=body, timeout=30)


def test_post_traces_stores_pipecd_records(served: ServedStore) -> None:
    response = post(served, "/traces", pipecd_trace())

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["stored"], body["rejected"]) == (3, 0)
    assert [(r["kind"], r["id"]) for r in body["records"]] == [
        ("DeploymentTrace", "trace-1"), ("Deployment", "deploy-checkout"),
        ("Deployment", "deploy-cart"),
    ]  # fmt: skip
    assert set(served.store.get_deployments(["deploy-cart", "deploy-checkout"])) == {
        "deploy-cart", "deploy-checkout",
    }  # fmt: skip


def test_post_traces_single_object_duplicates_and_conflicts(served: ServedStore) -> None:
    trace = pipecd_trace()[0]

    first = post(served, "/traces", trace)
    again = post(served, "/traces", trace)
    changed = post(served, "/traces", trace | {"updatedAt": 1767609999})

    assert first.json()["stored"] == 1
    assert again.json()["duplicates"] == 1
    assert changed.status_code == 422 and changed.json()["conflicts"] == 1


def test_post_traces_names_bad_records_and_keeps_the_good_ones(served: ServedStore) -> None:
    good, bad = pipecd_trace()[1], pipecd_trace()[2] | {"status": "DONE"}
    event = promotion()[0]

    response = post(served, "/traces", [good, bad, event])

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [e["index"] for e in errors] == [1, 2]
    assert "status: unknown PipeCD deployment status 'DONE'" in errors[0]["reason"]
    assert "expected a PipeCD record" in errors[1]["reason"]
    assert set(served.store.get_deployments(["deploy-checkout"])) == {"deploy-checkout"}


def test_post_events_accepts_the_commit_naming_cdevents(served: ServedStore) -> None:
    response = post(served, "/events", promotion())

    assert response.status_code == 200, response.text
    assert served.store.commit_hashes(SHA[:7], 2) == [SHA]


def check_trace(data: dict[str, Any]) -> None:
    trace = data["deploymentTrace"]
    assert trace["commitHash"] == SHA
    assert [d["environment"] for d in trace["deployments"]] == ["dev", "staging", "prod"]
    assert all(d["path"][0]["id"] == "merge" for d in trace["deployments"])


def check_traces(data: dict[str, Any]) -> None:
    traces = data["deploymentTraces"]
    assert [e["node"]["commitHash"] for e in traces["edges"]] == [SOURCE_SHA, SHA, PIPECD_SHA]
    assert traces["totalCount"] == 3


def check_deployment(data: dict[str, Any]) -> None:
    deployment = data["deployment"]
    assert (deployment["origin"], deployment["traceCommitHash"]) == ("EXPLICIT", SOURCE_SHA)
    assert [c["commitHash"] for c in deployment["commits"]] == [SOURCE_SHA]


#: file -> (variables, check of the data)
TRACE_OPERATIONS: dict[str, tuple[dict[str, Any], Callable[[dict[str, Any]], None]]] = {
    "deployment_trace.graphql": ({"commitHash": SHA[:8]}, check_trace),
    "deployment_traces.graphql": ({}, check_traces),
    "deployment.graphql": ({"id": "deploy-api"}, check_deployment),
}


@pytest.mark.parametrize("name", sorted(TRACE_OPERATIONS))
def test_trace_example_operation_over_http(store: Store, name: str) -> None:
    ingest(store, promotion() + pipecd_trace() + manifest_hop())
    variables, check = TRACE_OPERATIONS[name]

    with serve_store(store) as served:
        response = post(
            served, "/graphql", {"query": (QUERIES / name).read_text(), "variables": variables}
        )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body.get("errors") is None, body["errors"]
    check(body["data"])
    assert MANIFEST_SHA not in response.text or name != "deployment_traces.graphql"
