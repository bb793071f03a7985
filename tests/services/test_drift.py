"""Drift from reports and the expected artifact: appears, lasts since, clears."""

from __future__ import annotations

from datetime import UTC, datetime

from lineage.ingest.livestate import parse_live_state
from lineage.model.livestate import LiveStateReport
from lineage.services.drift import Expected, drift_of
from tests.support.pipelines import IMAGE_7, LIVE_6, LIVE_7, live_report

EXPECTED = Expected("prod", IMAGE_7, datetime(2026, 2, 3, 10, 45, tzinfo=UTC), "r7-deploy-prod")


def reports(*versions: str) -> list[LiveStateReport]:
    """One report a minute from 11:00, newest first."""
    made = [
        parse_live_state(live_report("prod", f"2026-02-03T11:0{minute}:00Z", version))
        for minute, version in enumerate(versions)
    ]
    return list(reversed(made))


def test_no_reports_no_drift() -> None:
    assert drift_of([], EXPECTED) is None


def test_matching_live_version_is_no_drift() -> None:
    assert drift_of(reports(LIVE_7, LIVE_7), EXPECTED) is None


def test_drift_lasts_since_the_first_report_of_the_current_drifted_run() -> None:
    drift = drift_of(reports(LIVE_7, LIVE_6, LIVE_6, LIVE_6), EXPECTED)

    assert drift is not None
    assert (drift.deploy_target, drift.expected, drift.actual) == ("prod", IMAGE_7, (LIVE_6,))
    assert drift.since == datetime(2026, 2, 3, 11, 1, tzinfo=UTC)
    assert [r.kind for r in drift.resources] == ["Deployment"]  # the ConfigMap has no version
    assert drift.deployment_id == "r7-deploy-prod"


def test_drift_never_starts_before_the_deployment() -> None:
    expected = Expected("prod", IMAGE_7, datetime(2026, 2, 3, 11, 1, 30, tzinfo=UTC))

    drift = drift_of(reports(LIVE_6, LIVE_6, LIVE_6), expected)

    assert drift is not None
    assert drift.since == datetime(2026, 2, 3, 11, 1, 30, tzinfo=UTC)


def test_drift_clears_when_the_latest_report_matches_again() -> None:
    assert drift_of(reports(LIVE_6, LIVE_6, LIVE_7), EXPECTED) is None
