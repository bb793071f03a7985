"""Pipeline executions: the listing (newest first, keyset cursors) and one execution.

Weave executions are stored whole. A CDEvents run is stored as the summary of its own
`pipelinerun.*` events (what the listing filters and orders by); its stages, environments and
settled status are computed by `cdevents_execution` from the events around it, gathered for a
whole page at once in a bounded number of store calls (`gather`), never one per run.

The status filter is exact: a run whose own events say succeeded (or running, queued) may be
failed once its environments are known (`settled_status`), so the listing takes every stored
summary that could settle to the wanted status, computes, and keeps the matching ones, scanning
at most `MAX_SCAN_PAGES` store pages per request. A page may then hold fewer than `first`
executions with `has_next` set; its `end_cursor` continues after everything examined.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from lineage.ingest.statuses import execution_status
from lineage.model import Direction, Event, Link
from lineage.model.event_type import SUBJECTS
from lineage.model.pipeline import ExecutionOrigin, ExecutionStatus, PipelineExecution
from lineage.services.errors import ServiceError
from lineage.services.limits import page_size
from lineage.services.pipeline_runs import (
    RUN_SUBJECT,
    TASK_SUBJECT,
    cdevents_execution,
    is_deploy,
    run_id_of_task,
)
from lineage.store.pipelines import ExecutionFilter
from lineage.store.protocol import Store

#: Store pages one listing request may examine when a status filter has to compute statuses.
MAX_SCAN_PAGES = 5
#: Link hops `gather` follows out of a run's events and chains (run -> task run -> build ->
#: deploy of the built artifact is three hops through inferred edges).
GATHER_DEPTH = 3
#: Every catalogued subject type (camelCase, as events carry it): chain reads take them all.
ALL_SUBJECT_TYPES = tuple(sorted(name for name, _ in SUBJECTS.values()))
#: Inferred edges `gather` does not follow: one environment joins every deploy into it.
SKIPPED_INFERRED_KINDS = frozenset({"ENVIRONMENT"})

#: Stored statuses of executions that may settle to each status (a bad environment fails them).
_MAY_SETTLE_TO: dict[ExecutionStatus, tuple[ExecutionStatus, ...]] = {
    ExecutionStatus.FAILED: (
        ExecutionStatus.FAILED,
        ExecutionStatus.SUCCEEDED,
        ExecutionStatus.RUNNING,
        ExecutionStatus.QUEUED,
        ExecutionStatus.UNKNOWN,
    ),
}


@dataclass(frozen=True, slots=True)
class ExecutionPage:
    """One page of executions, each with its cursor; continue with `after=end_cursor`."""

    items: list[PipelineExecution]
    cursors: list[str]
    has_next: bool
    end_cursor: str | None


@dataclass(slots=True)
class Pool:
    """The events and links gathered around some runs."""

    events: dict[str, Event] = field(default_factory=dict)
    links: dict[str, Link] = field(default_factory=dict)


def parse_status(text: str) -> ExecutionStatus:
    """An execution status from its name (`failed`, `FAILED`) or a producer's word (`success`)."""
    key = text.strip().lower()
    try:
        return ExecutionStatus(key)
    except ValueError:
        pass
    status = execution_status(text)
    if status is None:
        known = ", ".join(s.value for s in ExecutionStatus)
        raise ServiceError(f"unknown status {text!r} (expected one of {known})")
    return status


def list_pipeline_executions(
    store: Store,
    pipeline_name: str | None = None,
    namespace: str | None = None,
    status: str | None = None,
    first: int | None = None,
    after: str | None = None,
) -> ExecutionPage:
    """Executions of both origins, newest (start, else last update) first, keyset-paginated."""
    size = page_size(first)
    wanted = parse_status(status) if status is not None else None
    stored = _MAY_SETTLE_TO.get(wanted, (wanted,)) if wanted is not None else ()
    filter = ExecutionFilter(pipeline_name, namespace, tuple(s.value for s in stored))
    if wanted is None:
        page = store.find_pipeline_executions(filter, size, after)
        return ExecutionPage(complete(store, page.items), page.cursors, page.has_next,
                             page.end_cursor)  # fmt: skip
    items: list[PipelineExecution] = []
    cursors: list[str] = []
    cursor = after
    for _ in range(MAX_SCAN_PAGES):
        if size == 0:
            break
        page = store.find_pipeline_executions(filter, size, cursor)
        examined = list(zip(complete(store, page.items), page.cursors, strict=True))
        for position, (execution, item_cursor) in enumerate(examined):
            cursor = item_cursor
            if execution.status is wanted:
                items.append(execution)
                cursors.append(item_cursor)
                if len(items) == size:
                    more = position + 1 < len(examined) or page.has_next
                    return ExecutionPage(items, cursors, more, item_cursor)
        if not page.has_next:
            return ExecutionPage(items, cursors, False, cursors[-1] if cursors else None)
    return ExecutionPage(items, cursors, True, cursor)


def find_pipeline_execution(store: Store, execution_id: str) -> PipelineExecution | None:
    """The execution with this id: a Weave resource (`namespace/name`), else a CDEvents run."""
    stored = store.get_pipeline_executions([execution_id])
    for execution in stored:
        if execution.origin is ExecutionOrigin.WEAVE:
            return execution
    # A run is computed from its events even when no summary was stored for it.
    computed = cdevents_executions(store, [execution_id])
    return computed.get(execution_id)


def complete(store: Store, executions: Sequence[PipelineExecution]) -> list[PipelineExecution]:
    """Stored executions with CDEvents summaries replaced by computed executions."""
    run_ids = [x.id for x in executions if x.origin is ExecutionOrigin.CDEVENTS]
    computed = cdevents_executions(store, run_ids) if run_ids else {}
    return [
        computed.get(x.id, x) if x.origin is ExecutionOrigin.CDEVENTS else x for x in executions
    ]


def cdevents_executions(store: Store, run_ids: Sequence[str]) -> dict[str, PipelineExecution]:
    """The CDEvents executions of the given runs (the ones with events), computed together."""
    wanted = list(dict.fromkeys(run_ids))
    if not wanted:
        return {}
    pool = gather(store, wanted)
    found: dict[str, PipelineExecution] = {}
    events, links = list(pool.events.values()), list(pool.links.values())
    for run_id in wanted:
        execution = cdevents_execution(run_id, events, links)
        if execution is not None:
            found[run_id] = execution
    return found


def gather(store: Store, run_ids: Sequence[str]) -> Pool:
    """The events and links around some runs that their executions are computed from.

    The runs' own events, every event of their chains, then `GATHER_DEPTH` rounds of: the links
    touching what was found (inferred ones only forward, none through an environment), their
    other ends, and the `build.*` events of newly found task runs (a build about the task run's
    own subject); finally the pipeline runs of the other chains deploys were found in (those
    deploys are theirs). Other runs' events are kept but not walked through. Bounded store
    calls: 3 + 3 per round, whatever the number of runs.
    """
    pool = Pool()
    runs = set(run_ids)
    for event in store.events_of_subjects(list(runs), [RUN_SUBJECT]):
        pool.events[event.id] = event
    if not pool.events:
        return pool
    chains = sorted({e.chain_id for e in pool.events.values() if e.chain_id is not None})
    for event in store.events_in_chains(chains, ALL_SUBJECT_TYPES):
        pool.events.setdefault(event.id, event)
    frontier = {i for i, e in pool.events.items() if not _foreign(e, runs)}
    tasks_seen: set[str] = set()
    for _ in range(GATHER_DEPTH):
        if not frontier:
            break
        new_tasks = _task_ids(pool.events.values(), runs) - tasks_seen
        tasks_seen |= new_tasks
        for event in store.events_of_subjects(sorted(new_tasks), ["build"]):
            if event.id not in pool.events:
                pool.events[event.id] = event
                frontier.add(event.id)
        reached: set[str] = set()
        for link in store.links_touching(sorted(frontier), Direction.BOTH):
            if link.inferred and (
                link.kind in SKIPPED_INFERRED_KINDS or link.from_id not in frontier
            ):
                continue
            pool.links.setdefault(link.id, link)
            reached.update(end for end in link.endpoints() if end not in pool.events)
        fetched = store.get_events(sorted(reached)) if reached else {}
        pool.events.update(fetched)
        frontier = {i for i, e in fetched.items() if not _foreign(e, runs)}
    # A deploy in another chain belongs to the run of that chain, if it has one: fetch those runs.
    elsewhere = {
        e.chain_id
        for e in pool.events.values()
        if is_deploy(e) and e.chain_id is not None and e.chain_id not in chains
    }
    for event in store.events_in_chains(sorted(elsewhere), [RUN_SUBJECT]):
        pool.events.setdefault(event.id, event)
    return pool


def _task_ids(events: Iterable[Event], runs: set[str]) -> set[str]:
    return {
        e.subject_id for e in events if e.subject_type == TASK_SUBJECT and run_id_of_task(e) in runs
    }


def _foreign(event: Event, runs: set[str]) -> bool:
    """Whether an event belongs to a pipeline run other than `runs`."""
    if event.subject_type == RUN_SUBJECT:
        return event.subject_id not in runs
    if event.subject_type == TASK_SUBJECT:
        owner = run_id_of_task(event)
        return owner is not None and owner not in runs
    return False
