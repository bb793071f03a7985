"""Instants as notebooks give them (ISO text, naive or aware datetimes, pandas Timestamps) as
aware UTC datetimes, the only kind the services take."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd


def as_utc(value: str | datetime | pd.Timestamp) -> datetime:
    """`value` as an aware UTC datetime: text is ISO 8601 (a date is its midnight), naive means
    UTC. Raises ValueError for text that is not an instant."""
    stamp = pd.Timestamp(value)
    if pd.isna(stamp):
        raise ValueError(f"not an instant: {value!r}")
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    moment: datetime = stamp.to_pydatetime()
    return moment.replace(tzinfo=UTC)
