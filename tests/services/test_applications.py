"""Applications on every store: known from PipeCD records alone, deployments of both origins."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from lineage.graphql_api import run_operation
from lineage.model.deployment_status import DeploymentOrigin, DeploymentStatus
from lineage.services.applications import application_deployments, find_application
from lineage.store import Store
from tests.support.pipelines import RELEASE_6, RELEASE_7
from tests.support.scenarios import ingest

SOURCE = "a1b2c3d4e5f60718293a4b5c6d7e8f9001122334"
MANIFEST = "ffeeddccbbaa99887766554433221100ffeeddcc"
DIRECT = "0123456789abcdef0123456789abcdef01234567"

APP = """
query ($id: ID!) {
  application(id: $id) {
    id name liveStates { deployTarget }
    deployments { id origin environment status traceCommitHash }
  }
}
"""


def unix(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp())


def pipecd(
    deployment_id: str, created: str, commit: str | None, *, app: str = "payments",
    env: str = "prod", status: str = "DEPLOYMENT_SUCCESS",
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "kind": "Deployment", "id": deployment_id, "applicationId": app,
        "applicationName": f"{app}-svc", "envId": env, "status": status,
        "createdAt": unix(created),
    }  # fmt: skip
    if commit is not None:
        record["deploymentTraceCommitHash"] = commit
    return record


def manifest() -> dict[str, Any]:
    return {"kind": "ManifestCommit", "hash": MANIFEST,
            "message": f"Bump image\n\nSource-Commit-Hash: {SOURCE}\n"}  # fmt: skip


def test_an_application_known_only_from_pipecd_records_is_found_with_its_deployments(
    store: Store,
) -> None:
    ingest(store, [pipecd("p-1", "2026-01-08T10:00:00", MANIFEST, app="app-api"),
                   pipecd("p-2", "2026-01-08T11:00:00", DIRECT, app="app-api", env="dev"),
                   manifest()])  # fmt: skip

    known = find_application(store, "app-api")
    app = run_operation(store, APP, {"id": "app-api"})["data"]["application"]

    assert known is not None
    assert (known.id, known.name, known.latest) == ("app-api", "app-api-svc", ())
    assert (app["id"], app["name"], app["liveStates"]) == ("app-api", "app-api-svc", [])
    assert app["deployments"] == [
        {"id": "p-2", "origin": "EXPLICIT", "environment": "dev", "status": "SUCCESS",
         "traceCommitHash": DIRECT},
        {"id": "p-1", "origin": "EXPLICIT", "environment": "prod", "status": "SUCCESS",
         "traceCommitHash": SOURCE},  # through the manifest commit
    ]  # fmt: skip
    assert find_application(store, "app-other") is None


def test_deployments_mix_both_origins_newest_first(store: Store) -> None:
    ingest(store, RELEASE_6 + RELEASE_7 + [
        pipecd("p-old", "2026-02-02T10:30:00", DIRECT),  # between release 6's staging and prod
        pipecd("p-new", "2026-02-03T12:00:00", MANIFEST, env="staging"),  # the newest of all
        pipecd("p-bare", "2026-02-03T10:50:00", None, status="DEPLOYMENT_FAILURE"),
        manifest(),
    ])  # fmt: skip

    views = application_deployments(store, "payments", 20)
    top = application_deployments(store, "payments", 3)

    assert [v.id for v in views] == [
        "p-new", "r7-rollback", "p-bare", "r7-deploy-prod", "r7-deploy-staging", "r7-deploy-dev",
        "r6-deploy-prod", "p-old", "r6-deploy-staging", "r6-deploy-dev",
    ]  # fmt: skip
    assert [v.id for v in top] == ["p-new", "r7-rollback", "p-bare"]
    explicit = {v.id: v for v in views if v.origin is DeploymentOrigin.EXPLICIT}
    assert {i: (v.trace_commit_hash, v.manifest_commit_hash) for i, v in explicit.items()} == {
        "p-new": (SOURCE, MANIFEST), "p-bare": (None, None), "p-old": (DIRECT, None),
    }  # fmt: skip
    assert explicit["p-bare"].status is DeploymentStatus.FAILURE
    assert application_deployments(store, "payments", 0) == []

    data = run_operation(store, APP, {"id": "payments"})["data"]["application"]
    assert [(d["id"], d["origin"], d["traceCommitHash"]) for d in data["deployments"][:3]] == [
        ("p-new", "EXPLICIT", SOURCE), ("r7-rollback", "DERIVED", None),
        ("p-bare", "EXPLICIT", None),
    ]  # fmt: skip


def test_derived_deployments_carry_the_commit_their_event_names(store: Store) -> None:
    deploy = {
        "context": {"specversion": "0.5.1", "id": "deploy-1", "source": "/cd",
                    "type": "dev.cdevents.service.deployed.0.3.0",
                    "timestamp": "2026-02-05T10:00:00Z"},
        "subject": {"id": "payments", "content": {"environment": {"id": "prod"},
                                                  "artifactId": "pkg:oci/payments@sha256:1"}},
        "customData": {"commitHash": MANIFEST},
    }  # fmt: skip
    ingest(store, [deploy, manifest()])

    (view,) = application_deployments(store, "payments", 5)

    assert (view.id, view.origin, view.trace_commit_hash, view.manifest_commit_hash) == (
        "deploy-1", DeploymentOrigin.DERIVED, SOURCE, MANIFEST,
    )  # fmt: skip
