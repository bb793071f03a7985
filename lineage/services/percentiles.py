"""Median and p90 of durations by linear interpolation, as SQL's PERCENTILE_CONT computes them."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Spread:
    """Median and 90th percentile of some durations in seconds (None when `count` is 0)."""

    median_seconds: float | None
    p90_seconds: float | None
    count: int


def percentile_cont(values: Iterable[float], fraction: float) -> float | None:
    """The `fraction` percentile: the sorted values at position `fraction * (n - 1)`,
    interpolated linearly between its neighbours (None without values)."""
    ordered = sorted(values)
    if not ordered:
        return None
    position = fraction * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def spread(values: Iterable[float]) -> Spread:
    """Median and p90 (PERCENTILE_CONT) of `values`, with their count."""
    taken = list(values)
    return Spread(percentile_cont(taken, 0.5), percentile_cont(taken, 0.9), len(taken))
