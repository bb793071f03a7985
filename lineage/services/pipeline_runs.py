"""A pipeline execution computed from CDEvents: pure functions over events and links in memory.

Given a pool of events and links (what a service fetched around a run), `cdevents_execution`
finds:

- the run: the `pipelinerun.*` events whose subject id is the run id. Its own status is that of
  its latest `finished` event's `outcome` (`errors` without an outcome means failed), else
  running once `started`, else queued;
- its stages: the `taskrun.*` events whose `content.pipelineRun.id` is the run id, grouped by
  task run (subject id), ordered by start. A stage's artifacts are those named by its content
  (`artifactId`, `artifactIds`, `artifacts`) and those of artifact events linked to it: an
  `artifact.*` event (its subject id) or a `build.finished` (its `artifactId`) joined to one of
  the stage's events by a producer's RELATION link, or by a producer's PATH link while the stage
  ran (timestamp within its start and finish), and a `build.finished` about the stage's own
  subject id while it ran;
- its environments: `service.deployed|upgraded|rolledback` events no earlier than the run that
  are in one of the run's chains, or reached from the run over producers' links (forward, and
  RELATION links either way, not through another run's events), or that deploy an artifact the
  run produced (what inferred edges say) unless the deploy is in a chain of another run (it is
  that run's), nor a rollback (a rollback *to* an artifact belongs to the run it undoes).
  Grouped by `content.environment.id`, in promotion order (first deploy time, then name);
  each environment's status is that of its latest deploy event: `rolledback` -> rolled back,
  else the `outcome`/`status` word of its content or customData, else succeeded;
- its status: its own, settled by `settled_status` (a failed or rolled-back environment fails it).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import Any

from lineage.ingest.run_summaries import finished_status
from lineage.ingest.statuses import environment_status, settled_status
from lineage.model import Event, Link, LinkType
from lineage.model.pipeline import (
    EnvironmentRun,
    EnvironmentStatus,
    ExecutionOrigin,
    ExecutionStatus,
    PipelineExecution,
    Stage,
)
from lineage.services.ordering import EARLIEST

RUN_SUBJECT = "pipelineRun"
TASK_SUBJECT = "taskRun"
SERVICE_SUBJECT = "service"
DEPLOY_PREDICATES = frozenset({"deployed", "upgraded", "rolledback"})
_ARTIFACT_KEYS = ("artifactId", "artifactIds", "artifacts")


def run_id_of_task(event: Event) -> str | None:
    """The pipeline run a `taskrun.*` event belongs to (`content.pipelineRun.id`), if any."""
    reference = event.subject_content.get("pipelineRun")
    if isinstance(reference, dict):
        value = reference.get("id")
        return value if isinstance(value, str) and value else None
    return None


def environment_of(event: Event) -> str | None:
    """The environment id a `service.*` event deploys to (`content.environment.id`)."""
    environment = event.subject_content.get("environment")
    if isinstance(environment, dict):
        value = environment.get("id")
        return value if isinstance(value, str) and value else None
    return environment if isinstance(environment, str) and environment else None


def artifact_of(event: Event) -> str | None:
    """The artifact an event names: `content.artifactId`, or an artifact event's subject id."""
    if event.subject_type == "artifact":
        return event.subject_id
    value = event.subject_content.get("artifactId")
    return value if isinstance(value, str) and value else None


def is_deploy(event: Event) -> bool:
    """Whether the event deploys a service somewhere: `service.deployed|upgraded|rolledback`."""
    return event.subject_type == SERVICE_SUBJECT and event.predicate in DEPLOY_PREDICATES


def deploy_status(event: Event) -> EnvironmentStatus:
    """What one deploy event says about its environment."""
    if event.predicate == "rolledback":
        return EnvironmentStatus.ROLLED_BACK
    for holder in (event.subject_content, event.custom_data):
        if isinstance(holder, dict):
            for key in ("outcome", "status"):
                word = holder.get(key)
                status = environment_status(word) if isinstance(word, str) else None
                if status is not None:
                    return status
    return EnvironmentStatus.SUCCEEDED


def cdevents_execution(
    run_id: str, events: Iterable[Event], links: Iterable[Link] = ()
) -> PipelineExecution | None:
    """The execution of pipeline run `run_id` as the pool of events and links tells it."""
    pool = {event.id: event for event in events}
    run_events = _ordered(e for e in pool.values() if _is_run(e, run_id))
    if not run_events:
        return None
    own = _own_status(run_events)
    stages = _stages(run_id, pool, links, own)
    member_ids = {e.id for e in run_events} | {i for s in stages for i in s.event_ids}
    link_list = list(links)
    reached = _reached(member_ids, pool, link_list, run_id)
    produced = _produced(stages, reached, pool)
    chains = {e.chain_id for e in run_events if e.chain_id is not None}
    claimed = {
        e.chain_id
        for e in pool.values()
        if e.subject_type == RUN_SUBJECT and e.subject_id != run_id and e.chain_id is not None
    }
    since = run_events[0].timestamp
    deploys = [
        event
        for event in pool.values()
        if is_deploy(event)
        and event.timestamp >= since
        and (
            event.chain_id in chains
            or event.id in reached
            or (
                event.predicate != "rolledback"
                and artifact_of(event) in produced
                and event.chain_id not in claimed
            )
        )
    ]
    environments = _environments(deploys)
    started = [e.timestamp for e in run_events if e.predicate == "started"]
    finished = [e.timestamp for e in run_events if e.predicate == "finished"]
    every = [*run_events, *(pool[i] for s in stages for i in s.event_ids), *deploys]
    return PipelineExecution(
        id=run_id,
        name=run_id,
        origin=ExecutionOrigin.CDEVENTS,
        status=settled_status(own, environments),
        pipeline_name=_latest_text(run_events, "pipelineName"),
        namespace=_latest_text(run_events, "namespace"),
        started_at=min(started) if started else (run_events[0].timestamp if finished else None),
        finished_at=max(finished) if finished else None,
        updated_at=max(e.timestamp for e in every),
        params=_custom_dict(run_events, "params") or {},
        trigger=(
            _custom_dict(run_events, "trigger") or _upstream_trigger(run_events, pool, link_list)
        ),
        stages=tuple(stages),
        environments=environments,
        chain_id=run_events[0].chain_id or next(iter(sorted(chains)), None),
        event_ids=tuple(e.id for e in run_events),
    )


def _is_run(event: Event, run_id: str) -> bool:
    return event.subject_type == RUN_SUBJECT and event.subject_id == run_id


def _ordered(events: Iterable[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (e.timestamp, e.id))


def _outcome(event: Event) -> ExecutionStatus:
    """The status a `finished` event reports: its `outcome`, else failed when it has `errors`."""
    return finished_status(event.subject_content)


def _own_status(run_events: list[Event]) -> ExecutionStatus:
    finished = [e for e in run_events if e.predicate == "finished"]
    if finished:
        return _outcome(finished[-1])
    if any(e.predicate == "started" for e in run_events):
        return ExecutionStatus.RUNNING
    return ExecutionStatus.QUEUED


def _stages(
    run_id: str, pool: dict[str, Event], links: Iterable[Link], run_status: ExecutionStatus
) -> list[Stage]:
    by_task: dict[str, list[Event]] = {}
    builds: dict[str, list[Event]] = {}
    for event in pool.values():
        if event.subject_type == TASK_SUBJECT and run_id_of_task(event) == run_id:
            by_task.setdefault(event.subject_id, []).append(event)
        elif event.subject_type == "build" and event.predicate == "finished":
            builds.setdefault(event.subject_id, []).append(event)
    touching: dict[str, list[Link]] = {}
    for link in links:
        if link.inferred:
            continue
        for end in {link.from_id, link.to_id}:
            if end is not None:
                touching.setdefault(end, []).append(link)
    stages = []
    for task_id, task_events in by_task.items():
        ordered = _ordered(task_events)
        starts = [e.timestamp for e in ordered if e.predicate == "started"]
        ends = [e for e in ordered if e.predicate == "finished"]
        started_at = min(starts) if starts else ordered[0].timestamp
        finished_at = ends[-1].timestamp if ends else None
        if ends:
            status = _outcome(ends[-1])
        else:
            status = ExecutionStatus.UNKNOWN if run_status.terminal else ExecutionStatus.RUNNING
        artifacts: dict[str, None] = {}
        for event in ordered:
            for named in _named_artifacts(event.subject_content):
                artifacts.setdefault(named)
        for event in builds.get(task_id, ()):
            if started_at <= event.timestamp and (
                finished_at is None or event.timestamp <= finished_at
            ):
                artifact = artifact_of(event)
                if artifact is not None:
                    artifacts.setdefault(artifact)
        for event in ordered:
            for link in touching.get(event.id, ()):
                other_id = link.to_id if link.from_id == event.id else link.from_id
                other = pool.get(other_id) if other_id is not None else None
                if other is None or not _makes_artifact(other):
                    continue
                within = started_at <= other.timestamp and (
                    finished_at is None or other.timestamp <= finished_at
                )
                if link.type is LinkType.RELATION or (link.type is LinkType.PATH and within):
                    artifact = artifact_of(other)
                    if artifact is not None:
                        artifacts.setdefault(artifact)
        stages.append(
            Stage(
                id=task_id,
                name=_latest_text(ordered, "taskName") or task_id,
                status=status,
                started_at=started_at,
                finished_at=finished_at,
                artifacts=tuple(artifacts),
                event_ids=tuple(e.id for e in ordered),
            )
        )
    stages.sort(key=lambda s: (s.started_at or EARLIEST, s.id))
    return stages


def _makes_artifact(event: Event) -> bool:
    return event.subject_type == "artifact" or (
        event.subject_type == "build" and event.predicate == "finished"
    )


def _named_artifacts(content: dict[str, Any]) -> list[str]:
    found: list[str] = []
    for key in _ARTIFACT_KEYS:
        value = content.get(key)
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, dict):
                item = item.get("id")
            if isinstance(item, str) and item:
                found.append(item)
    return found


def _reached(
    start: set[str], pool: dict[str, Event], links: list[Link], run_id: str
) -> set[str]:
    """Events reached from `start` over producers' links: forward (cause to effect), RELATION
    links either way, not through other pipeline runs' events.

    Inferred links are not walked: what they encode (a deploy of an artifact the run built) is
    judged from content by the artifact rule, which knows a rollback *to* an artifact from a
    deploy of it.
    """
    forward: dict[str, list[str]] = {}
    for link in links:
        if link.from_id is None or link.to_id is None or link.inferred:
            continue
        forward.setdefault(link.from_id, []).append(link.to_id)
        if link.type is LinkType.RELATION:
            forward.setdefault(link.to_id, []).append(link.from_id)
    seen = set(start)
    queue = deque(start)
    while queue:
        for target in forward.get(queue.popleft(), ()):
            if target in seen or _foreign(pool.get(target), run_id):
                continue
            seen.add(target)
            queue.append(target)
    return seen - start


def _foreign(event: Event | None, run_id: str) -> bool:
    """Whether an event belongs to another pipeline run."""
    if event is None:
        return False
    if event.subject_type == RUN_SUBJECT:
        return event.subject_id != run_id
    if event.subject_type == TASK_SUBJECT:
        owner = run_id_of_task(event)
        return owner is not None and owner != run_id
    return False


def _produced(stages: list[Stage], reached: set[str], pool: dict[str, Event]) -> set[str]:
    produced = {artifact for stage in stages for artifact in stage.artifacts}
    for event_id in reached:
        event = pool.get(event_id)
        if event is not None and _makes_artifact(event):
            artifact = artifact_of(event)
            if artifact is not None:
                produced.add(artifact)
    return produced


def _environments(deploys: list[Event]) -> tuple[EnvironmentRun, ...]:
    by_env: dict[str, list[Event]] = {}
    for event in _ordered(deploys):
        environment = environment_of(event)
        if environment is not None:
            by_env.setdefault(environment, []).append(event)
    ranked = sorted(by_env.items(), key=lambda item: (item[1][0].timestamp, item[0]))
    runs = []
    for order, (name, events) in enumerate(ranked):
        last = events[-1]
        runs.append(
            EnvironmentRun(
                name=name,
                order=order,
                status=deploy_status(last),
                time=last.timestamp,
                artifact_id=artifact_of(last),
                event_ids=tuple(e.id for e in events),
            )
        )
    return tuple(runs)


def _latest_text(events: list[Event], key: str) -> str | None:
    for event in reversed(events):
        value = event.subject_content.get(key)
        if isinstance(value, str) and value:
            return value
        if isinstance(event.custom_data, dict):
            value = event.custom_data.get(key)
            if isinstance(value, str) and value:
                return value
    return None


def _custom_dict(events: list[Event], key: str) -> dict[str, Any] | None:
    for event in reversed(events):
        if isinstance(event.custom_data, dict):
            value = event.custom_data.get(key)
            if isinstance(value, dict):
                return value
    return None


def _upstream_trigger(
    run_events: list[Event], pool: dict[str, Event], links: list[Link]
) -> dict[str, Any] | None:
    """What set the run off: the event a PATH link leads from into the run's first event."""
    run_ids = {e.id for e in run_events}
    first = run_events[0].id
    for link in sorted(links, key=lambda link: link.id):
        if link.type is LinkType.PATH and link.to_id == first and link.from_id not in run_ids:
            cause = pool.get(link.from_id or "")
            trigger: dict[str, Any] = {"eventId": link.from_id}
            if cause is not None:
                trigger.update(type=cause.type, subjectId=cause.subject_id)
            return trigger
    return None
