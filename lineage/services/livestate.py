"""Live state: the latest report of each deploy target of an application (stale?), and history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from lineage.model.livestate import LiveState, LiveStateReport
from lineage.services.limits import page_size
from lineage.services.staleness import live_state, stale_after
from lineage.store.protocol import Page, Store


def application_live_states(
    store: Store,
    application_id: str,
    now: datetime | None = None,
    interval: timedelta | None = None,
) -> list[LiveState]:
    """The latest report of each deploy target of an application (one store call), by target.

    A target is `stale` when its latest report is older than `interval` (default: the
    configured `LINEAGE_LIVESTATE_STALE_AFTER`, 3 minutes) at `now` (default: the current time).
    """
    moment = now if now is not None else datetime.now(UTC)
    limit = interval if interval is not None else stale_after()
    return [
        live_state(report, moment, limit) for report in store.latest_live_states(application_id)
    ]


def live_state_history(
    store: Store,
    application_id: str,
    deploy_target: str,
    first: int | None = None,
    after: str | None = None,
) -> Page[LiveStateReport]:
    """Reports of one (application, deploy target), newest first, keyset-paginated."""
    return store.live_state_history(application_id, deploy_target, page_size(first), after)
