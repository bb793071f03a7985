"""Summaries of durations: median and p90 by linear interpolation (SQL's PERCENTILE_CONT), mean."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DurationStats:
    """Median, 90th percentile and mean of some durations in seconds (None when `count` is 0)."""

    median_seconds: float | None
    p90_seconds: float | None
    mean_seconds: float | None
    count: int


def percentile_cont(values: Iterable[float], fraction: float) -> float | None:
    """The `fraction` percentile of `values` as SQL's PERCENTILE_CONT computes it: the sorted
    values' position `fraction * (n - 1)`, interpolated linearly between its neighbours."""
    ordered = sorted(values)
    if not ordered:
        return None
    position = fraction * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def duration_stats(values: Iterable[float]) -> DurationStats:
    """Median, p90 (PERCENTILE_CONT) and mean of `values`, with their count."""
    taken = list(values)
    if not taken:
        return DurationStats(None, None, None, 0)
    return DurationStats(
        median_seconds=percentile_cont(taken, 0.5),
        p90_seconds=percentile_cont(taken, 0.9),
        mean_seconds=math.fsum(taken) / len(taken),
        count=len(taken),
    )
