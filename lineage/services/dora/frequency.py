"""Deployment frequency: deployments per day, and the median of deploy-days per ISO week."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from lineage.services.percentiles import percentile_cont

DAY = timedelta(days=1)


def deployments_per_day(count: int, since: datetime, until: datetime) -> float:
    """`count` divided by the window's length in days (fractions of a day count)."""
    return count / ((until - since) / DAY)


def deploy_days_per_week_median(
    moments: Iterable[datetime], since: datetime, until: datetime
) -> float:
    """The median (interpolated) over every ISO week the window touches of how many UTC days
    of that week had a deployment; a week without one counts as zero."""
    days_with: dict[tuple[int, int], set[date]] = {}
    for moment in moments:
        day = moment.astimezone(UTC).date()
        days_with.setdefault(_week(day), set()).add(day)
    weeks = _weeks(since, until)
    median = percentile_cont((len(days_with.get(w, ())) for w in weeks), 0.5)
    return median if median is not None else 0.0


def _week(day: date) -> tuple[int, int]:
    iso = day.isocalendar()
    return (iso.year, iso.week)


def _weeks(since: datetime, until: datetime) -> list[tuple[int, int]]:
    """Every ISO week holding an instant of `[since, until)` (UTC days)."""
    first = since.astimezone(UTC).date()
    last = (until.astimezone(UTC) - timedelta(microseconds=1)).date()
    weeks: list[tuple[int, int]] = []
    day = first - timedelta(days=first.weekday())
    while day <= last:
        weeks.append(_week(day))
        day += timedelta(weeks=1)
    return weeks
