"""A live state is stale when its report is older than the configured interval."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from lineage.ingest.livestate import parse_live_state
from lineage.services.staleness import is_stale, live_state
from tests.support.pipelines import LIVE_7, live_report

REPORTED = datetime(2026, 2, 3, 10, 0, tzinfo=UTC)


def test_default_interval_is_three_minutes() -> None:
    report = parse_live_state(live_report("prod", "2026-02-03T10:00:00Z", LIVE_7))

    assert not live_state(report, REPORTED + timedelta(minutes=3)).stale
    assert live_state(report, REPORTED + timedelta(minutes=3, seconds=1)).stale


def test_interval_is_configurable() -> None:
    assert is_stale(REPORTED, REPORTED + timedelta(seconds=31), timedelta(seconds=30))
    assert not is_stale(REPORTED, REPORTED + timedelta(seconds=30), timedelta(seconds=30))
