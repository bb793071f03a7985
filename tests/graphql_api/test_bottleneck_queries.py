"""`stageStats` and `flakyTests` in-process, on every store, through the example operations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lineage.graphql_api import build_schema, run_operation
from lineage.store import Store
from tests.support.flaky_scenarios import COMMIT_A, flaky_runs
from tests.support.scenarios import ingest
from tests.support.stage_scenarios import image, payments_runs

QUERIES = Path(__file__).resolve().parents[2] / "graphql" / "queries"
APRIL = {"since": "2026-04-01T00:00:00Z", "until": "2026-05-01T00:00:00Z"}
#: The types these queries added: every field and argument of theirs is described.
NEW_TYPES = (
    "StageStatsReport", "StageStats", "StageRun", "RerunEvidence", "DurationSpread",
    "PipelineCriticalTime", "FlakyTestsReport", "FlakyTest", "FlakyCommit", "TestRun",
    "CriticalPath", "CriticalPathStep",
)  # fmt: skip


def run_example(store: Store, name: str, variables: dict[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = run_operation(store, (QUERIES / name).read_text(), variables)
    assert answer.get("errors") is None, answer["errors"]
    return answer["data"]


def test_stage_stats_example(store: Store) -> None:
    """The numbers of tests/services/test_stage_stats.py, through GraphQL."""
    ingest(store, payments_runs())

    data = run_example(store, "stage_stats.graphql", {**APRIL, "pipelineName": "payments-ci"})

    report = data["stageStats"]
    assert report["pipelineRuns"] == 3
    assert report["criticalPathSeconds"] == [{"pipelineName": "payments-ci", "seconds": 1530.0}]
    build = report["stages"][0]
    assert (build["name"], build["runs"], build["retries"], build["failureRate"]) == (
        "build", 5, 2, 0.2,
    )  # fmt: skip
    assert build["duration"] == {"medianSeconds": 240.0, "p90Seconds": 276.0, "count": 5}
    assert build["queue"] == {"medianSeconds": 30.0, "p90Seconds": 54.0, "count": 5}
    assert (build["criticalRuns"], build["criticalRate"], build["criticalSeconds"]) == (
        3, 1.0, 1080.0,
    )  # fmt: skip
    assert build["idempotent"] is False
    (rerun,) = build["nonIdempotentReruns"]
    assert rerun == {
        "pipelineRunId": "r3",
        "earlier": {"stageId": "r3-build-1", "attempt": 1, "artifacts": [image("c")]},
        "later": {"stageId": "r3-build-2", "attempt": 2, "artifacts": [image("d")]},
    }
    assert [s["name"] for s in report["stages"]] == ["build", "test", "lint"]


def test_flaky_tests_example(store: Store) -> None:
    ingest(store, flaky_runs())

    data = run_example(store, "flaky_tests.graphql", APRIL)

    report = data["flakyTests"]
    assert (report["testsExamined"], report["runsExamined"]) == (3, 10)
    login, unit = report["tests"]
    assert (login["testId"], login["flakyRate"]) == ("test-login", 1.0)
    assert (unit["testId"], unit["commits"], unit["flakyCommits"]) == ("unit", 3, 1)
    (evidence,) = unit["evidence"]
    assert evidence["commit"] == COMMIT_A
    assert [(r["event"]["id"], r["verdict"]) for r in evidence["runs"]] == [
        ("f1-unit", "PASSED"), ("f2-unit", "FAILED"),
    ]  # fmt: skip


@pytest.mark.parametrize("field", ["stageStats", "flakyTests"])
def test_a_reversed_window_is_a_clear_error(store: Store, field: str) -> None:
    window = 'since: "2026-05-01T00:00:00Z", until: "2026-04-01T00:00:00Z"'
    query = f"{{ {field}({window}) {{ since }} }}"

    answer = run_operation(store, query)

    assert answer["data"] is None
    assert "must be before until" in answer["errors"][0]["message"]


def test_every_new_field_and_argument_is_described() -> None:
    schema = build_schema()

    undescribed = []
    for name in NEW_TYPES:
        definition = schema._schema.type_map[name]
        for field_name, field in definition.fields.items():  # type: ignore[attr-defined]
            if not field.description:
                undescribed.append(f"{name}.{field_name}")
    query = schema._schema.query_type
    assert query is not None
    for root in ("stageStats", "flakyTests"):
        field = query.fields[root]
        assert field.description
        undescribed += [f"{root}({a})" for a, arg in field.args.items() if not arg.description]
    assert undescribed == []
