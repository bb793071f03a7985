"""Summaries of durations: median and p90 (`lineage.services.percentiles`), mean."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from lineage.services.percentiles import percentile_cont


@dataclass(frozen=True, slots=True)
class DurationStats:
    """Median, 90th percentile and mean of some durations in seconds (None when `count` is 0)."""

    median_seconds: float | None
    p90_seconds: float | None
    mean_seconds: float | None
    count: int


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
