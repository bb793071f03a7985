"""Steps: a chain's events collapsed into the units of work the critical path schedules.

The PATH links of a chain join individual events; a unit of work is usually several of them
(a task run's `started` and `finished`). The rules, in order:

- **Timed subjects** are pipeline runs, task runs, builds, test suite runs and test case runs
  (`TIMED_SUBJECTS`). The member events about one timed subject (same subject type and id) are
  one **run** step: `queueSeconds` = first `started` - first `queued`, `durationSeconds` = last
  `finished` - first `started` (without a `started`: last `finished` - first `queued`, queue
  unknown). A step without a `finished` event (or with a lone event) has no duration: it is
  scheduled as taking 0 s and reported with `duration_seconds` None (`complete` False).
  Negative differences (clocks out of step) count as 0.
- A run whose events **enclose** other events (some PATH path leaves one of its events and comes
  back to another, as `taskrun.started -> build.finished -> taskrun.finished`) **absorbs** those
  events when each is a lone event (an instant, or a timed subject with one event here): they
  happened during the run and do not add time of their own. A run enclosing a multi-event run
  (a pipeline run around its task runs) is a **container**: it is split into an **opening** step
  (its `queued`/`started` events: its queue time, 0 s of run time) and a **closing** step (its
  `finished` events, 0 s): the steps inside carry its time. Runs are examined innermost first
  (fewest enclosed events); an event is absorbed by one run only, and a run whose enclosed
  events are already taken becomes a container.
- Every other stored event is an **instant** step (0 s); a placeholder (an id links reference
  whose event never arrived) is a **missing** step (0 s).
- Step edges are the PATH links between events of different steps (producer links only; RELATION
  links say "related", not "after"). PATH links should form a DAG; a cycle (among events, or one
  the collapsing makes) is broken by ignoring its most time-backward link (ties: the greatest
  link id), repeatedly; the ignored link ids are reported.
- Islands (pieces with no PATH link between them) stay separate pieces of the graph; the
  scheduler (`lineage.services.critical_path`) starts them all at time 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

import networkx as nx

from lineage.ingest.run_summaries import finished_status
from lineage.model import Event, Link, LinkType
from lineage.model.pipeline import ExecutionStatus
from lineage.services.nodes import Node
from lineage.services.ordering import EARLIEST, node_order

#: Subject types whose events come in queued / started / finished pairs: they take time.
TIMED_SUBJECTS = frozenset({"pipelineRun", "taskRun", "build", "testSuiteRun", "testCaseRun"})
_OPENING_PREDICATES = frozenset({"queued", "started"})
_MICROSECOND = timedelta(microseconds=1)


class StepKind(StrEnum):
    """What a step stands for (see the module docstring)."""

    RUN = "run"
    OPENING = "opening"
    CLOSING = "closing"
    INSTANT = "instant"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class Step:
    """One unit of work of a chain: the events it collapses and the time it took.

    `id` is the id of its first event (in time order), `event_ids` all its events in time order,
    `absorbed_ids` those among them that are other subjects' events it enclosed.
    `queue_seconds` / `duration_seconds` are None when unknown.
    """

    id: str
    kind: StepKind
    name: str
    subject_type: str | None
    subject_id: str | None
    event_ids: tuple[str, ...]
    absorbed_ids: tuple[str, ...]
    queued_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    queue_seconds: float | None
    duration_seconds: float | None
    status: ExecutionStatus | None
    #: Queue plus run time in whole microseconds: what the scheduler adds up.
    weight_us: int

    @property
    def complete(self) -> bool:
        """Whether the step's time is fully known (a run with its finish, or a 0 s step)."""
        return self.kind is not StepKind.RUN or self.duration_seconds is not None

    @property
    def weight_seconds(self) -> float:
        """Queue plus run time in seconds (unknown parts count as 0)."""
        return self.weight_us / 1_000_000


@dataclass(frozen=True, slots=True)
class StepGraph:
    """The steps of a chain (in time order of their first event) and the edges between them."""

    steps: tuple[Step, ...]
    edges: tuple[tuple[str, str], ...]
    ignored_link_ids: tuple[str, ...]
    step_of_event: dict[str, str]


def chain_steps(nodes: Sequence[Node], links: Iterable[Link]) -> StepGraph:
    """The steps of the events `nodes` joined by the PATH links among `links`."""
    by_id: dict[str, Node] = {node.id: node for node in nodes}
    order = {node.id: rank for rank, node in enumerate(sorted(by_id.values(), key=node_order))}
    events: dict[str, Event] = {i: n for i, n in by_id.items() if isinstance(n, Event)}
    link_of: dict[tuple[str, str], str] = {}
    for link in links:
        source, target = link.from_id, link.to_id
        if (
            link.type is not LinkType.PATH
            or link.inferred
            or source is None
            or target is None
            or source == target
            or source not in by_id
            or target not in by_id
        ):
            continue
        known = link_of.get((source, target))
        link_of[(source, target)] = link.id if known is None else min(known, link.id)
    graph: nx.DiGraph[str] = nx.DiGraph()
    ranked: list[str] = sorted(by_id, key=order.__getitem__)
    graph.add_nodes_from(ranked)
    graph.add_edges_from(link_of)
    ignored = _break_cycles(graph, lambda edge: _backwardness(edge, events, link_of))
    groups = _timed_groups(events)
    step_of, parts = _collapse(graph, groups, events)
    steps: dict[str, Step] = {}
    for part, kind in parts:
        step = _step(part, step_of, events, kind)
        steps[step.id] = step
    for node_id in by_id:
        if node_id not in step_of:
            step_of[node_id] = node_id
            steps[node_id] = _single(by_id[node_id])
    step_graph: nx.DiGraph[str] = nx.DiGraph()
    step_graph.add_nodes_from(steps)
    edge_links: dict[tuple[str, str], str] = {}
    for source, target in _edges(graph):
        a, b = step_of[source], step_of[target]
        if a != b:
            edge = (a, b)
            known = edge_links.get(edge)
            link_id = link_of[(source, target)]
            edge_links[edge] = link_id if known is None else max(known, link_id)
    step_graph.add_edges_from(edge_links)
    ignored += _break_cycles(
        step_graph, lambda edge: _step_backwardness(edge, steps, edge_links)
    )
    ordered_steps = sorted(steps.values(), key=lambda s: order[s.id])
    return StepGraph(
        steps=tuple(ordered_steps),
        edges=tuple(sorted(_edges(step_graph), key=lambda e: (order[e[0]], order[e[1]]))),
        ignored_link_ids=tuple(ignored),
        step_of_event=step_of,
    )


def _edges(graph: nx.DiGraph[str]) -> list[tuple[str, str]]:
    return [(source, target) for source, target in graph.edges()]


def _timed_groups(events: dict[str, Event]) -> dict[tuple[str, str], list[str]]:
    groups: dict[tuple[str, str], list[str]] = {}
    for event in sorted(events.values(), key=lambda e: (e.timestamp, e.id)):
        if event.subject_type in TIMED_SUBJECTS:
            groups.setdefault((event.subject_type, event.subject_id), []).append(event.id)
    return groups


def _collapse(
    graph: nx.DiGraph[str], groups: dict[tuple[str, str], list[str]], events: dict[str, Event]
) -> tuple[dict[str, str], list[tuple[list[str], StepKind]]]:
    """Which step each grouped event is in, and the parts (event ids, kind) that make steps."""
    lone = {i for members in groups.values() if len(members) == 1 for i in members}
    grouped = {i for members in groups.values() for i in members}
    absorbable = lone | (set(events) - grouped)
    inner: dict[tuple[str, str], set[str]] = {}
    for key, members in groups.items():
        if len(members) < 2:
            continue
        down: set[str] = set()
        up: set[str] = set()
        for member in members:
            down |= nx.descendants(graph, member)
            up |= nx.ancestors(graph, member)
        inner[key] = (down & up) - set(members)
    step_of: dict[str, str] = {}
    parts: list[tuple[list[str], StepKind]] = []
    claimed: set[str] = set()
    for key in sorted(inner, key=lambda k: (len(inner[k]), groups[k][0])):
        members, enclosed = groups[key], inner[key]
        if enclosed <= absorbable and not enclosed & claimed:
            claimed |= enclosed
            part = [*members, *sorted(enclosed, key=lambda i: (events[i].timestamp, i))]
            parts.append((part, StepKind.RUN))
        else:
            opening = [i for i in members if events[i].predicate in _OPENING_PREDICATES]
            closing = [i for i in members if events[i].predicate not in _OPENING_PREDICATES]
            parts += [(p, k) for p, k in ((opening, StepKind.OPENING),
                                          (closing, StepKind.CLOSING)) if p]  # fmt: skip
    for part, _kind in parts:
        for event_id in part:
            step_of[event_id] = part[0]
    # Lone timed events nobody absorbed are runs of their own (no duration: one event).
    for members in groups.values():
        if len(members) == 1 and members[0] not in claimed:
            parts.append((members, StepKind.RUN))
            step_of[members[0]] = members[0]
    return step_of, parts


def _step(part: list[str], step_of: dict[str, str], events: dict[str, Event],
          kind: StepKind) -> Step:  # fmt: skip
    first = events[part[0]]
    own = [events[i] for i in part if _same_subject(events[i], first)]
    absorbed = tuple(i for i in part if not _same_subject(events[i], first))
    queued = [e.timestamp for e in own if e.predicate == "queued"]
    started = [e.timestamp for e in own if e.predicate == "started"]
    finishes = [e for e in own if e.predicate == "finished"]
    queued_at = min(queued) if queued else None
    started_at = min(started) if started else None
    finished_at = max(e.timestamp for e in finishes) if finishes else None
    queue: timedelta | None = None
    run: timedelta | None = None
    if queued_at is not None and started_at is not None:
        queue = started_at - queued_at
    if kind is StepKind.RUN and finished_at is not None:
        begin = started_at if started_at is not None else queued_at
        if begin is not None:
            run = finished_at - begin
    elif kind in (StepKind.OPENING, StepKind.CLOSING):
        run = timedelta(0)
    if kind is StepKind.CLOSING:
        queue = None
    queue = max(queue, timedelta(0)) if queue is not None else None
    run = max(run, timedelta(0)) if run is not None else None
    latest_finish = max(finishes, key=lambda e: (e.timestamp, e.id)) if finishes else None
    ordered_ids = [e.id for e in sorted((events[i] for i in part),
                                        key=lambda e: (e.timestamp, e.id))]  # fmt: skip
    step_id = part[0] if kind is not StepKind.RUN else ordered_ids[0]
    for event_id in part:
        step_of[event_id] = step_id
    name = _run_name(own)
    if kind is StepKind.OPENING:
        name += " (start)"
    elif kind is StepKind.CLOSING:
        name += " (finish)"
    return Step(
        id=step_id,
        kind=kind,
        name=name,
        subject_type=first.subject_type,
        subject_id=first.subject_id,
        event_ids=tuple(ordered_ids),
        absorbed_ids=absorbed,
        queued_at=queued_at,
        started_at=started_at,
        finished_at=finished_at,
        queue_seconds=queue.total_seconds() if queue is not None else None,
        duration_seconds=run.total_seconds() if run is not None else None,
        status=finished_status(latest_finish.subject_content) if latest_finish else None,
        weight_us=((queue or timedelta(0)) + (run or timedelta(0))) // _MICROSECOND,
    )


def _single(node: Node) -> Step:
    """The step of an event no run took in: an instant, or a missing event."""
    if not isinstance(node, Event):
        return Step(node.id, StepKind.MISSING, "missing event", None, None, (node.id,), (),
                    None, None, None, None, 0.0, None, 0)  # fmt: skip
    name = f"{node.subject_type}.{node.predicate} {node.subject_id}"
    return Step(node.id, StepKind.INSTANT, name, node.subject_type, node.subject_id, (node.id,),
                (), None, None, None, None, 0.0, None, 0)  # fmt: skip


def _same_subject(event: Event, first: Event) -> bool:
    return event.subject_type == first.subject_type and event.subject_id == first.subject_id


def _run_name(events: list[Event]) -> str:
    """A run's name: its task or pipeline name, its test suite or case, else its subject id."""
    first = events[0]
    key = {"taskRun": "taskName", "pipelineRun": "pipelineName"}.get(first.subject_type)
    for event in reversed(events):
        content = event.subject_content
        if key is not None:
            value = content.get(key)
            if isinstance(value, str) and value:
                return value
        for holder_key in ("testSuite", "testCase"):
            holder: Any = content.get(holder_key)
            if isinstance(holder, dict):
                for field in ("name", "id"):
                    value = holder.get(field)
                    if isinstance(value, str) and value:
                        return value
    return first.subject_id


def _backwardness(
    edge: tuple[str, str], events: dict[str, Event], link_of: dict[tuple[str, str], str]
) -> tuple[timedelta, str]:
    source, target = events.get(edge[0]), events.get(edge[1])
    gap = (
        source.timestamp - target.timestamp
        if source is not None and target is not None
        else timedelta(0)
    )
    return (gap, link_of[edge])


def _step_backwardness(
    edge: tuple[str, str], steps: dict[str, Step], edge_links: dict[tuple[str, str], str]
) -> tuple[timedelta, str]:
    source, target = steps[edge[0]], steps[edge[1]]
    a = source.started_at or source.queued_at or source.finished_at or EARLIEST
    b = target.started_at or target.queued_at or target.finished_at or EARLIEST
    return (a - b, edge_links[edge])


def _break_cycles(graph: nx.DiGraph[str], key: Any) -> list[str]:
    """Remove, while there is a cycle, its edge with the greatest `key`; the keys' link ids."""
    ignored: list[str] = []
    if nx.is_directed_acyclic_graph(graph):  # the usual case, and much cheaper than find_cycle
        return ignored
    while True:
        try:
            cycle = nx.find_cycle(graph)
        except nx.NetworkXNoCycle:
            return ignored
        edges = [(u, v) for u, v, *_ in cycle]
        worst = max(edges, key=key)
        graph.remove_edge(*worst)
        ignored.append(key(worst)[1])
