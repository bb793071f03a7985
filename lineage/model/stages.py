"""Stage rows: what one chain says about the pipeline runs in it, derived at ingest and stored.

Stage statistics (`lineage.services.stage_stats`) aggregate these rows. A chain's rows are
recomputed whole whenever the chain changes (`lineage.ingest.stage_rows`) and stored as a
`ChainStages` fact: stores replace every row of the chain with the fact's rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar, NamedTuple

from lineage.model.pipeline import ExecutionStatus


class StageRun(NamedTuple):
    """One run of a stage (a CDEvents task run) in a pipeline run.

    A named tuple rather than a frozen dataclass: stage statistics build tens of thousands of
    them per question from stored rows, and a tuple is built ten times faster.
    """

    pipeline_run_id: str
    pipeline_name: str | None
    chain_id: str | None
    stage_id: str
    name: str
    attempt: int
    status: ExecutionStatus
    ready_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    queue_seconds: float | None
    duration_seconds: float | None
    on_critical_path: bool
    critical_seconds: float
    artifacts: tuple[str, ...]
    event_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RunStages:
    """A pipeline run as one chain tells it: when it began (its first `pipelinerun.*` event in
    the chain), its pipeline, its stage runs (by start), and the chain's critical-path seconds."""

    chain_id: str
    run_id: str
    first_at: datetime
    pipeline_name: str | None
    chain_critical_seconds: float
    stage_runs: tuple[StageRun, ...]


@dataclass(frozen=True, slots=True)
class ChainStages:
    """The stage rows of one chain (`id`: its chain id), a fact derived from its events.

    Stores keep the latest computation only: writing it replaces every stored row of the chain.
    Its identity record names the chain; `digest` covers the rows of this computation.
    """

    kind: ClassVar[str] = "ChainStages"

    id: str
    runs: tuple[RunStages, ...]
    digest: str
