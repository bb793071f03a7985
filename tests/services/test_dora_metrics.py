"""DORA metrics pinned on hand-computed scenarios (tests/support/dora_scenarios.py), on every
backend."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lineage.model.deployment_status import DeploymentOrigin
from lineage.services.dora import (
    Attribution,
    DurationStats,
    FailureCause,
    RestoredBy,
    dora_metrics,
    percentile_cont,
)
from lineage.services.errors import ServiceError
from lineage.store import Store
from tests.support import dora_scenarios as scenarios
from tests.support.dora_scenarios import C1, C2, C3, SINCE, UNTIL
from tests.support.scenarios import ingest


def at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def test_percentile_cont_interpolates_like_sql() -> None:
    values = [1.0, 2.0, 3.0, 4.0]

    assert percentile_cont(values, 0.5) == 2.5
    assert percentile_cont(values, 0.9) == pytest.approx(3.7)
    assert percentile_cont([7.0], 0.9) == 7.0
    assert percentile_cont([], 0.5) is None


def test_frequency_over_two_production_environments(store: Store) -> None:
    ingest(store, scenarios.frequency())

    metrics = dora_metrics(store, SINCE, UNTIL)

    assert [d.id for d in metrics.deployments] == ["api-prod", "api-env7", "web-1", "web-2"]
    assert metrics.deployment_count == 4
    assert metrics.deployments_per_day == pytest.approx(4 / 14)
    assert metrics.deploy_days_per_week_median == 1.5
    assert metrics.production_environments == ("prod", "production")


def test_production_environments_from_the_argument_and_the_environment(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(store, scenarios.frequency())

    only_prod = dora_metrics(store, SINCE, UNTIL, environments=["PROD"])
    monkeypatch.setenv("LINEAGE_PRODUCTION_ENVIRONMENTS", "Staging")
    staging = dora_metrics(store, SINCE, UNTIL)
    web = dora_metrics(store, SINCE, UNTIL, service="web", environments=["prod"])

    assert [d.id for d in only_prod.deployments] == ["api-prod", "web-1", "web-2"]
    assert [d.id for d in staging.deployments] == ["api-staging"]
    assert [d.id for d in web.deployments] == ["web-1", "web-2"]
    assert web.deploy_days_per_week_median == 1.0


def test_rollback_incident_by_time_and_hotfix_rework(store: Store) -> None:
    ingest(store, scenarios.failures())

    metrics = dora_metrics(store, SINCE, UNTIL)

    by_id = {d.id: d for d in metrics.deployments}
    assert list(by_id) == ["d1", "d2", "d3", "d4", "pipecd-web-ok"]
    d1, d2, d3, d4, pipecd = by_id.values()
    assert (d1.failed, d1.causes, d1.rollback_id) == (True, (FailureCause.ROLLED_BACK,), "r1")
    assert (d1.restored_by, d1.recovery_seconds) == (RestoredBy.ROLLBACK, 1800.0)
    assert (d2.failed, d2.causes, d2.incident_ids) == (True, (FailureCause.INCIDENT,), ("inc-1",))
    assert (d2.restored_by, d2.recovery_seconds) == (RestoredBy.INCIDENT_RESOLVED, 72000.0)
    assert not d2.rework
    assert (d3.failed, d3.rework, d3.rework_of) == (False, True, "d2")
    assert (d4.failed, d4.rework) == (False, False)
    assert (pipecd.origin, pipecd.service, pipecd.deployed_at) == (
        DeploymentOrigin.EXPLICIT, "web", at("2026-03-05T10:05:00Z"),
    )  # fmt: skip
    assert metrics.failed_deployment_count == 2
    assert metrics.change_failure_rate == pytest.approx(0.4)
    assert metrics.failed_deployment_recovery_time == DurationStats(36900.0, 64980.0, 36900.0, 2)
    assert (metrics.rework_count, metrics.rework_rate) == (1, pytest.approx(0.2))
    [inc] = metrics.incidents
    assert (inc.id, inc.deployment_id, inc.attribution) == ("inc-1", "d2", Attribution.TIME)
    assert inc.time_to_restore_seconds == 7200.0
    assert metrics.incident_time_to_restore == DurationStats(7200.0, 7200.0, 7200.0, 1)


def test_incident_attribution_order(store: Store) -> None:
    ingest(store, scenarios.attributions())

    metrics = dora_metrics(store, SINCE, UNTIL)

    assert [(i.id, i.deployment_id, i.attribution) for i in metrics.incidents] == [
        ("inc-link", "x1", Attribution.LINK),
        ("inc-chain", "x1", Attribution.CHAIN),
        ("inc-artifact", "x2", Attribution.ARTIFACT),
        ("inc-time", "x3", Attribution.TIME),
        ("inc-none", None, None),
    ]
    assert [d.incident_ids for d in metrics.deployments] == [
        ("inc-link", "inc-chain"), ("inc-artifact",), ("inc-time",),
    ]  # fmt: skip
    assert metrics.change_failure_rate == 1.0
    assert metrics.incident_time_to_restore == DurationStats(None, None, None, 0)


def test_lead_time_per_commit(store: Store) -> None:
    ingest(store, scenarios.lead_times())

    metrics = dora_metrics(store, SINCE, UNTIL)

    assert [
        (c.hash, c.deployment_id, c.lead_time_seconds, c.from_merge, c.counted)
        for c in metrics.commits
    ] == [
        (C1, "prod-1", 7200.0, False, True),
        (C2, "prod-1", 1800.0, True, True),
        (C3, "prod-3", -3600.0, False, False),
    ]
    assert metrics.lead_time == DurationStats(4500.0, 6660.0, 4500.0, 2)
    assert [(d.id, d.commit_count) for d in metrics.deployments] == [("prod-1", 2), ("prod-3", 0)]
    assert metrics.commits[1].committed_at == at("2026-03-02T09:30:00Z")


def test_window_first_deployment_fixing_an_older_failure_is_rework(store: Store) -> None:
    ingest(store, scenarios.unrestored_before_window())

    metrics = dora_metrics(store, SINCE, UNTIL)

    [d1] = metrics.deployments
    assert (d1.id, d1.failed, d1.rework, d1.rework_of) == ("d1", False, True, "d0")
    assert (metrics.change_failure_rate, metrics.rework_rate) == (0.0, 1.0)
    assert metrics.incidents == []


def test_empty_window(store: Store) -> None:
    ingest(store, scenarios.failures())

    metrics = dora_metrics(store, at("2026-04-06T00:00:00Z"), at("2026-04-20T00:00:00Z"))

    assert metrics.deployment_count == 0
    assert metrics.deployments_per_day == 0.0
    assert metrics.deploy_days_per_week_median == 0.0
    assert metrics.change_failure_rate is None
    assert metrics.rework_rate is None
    assert metrics.lead_time == DurationStats(None, None, None, 0)
    assert (metrics.deployments, metrics.commits, metrics.incidents) == ([], [], [])


def test_reversed_window_is_a_user_error(store: Store) -> None:
    with pytest.raises(ServiceError, match="must be after since"):
        dora_metrics(store, UNTIL, SINCE)
