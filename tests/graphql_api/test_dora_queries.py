"""`doraMetrics` through GraphQL: the example operation on a hand-computed scenario."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import graphql
from lineage.graphql_api import dora_query, run_operation
from lineage.graphql_api.schema import build_schema
from lineage.graphql_api.types.dora import AGGREGATE_FIELDS
from lineage.services import dora
from lineage.store import Store
from tests.support import dora_scenarios as scenarios
from tests.support.scenarios import ingest

OPERATION = (
    Path(__file__).resolve().parents[2] / "graphql" / "queries" / "dora_metrics.graphql"
).read_text()
WINDOW = {"since": "2026-03-02T00:00:00Z", "until": "2026-03-16T00:00:00Z"}


def test_example_operation_answers_the_failures_scenario(store: Store) -> None:
    ingest(store, scenarios.failures())

    result = run_operation(store, OPERATION, WINDOW)

    assert result["errors"] is None, result["errors"]
    metrics = result["data"]["doraMetrics"]
    assert metrics["productionEnvironments"] == ["prod", "production"]
    assert (metrics["deploymentCount"], metrics["failedDeploymentCount"]) == (5, 2)
    assert metrics["changeFailureRate"] == 0.4
    assert metrics["failedDeploymentRecoveryTime"] == {
        "medianSeconds": 36900.0, "p90Seconds": 64980.0, "count": 2,
    }  # fmt: skip
    assert metrics["incidentTimeToRestore"] == {"medianSeconds": 7200.0, "count": 1}
    assert (metrics["reworkCount"], metrics["reworkRate"]) == (1, 0.2)
    d1, d2, d3 = metrics["deployments"][:3]
    assert (d1["causes"], d1["restoredBy"], d1["rollbackId"]) == (
        ["ROLLED_BACK"], "ROLLBACK", "r1",
    )  # fmt: skip
    assert (d2["incidentIds"], d2["restoredAt"]) == (["inc-1"], "2026-03-03T11:00:00.000000Z")
    assert (d3["rework"], d3["reworkOf"]) == (True, "d2")
    assert metrics["deployments"][4]["origin"] == "EXPLICIT"
    assert metrics["incidents"] == [
        {"id": "inc-1", "openedAt": "2026-03-03T09:00:00.000000Z",
         "resolvedAt": "2026-03-03T11:00:00.000000Z", "timeToRestoreSeconds": 7200.0,
         "deploymentId": "d2", "attribution": "TIME"},
    ]  # fmt: skip


def test_service_and_environments_arguments(store: Store) -> None:
    ingest(store, scenarios.frequency())
    variables: dict[str, Any] = {**WINDOW, "service": "web", "environments": ["PROD"]}

    result = run_operation(store, OPERATION, variables)

    assert result["errors"] is None, result["errors"]
    metrics = result["data"]["doraMetrics"]
    assert [d["id"] for d in metrics["deployments"]] == ["web-1", "web-2"]
    assert metrics["productionEnvironments"] == ["PROD"]


def test_empty_window_has_null_rates_and_a_reversed_one_is_an_error(store: Store) -> None:
    empty = run_operation(store, OPERATION, WINDOW)
    reversed_window = run_operation(
        store, OPERATION, {"since": WINDOW["until"], "until": WINDOW["since"]}
    )

    metrics = empty["data"]["doraMetrics"]
    assert (metrics["deploymentCount"], metrics["changeFailureRate"], metrics["reworkRate"]) == (
        0, None, None,
    )  # fmt: skip
    assert metrics["leadTime"] == {
        "medianSeconds": None, "p90Seconds": None, "meanSeconds": None, "count": 0,
    }  # fmt: skip
    assert reversed_window["data"] is None
    assert "must be after since" in reversed_window["errors"][0]["message"]


AGGREGATES = """
query ($since: DateTime!, $until: DateTime!) {
  doraMetrics(since: $since, until: $until) {
    __typename productionEnvironments deploymentCount deploymentsPerDay deployDaysPerWeekMedian
    leadTime { medianSeconds p90Seconds meanSeconds count }
    failedDeploymentCount changeFailureRate
    failedDeploymentRecoveryTime { medianSeconds p90Seconds count }
    incidentTimeToRestore { medianSeconds count }
    ... on DoraMetrics { reworkCount }
    ...rework
  }
}
fragment rework on DoraMetrics { reworkRate }
"""
EVIDENCE_IN_A_FRAGMENT = """
query ($since: DateTime!, $until: DateTime!) {
  doraMetrics(since: $since, until: $until) { deploymentCount ...listed }
}
fragment listed on DoraMetrics { ... on DoraMetrics { deployments { id } } }
"""


def _asked_evidence(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Record the `evidence` each `doraMetrics` resolution passes to the (real) service."""
    asked: list[bool] = []

    def recording(*args: Any) -> dora.DoraMetrics:
        asked.append(args[-1])
        return dora.dora_metrics(*args)

    monkeypatch.setattr(dora_query, "dora_metrics", recording)
    return asked


def test_aggregates_only_selection_skips_the_evidence_and_answers_the_same(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(store, scenarios.failures())
    ingest(store, scenarios.lead_times())
    asked = _asked_evidence(monkeypatch)

    full = run_operation(store, OPERATION, WINDOW)
    lean = run_operation(store, AGGREGATES, WINDOW)

    assert full["errors"] is None and lean["errors"] is None, (full["errors"], lean["errors"])
    assert asked == [True, False]
    answer = lean["data"]["doraMetrics"]
    assert answer.pop("__typename") == "DoraMetrics"
    assert answer == {k: full["data"]["doraMetrics"][k] for k in answer}
    assert answer["leadTime"]["count"] > 0
    assert answer["failedDeploymentCount"] > 0


def test_an_evidence_list_in_a_fragment_is_built(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(store, scenarios.failures())
    asked = _asked_evidence(monkeypatch)

    result = run_operation(store, EVIDENCE_IN_A_FRAGMENT, WINDOW)

    assert result["errors"] is None, result["errors"]
    assert asked == [True]
    assert [d["id"] for d in result["data"]["doraMetrics"]["deployments"]] == [
        "d1", "d2", "d3", "d4", "pipecd-web-ok",
    ]  # fmt: skip


def test_every_field_but_the_evidence_lists_is_known_as_an_aggregate() -> None:
    dora_type = graphql.build_schema(build_schema().as_str()).get_type("DoraMetrics")
    assert isinstance(dora_type, graphql.GraphQLObjectType)

    names = set(dora_type.fields)

    assert names - AGGREGATE_FIELDS == {"deployments", "commits", "incidents"}
    assert AGGREGATE_FIELDS - names == {"__typename"}
