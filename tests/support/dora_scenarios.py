"""Hand-computed DORA scenarios: deployments, rollbacks, incidents, commits with known answers.

The window of every scenario is `SINCE` (Monday 2026-03-02) to `UNTIL` (Monday 2026-03-16):
14 days, ISO weeks 10 and 11. Each function's docstring states what the metrics must be.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tests.support.cdevents import cdevent

Record = dict[str, Any]

SINCE = datetime(2026, 3, 2, tzinfo=UTC)
UNTIL = datetime(2026, 3, 16, tzinfo=UTC)

C0 = "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0"
C1 = "c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1"
C2 = "c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2"
C3 = "c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3"


def unix(ts: str) -> int:
    """Unix seconds of an RFC 3339 UTC instant (PipeCD records carry those)."""
    return int(datetime.fromisoformat(ts.replace("Z", "+00:00")).timestamp())


def deploy(
    event_id: str,
    ts: str,
    service: str = "api",
    env: str = "prod",
    *,
    kind: str = "service.upgraded",
    artifact: str | None = None,
    after: list[str] | None = None,
    chain: str | None = None,
) -> Record:
    """A deployment CDEvent (or a rollback with `kind="service.rolledback"`)."""
    content: dict[str, Any] = {"environment": {"id": env, "source": "/cd"}}
    if artifact is not None:
        content["artifactId"] = artifact
    return cdevent(
        kind, event_id, ts=ts, subject_id=service, content=content, after=after or [], chain=chain
    )


def incident(
    event_id: str,
    ts: str,
    incident_id: str,
    *,
    kind: str = "incident.detected",
    service: str | None = "api",
    env: str | None = "prod",
    artifact: str | None = None,
    after: list[str] | None = None,
    chain: str | None = None,
) -> Record:
    """An incident event naming (some of) a service, an environment and an artifact."""
    content: dict[str, Any] = {"description": f"{incident_id} happened"}
    if service is not None:
        content["service"] = {"id": service, "source": "/cd"}
    if env is not None:
        content["environment"] = {"id": env, "source": "/cd"}
    if artifact is not None:
        content["artifactId"] = artifact
    return cdevent(
        kind, event_id, ts=ts, subject_id=incident_id, content=content, after=after or [],
        chain=chain,
    )  # fmt: skip


def frequency() -> list[Record]:
    """Two production environments (`prod`, and `env-7` named "Production"), staging, edges.

    Counted with the default production set: api@prod Mon 03-02, api@env-7 Mon 03-02, web@prod
    Wed 03-04, web@prod Mon 03-09 = 4 deployments, 4/14 per day; deploy-days week 10: 2
    (03-02, 03-04), week 11: 1 → median 1.5. Not counted: staging, 03-01T23:59 (before),
    03-16T00:00 (at `until`), a rollback, a failed pipeline run.
    """
    return [
        cdevent("environment.created", "env-7-created", ts="2026-01-01T00:00:00Z",
                subject_id="env-7", content={"name": "Production"}),
        deploy("before", "2026-03-01T23:59:00Z"),
        deploy("api-prod", "2026-03-02T10:00:00Z", kind="service.deployed"),
        deploy("api-env7", "2026-03-02T12:00:00Z", env="env-7"),
        deploy("api-staging", "2026-03-03T10:00:00Z", env="staging"),
        deploy("web-1", "2026-03-04T10:00:00Z", service="web"),
        deploy("web-rollback", "2026-03-04T10:05:00Z", service="web", kind="service.rolledback"),
        deploy("web-2", "2026-03-09T10:00:00Z", service="web"),
        cdevent("pipelinerun.finished", "ci-failed", ts="2026-03-10T10:00:00Z",
                subject_id="web-ci-9", content={"pipelineName": "web-ci", "outcome": "failure"}),
        deploy("at-until", "2026-03-16T00:00:00Z", service="web"),
    ]  # fmt: skip


def failures() -> list[Record]:
    """A rollback, an incident linked only by time, a hotfix that is rework, PipeCD records.

    api@prod: D1 03-02T10:00 rolled back 10:30 (failed, recovery 1800 s by ROLLBACK); D2
    03-02T15:00 (not rework: D1 restored at 10:30); incident inc-1 03-03T09:00 names api@prod
    only → TIME-attributed to D2 (18 h before), resolved 11:00 (time to restore 7200 s); D3
    03-03T10:00 is the hotfix: rework of D2 (D2 restored at 11:00, after D3); D2 recovery
    03-02T15:00 → 03-03T11:00 = 72000 s; D4 03-04T10:00. PipeCD: web@prod SUCCESS 03-05T10:05
    (completed) counts; a FAILURE one and a staging one do not.
    Deployments 5, failed 2 (CFR 0.4), recovery median 36900 s and p90 64980 s, rework 1 (0.2).
    """
    return [
        deploy("d1", "2026-03-02T10:00:00Z"),
        deploy("r1", "2026-03-02T10:30:00Z", kind="service.rolledback"),
        deploy("d2", "2026-03-02T15:00:00Z"),
        incident("inc-1-detected", "2026-03-03T09:00:00Z", "inc-1"),
        deploy("d3", "2026-03-03T10:00:00Z"),
        incident("inc-1-resolved", "2026-03-03T11:00:00Z", "inc-1", kind="incident.resolved"),
        deploy("d4", "2026-03-04T10:00:00Z"),
        {"kind": "Deployment", "id": "pipecd-web-ok", "applicationId": "app-web",
         "applicationName": "web", "envId": "prod", "status": "DEPLOYMENT_SUCCESS",
         "createdAt": unix("2026-03-05T10:00:00Z"), "completedAt": unix("2026-03-05T10:05:00Z")},
        {"kind": "Deployment", "id": "pipecd-web-failed", "applicationId": "app-web",
         "applicationName": "web", "envId": "prod", "status": "DEPLOYMENT_FAILURE",
         "createdAt": unix("2026-03-06T10:00:00Z"), "completedAt": unix("2026-03-06T10:05:00Z")},
        {"kind": "Deployment", "id": "pipecd-web-staging", "applicationId": "app-web",
         "applicationName": "web", "envId": "staging", "status": "DEPLOYMENT_SUCCESS",
         "createdAt": unix("2026-03-05T09:00:00Z"), "completedAt": unix("2026-03-05T09:05:00Z")},
    ]  # fmt: skip


def attributions() -> list[Record]:
    """One incident per attribution rule (and one attributed to nothing).

    shop@prod: x1 03-02T08:00 (artifact a1, chain "release-1"), x2 03-05T08:00 (artifact a2),
    x3 03-05T20:00 (artifact a3). Incidents, all naming shop@prod:
    - inc-link 03-05T21:00, PATH-linked from x1 → LINK to x1 (though x3 is 1 h before it);
    - inc-chain 03-05T21:30, in chain "release-1" → CHAIN to x1;
    - inc-artifact 03-05T22:00, names a2 → ARTIFACT to x2;
    - inc-time 03-06T07:00 → TIME to x3 (11 h before);
    - inc-none 03-08T09:00 → none (x3 is 37 h before).
    Failed: x1, x2, x3 (3 of 3, CFR 1.0).
    """
    return [
        deploy("x1", "2026-03-02T08:00:00Z", "shop", artifact="a1", chain="release-1"),
        deploy("x2", "2026-03-05T08:00:00Z", "shop", artifact="a2"),
        deploy("x3", "2026-03-05T20:00:00Z", "shop", artifact="a3"),
        incident("inc-link-1", "2026-03-05T21:00:00Z", "inc-link", service="shop", after=["x1"]),
        incident("inc-chain-1", "2026-03-05T21:30:00Z", "inc-chain", service="shop",
                 chain="release-1"),
        incident("inc-artifact-1", "2026-03-05T22:00:00Z", "inc-artifact", service="shop",
                 artifact="a2"),
        incident("inc-time-1", "2026-03-06T07:00:00Z", "inc-time", service="shop",
                 kind="incident.reported"),
        incident("inc-none-1", "2026-03-08T09:00:00Z", "inc-none", service="shop"),
    ]  # fmt: skip


def lead_times() -> list[Record]:
    """Commits, their merges, builds and deployments (PATH-linked), one shipped before the window.

    release 0: C0 merged 03-01T08:00, deployed to prod 03-01T10:00 (before the window).
    release 1 (build-1 built from merge-0, merge-1 and merge-2): staging 03-02T09:45, prod
    03-02T10:00. C1 has a commit timestamp 03-02T08:00 → 7200 s; C2 only its merge 03-02T09:30
    → 1800 s, from merge. C0 shipped already (previous deployment): not listed.
    release 2: C3's timestamp 03-03T11:00 is after its prod deployment 03-03T10:00 → -3600 s,
    listed, not counted. Lead time: median 4500, p90 6660, mean 4500, count 2.
    """

    def merge(event_id: str, ts: str, sha: str, stamp: str | None = None) -> Record:
        data: dict[str, Any] = {"commitHash": sha, "title": f"feat: {event_id}",
                                "author": "alice"}  # fmt: skip
        if stamp is not None:
            data["timestamp"] = stamp
        return cdevent("change.merged", event_id, ts=ts, subject_id=f"acme/api/pull/{event_id}",
                       custom_data=data)  # fmt: skip

    def build(event_id: str, ts: str, after: list[str]) -> Record:
        return cdevent("build.finished", event_id, ts=ts, subject_id=event_id, after=after)

    return [
        merge("merge-0", "2026-03-01T08:00:00Z", C0),
        build("build-0", "2026-03-01T09:00:00Z", ["merge-0"]),
        deploy("prod-0", "2026-03-01T10:00:00Z", after=["build-0"]),
        merge("merge-1", "2026-03-02T09:00:00Z", C1, stamp="2026-03-02T08:00:00Z"),
        merge("merge-2", "2026-03-02T09:30:00Z", C2),
        build("build-1", "2026-03-02T09:40:00Z", ["merge-0", "merge-1", "merge-2"]),
        deploy("staging-1", "2026-03-02T09:45:00Z", env="staging", after=["build-1"]),
        deploy("prod-1", "2026-03-02T10:00:00Z", after=["build-1"]),
        merge("merge-3", "2026-03-03T09:00:00Z", C3, stamp="2026-03-03T11:00:00Z"),
        build("build-3", "2026-03-03T09:30:00Z", ["merge-3"]),
        deploy("prod-3", "2026-03-03T10:00:00Z", after=["build-3"]),
    ]


def unrestored_before_window() -> list[Record]:
    """A failure 4 days before the window, never resolved: the window's first deployment of the
    same service and environment fixes it (rework), and restores it (NEXT_DEPLOYMENT).

    api@prod d0 02-26T10:00; inc-old 02-26T12:00 linked to d0, never resolved; d1 03-02T10:00.
    Counted: d1 only, not failed, rework of d0 → rework rate 1.0, CFR 0.0; inc-old not listed.
    """
    return [
        deploy("d0", "2026-02-26T10:00:00Z"),
        incident("inc-old-1", "2026-02-26T12:00:00Z", "inc-old", after=["d0"]),
        deploy("d1", "2026-03-02T10:00:00Z"),
    ]
