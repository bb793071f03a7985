"""Time windows `[since, until)` of the delivery questions, in UTC."""

from __future__ import annotations

from datetime import UTC, datetime

from lineage.services.errors import ServiceError


def utc(moment: datetime) -> datetime:
    """The instant in UTC (a naive datetime is taken as UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def window(since: datetime, until: datetime) -> tuple[datetime, datetime]:
    """The window `[since, until)` in UTC; an empty or reversed one is an error."""
    start, end = utc(since), utc(until)
    if start >= end:
        raise ServiceError(
            f"empty window: since ({start.isoformat()}) must be before until ({end.isoformat()})"
        )
    return start, end
