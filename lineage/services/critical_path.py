"""The critical path of a chain: the critical-path method (CPM) over its step graph.

Steps and their edges come from `lineage.services.steps` (what a step is, how islands, cycles
and missing finish events are handled). Each step takes its **weight**: queue time plus run
time (unknown parts count as 0). The schedule is the one where every step starts as soon as all
its predecessors have finished, all sources (of every island) at time 0:

- earliest start `ES` = the greatest earliest finish of its predecessors (0 without any),
  earliest finish `EF = ES + weight`; the total time `T` is the greatest `EF`;
- latest finish `LF` = the least latest start of its successors (`T` without any), latest
  start `LS = LF - weight`; **slack** = `LS - ES`: how much the step could take longer (or
  start later) without making the whole longer;
- a step is **on the critical path** when its slack is 0; `path` is one zero-slack path from a
  source to a sink of length `T`, taking the earliest step (time order) at each tie.

Waiting between steps (a step starting later than its predecessors finished) is not work and is
not scheduled, so `total_seconds` is the time the work on the critical path took, at most the
chain's wall-clock span. All arithmetic is in whole microseconds, so "zero slack" is exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from lineage.services.chains import ChainView, chain_view
from lineage.services.steps import Step, StepGraph, chain_steps
from lineage.store.protocol import Store

_US = 1_000_000


@dataclass(frozen=True, slots=True)
class ScheduledStep:
    """A step with its place in the schedule (seconds from the schedule's start)."""

    step: Step
    earliest_start_seconds: float
    earliest_finish_seconds: float
    latest_start_seconds: float
    latest_finish_seconds: float
    slack_seconds: float
    on_critical_path: bool


@dataclass(frozen=True, slots=True)
class CriticalPath:
    """The CPM answer for a chain.

    `steps`: every step in topological order (ties by time). `path`: one zero-slack path, in
    order. `total_seconds`: its length (queue plus run time of its steps); `queue_seconds` and
    `run_seconds` split it. `island_count`: weakly connected pieces of the step graph (1 for a
    healthy chain). `ignored_link_ids`: PATH links left out to break cycles.
    """

    total_seconds: float
    queue_seconds: float
    run_seconds: float
    steps: tuple[ScheduledStep, ...]
    path: tuple[ScheduledStep, ...]
    island_count: int
    ignored_link_ids: tuple[str, ...]

    def step(self, step_id: str) -> ScheduledStep | None:
        """The scheduled step with this id, if there is one."""
        return next((s for s in self.steps if s.step.id == step_id), None)


def schedule(graph: StepGraph) -> CriticalPath:
    """The critical-path method over a step graph."""
    rank = {step.id: position for position, step in enumerate(graph.steps)}
    by_id = {step.id: step for step in graph.steps}
    dag: nx.DiGraph[str] = nx.DiGraph()
    dag.add_nodes_from(by_id)
    dag.add_edges_from(graph.edges)
    order = list(nx.lexicographical_topological_sort(dag, key=rank.__getitem__))
    earliest: dict[str, int] = {}
    for step_id in order:
        earliest[step_id] = max(
            (earliest[p] + by_id[p].weight_us for p in dag.predecessors(step_id)), default=0
        )
    total = max((earliest[i] + by_id[i].weight_us for i in order), default=0)
    latest_finish: dict[str, int] = {}
    for step_id in reversed(order):
        latest_finish[step_id] = min(
            (latest_finish[s] - by_id[s].weight_us for s in dag.successors(step_id)),
            default=total,
        )
    scheduled: dict[str, ScheduledStep] = {}
    for step_id in order:
        step = by_id[step_id]
        es, lf = earliest[step_id], latest_finish[step_id]
        slack = lf - step.weight_us - es
        scheduled[step_id] = ScheduledStep(
            step=step,
            earliest_start_seconds=es / _US,
            earliest_finish_seconds=(es + step.weight_us) / _US,
            latest_start_seconds=(lf - step.weight_us) / _US,
            latest_finish_seconds=lf / _US,
            slack_seconds=slack / _US,
            on_critical_path=slack == 0,
        )
    path = _zero_slack_path(order, dag, by_id, earliest, latest_finish, total, rank)
    queue_us = sum(_queue_us(by_id[i]) for i in path)
    return CriticalPath(
        total_seconds=total / _US,
        queue_seconds=queue_us / _US,
        run_seconds=(total - queue_us) / _US,
        steps=tuple(scheduled[i] for i in order),
        path=tuple(scheduled[i] for i in path),
        island_count=nx.number_weakly_connected_components(dag) if by_id else 0,
        ignored_link_ids=graph.ignored_link_ids,
    )


def chain_critical_path(view: ChainView) -> CriticalPath:
    """The critical path of a loaded chain view (no store call)."""
    return schedule(chain_steps(view.events, view.links))


def critical_path_of_chain(store: Store, chain_id: str) -> CriticalPath | None:
    """The critical path of the chain with this id, or None if the chain is unknown."""
    view = chain_view(store, chain_id)
    return chain_critical_path(view) if view is not None else None


def _zero_slack_path(
    order: list[str],
    dag: nx.DiGraph[str],
    by_id: dict[str, Step],
    earliest: dict[str, int],
    latest_finish: dict[str, int],
    total: int,
    rank: dict[str, int],
) -> list[str]:
    """One source-to-sink chain of zero-slack steps, each starting as its predecessor ends."""

    def critical(step_id: str) -> bool:
        return latest_finish[step_id] - by_id[step_id].weight_us == earliest[step_id]

    starts = [i for i in order if dag.in_degree(i) == 0 and critical(i)]
    if not starts:
        return []
    path = [min(starts, key=rank.__getitem__)]
    while True:
        current = path[-1]
        finish = earliest[current] + by_id[current].weight_us
        following = [
            s for s in dag.successors(current) if critical(s) and earliest[s] == finish
        ]
        if not following:
            break
        path.append(min(following, key=rank.__getitem__))
    if earliest[path[-1]] + by_id[path[-1]].weight_us != total:  # pragma: no cover - by CPM
        raise AssertionError("zero-slack walk did not reach the end of the schedule")
    return path


def _queue_us(step: Step) -> int:
    return round((step.queue_seconds or 0.0) * _US)
