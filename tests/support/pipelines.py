"""Hand-written pipeline data: CDEvents release runs, Weave resources, live-state reports.

`RELEASE_7` is the issue's example: a release run of payments with build and unit-test stages
that promotes the image it built through dev -> staging -> prod, where prod is rolled back to
the image `RELEASE_6` had shipped (prod rolled back, run failed). `RELEASE_6` is the earlier,
successful release in its own chain. The deploys carry a RELATION TRIGGER to the run, as Argo CD
style producers send them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.scenarios import cdevent

Record = dict[str, Any]

WEAVE_YAML = Path(__file__).resolve().parents[1] / "fixtures" / "weave" / "pipeline_executions.yaml"

APP = "payments"
REGISTRY = "registry.example.com/myorg"
DIGEST_6, DIGEST_7 = "6" * 64, "7" * 64
IMAGE_6 = f"pkg:oci/payments@sha256%3A{DIGEST_6}?repository_url={REGISTRY}"
IMAGE_7 = f"pkg:oci/payments@sha256%3A{DIGEST_7}?repository_url={REGISTRY}"
#: What a reporter sees running for each image.
LIVE_6 = f"{REGISTRY}/payments@sha256:{DIGEST_6}"
LIVE_7 = f"{REGISTRY}/payments@sha256:{DIGEST_7}"

CI, CD, MONITORING = "/ci/tekton", "/cd/argocd", "/monitoring/prometheus"


def release_run(
    number: int,
    day: int,
    image: str,
    *,
    chain: str | None,
    rollback_to: str | None = None,
    finish: bool = True,
    deploy_relations: bool = True,
) -> list[Record]:
    """A payments release run on 2026-02-`day`: CI stages, then dev/staging/prod deploys."""
    run = f"payments-release-{number}"
    p = f"r{number}-"

    def at(clock: str) -> str:
        return f"2026-02-{day:02d}T{clock}Z"

    def task(name: str, outcome: str | None = None) -> dict[str, Any]:
        content: dict[str, Any] = {"taskName": name, "pipelineRun": {"id": run}}
        if outcome is not None:
            content["outcome"] = outcome
        return content

    trigger = [("TRIGGER", f"{p}started")] if deploy_relations else []
    records = [
        cdevent(f"{p}merged", "dev.cdevents.change.merged.0.3.0", at("10:00:00"),
                source="/scm/github", subject=f"myorg/payments/pull/{number}", chain=chain,
                content={"repository": {"id": "myorg/payments"}}),
        cdevent(f"{p}queued", "dev.cdevents.pipelinerun.queued.0.3.0", at("10:00:05"), source=CI,
                subject=run, chain=chain, after=[f"{p}merged"],
                content={"pipelineName": "payments-release", "namespace": "ci"}),
        cdevent(f"{p}started", "dev.cdevents.pipelinerun.started.0.3.0", at("10:00:30"), source=CI,
                subject=run, chain=chain, after=[f"{p}queued"],
                content={"pipelineName": "payments-release", "namespace": "ci"}),
        cdevent(f"{p}build-started", "dev.cdevents.taskrun.started.0.3.0", at("10:00:35"),
                source=CI, subject=f"{run}-build", chain=chain, after=[f"{p}started"],
                content=task("build")),
        cdevent(f"{p}built", "dev.cdevents.build.finished.0.3.0", at("10:04:00"), source=CI,
                subject=f"{run}-build", chain=chain, after=[f"{p}build-started"],
                content={"artifactId": image}),
        cdevent(f"{p}build-finished", "dev.cdevents.taskrun.finished.0.3.0", at("10:04:05"),
                source=CI, subject=f"{run}-build", chain=chain, after=[f"{p}built"],
                content=task("build", "success")),
        cdevent(f"{p}test-started", "dev.cdevents.taskrun.started.0.3.0", at("10:04:10"), source=CI,
                subject=f"{run}-unit-tests", chain=chain, after=[f"{p}build-finished"],
                content=task("unit-tests")),
        cdevent(f"{p}tested", "dev.cdevents.testsuiterun.finished.0.3.0", at("10:07:00"), source=CI,
                subject=f"{run}-unit", chain=chain, after=[f"{p}test-started"],
                content={"outcome": "success", "testSuite": {"id": "payments-unit"}}),
        cdevent(f"{p}test-finished", "dev.cdevents.taskrun.finished.0.3.0", at("10:07:05"),
                source=CI, subject=f"{run}-unit-tests", chain=chain, after=[f"{p}tested"],
                content=task("unit-tests", "success")),
        cdevent(f"{p}packaged", "dev.cdevents.artifact.packaged.0.3.0", at("10:07:30"), source=CI,
                subject=image, chain=chain, after=[f"{p}test-finished"],
                content={"change": {"id": f"myorg/payments/pull/{number}"}}),
        cdevent(f"{p}published", "dev.cdevents.artifact.published.0.3.0", at("10:08:00"), source=CI,
                subject=image, chain=chain, after=[f"{p}packaged"]),
    ]  # fmt: skip
    previous = f"{p}published"
    for env, clock in (("dev", "10:10:00"), ("staging", "10:25:00"), ("prod", "10:45:00")):
        records.append(
            cdevent(f"{p}deploy-{env}", "dev.cdevents.service.deployed.0.3.0", at(clock), source=CD,
                    subject=APP, chain=chain, after=[previous], relations=trigger,
                    content={"environment": {"id": env}, "artifactId": image})
        )  # fmt: skip
        previous = f"{p}deploy-{env}"
    outcome = "success"
    if rollback_to is not None:
        records += [
            cdevent(f"{p}incident", "dev.cdevents.incident.detected.0.3.0", at("10:52:00"),
                    source=MONITORING, subject=f"incident-{number}", chain=chain, after=[previous],
                    content={"environment": {"id": "prod"}, "artifactId": image}),
            cdevent(f"{p}rollback", "dev.cdevents.service.rolledback.0.3.0", at("10:58:00"),
                    source=CD, subject=APP, chain=chain, after=[f"{p}incident"], relations=trigger,
                    content={"environment": {"id": "prod"}, "artifactId": rollback_to}),
        ]  # fmt: skip
        previous, outcome = f"{p}rollback", "failure"
    if finish:
        content: dict[str, Any] = {"pipelineName": "payments-release", "namespace": "ci",
                                   "outcome": outcome}  # fmt: skip
        if outcome == "failure":
            content["errors"] = "prod rolled back after incident"
        records.append(
            cdevent(f"{p}finished", "dev.cdevents.pipelinerun.finished.0.3.0", at("11:00:00"),
                    source=CI, subject=run, chain=chain, after=[previous], end_after=previous,
                    content=content)
        )  # fmt: skip
    return records


#: The earlier, successful release: IMAGE_6 everywhere.
RELEASE_6 = release_run(6, 2, IMAGE_6, chain="chain-release-6")
#: The issue's example: IMAGE_7 promoted dev -> staging -> prod, prod rolled back to IMAGE_6.
RELEASE_7 = release_run(7, 3, IMAGE_7, chain="chain-release-7", rollback_to=IMAGE_6)


def live_report(
    target: str, reported_at: str, version: str, *, app: str = APP, health: str = "Healthy"
) -> Record:
    """An `ApplicationLiveState` report of the payments Deployment and its ConfigMap."""
    return {
        "kind": "ApplicationLiveState",
        "applicationId": app,
        "deployTarget": target,
        "reportedAt": reported_at,
        "resources": [
            {"kind": "Deployment", "name": app, "namespace": f"{app}-{target}", "health": health,
             "version": version},
            {"kind": "ConfigMap", "name": f"{app}-config", "namespace": f"{app}-{target}",
             "health": "Healthy"},
        ],
    }  # fmt: skip
