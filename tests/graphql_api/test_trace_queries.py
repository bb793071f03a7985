"""`deploymentTrace`, `deploymentTraces` and `deployment`, in-process through the schema."""

from __future__ import annotations

from typing import Any

import pytest

from lineage.graphql_api import run_operation
from lineage.store import Store
from tests.support.scenarios import ingest
from tests.support.trace_scenarios import (
    IDLE_SHA,
    MANIFEST_SHA,
    PIPECD_SHA,
    SHA,
    SOURCE_SHA,
    idle_commit,
    manifest_hop,
    pipecd_trace,
    promotion,
)

TRACE = """
query ($hash: String!) {
  deploymentTrace(commitHash: $hash) {
    commitHash commitUrl title commitMessage author commitTimestamp projectId createdAt updatedAt
    deployments {
      id application environment status artifactId startedAt completedAt traceCommitHash
      manifestCommitHash origin
      path { id type }
    }
  }
}
"""
TRACES = """
query ($project: String, $first: Int, $after: String) {
  deploymentTraces(projectId: $project, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { commitHash updatedAt } }
  }
}
"""
DEPLOYMENT = """
query ($id: ID!) {
  deployment(id: $id) {
    id origin status traceCommitHash event { id }
    path { id }
    commits { commitHash title deployments { id } }
  }
}
"""


@pytest.fixture
def populated(store: Store) -> Store:
    ingest(store, promotion() + idle_commit() + pipecd_trace() + manifest_hop())
    return store


def data(store: Store, query: str, **variables: Any) -> dict[str, Any]:
    result = run_operation(store, query, variables)
    assert result["errors"] is None, result["errors"]
    assert result["data"] is not None
    return result["data"]


def test_trace_of_a_prefix_with_derived_deployments_and_paths(populated: Store) -> None:
    trace = data(populated, TRACE, hash=SHA[:7])["deploymentTrace"]

    assert trace["commitHash"] == SHA
    assert (trace["title"], trace["author"], trace["projectId"]) == (
        "Fix rounding in totals", "alice", None,
    )  # fmt: skip
    assert trace["createdAt"] == trace["updatedAt"] == "2026-01-05T09:00:00.000000Z"
    assert [
        (d["id"], d["environment"], d["origin"], d["status"]) for d in trace["deployments"]
    ] == [
        ("dev", "dev", "DERIVED", "SUCCESS"),
        ("staging", "staging", "DERIVED", "SUCCESS"),
        ("prod", "prod", "DERIVED", "SUCCESS"),
    ]
    prod = trace["deployments"][2]
    assert [e["id"] for e in prod["path"]] == ["merge", "ci", "build", "package", "prod"]
    assert prod["path"][0]["type"] == "dev.cdevents.change.merged.0.3.0"
    assert prod["startedAt"] == prod["completedAt"] == "2026-01-06T08:00:00.000000Z"


def test_pipecd_trace_and_explicit_deployments(populated: Store) -> None:
    trace = data(populated, TRACE, hash=PIPECD_SHA)["deploymentTrace"]

    assert trace["commitTimestamp"] == "2026-01-05T08:00:00.000000Z"
    assert trace["commitMessage"] == "Add retry\n\nDetails."
    assert [(d["application"], d["environment"], d["status"], d["origin"], d["path"])
            for d in trace["deployments"]] == [
        ("checkout", "prod", "SUCCESS", "EXPLICIT", []),
        ("cart", "staging", "RUNNING", "EXPLICIT", []),
    ]  # fmt: skip
    assert trace["deployments"][1]["completedAt"] is None


def test_manifest_hop_and_nobody_deployed(populated: Store) -> None:
    hop = data(populated, TRACE, hash=SOURCE_SHA)["deploymentTrace"]
    idle = data(populated, TRACE, hash=IDLE_SHA)["deploymentTrace"]
    unknown = data(populated, TRACE, hash="0000000")["deploymentTrace"]

    assert {(d["id"], d["manifestCommitHash"]) for d in hop["deployments"]} == {
        ("argo-sync", MANIFEST_SHA), ("deploy-api", MANIFEST_SHA),
    }  # fmt: skip
    assert idle["deployments"] == []
    assert unknown is None


def test_bad_and_ambiguous_hashes_are_errors(store: Store) -> None:
    twin = SHA[:8] + "f" * 32
    ingest(store, promotion() + promotion(sha=twin, purl="pkg:oci/x@2", tag="-2"))

    ambiguous = run_operation(store, TRACE, {"hash": SHA[:7]})
    short = run_operation(store, TRACE, {"hash": "abc"})

    assert ambiguous["data"] == {"deploymentTrace": None}
    assert "is ambiguous" in ambiguous["errors"][0]["message"]
    assert "7 to 40 hexadecimal digits" in short["errors"][0]["message"]


def test_traces_listing_pages(populated: Store) -> None:
    first = data(populated, TRACES, first=3)["deploymentTraces"]
    rest = data(populated, TRACES, first=3, after=first["pageInfo"]["endCursor"])[
        "deploymentTraces"
    ]
    acme = data(populated, TRACES, project="acme")["deploymentTraces"]

    hashes = [e["node"]["commitHash"] for e in first["edges"] + rest["edges"]]
    assert hashes == [SOURCE_SHA, IDLE_SHA, SHA, PIPECD_SHA]
    assert (first["totalCount"], first["pageInfo"]["hasNextPage"]) == (4, True)
    assert rest["pageInfo"]["hasNextPage"] is False
    assert [e["node"]["commitHash"] for e in acme["edges"]] == [PIPECD_SHA]


def test_deployment_by_event_id_with_its_commits(populated: Store) -> None:
    deployment = data(populated, DEPLOYMENT, id="staging")["deployment"]
    explicit = data(populated, DEPLOYMENT, id="deploy-checkout")["deployment"]
    missing = data(populated, DEPLOYMENT, id="merge")["deployment"]

    assert (deployment["origin"], deployment["traceCommitHash"]) == ("DERIVED", SHA)
    assert deployment["event"] == {"id": "staging"}
    assert [e["id"] for e in deployment["path"]] == ["merge", "ci", "build", "package", "staging"]
    (commit,) = deployment["commits"]
    assert commit["commitHash"] == SHA and commit["title"] == "Fix rounding in totals"
    assert {d["id"] for d in commit["deployments"]} == {"dev", "staging", "prod"}
    assert [c["commitHash"] for c in explicit["commits"]] == [PIPECD_SHA]
    assert explicit["event"] is None
    assert missing is None


INGEST = """
mutation ($events: [JSON!], $records: [JSON!]) {
  ingest(events: $events, records: $records) {
    stored rejected records { origin index kind id status reason }
  }
}
"""


def test_ingest_mutation_takes_pipecd_records(store: Store) -> None:
    trace, checkout, _ = pipecd_trace()
    merge = promotion()[0]

    result = data(store, INGEST, events=[merge], records=[trace, checkout, {"kind": "Nope"}])

    outcomes = [
        (r["origin"], r["index"], r["kind"], r["status"]) for r in result["ingest"]["records"]
    ]
    assert outcomes == [
        ("events[0]", 0, "event", "STORED"),
        ("records[0]", 0, "DeploymentTrace", "STORED"),
        ("records[1]", 1, "Deployment", "STORED"),
        ("records[2]", 2, None, "REJECTED"),
    ]
    assert "unknown record kind 'Nope'" in result["ingest"]["records"][3]["reason"]
    trace_data = data(store, TRACE, hash=PIPECD_SHA)["deploymentTrace"]
    assert [d["id"] for d in trace_data["deployments"]] == ["deploy-checkout"]


def test_traverse_can_leave_out_inferred_edges(store: Store) -> None:
    ingest(store, promotion())
    query = """query($inferred: Boolean!) {
      traverse(from: "merge", maxDepth: 5, includeInferred: $inferred) {
        nodes { event { id } } links { inferred }
      }
    }"""
    both = run_operation(store, query, {"inferred": True})["data"]["traverse"]
    producer = run_operation(store, query, {"inferred": False})["data"]["traverse"]
    assert any(link["inferred"] for link in both["links"])
    assert not any(link["inferred"] for link in producer["links"])
    assert len(producer["nodes"]) < len(both["nodes"])
