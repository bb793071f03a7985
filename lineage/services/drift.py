"""Drift: live resource versions that disagree with the last successful deployment.

For one (application, deploy target), a report is *drifted* when one of its resources carries a
version (resources without one are not judged) that does not match the expected artifact
(`versions_match`). There is drift when the latest report is drifted; it has lasted `since` the
first report of the unbroken run of drifted reports that ends with the latest one, and never
since before the deployment it is judged against.

What a deploy target is expected to run is the artifact of the application's last successful
deployment to it: deploy target = environment id for CDEvents (`service.*` events: subject id =
application, `content.environment.id`, `content.artifactId`); for a target no CDEvent deployed
to, PipeCD `Deployment` records (applicationId, envId = deploy target), whose version is the
source commit they trace to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from lineage.model.deployment_status import DeploymentStatus
from lineage.model.livestate import Drift, LiveResource, LiveStateReport
from lineage.model.pipeline import EnvironmentStatus
from lineage.services.pipeline_runs import (
    SERVICE_SUBJECT,
    artifact_of,
    deploy_status,
    environment_of,
    is_deploy,
)
from lineage.services.versions import versions_match
from lineage.store.protocol import Store


@dataclass(frozen=True, slots=True)
class Expected:
    """What should run in a deploy target: the artifact of its last successful deployment."""

    deploy_target: str
    artifact: str
    deployed_at: datetime | None = None
    deployment_id: str | None = None


def drifted_resources(report: LiveStateReport, artifact: str) -> tuple[LiveResource, ...]:
    """The resources of `report` whose version does not match `artifact`."""
    return tuple(
        resource
        for resource in report.resources
        if resource.version and not versions_match(artifact, resource.version)
    )


def drift_of(reports: Sequence[LiveStateReport], expected: Expected) -> Drift | None:
    """Drift of one deploy target from its reports, newest first, or None when there is none."""
    if not reports:
        return None
    latest = reports[0]
    off = drifted_resources(latest, expected.artifact)
    if not off:
        return None
    since = latest.reported_at
    for report in reports[1:]:
        if not drifted_resources(report, expected.artifact):
            break
        since = report.reported_at
    if expected.deployed_at is not None and since < expected.deployed_at:
        since = expected.deployed_at
    actual = tuple(dict.fromkeys(resource.version for resource in off if resource.version))
    return Drift(
        application_id=latest.application_id,
        deploy_target=latest.deploy_target,
        expected=expected.artifact,
        actual=actual,
        since=since,
        resources=off,
        deployment_id=expected.deployment_id,
    )


#: Deploy events of an application looked at (newest first) to find each target's expectation.
DEPLOY_SCAN = 500
#: Reports read per history page, and pages at most, to find when a drift began.
HISTORY_PAGE = 200
HISTORY_PAGES = 10
#: What a successful deployment leaves running: a deploy that succeeded, or a rollback's target.
_SUCCESSFUL = frozenset({EnvironmentStatus.SUCCEEDED, EnvironmentStatus.ROLLED_BACK})


def expected_artifacts(store: Store, application_id: str) -> dict[str, Expected]:
    """Per deploy target, the artifact of the application's last successful deployment there.

    From CDEvents: the newest `service.deployed|upgraded|rolledback` event about the application
    (subject id) per `content.environment.id` that did not fail, with its `artifactId` (for a
    rollback, the artifact rolled back to).
    """
    expected: dict[str, Expected] = {}
    for event in store.latest_subject_events(application_id, [SERVICE_SUBJECT], DEPLOY_SCAN):
        target, artifact = environment_of(event), artifact_of(event)
        if not is_deploy(event) or target is None or artifact is None or target in expected:
            continue
        if deploy_status(event) in _SUCCESSFUL:
            expected[target] = Expected(target, artifact, event.timestamp, event.id)
    return expected


def pipecd_expectation(store: Store, application_id: str, target: str) -> Expected | None:
    """The last successful PipeCD deployment of the application to environment `target`.

    Its expected version is the source commit it is traced to (through the manifest-repo commit,
    when the trace goes through one): what a live version names when images are tagged by
    commit. None when there is no such deployment or it names no commit.
    """
    latest = store.latest_deployment(application_id, target, [DeploymentStatus.SUCCESS])
    if latest is None or not latest.trace_commit_hash:
        return None
    found = store.manifest_commits([latest.trace_commit_hash]).get(latest.trace_commit_hash)
    commit = (
        found.source_hashes[0]
        if found is not None and found.source_hashes
        else latest.trace_commit_hash
    )
    return Expected(target, commit, latest.completed_at or latest.created_at, latest.id)


def application_drift(store: Store, application_id: str) -> list[Drift]:
    """Drift of every deploy target of an application that has both live state and a deployment.

    A bounded number of store calls: the latest reports, the deploy events, and for each
    drifted target history pages back to the start of the drift (at most `HISTORY_PAGES`).
    """
    latest = store.latest_live_states(application_id)
    if not latest:
        return []
    expected = expected_artifacts(store, application_id)
    drifts = []
    for report in latest:
        wanted = expected.get(report.deploy_target) or pipecd_expectation(
            store, application_id, report.deploy_target
        )
        if wanted is None or not drifted_resources(report, wanted.artifact):
            continue
        drift = drift_of(_history(store, report, wanted), wanted)
        if drift is not None:
            drifts.append(drift)
    return drifts


def _history(store: Store, latest: LiveStateReport, wanted: Expected) -> list[LiveStateReport]:
    """The target's reports newest first, back to the first undrifted one (or the deployment)."""
    reports: list[LiveStateReport] = []
    after: str | None = None
    for _ in range(HISTORY_PAGES):
        page = store.live_state_history(
            latest.application_id, latest.deploy_target, HISTORY_PAGE, after
        )
        reports.extend(page.items)
        done = any(
            not drifted_resources(report, wanted.artifact)
            or (wanted.deployed_at is not None and report.reported_at < wanted.deployed_at)
            for report in page.items
        )
        if done or not page.has_next:
            break
        after = page.end_cursor
    return reports or [latest]
