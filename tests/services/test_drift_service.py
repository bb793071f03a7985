"""Drift on every store: live versions against the last successful deployment per target."""

from __future__ import annotations

from datetime import UTC, datetime

from lineage.services.drift import application_drift, expected_artifacts
from lineage.store import Store
from tests.support.pipelines import (
    IMAGE_6,
    IMAGE_7,
    LIVE_6,
    LIVE_7,
    RELEASE_6,
    RELEASE_7,
    live_report,
)
from tests.support.scenarios import ingest


def at(clock: str) -> str:
    return f"2026-02-03T{clock}Z"


def test_expected_artifact_is_the_last_successful_deployment_rollbacks_included(
    store: Store,
) -> None:
    ingest(store, RELEASE_6 + RELEASE_7)

    expected = expected_artifacts(store, "payments")

    assert {target: e.artifact for target, e in expected.items()} == {
        "dev": IMAGE_7, "staging": IMAGE_7, "prod": IMAGE_6,  # prod was rolled back to 6
    }  # fmt: skip
    assert expected["prod"].deployment_id == "r7-rollback"


def test_drift_appears_lasts_and_clears(store: Store) -> None:
    ingest(store, RELEASE_6 + RELEASE_7)
    # Prod still runs image 7 after the rollback to 6 was recorded: drift.
    ingest(store, [live_report("prod", at(clock), LIVE_7) for clock in ("10:59:00", "11:00:00")])
    ingest(store, [live_report("dev", at("11:00:00"), LIVE_7)])  # dev runs what was deployed

    (drift,) = application_drift(store, "payments")

    assert (drift.deploy_target, drift.expected, drift.actual) == ("prod", IMAGE_6, (LIVE_7,))
    assert drift.since == datetime(2026, 2, 3, 10, 59, tzinfo=UTC)
    assert drift.deployment_id == "r7-rollback"

    ingest(store, [live_report("prod", at("11:01:00"), LIVE_6)])  # the rollback took effect
    assert application_drift(store, "payments") == []

    ingest(store, [live_report("prod", at("11:02:00"), LIVE_7)])  # someone changed prod by hand
    (again,) = application_drift(store, "payments")
    assert again.since == datetime(2026, 2, 3, 11, 2, tzinfo=UTC)


def test_drift_started_before_the_deployment_counts_from_the_deployment(store: Store) -> None:
    ingest(store, RELEASE_6 + RELEASE_7)
    ingest(store, [live_report("prod", at(clock), LIVE_7) for clock in ("10:50:00", "10:59:00")])

    (drift,) = application_drift(store, "payments")

    assert drift.since == datetime(2026, 2, 3, 10, 58, tzinfo=UTC)  # the rollback


def test_no_deployment_no_drift(store: Store) -> None:
    ingest(store, [live_report("prod", at("11:00:00"), LIVE_7)])

    assert application_drift(store, "payments") == []
    assert application_drift(store, "nobody") == []


SOURCE = "a1b2c3d4e5f60718293a4b5c6d7e8f9001122334"
MANIFEST = "ffeeddccbbaa99887766554433221100ffeeddcc"
OLDER = "0123456789abcdef0123456789abcdef01234567"


def pipecd_deployment(
    deployment_id: str, commit: str, created: int, status: str = "DEPLOYMENT_SUCCESS"
) -> dict[str, object]:
    return {
        "kind": "Deployment", "id": deployment_id, "applicationId": "app-api",
        "applicationName": "api", "envId": "prod", "status": status,
        "deploymentTraceCommitHash": commit, "createdAt": created, "completedAt": created + 60,
    }  # fmt: skip


def test_pipecd_deployments_set_the_expectation_of_targets_no_cdevent_deployed_to(
    store: Store,
) -> None:
    ingest(store, [
        pipecd_deployment("d-1", OLDER, 1_767_866_000),
        pipecd_deployment("d-2", MANIFEST, 1_767_869_600),  # the newest successful one
        pipecd_deployment("d-3", "9" * 40, 1_767_873_200, "DEPLOYMENT_FAILURE"),
        {"kind": "ManifestCommit", "hash": MANIFEST,
         "message": f"Bump api image\n\nSource-Commit-Hash: {SOURCE}\n"},
    ])  # fmt: skip
    old_image = "ghcr.io/acme/api:0123456"
    ingest(store, [live_report("prod", "2026-01-08T12:00:00Z", old_image, app="app-api")])

    (drift,) = application_drift(store, "app-api")

    assert (drift.expected, drift.actual, drift.deployment_id) == (
        SOURCE, (old_image,), "d-2",
    )  # fmt: skip
    ingest(store, [live_report("prod", "2026-01-08T12:01:00Z", "ghcr.io/acme/api:a1b2c3d",
                               app="app-api")])  # fmt: skip
    assert application_drift(store, "app-api") == []


def test_pipecd_expectation_follows_the_latest_successful_deployment(store: Store) -> None:
    ingest(store, [
        pipecd_deployment("d-1", OLDER, 1_767_866_000),
        pipecd_deployment("d-2", SOURCE, 1_767_869_600, "DEPLOYMENT_RUNNING"),  # not done yet
        {**pipecd_deployment("d-3", SOURCE, 1_767_873_200), "envId": "staging"},  # elsewhere
        {**pipecd_deployment("d-4", SOURCE, 1_767_873_200), "applicationId": "app-web"},
    ])  # fmt: skip
    ingest(store, [live_report("prod", "2026-01-08T12:00:00Z", "ghcr.io/acme/api:a1b2c3d",
                               app="app-api")])  # fmt: skip

    (drift,) = application_drift(store, "app-api")

    assert (drift.expected, drift.deployment_id) == (OLDER, "d-1")
    ingest(store, [pipecd_deployment("d-5", SOURCE, 1_767_876_800)])  # now the newest success
    assert application_drift(store, "app-api") == []
