"""Stage statistics: which stage (task) of a pipeline to speed up first, and which misbehave.

Definitions (a **stage** is a task name within a pipeline; a **stage run** is one CDEvents task
run, the `taskrun.*` events of one subject id, as `lineage.services.pipeline_runs` pairs them):

- **Window**: the pipeline runs whose first `pipelinerun.*` event lies in `[since, until)`
  (optionally of one `pipelineName`); their stage runs are the ones counted, wherever they lie.
- **Duration**: finished - started of a stage run. **Queue time**: CDEvents task runs have no
  `queued` event, so it is the wait from the moment the stage was ready — the latest event of
  another subject with a PATH link into its `started` event — to that start (None without
  such a link). Median and p90 are PERCENTILE_CONT. Runs without a finish (or a start) have no
  duration and count only in `runs`. (The critical path schedules work, not waits: this queue
  time is not part of a stage's critical seconds.)
- **Failure rate**: failed stage runs / stage runs that finished (succeeded, failed, cancelled);
  None when none finished.
- **Retries**: a stage run more than once in one pipeline run: every run after the first (by
  start) is a retry. Attempts are numbered from 1.
- **Critical path**: each pipeline run's chain gets the critical path of
  `lineage.services.critical_path` (over the chain's events and the PATH links carrying its
  chainId). A stage run is on it when one of its steps is on the chain's zero-slack `path`; its
  **critical seconds** are those steps' queue + run time. Per stage: `critical_runs` (pipeline
  runs in which it was on the path), `critical_rate` (of the pipeline runs it ran in) and
  `critical_share`: its critical seconds / the total critical-path time of the chains of its
  pipeline's runs in the window — the shares of one pipeline's stages add up to at most 1.
- **Idempotency**: the re-runs of a stage within one pipeline run had the same inputs (the same
  run: same commit, same parameters). When two consecutive attempts both produced artifacts
  (`Stage.artifacts`: named by the task run, or by builds and artifact events linked to it
  while it ran) and the outputs differ — compared by sha256 digest when the artifact id carries
  one (a PURL `@sha256%3A…`), else by the whole id — the stage is **not idempotent**; both
  attempts are the evidence.

How: each chain's pipeline runs, stage runs and critical path are computed at ingest, whenever
the chain changes (`lineage.services.stage_rows`, from its timed events and the PATH links
carrying its chainId), and stored as stage rows, one per pipeline run of a chain; this module
reads the rows of the runs that began in the window (`Store.run_stages_between`, one range seek)
and aggregates them. A store written before stage rows existed gets them with `lineage db derive`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from lineage.gc_pause import cyclic_gc_paused
from lineage.model.derivation import Derivation
from lineage.model.pipeline import ExecutionStatus
from lineage.model.stages import ChainStages, RunStages, StageRun
from lineage.services.errors import ServiceError
from lineage.services.percentiles import Spread, spread
from lineage.services.windows import utc, window
from lineage.store.protocol import Store

_DIGEST = re.compile(r"sha256(?:%3A|:)([0-9a-f]{64})", re.IGNORECASE)
_FINISHED = frozenset({ExecutionStatus.SUCCEEDED, ExecutionStatus.FAILED,
                       ExecutionStatus.CANCELLED})  # fmt: skip

__all__ = [
    "RerunEvidence",
    "StageRun",
    "StageStats",
    "StageStatsReport",
    "artifact_identity",
    "stage_runs",
    "stage_stats",
]


@dataclass(frozen=True, slots=True)
class RerunEvidence:
    """Two consecutive attempts of a stage in one pipeline run whose outputs differ."""

    pipeline_run_id: str
    earlier: StageRun
    later: StageRun


@dataclass(frozen=True, slots=True)
class StageStats:
    """What the window says about one stage (task name) of one pipeline."""

    pipeline_name: str | None
    name: str
    runs: int
    pipeline_runs: int
    failures: int
    failure_rate: float | None
    retries: int
    duration: Spread
    queue: Spread
    critical_runs: int
    critical_rate: float | None
    critical_seconds: float
    critical_share: float | None
    idempotent: bool
    non_idempotent_reruns: tuple[RerunEvidence, ...]


@dataclass(frozen=True, slots=True)
class StageStatsReport:
    """Every stage of the window, the most critical-path time first.

    `critical_path_seconds`: total critical-path time of the chains of the window's pipeline
    runs, per pipeline name.
    """

    since: datetime
    until: datetime
    pipeline_name: str | None
    pipeline_runs: int
    critical_path_seconds: dict[str | None, float]
    stages: tuple[StageStats, ...]


def stage_stats(
    store: Store, since: datetime, until: datetime, pipeline_name: str | None = None
) -> StageStatsReport:
    """Per-stage statistics of the pipeline runs that began in `[since, until)`."""
    with cyclic_gc_paused():
        return _report(store, since, until, pipeline_name)


def _report(
    store: Store, since: datetime, until: datetime, pipeline_name: str | None
) -> StageStatsReport:
    runs, critical_totals, run_count = _collect(store, since, until, pipeline_name)
    grouped: dict[tuple[str | None, str], list[StageRun]] = {}
    for run in runs:
        grouped.setdefault((run.pipeline_name, run.name), []).append(run)
    stages = [
        _stats(pipeline, name, members, critical_totals.get(pipeline, 0.0))
        for (pipeline, name), members in grouped.items()
    ]
    stages.sort(key=lambda s: (-s.critical_seconds, -(s.duration.median_seconds or 0.0),
                               s.pipeline_name or "", s.name))  # fmt: skip
    return StageStatsReport(
        since=utc(since),
        until=utc(until),
        pipeline_name=pipeline_name,
        pipeline_runs=run_count,
        critical_path_seconds=critical_totals,
        stages=tuple(stages),
    )


def stage_runs(
    store: Store, since: datetime, until: datetime, pipeline_name: str | None = None
) -> list[StageRun]:
    """Every stage run of the pipeline runs that began in `[since, until)`, by (start, id)."""
    with cyclic_gc_paused():
        return _collect(store, since, until, pipeline_name)[0]


def artifact_identity(artifact_id: str) -> str:
    """What two outputs are compared by: `sha256:<hex>` when the id carries a digest, else it."""
    found = _DIGEST.search(artifact_id)
    return f"sha256:{found.group(1).lower()}" if found else artifact_id


def _collect(
    store: Store, since: datetime, until: datetime, pipeline_name: str | None
) -> tuple[list[StageRun], dict[str | None, float], int]:
    start, end = window(since, until)
    if not store.fact_digests(Derivation.kind, [ChainStages.kind]):
        # Never an empty answer that looks true: the rows of older stores are not there yet.
        raise ServiceError(
            "this store was written by an older version and has no stage rows yet: "
            "run `lineage db derive` once (it computes them; safe to repeat)"
        )
    by_chain: dict[str, list[RunStages]] = {}
    for row in store.run_stages_between(start, end, pipeline_name):
        by_chain.setdefault(row.chain_id, []).append(row)
    runs: list[StageRun] = []
    critical_totals: dict[str | None, float] = {}
    counted = 0
    for chain_id in sorted(by_chain):
        wanted = by_chain[chain_id]
        counted += len(wanted)
        if len(wanted) == 1:  # the usual case: one pipeline run per chain
            row = wanted[0]
            name = row.pipeline_name
            critical_totals[name] = critical_totals.get(name, 0.0) + row.chain_critical_seconds
            runs += row.stage_runs
            continue
        wanted.sort(key=lambda row: row.run_id)
        chain_seconds = wanted[0].chain_critical_seconds
        for name in {row.pipeline_name for row in wanted}:
            critical_totals[name] = critical_totals.get(name, 0.0) + chain_seconds
        for row in wanted:
            runs += row.stage_runs
    runs.sort(key=lambda r: (r.started_at or r.finished_at or start, r.stage_id, r.attempt))
    return runs, critical_totals, counted


def _stats(
    pipeline_name: str | None, name: str, runs: list[StageRun], critical_total: float
) -> StageStats:
    by_run: dict[str, list[StageRun]] = {}
    on_path: set[str] = set()
    finished = failures = 0
    durations: list[float] = []
    queues: list[float] = []
    critical_seconds = 0.0
    for run in runs:  # one pass over tens of thousands of stage runs: unpacked, not by name
        (run_id, _, _, _, _, _, status, _, _, _, queue, duration, critical, seconds, _, _) = run
        by_run.setdefault(run_id, []).append(run)
        if status in _FINISHED:
            finished += 1
            failures += status is ExecutionStatus.FAILED
        if duration is not None:
            durations.append(duration)
        if queue is not None:
            queues.append(queue)
        if critical:
            on_path.add(run_id)
        critical_seconds += seconds
    evidence = []
    for run_id in sorted(key for key, attempts in by_run.items() if len(attempts) > 1):
        ordered = sorted(by_run[run_id], key=lambda r: r.attempt)
        for earlier, later in pairwise(ordered):
            before = {artifact_identity(a) for a in earlier.artifacts}
            after = {artifact_identity(a) for a in later.artifacts}
            if before and after and before != after:
                evidence.append(RerunEvidence(run_id, earlier, later))
    critical_runs = len(on_path)
    return StageStats(
        pipeline_name=pipeline_name,
        name=name,
        runs=len(runs),
        pipeline_runs=len(by_run),
        failures=failures,
        failure_rate=failures / finished if finished else None,
        retries=len(runs) - len(by_run),
        duration=spread(durations),
        queue=spread(queues),
        critical_runs=critical_runs,
        critical_rate=critical_runs / len(by_run) if by_run else None,
        critical_seconds=critical_seconds,
        critical_share=critical_seconds / critical_total if critical_total > 0 else None,
        idempotent=not evidence,
        non_idempotent_reruns=tuple(evidence),
    )
