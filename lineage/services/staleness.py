"""When a live-state report is stale: older than the configured interval (default 3 minutes)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from lineage.config import livestate_settings
from lineage.model.livestate import LiveState, LiveStateReport


def stale_after() -> timedelta:
    """The configured interval after which a (application, deploy target) counts as stale."""
    return livestate_settings().stale_after


def is_stale(reported_at: datetime, now: datetime, interval: timedelta) -> bool:
    """Whether a report made at `reported_at` is older than `interval` at `now`."""
    return now - reported_at > interval


def live_state(
    report: LiveStateReport, now: datetime | None = None, interval: timedelta | None = None
) -> LiveState:
    """The report judged for staleness at `now` (default: the current time)."""
    moment = now if now is not None else datetime.now(UTC)
    limit = interval if interval is not None else stale_after()
    return LiveState(report, is_stale(report.reported_at, moment, limit))
