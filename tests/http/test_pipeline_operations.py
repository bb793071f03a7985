"""`POST /livestate` and the pipeline / application example operations, on a live server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from lineage.ingest import read_records
from lineage.store import Store
from tests.support.live_server import ServedStore, serve_store
from tests.support.pipelines import (
    IMAGE_6,
    LIVE_6,
    LIVE_7,
    RELEASE_6,
    RELEASE_7,
    WEAVE_YAML,
    live_report,
)
from tests.support.scenarios import ingest

QUERIES = Path(__file__).resolve().parents[2] / "graphql" / "queries"


def ago(minutes: int = 0) -> str:
    """The wall-clock time `minutes` ago, read when the test runs (not when the module loads:
    a long suite run would otherwise age the "fresh" reports past the staleness window)."""
    return (datetime.now(UTC) - timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def served(store: Store) -> Iterator[ServedStore]:
    with serve_store(store) as served:
        yield served


@pytest.fixture
def loaded(served: ServedStore) -> ServedStore:
    ingest(served.store, RELEASE_6 + RELEASE_7 + [r.raw for r in read_records(WEAVE_YAML)])
    return served


def post(served: ServedStore, path: str, body: Any) -> httpx.Response:
    return httpx.post(f"{served.server.url}{path}", json=body, timeout=30)


def query(served: ServedStore, name: str, variables: dict[str, Any]) -> dict[str, Any]:
    response = post(served, "/graphql", {"query": (QUERIES / name).read_text(),
                                         "variables": variables})  # fmt: skip
    assert response.status_code == 200, response.text
    body = response.json()
    assert body.get("errors") is None, body["errors"]
    data: dict[str, Any] = body["data"]
    return data


def test_post_one_report_without_its_kind(served: ServedStore) -> None:
    report = live_report("prod", ago(), LIVE_6)
    del report["kind"]

    response = post(served, "/livestate", report)

    assert response.status_code == 200, response.text
    assert response.json()["stored"] == 1
    (latest,) = served.store.latest_live_states("payments")
    assert latest.resources[1].version == LIVE_6


def test_post_an_array_stores_the_valid_reports_and_names_the_rest(served: ServedStore) -> None:
    good = live_report("prod", "2026-02-03T11:00:00Z", LIVE_7)
    broken = live_report("dev", "whenever", LIVE_7)
    event = RELEASE_7[0]

    response = post(served, "/livestate", [good, broken, event, good])

    assert response.status_code == 400
    body = response.json()
    assert (body["stored"], body["duplicates"], body["rejected"]) == (1, 1, 2)
    reasons = {error["index"]: error["reason"] for error in body["errors"]}
    assert "reportedAt: not an RFC 3339 timestamp" in reasons[1]
    assert reasons[2] == "expected an ApplicationLiveState report, got a CDEvent"
    assert [r.deploy_target for r in served.store.latest_live_states("payments")] == ["prod"]


@pytest.mark.parametrize(
    ("body", "reason"),
    [(b"", "empty body"), (b"{nope", "invalid JSON"), (b"42", "expected a JSON object or array")],
)
def test_unreadable_bodies_are_refused(served: ServedStore, body: bytes, reason: str) -> None:
    response = httpx.post(f"{served.server.url}/livestate", content=body, timeout=30)

    assert response.status_code == 400
    assert reason in response.json()["errors"][0]["reason"]


def check_executions(data: dict[str, Any]) -> None:
    page = data["pipelineExecutions"]
    nodes = [edge["node"] for edge in page["edges"]]
    assert [(n["id"], n["status"]) for n in nodes] == [
        ("payments-release-7", "failed"), ("payments-release-6", "succeeded"),
    ]  # fmt: skip
    assert [(e["name"], e["status"]) for e in nodes[0]["environments"]] == [
        ("dev", "succeeded"), ("staging", "succeeded"), ("prod", "rolled_back"),
    ]  # fmt: skip
    assert page["pageInfo"]["hasNextPage"] is False


def check_execution(data: dict[str, Any]) -> None:
    run = data["pipelineExecution"]
    assert (run["status"], run["origin"], run["pipelineName"]) == (
        "failed", "cdevents", "payments-release",
    )  # fmt: skip
    assert [(s["name"], s["status"], s["duration"]) for s in run["stages"]] == [
        ("build", "succeeded", 210.0), ("unit-tests", "succeeded", 175.0),
    ]  # fmt: skip
    prod = run["environments"][2]
    assert (prod["name"], prod["order"], prod["status"], prod["artifactId"]) == (
        "prod", 2, "rolled_back", IMAGE_6,
    )  # fmt: skip
    assert [e["id"] for e in prod["events"]] == ["r7-deploy-prod", "r7-rollback"]
    assert run["chain"]["id"] == "chain-release-7"


def check_application(data: dict[str, Any]) -> None:
    app = data["application"]
    assert (app["id"], app["name"]) == ("payments", "payments")
    states = {s["deployTarget"]: s for s in app["liveStates"]}
    assert states["prod"]["stale"] is False and states["dev"]["stale"] is True
    assert len(states["prod"]["history"]["edges"]) == 2
    (drift,) = app["drift"]
    assert (drift["deployTarget"], drift["expected"], drift["actual"]) == (
        "prod", IMAGE_6, [LIVE_7],
    )  # fmt: skip
    assert app["deployments"][0]["id"] == "r7-rollback"
    assert app["deployments"][0]["status"] == "ROLLED_BACK"


#: file -> (variables, check of the data)
PIPELINE_OPERATIONS: dict[str, tuple[dict[str, Any], Callable[[dict[str, Any]], None]]] = {
    "pipeline_executions.graphql": ({"pipelineName": "payments-release"}, check_executions),
    "pipeline_execution.graphql": ({"id": "payments-release-7"}, check_execution),
    "application.graphql": ({"id": "payments"}, check_application),
}


@pytest.mark.parametrize("name", sorted(PIPELINE_OPERATIONS))
def test_pipeline_example_operation_over_http(loaded: ServedStore, name: str) -> None:
    for report in (
        live_report("prod", ago(1), LIVE_7),
        live_report("prod", ago(), LIVE_7),  # prod still runs 7 although it was rolled back to 6
        live_report("dev", "2026-02-03T11:00:00Z", LIVE_7),
    ):
        assert post(loaded, "/livestate", report).status_code == 200
    variables, check = PIPELINE_OPERATIONS[name]

    check(query(loaded, name, variables))


def test_weave_example_over_http(loaded: ServedStore) -> None:
    listed = query(loaded, "pipeline_executions.graphql", {"namespace": "flux-system"})
    fetched = query(loaded, "pipeline_execution.graphql", {"id": "flux-system/podinfo-6.5.4-q9w3e"})

    assert [e["node"]["id"] for e in listed["pipelineExecutions"]["edges"]] == [
        "flux-system/podinfo-6.5.4-q9w3e", "flux-system/podinfo-6.5.3-x7k2p",
    ]  # fmt: skip
    run = fetched["pipelineExecution"]
    assert (run["origin"], run["status"], run["params"]["version"]) == ("weave", "failed", "6.5.4")
    assert run["conditions"][0]["reason"] == "RolledBack"
    assert [(e["name"], e["status"]) for e in run["environments"]] == [
        ("dev", "succeeded"), ("test", "succeeded"), ("prod", "rolled_back"),
    ]  # fmt: skip
    assert run["stages"] == [] and run["chain"] is None
