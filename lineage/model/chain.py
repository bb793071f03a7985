"""Chains: the events grouped by one `chainId`, summarized for listing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ChainSummary:
    """What a chain listing shows without loading the chain: size, span, start, end, complete."""

    id: str
    event_count: int
    started_at: datetime | None
    ended_at: datetime | None
    complete: bool
    start_id: str | None = None
    end_id: str | None = None
