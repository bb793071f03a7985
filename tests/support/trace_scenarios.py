"""Producer data for the commit-trace tests: loose CDEvents, PipeCD records, manifest commits.

`PROMOTION` is a commit reaching dev, staging and prod where only the dev deploy is linked to the
change's chain; the staging and prod deploys (another tool, no links) name the artifact only.
Hashes are readable hex so assertions read like the scenario.
"""

from __future__ import annotations

from typing import Any

from tests.support.cdevents import cdevent

Record = dict[str, Any]

SHA = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"
IDLE_SHA = "dddd0000aaaa1111bbbb2222cccc3333eeee4444"
PIPECD_SHA = "c0ffee1234567890abcdef1234567890abcdef12"
SOURCE_SHA = "5005ce0000000000000000000000000000000001"
MANIFEST_SHA = "3a41fe5700000000000000000000000000000002"
DEEP_SHA = "d00d000000000000000000000000000000000d00"
#: How many links downstream of the event naming `DEEP_SHA` its deployment is.
DEEP_STEPS = 14
PURL = "pkg:oci/payments@sha256%3A1111?repository_url=registry.example.com/acme"
CHANGE = "acme/payments/pull/42"


def promotion(sha: str = SHA, purl: str = PURL, tag: str = "") -> list[Record]:
    """change → pipeline → build → package → dev deploy (PATH links); staging, prod: no links.

    `tag` suffixes every id (and the change), for a second promotion in one store.
    """
    chain, change, p = f"chain-promotion{tag}", f"{CHANGE}{tag}", tag
    return [
        cdevent(
            "change.merged", f"merge{p}", chain=chain, ts="2026-01-05T09:00:00Z", subject_id=change,
            content={"repository": {"id": "acme/payments"}},
            custom_data={"commitHash": sha, "commitUrl": f"https://git.example.com/c/{sha}",
                         "title": "Fix rounding in totals", "author": "alice"},
        ),
        cdevent(
            "pipelinerun.started", f"ci{p}", chain=chain, ts="2026-01-05T09:01:00Z",
            subject_id=f"payments-ci{p}", after=[f"merge{p}"],
        ),
        cdevent(
            "build.finished", f"build{p}", chain=chain, ts="2026-01-05T09:05:00Z",
            subject_id=f"payments-build{p}", after=[f"ci{p}"], content={"artifactId": purl},
        ),
        cdevent(
            "artifact.packaged", f"package{p}", chain=chain, ts="2026-01-05T09:06:00Z",
            subject_id=purl, after=[f"build{p}"], content={"change": {"id": change}},
        ),
        cdevent(
            "service.deployed", f"dev{p}", chain=chain, ts="2026-01-05T09:10:00Z",
            subject_id="payments", after=[f"package{p}"],
            content={"environment": {"id": "dev"}, "artifactId": purl},
        ),
        cdevent(
            "service.deployed", f"staging{p}", ts="2026-01-05T11:00:00Z", subject_id="payments",
            content={"environment": {"id": "staging"}, "artifactId": purl},
        ),
        cdevent(
            "service.upgraded", f"prod{p}", ts="2026-01-06T08:00:00Z", subject_id="payments",
            content={"environment": {"id": "prod"}, "artifactId": purl},
        ),
    ]  # fmt: skip


def idle_commit() -> list[Record]:
    """A merged change nobody built or deployed."""
    return [
        cdevent(
            "change.merged", "idle-merge", ts="2026-01-07T09:00:00Z", subject_id="acme/docs/pull/9",
            custom_data={"commitHash": IDLE_SHA, "title": "Fix typo"},
        )
    ]  # fmt: skip


def pipecd_trace() -> list[Record]:
    """PipeCD's trace of a commit and two deployments of two applications."""
    return [
        {
            "kind": "DeploymentTrace", "id": "trace-1", "projectId": "acme",
            "title": "Add retry to upstream client", "commitMessage": "Add retry\n\nDetails.",
            "commitHash": PIPECD_SHA, "commitUrl": f"https://git.example.com/c/{PIPECD_SHA}",
            "commitTimestamp": 1767600000, "author": "bob",
            "createdAt": 1767600100, "updatedAt": 1767603000,
        },
        {
            "kind": "Deployment", "id": "deploy-checkout", "applicationId": "app-checkout",
            "applicationName": "checkout", "projectId": "acme", "envId": "prod",
            "status": "DEPLOYMENT_SUCCESS", "deploymentTraceCommitHash": PIPECD_SHA,
            "createdAt": 1767600200, "completedAt": 1767600500,
        },
        {
            "kind": "Deployment", "id": "deploy-cart", "applicationId": "app-cart",
            "applicationName": "cart", "projectId": "acme", "envId": "staging",
            "status": "DEPLOYMENT_RUNNING", "deploymentTraceCommitHash": PIPECD_SHA,
            "createdAt": 1767600300, "completedAt": 0,
        },
    ]  # fmt: skip


def manifest_hop() -> list[Record]:
    """A source commit reaching deployments only through a manifest-repo commit's trailer."""
    return [
        cdevent(
            "change.merged", "src-merge", ts="2026-01-08T09:00:00Z", subject_id="acme/api/pull/3",
            custom_data={"commitHash": SOURCE_SHA, "title": "Speed up cold start"},
        ),
        {
            "kind": "ManifestCommit", "hash": MANIFEST_SHA,
            "message": f"Bump api image\n\nSource-Commit-Hash: {SOURCE_SHA}\nSigned-off-by: bot",
        },
        {
            "kind": "Deployment", "id": "deploy-api", "applicationId": "app-api",
            "applicationName": "api", "envId": "prod", "status": "DEPLOYMENT_SUCCESS",
            "deploymentTraceCommitHash": MANIFEST_SHA,
            "createdAt": 1767866000, "completedAt": 1767866100,
        },
        cdevent(
            "service.deployed", "argo-sync", ts="2026-01-08T10:00:00Z", subject_id="api",
            content={"environment": {"id": "prod"}}, custom_data={"revision": MANIFEST_SHA},
        ),
    ]  # fmt: skip


def deep_chain() -> list[Record]:
    """A change naming `DEEP_SHA`, then `DEEP_STEPS - 1` task runs and a deploy, PATH-linked."""
    records = [
        cdevent(
            "change.merged", "deep-0", ts="2026-01-11T09:00:00Z", subject_id="acme/deep/pull/1",
            custom_data={"commitHash": DEEP_SHA, "title": "Deep change"},
        )
    ]  # fmt: skip
    for step in range(1, DEEP_STEPS):
        records.append(
            cdevent(
                "taskrun.finished", f"deep-{step}", ts=f"2026-01-11T09:{step:02d}:00Z",
                subject_id=f"deep-task-{step}", after=[f"deep-{step - 1}"],
            )
        )  # fmt: skip
    records.append(
        cdevent(
            "service.deployed", "deep-deploy", ts="2026-01-11T10:00:00Z", subject_id="deep-svc",
            content={"environment": {"id": "prod"}}, after=[f"deep-{DEEP_STEPS - 1}"],
        )
    )  # fmt: skip
    return records
