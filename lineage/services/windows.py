"""Time windows `[since, until)` of the delivery questions, in UTC."""

from __future__ import annotations

from datetime import UTC, datetime

from lineage.services.errors import ServiceError

#: The earliest `since` a question takes: the questions look back up to 30 days before `since`,
#: and nothing a CI/CD system reports is older than the Unix epoch.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)


def utc(moment: datetime) -> datetime:
    """The instant in UTC (a naive datetime is taken as UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def window(since: datetime, until: datetime) -> tuple[datetime, datetime]:
    """The window `[since, until)` in UTC; an empty or reversed one, or one that starts before
    `EARLIEST`, is an error."""
    start, end = utc(since), utc(until)
    if start < EARLIEST:
        raise ServiceError(
            f"since ({start.isoformat()}) is before {EARLIEST.isoformat()}, the earliest a window "
            "may start"
        )
    if start >= end:
        raise ServiceError(
            f"empty window: since ({start.isoformat()}) must be before until ({end.isoformat()})"
        )
    return start, end
