"""PipeCD records: fields as PipeCD names them, unix seconds to UTC, errors naming the field."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from lineage.config import TraceSettings
from lineage.ingest import RecordError
from lineage.ingest.pipecd import (
    parse_deployment,
    parse_deployment_trace,
    parse_manifest_commit,
    parse_pipecd_record,
)
from lineage.model.deployment_status import DeploymentStatus
from lineage.model.pipecd import Deployment, DeploymentTrace, ManifestCommit

SHA = "9F2C4E1A7B3D5F6E8A0B1C2D3E4F5A6B7C8D9E0F"

TRACE: dict[str, Any] = {
    "kind": "DeploymentTrace",
    "id": "trace-1",
    "projectId": "acme",
    "title": "Fix rounding in totals",
    "commitMessage": "Fix rounding in totals\n\nUse banker's rounding.",
    "commitHash": SHA,
    "commitUrl": f"https://github.com/acme/payments/commit/{SHA.lower()}",
    "commitTimestamp": 1767603600,
    "author": "alice",
    "createdAt": 1767604000,
    "updatedAt": "1767605000",
}
DEPLOYMENT: dict[str, Any] = {
    "kind": "Deployment",
    "id": "deploy-1",
    "applicationId": "app-payments",
    "applicationName": "payments",
    "projectId": "acme",
    "envId": "prod",
    "status": "DEPLOYMENT_SUCCESS",
    "deploymentTraceCommitHash": SHA,
    "createdAt": 1767604100,
    "completedAt": 1767604400,
}


def test_trace_fields_and_timestamps() -> None:
    trace = parse_deployment_trace(TRACE)

    assert trace == DeploymentTrace(
        id="trace-1",
        commit_hash=SHA.lower(),
        created_at=datetime(2026, 1, 5, 9, 6, 40, tzinfo=UTC),
        updated_at=datetime(2026, 1, 5, 9, 23, 20, tzinfo=UTC),
        project_id="acme",
        title="Fix rounding in totals",
        commit_message="Fix rounding in totals\n\nUse banker's rounding.",
        commit_url=TRACE["commitUrl"],
        commit_timestamp=datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
        author="alice",
        digest=trace.digest,
    )
    assert trace.digest


def test_deployment_fields_and_normalized_status() -> None:
    deployment = parse_deployment(DEPLOYMENT)

    assert isinstance(deployment, Deployment)
    assert (deployment.status, deployment.pipecd_status) == (
        DeploymentStatus.SUCCESS, "DEPLOYMENT_SUCCESS",
    )  # fmt: skip
    assert deployment.trace_commit_hash == SHA.lower()
    assert deployment.completed_at == datetime(2026, 1, 5, 9, 13, 20, tzinfo=UTC)
    assert (deployment.application_name, deployment.env_id) == ("payments", "prod")


def test_zero_means_unset_for_optional_timestamps() -> None:
    running = parse_deployment({**DEPLOYMENT, "status": "DEPLOYMENT_RUNNING", "completedAt": 0})

    assert running.completed_at is None
    assert running.status is DeploymentStatus.RUNNING


def test_digest_ignores_key_order_and_hash_case_but_not_content() -> None:
    same = parse_deployment_trace(dict(reversed(list(TRACE.items()))) | {"commitHash": SHA.lower()})
    other = parse_deployment_trace(TRACE | {"updatedAt": 1767609999})

    assert same.digest == parse_deployment_trace(TRACE).digest
    assert other.digest != same.digest


def test_manifest_commit_names_its_source_through_trailers() -> None:
    record = {
        "kind": "ManifestCommit",
        "hash": "1111111aaaaaaa",
        "message": f"Bump payments image\n\nSource-Commit-Hash: {SHA}\nSigned-off-by: bot",
    }

    commit = parse_manifest_commit(record)
    custom = parse_manifest_commit(
        record | {"message": f"Bump\n\nUpstream: {SHA}"}, TraceSettings(trailer_keys=("Upstream",))
    )

    assert commit == ManifestCommit(
        "1111111aaaaaaa", record["message"], (SHA.lower(),), commit.digest
    )
    assert custom.source_hashes == (SHA.lower(),)
    assert commit.id == "1111111aaaaaaa"


def test_dispatch_by_kind() -> None:
    assert isinstance(parse_pipecd_record(TRACE), DeploymentTrace)
    assert isinstance(parse_pipecd_record(DEPLOYMENT), Deployment)
    with pytest.raises(RecordError, match="unknown PipeCD record kind 'Pipeline'"):
        parse_pipecd_record({"kind": "Pipeline"})


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({**TRACE, "commitHash": None}, "commitHash: expected a commit hash string"),
        ({k: v for k, v in TRACE.items() if k != "commitHash"}, "commitHash: Field required"),
        ({**TRACE, "commitHash": "main"}, "commitHash: not a commit hash: 'main'"),
        ({**TRACE, "createdAt": "2026-01-05"}, "createdAt: expected unix seconds"),
        ({**TRACE, "updatedAt": -5}, "updatedAt: unix seconds out of range"),
        ({**TRACE, "id": ""}, "id: String should have at least 1 character"),
        ({**DEPLOYMENT, "status": "SUCCESS"}, "status: unknown PipeCD deployment status 'SUCCESS'"),
        ({**DEPLOYMENT, "applicationId": None}, "applicationId: Input should be a valid string"),
        ({**DEPLOYMENT, "completedAt": "soon"}, "completedAt: expected unix seconds"),
        ({"kind": "ManifestCommit", "hash": "abc"}, "hash: not a commit hash"),
        ({"kind": "ManifestCommit", "hash": "abcdef12"}, "message: Field required"),
    ],
)
def test_errors_name_the_field(record: dict[str, Any], message: str) -> None:
    with pytest.raises(RecordError) as caught:
        parse_pipecd_record(record)
    assert message in str(caught.value)
