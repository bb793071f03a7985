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

How: the chains with an event in the window (`Store.find_chains`) are examined; each chain's
pipeline runs, stage runs and critical path are computed from its timed events and the PATH
links carrying its chainId (events of other subjects are 0 s steps, represented by their ids)
and kept per store in a `ChainStagesCache` keyed by the chain's summary, so a repeated question
computes only the chains that changed. Then the window and the pipeline name select the runs.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import pairwise

from lineage.model import ChainSummary, Event, Link
from lineage.model.pipeline import ExecutionStatus, Stage
from lineage.services.critical_path import CriticalPath, schedule
from lineage.services.nodes import Node, Placeholder
from lineage.services.percentiles import Spread, spread
from lineage.services.pipeline_runs import RUN_SUBJECT, cdevents_execution
from lineage.services.steps import TIMED_SUBJECTS, StepGraph, chain_steps
from lineage.services.windows import utc, window
from lineage.store.protocol import ChainFilter, Store

#: Chain summaries read per store page while collecting the window's chains.
CHAIN_PAGE = 50_000
#: Chains computed per pair of store reads.
COMPUTE_BATCH = 2000
#: Chains whose stage runs one process keeps per store (`ChainStagesCache`).
CACHED_CHAINS = 200_000
#: The events stage statistics read: the timed subjects and the artifacts stages produce.
STAGE_SUBJECTS = (*sorted(TIMED_SUBJECTS), "artifact")
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


@dataclass(frozen=True, slots=True)
class ChainStages:
    """What one chain contributes to stage statistics, whatever the window: its pipeline runs
    (id, first event time, pipeline name), their stage runs, and its critical-path length."""

    runs: tuple[tuple[str, datetime, str | None], ...]
    stage_runs: tuple[StageRun, ...]
    critical_seconds: float


class ChainStagesCache:
    """`ChainStages` of recently seen chains, per store, keyed by the chain's summary (event
    count, last event time, completeness): a chain that changes gets a new key.

    A PATH link arriving alone for a chain that gets no new event does not change the summary;
    its effect shows once the chain next changes (or the process restarts). Bounded (LRU).
    """

    def __init__(self, size: int = CACHED_CHAINS) -> None:
        self._size = size
        self._entries: OrderedDict[tuple[object, ...], ChainStages] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[object, ...]) -> ChainStages | None:
        """The cached entry, marked as recently used."""
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: tuple[object, ...], entry: ChainStages) -> None:
        """Remember an entry, forgetting the least recently used beyond the size."""
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)


_CACHES: weakref.WeakKeyDictionary[object, ChainStagesCache] = weakref.WeakKeyDictionary()
_CACHES_LOCK = threading.Lock()


def _cache_of(store: Store) -> ChainStagesCache:
    with _CACHES_LOCK:
        cache = _CACHES.get(store)
        if cache is None:
            cache = _CACHES[store] = ChainStagesCache()
        return cache


def _collect(
    store: Store, since: datetime, until: datetime, pipeline_name: str | None
) -> tuple[list[StageRun], dict[str | None, float], int]:
    start, end = window(since, until)
    summaries = _chains_active(store, start, end)
    cache = _cache_of(store)
    keys = {s.id: (s.id, s.event_count, s.ended_at, s.complete) for s in summaries}
    entries: dict[str, ChainStages] = {}
    missing = []
    for chain_id, key in keys.items():
        found = cache.get(key)
        if found is None:
            missing.append(chain_id)
        else:
            entries[chain_id] = found
    for offset in range(0, len(missing), COMPUTE_BATCH):
        batch = missing[offset : offset + COMPUTE_BATCH]
        for chain_id, entry in _compute(store, batch).items():
            cache.put(keys[chain_id], entry)
            entries[chain_id] = entry
    runs: list[StageRun] = []
    critical_totals: dict[str | None, float] = {}
    counted = 0
    for chain_id in sorted(entries):
        entry = entries[chain_id]
        wanted = {
            run_id
            for run_id, first, name in entry.runs
            if start <= first < end and (pipeline_name is None or name == pipeline_name)
        }
        if not wanted:
            continue
        counted += len(wanted)
        names = {name for run_id, _, name in entry.runs if run_id in wanted}
        for name in names:
            critical_totals[name] = critical_totals.get(name, 0.0) + entry.critical_seconds
        runs += [r for r in entry.stage_runs if r.pipeline_run_id in wanted]
    runs.sort(key=lambda r: (r.started_at or r.finished_at or start, r.stage_id, r.attempt))
    return runs, critical_totals, counted


def _chains_active(store: Store, start: datetime, end: datetime) -> list[ChainSummary]:
    """The chains with an event in the window (a run that began in it is in one of them)."""
    filter = ChainFilter(since=start, until=end)
    found: list[ChainSummary] = []
    after: str | None = None
    while True:
        page = store.find_chains(filter, CHAIN_PAGE, after)
        found += page.items
        if not page.has_next:
            return found
        after = page.end_cursor


def _compute(store: Store, chain_ids: Sequence[str]) -> dict[str, ChainStages]:
    """`ChainStages` of the given chains, from their timed events and PATH links (2 reads).

    Events of other subjects (changes, deploys) are 0 s steps of the critical path: they are
    not read, their ids (link endpoints) stand in for them, which schedules the same.
    """
    events = store.events_in_chains(chain_ids, STAGE_SUBJECTS)
    links = store.chain_path_links(chain_ids)
    by_chain: dict[str, list[Event]] = {chain_id: [] for chain_id in chain_ids}
    for event in events:
        if event.chain_id in by_chain:
            by_chain[event.chain_id].append(event)
    links_by_chain: dict[str, list[Link]] = {}
    for link in links:
        if link.chain_id is not None:
            links_by_chain.setdefault(link.chain_id, []).append(link)
    computed = {}
    for chain_id, chain_events in by_chain.items():
        chain_links = links_by_chain.get(chain_id, [])
        first_seen = _first_seen(chain_events)
        if not first_seen:
            computed[chain_id] = ChainStages((), (), 0.0)
            continue
        graph = chain_steps(_nodes(chain_events, chain_links), chain_links)
        path = schedule(graph)
        run_rows: list[tuple[str, datetime, str | None]] = []
        stage_rows: list[StageRun] = []
        for run_id in sorted(first_seen):
            execution = cdevents_execution(run_id, chain_events, chain_links)
            if execution is None:
                continue
            run_rows.append((run_id, first_seen[run_id], execution.pipeline_name))
            stage_rows += _stage_runs(execution.id, execution.pipeline_name, chain_id,
                                      execution.stages, chain_events, chain_links, graph,
                                      path)  # fmt: skip
        computed[chain_id] = ChainStages(tuple(run_rows), tuple(stage_rows), path.total_seconds)
    return computed


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
