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
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import pairwise

from lineage.model import Event, Link
from lineage.model.pipeline import ExecutionStatus, Stage
from lineage.services.critical_path import CriticalPath, schedule
from lineage.services.nodes import Node, Placeholder
from lineage.services.percentiles import Spread, spread
from lineage.services.pipeline_runs import RUN_SUBJECT, cdevents_execution
from lineage.services.pipelines import ALL_SUBJECT_TYPES
from lineage.services.steps import StepGraph, chain_steps
from lineage.services.windows import utc, window
from lineage.store.protocol import EventFilter, Store

#: Events read per store page while collecting the window's pipeline runs.
RUN_PAGE = 5000
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
class StageRun:
    """One run of a stage (a CDEvents task run) in a pipeline run of the window."""

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
    return _collect(store, since, until, pipeline_name)[0]


def artifact_identity(artifact_id: str) -> str:
    """What two outputs are compared by: `sha256:<hex>` when the id carries a digest, else it."""
    found = _DIGEST.search(artifact_id)
    return f"sha256:{found.group(1).lower()}" if found else artifact_id


def _collect(
    store: Store, since: datetime, until: datetime, pipeline_name: str | None
) -> tuple[list[StageRun], dict[str | None, float], int]:
    start, end = window(since, until)
    run_ids, chain_ids = _runs_touching(store, start, end)
    if not run_ids:
        return [], {}, 0
    chains = sorted(chain_ids)
    events = store.events_in_chains(chains, ALL_SUBJECT_TYPES)
    links = store.chain_path_links(chains)
    by_chain: dict[str, list[Event]] = {}
    for event in events:
        if event.chain_id is not None:
            by_chain.setdefault(event.chain_id, []).append(event)
    links_by_chain: dict[str, list[Link]] = {}
    for link in links:
        if link.chain_id is not None:
            links_by_chain.setdefault(link.chain_id, []).append(link)
    runs: list[StageRun] = []
    critical_totals: dict[str | None, float] = {}
    counted = 0
    for chain_id in chains:
        chain_events = by_chain.get(chain_id, [])
        chain_links = links_by_chain.get(chain_id, [])
        first_seen = _first_seen(chain_events)
        wanted = [r for r in sorted(first_seen) if r in run_ids and start <= first_seen[r] < end]
        if not wanted:
            continue
        found = []
        for run_id in wanted:
            execution = cdevents_execution(run_id, chain_events, chain_links)
            if execution is None:
                continue
            if pipeline_name is not None and execution.pipeline_name != pipeline_name:
                continue
            found.append(execution)
        if not found:
            continue
        graph = chain_steps(_nodes(chain_events, chain_links), chain_links)
        path = schedule(graph)
        names = {execution.pipeline_name for execution in found}
        for name in names:
            critical_totals[name] = critical_totals.get(name, 0.0) + path.total_seconds
        for execution in found:
            counted += 1
            runs += _stage_runs(execution.id, execution.pipeline_name, chain_id,
                                execution.stages, chain_events, chain_links, graph,
                                path)  # fmt: skip
    runs.sort(key=lambda r: (r.started_at or r.finished_at or start, r.stage_id, r.attempt))
    return runs, critical_totals, counted


def _runs_touching(store: Store, start: datetime, end: datetime) -> tuple[set[str], set[str]]:
    """Pipeline runs with an event in the window, and their chains (one store page at a time)."""
    run_ids: set[str] = set()
    chain_ids: set[str] = set()
    filter = EventFilter(subject_types=[RUN_SUBJECT], since=start, until=end)
    after: str | None = None
    while True:
        page = store.find_events(filter, RUN_PAGE, after)
        for event in page.items:
            if event.timestamp < end:
                run_ids.add(event.subject_id)
                if event.chain_id is not None:
                    chain_ids.add(event.chain_id)
        if not page.has_next:
            return run_ids, chain_ids
        after = page.end_cursor


def _first_seen(events: Iterable[Event]) -> dict[str, datetime]:
    first: dict[str, datetime] = {}
    for event in events:
        if event.subject_type == RUN_SUBJECT:
            known = first.get(event.subject_id)
            if known is None or event.timestamp < known:
                first[event.subject_id] = event.timestamp
    return first


def _nodes(events: Sequence[Event], links: Sequence[Link]) -> list[Node]:
    stored = {event.id for event in events}
    missing = sorted({end for link in links for end in link.endpoints()} - stored)
    return [*events, *(Placeholder(i) for i in missing)]


def _stage_runs(
    run_id: str,
    pipeline_name: str | None,
    chain_id: str,
    stages: Sequence[Stage],
    events: Sequence[Event],
    links: Sequence[Link],
    graph: StepGraph,
    path: CriticalPath,
) -> list[StageRun]:
    on_path = {s.step.id: s.step.weight_seconds for s in path.path}
    by_id = {event.id: event for event in events}
    predecessors: dict[str, list[str]] = {}
    for link in links:
        if link.from_id is not None and link.to_id is not None and not link.inferred:
            predecessors.setdefault(link.to_id, []).append(link.from_id)
    attempts: dict[str, int] = {}
    found = []
    for stage in sorted(stages, key=lambda s: (s.started_at or s.finished_at or _EPOCH, s.id)):
        attempts[stage.name] = attempts.get(stage.name, 0) + 1
        steps = {graph.step_of_event[i] for i in stage.event_ids if i in graph.step_of_event}
        critical = [on_path[s] for s in steps if s in on_path]
        started_at = stage.started_at if _has(by_id, stage, "started") else None
        ready_at = _ready_at(stage, by_id, predecessors)
        queue = duration = None
        if ready_at is not None and started_at is not None:
            queue = max((started_at - ready_at).total_seconds(), 0.0)
        if started_at is not None and stage.finished_at is not None:
            duration = max((stage.finished_at - started_at).total_seconds(), 0.0)
        found.append(
            StageRun(
                pipeline_run_id=run_id,
                pipeline_name=pipeline_name,
                chain_id=chain_id,
                stage_id=stage.id,
                name=stage.name,
                attempt=attempts[stage.name],
                status=stage.status,
                ready_at=ready_at,
                started_at=started_at,
                finished_at=stage.finished_at,
                queue_seconds=queue,
                duration_seconds=duration,
                on_critical_path=bool(critical),
                critical_seconds=sum(critical),
                artifacts=stage.artifacts,
                event_ids=stage.event_ids,
            )
        )
    return found


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _ready_at(
    stage: Stage, by_id: dict[str, Event], predecessors: dict[str, list[str]]
) -> datetime | None:
    """When the stage could start: the latest other event with a PATH link into its start."""
    own = set(stage.event_ids)
    times = [
        by_id[before].timestamp
        for event_id in stage.event_ids
        if event_id in by_id and by_id[event_id].predicate == "started"
        for before in predecessors.get(event_id, ())
        if before in by_id and before not in own
    ]
    return max(times) if times else None


def _has(by_id: dict[str, Event], stage: Stage, predicate: str) -> bool:
    return any(i in by_id and by_id[i].predicate == predicate for i in stage.event_ids)


def _stats(
    pipeline_name: str | None, name: str, runs: list[StageRun], critical_total: float
) -> StageStats:
    by_run: dict[str, list[StageRun]] = {}
    for run in runs:
        by_run.setdefault(run.pipeline_run_id, []).append(run)
    finished = [r for r in runs if r.status in _FINISHED]
    failures = sum(1 for r in runs if r.status is ExecutionStatus.FAILED)
    evidence = []
    for run_id, attempts in sorted(by_run.items()):
        ordered = sorted(attempts, key=lambda r: r.attempt)
        for earlier, later in pairwise(ordered):
            before = {artifact_identity(a) for a in earlier.artifacts}
            after = {artifact_identity(a) for a in later.artifacts}
            if before and after and before != after:
                evidence.append(RerunEvidence(run_id, earlier, later))
    critical_runs = sum(1 for attempts in by_run.values() if any(r.on_critical_path
                                                                  for r in attempts))  # fmt: skip
    critical_seconds = sum(r.critical_seconds for r in runs)
    return StageStats(
        pipeline_name=pipeline_name,
        name=name,
        runs=len(runs),
        pipeline_runs=len(by_run),
        failures=failures,
        failure_rate=failures / len(finished) if finished else None,
        retries=sum(len(attempts) - 1 for attempts in by_run.values()),
        duration=spread(r.duration_seconds for r in runs if r.duration_seconds is not None),
        queue=spread(r.queue_seconds for r in runs if r.queue_seconds is not None),
        critical_runs=critical_runs,
        critical_rate=critical_runs / len(by_run) if by_run else None,
        critical_seconds=critical_seconds,
        critical_share=critical_seconds / critical_total if critical_total > 0 else None,
        idempotent=not evidence,
        non_idempotent_reruns=tuple(evidence),
    )
