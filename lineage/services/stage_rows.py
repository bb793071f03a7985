"""The stage rows of one chain: its pipeline runs, their stage runs and its critical path.

A pure function of the chain's timed events (`STAGE_SUBJECTS` carrying its chainId) and the
PATH links carrying its chainId; ingest (`lineage.ingest.stage_rows`) calls it whenever a chain
changes and stores the answer, and `lineage.services.stage_stats` aggregates the stored rows.
The definitions (what a stage run, its queue time, its attempt and its critical seconds are)
are those of `lineage.services.stage_stats`.

Each pipeline run of the chain (the subject ids of its `pipelinerun.*` events) gets its stage
runs from `lineage.services.pipeline_runs.cdevents_execution`, and each stage run the seconds
its steps spend on the chain's critical path (`lineage.services.critical_path`). Events of other
subjects (changes, deploys) are 0 s steps of the critical path: they are not read, their ids
(link endpoints) stand in for them, which schedules the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from lineage.model import Event, Link
from lineage.model.digest import digest_of
from lineage.model.pipeline import Stage
from lineage.model.stages import ChainStages, RunStages, StageRun
from lineage.services.critical_path import CriticalPath, schedule
from lineage.services.nodes import Node, Placeholder
from lineage.services.pipeline_runs import RUN_SUBJECT, cdevents_execution
from lineage.services.steps import TIMED_SUBJECTS, StepGraph, chain_steps

#: The events a chain's stage rows are computed from: the timed subjects and the artifacts
#: stages produce.
STAGE_SUBJECTS = (*sorted(TIMED_SUBJECTS), "artifact")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def chain_stages(chain_id: str, events: Sequence[Event], links: Sequence[Link]) -> ChainStages:
    """The stage rows of chain `chain_id` from its `STAGE_SUBJECTS` events and PATH links."""
    first_seen = _first_seen(events)
    runs: list[RunStages] = []
    if first_seen:
        graph = chain_steps(_nodes(events, links), links)
        path = schedule(graph)
        for run_id in sorted(first_seen):
            execution = cdevents_execution(run_id, events, links)
            if execution is None:  # pragma: no cover - first_seen holds runs with events
                continue
            stage_runs = _stage_runs(execution.id, execution.pipeline_name, chain_id,
                                     execution.stages, events, links, graph, path)  # fmt: skip
            runs.append(RunStages(chain_id, run_id, first_seen[run_id], execution.pipeline_name,
                                  path.total_seconds, tuple(stage_runs)))  # fmt: skip
    key = digest_of([chain_id, sorted(e.digest for e in events), sorted(x.id for x in links)])
    return ChainStages(id=chain_id, runs=tuple(runs), digest=key)


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
        critical = [on_path[s] for s in sorted(steps) if s in on_path]
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
