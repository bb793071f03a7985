"""Chains: the events grouped by one `chainId`, summarized for listing."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class ChainSummary(BaseModel):
    """What a chain listing shows without loading the chain: size, span, start, end, completeness."""

    model_config = ConfigDict(frozen=True)

    id: str
    event_count: int
    started_at: datetime | None
    ended_at: datetime | None
    complete: bool
    start_id: str | None = None
    end_id: str | None = None
