"""`deployment(id)` and the commits a deployment shipped (the previous-deployment rule)."""

from __future__ import annotations

from typing import Any

from lineage.model.deployment_status import DeploymentOrigin, DeploymentStatus
from lineage.services.deployments import deployment_commits, find_deployment
from lineage.store import Store
from tests.support.cdevents import cdevent
from tests.support.scenarios import ingest
from tests.support.trace_scenarios import SHA, promotion

C1 = "c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1"
C2 = "c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2"
C3 = "c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3"


def release(n: int, commits: dict[str, str], after: list[str], minute: int) -> list[dict[str, Any]]:
    """Changes (id -> sha) merged, built together into artifact n, deployed to prod (no links)."""
    ts = f"2026-02-0{n}T09:{minute:02d}:00Z"
    records = [
        cdevent("change.merged", change, ts=ts, subject_id=f"acme/api/pull/{change}",
                custom_data={"commitHash": sha})
        for change, sha in commits.items()
    ]  # fmt: skip
    records += [
        cdevent("build.finished", f"build-{n}", ts=ts, subject_id=f"api-build-{n}",
                after=[*commits, *after], content={"artifactId": f"pkg:oci/api@{n}"}),
        cdevent("service.deployed", f"prod-{n}", ts=f"2026-02-0{n}T12:00:00Z", subject_id="api",
                content={"environment": {"id": "prod"}, "artifactId": f"pkg:oci/api@{n}"}),
    ]  # fmt: skip
    return records


def shipped(store: Store, deployment_id: str) -> list[str]:
    view = find_deployment(store, deployment_id)
    assert view is not None
    return [c.hash for c in deployment_commits(store, view)]


def test_derived_deployment_by_event_id(store: Store) -> None:
    ingest(store, promotion())

    prod = find_deployment(store, "prod")

    assert prod is not None
    assert (prod.origin, prod.status, prod.environment) == (
        DeploymentOrigin.DERIVED, DeploymentStatus.SUCCESS, "prod",
    )  # fmt: skip
    assert prod.trace_commit_hash == SHA
    assert [e.id for e in prod.path] == ["merge", "ci", "build", "package", "prod"]
    assert find_deployment(store, "merge") is None
    assert find_deployment(store, "nope") is None


def test_commits_exclude_what_the_previous_deployment_shipped(store: Store) -> None:
    # Release 2 builds on change 1's merge as well (its build has a PATH from it).
    ingest(store, release(1, {"m1": C1}, [], 0) + release(2, {"m2": C2, "m3": C3}, ["m1"], 30))
    ingest(
        store,
        [
            cdevent("service.deployed", "staging-2", ts="2026-02-02T13:00:00Z", subject_id="api",
                    content={"environment": {"id": "staging"}, "artifactId": "pkg:oci/api@2"}),
        ],
    )  # fmt: skip

    assert shipped(store, "prod-1") == [C1]
    assert sorted(shipped(store, "prod-2")) == [C2, C3]
    assert sorted(shipped(store, "staging-2")) == [C1, C2, C3]  # nothing before it in staging


def test_pipecd_commits_follow_the_same_rule(store: Store) -> None:
    def deployment(deployment_id: str, sha: str, created: int) -> dict[str, Any]:
        return {
            "kind": "Deployment", "id": deployment_id, "applicationId": "app-api",
            "envId": "prod", "status": "DEPLOYMENT_SUCCESS", "deploymentTraceCommitHash": sha,
            "createdAt": created, "completedAt": created + 60,
        }  # fmt: skip

    ingest(store, [deployment("d1", C1, 1000), deployment("d2", C2, 2000),
                   deployment("d3", C2, 3000)])  # fmt: skip

    assert shipped(store, "d1") == [C1]
    assert shipped(store, "d2") == [C2]
    assert shipped(store, "d3") == []  # a redeploy ships nothing new
