"""Weave GitOps `PipelineExecution` resources: read from YAML as written, mapped, refused."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest

from lineage.ingest import RecordError, read_records
from lineage.ingest.weave import execution_digest, parse_weave_execution
from lineage.model.pipeline import EnvironmentStatus, ExecutionOrigin, ExecutionStatus
from tests.support.pipelines import WEAVE_YAML


def resources() -> list[dict[str, Any]]:
    return [record.raw for record in read_records(WEAVE_YAML)]


def test_the_example_yaml_holds_two_resources_with_their_lines() -> None:
    records = list(read_records(WEAVE_YAML))

    assert [r.origin.rsplit(":", 1)[1] for r in records] == ["4", "50"]
    assert all(r.error is None for r in records)


def test_a_promotion_through_every_environment_succeeded() -> None:
    execution = parse_weave_execution(resources()[0])

    assert (execution.id, execution.name, execution.namespace) == (
        "flux-system/podinfo-6.5.3-x7k2p", "podinfo-6.5.3-x7k2p", "flux-system",
    )  # fmt: skip
    assert execution.origin is ExecutionOrigin.WEAVE
    assert execution.status is ExecutionStatus.SUCCEEDED
    assert (execution.pipeline_name, execution.pipeline_namespace) == ("podinfo", "flux-system")
    assert execution.params == {"image": "ghcr.io/stefanprodan/podinfo", "version": "6.5.3"}
    assert execution.trigger is not None
    assert execution.trigger["time"] == "2026-02-03T10:00:00.000000Z"  # YAML timestamp as text
    assert [(c.type, c.status, c.reason) for c in execution.conditions] == [
        ("Ready", "True", "Succeeded"),
    ]  # fmt: skip
    assert [(e.name, e.order, e.status) for e in execution.environments] == [
        ("dev", 0, EnvironmentStatus.SUCCEEDED),
        ("test", 1, EnvironmentStatus.SUCCEEDED),
        ("prod", 2, EnvironmentStatus.SUCCEEDED),
    ]
    assert execution.started_at == datetime(2026, 2, 3, 10, 0, tzinfo=UTC)
    assert execution.finished_at == datetime(2026, 2, 3, 10, 41, 12, tzinfo=UTC)
    assert execution.updated_at == execution.finished_at


def test_a_prod_rollback_fails_the_execution_and_environments_follow_their_order() -> None:
    execution = parse_weave_execution(resources()[1])

    assert execution.status is ExecutionStatus.FAILED
    assert execution.params == {"image": "ghcr.io/stefanprodan/podinfo", "version": "6.5.4"}
    assert execution.pipeline_namespace == "flux-system"  # the execution's own namespace
    assert [(e.name, e.order, e.status) for e in execution.environments] == [
        ("dev", 0, EnvironmentStatus.SUCCEEDED),
        ("test", 1, EnvironmentStatus.SUCCEEDED),
        ("prod", 2, EnvironmentStatus.ROLLED_BACK),
    ]
    assert execution.finished_at == datetime(2026, 2, 4, 9, 52, 40, tzinfo=UTC)


@pytest.mark.parametrize(
    ("conditions", "environments", "status"),
    [
        ([{"type": "Ready", "status": "Unknown", "reason": "Progressing"}], [], "running"),
        ([{"type": "Ready", "status": "False", "reason": "Cancelled"}], [], "cancelled"),
        ([{"type": "Ready", "status": "False", "reason": "HealthCheckFailed"}], [], "failed"),
        ([{"type": "Stalled", "status": "True"}], [], "failed"),
        ([{"type": "Reconciling", "status": "True"}], [], "running"),
        ([], [], "queued"),
        ([], [{"name": "dev", "status": {"type": "Pending"}}], "queued"),
        ([], [{"name": "dev", "status": {"type": "Succeeded"}}, {"name": "prod"}], "running"),
        ([], [{"name": "dev", "status": {"type": "Succeeded"}}], "succeeded"),
        ([], [{"name": "dev", "status": {"type": "Failed"}}], "failed"),
    ],
)
def test_status_rules(
    conditions: list[dict[str, Any]], environments: list[dict[str, Any]], status: str
) -> None:
    raw = copy.deepcopy(resources()[0])
    raw["status"] = {"conditions": conditions, "environments": environments}

    assert parse_weave_execution(raw).status.value == status


def test_json_with_unix_seconds_reads_like_yaml() -> None:
    raw = copy.deepcopy(resources()[0])
    raw["metadata"]["creationTimestamp"] = 1770112800  # 2026-02-03T10:00:00Z
    raw["status"]["conditions"][0]["lastTransitionTime"] = "2026-02-03T11:41:12+01:00"

    execution = parse_weave_execution(raw)

    assert execution == parse_weave_execution(resources()[0])
    assert execution_digest(execution) == execution_digest(parse_weave_execution(resources()[0]))


def test_digest_changes_with_status() -> None:
    first, second = resources()
    assert execution_digest(parse_weave_execution(first)) != execution_digest(
        parse_weave_execution(second)
    )


def _broken(path: str, value: Any) -> dict[str, Any]:
    raw = copy.deepcopy(resources()[0])
    target = raw
    *parents, leaf = path.split(".")
    for parent in parents:
        target = target[int(parent)] if isinstance(target, list) else target[parent]
    if value is None:
        del target[leaf]
    else:
        target[leaf] = value
    return raw


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (_broken("apiVersion", "pipelines.weave.works/v1alpha1"),
         "apiVersion: Input should be 'gitops.weave.works/v1alpha1'"),
        (_broken("metadata.name", None), "metadata.name: Field required"),
        (_broken("spec.pipelineRef", None), "spec.pipelineRef: Field required"),
        (_broken("status.environments.1.status", {"type": "Exploded"}),
         "status.environments.1.status.type: unknown environment status 'Exploded'"),
        (_broken("status.environments.0.status", {"type": "Succeeded", "time": "yesterday"}),
         "status.environments.0.status.time: not an RFC 3339 timestamp"),
        (_broken("status.conditions.0.status", "Maybe"),
         "status.conditions.0.status: Input should be"),
        (_broken("spec.params", "version=1"), "spec.params"),
    ],
)  # fmt: skip
def test_bad_resources_are_refused_naming_the_field(raw: dict[str, Any], message: str) -> None:
    with pytest.raises(RecordError, match=message.replace(".", r"\.").replace("(", r"\(")):
        parse_weave_execution(raw)
