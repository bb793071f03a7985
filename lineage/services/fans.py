"""Fan-out / fan-in groups over the PATH links of a chain.

Every event with two or more PATH successors is the `source` of a group. Its `sink` is the
immediate post-dominator of the source (the nearest event every path from the source must pass
through), found with networkx's `immediate_dominators` on the reversed PATH graph from a virtual
exit joined to every event without successors; it is None when the branches never rejoin. Each
branch holds the events strictly between source and sink along one successor, in path order
(empty when that successor is the sink); without a sink, everything reachable along it.

Nesting: a group whose source lies inside a branch of another group is listed in that branch's
`groups` (it may appear in several branches when branches overlap); `fan_groups` returns only the
outermost groups, `all_fan_groups` every group. PATH links should form a DAG; should a cycle show
up, its most time-backward link is ignored so that the analysis stays defined.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

import networkx as nx

from lineage.model import Event, LinkType
from lineage.services.chains import ChainView
from lineage.services.nodes import Node

_EXIT = -1


@dataclass(eq=False, slots=True)
class FanBranch:
    """One way out of a fan source: the successor taken and the events before the sink."""

    via: Node
    events: list[Node]
    groups: list[FanGroup] = field(default_factory=list)


@dataclass(eq=False, slots=True)
class FanGroup:
    """A fan-out at `source` and, if the branches rejoin, the fan-in at `sink`."""

    source: Node
    sink: Node | None
    branches: list[FanBranch]

    @property
    def complete(self) -> bool:
        """Whether the branches rejoin at a sink that has been reached (a stored event)."""
        return isinstance(self.sink, Event)


def fan_groups(view: ChainView) -> list[FanGroup]:
    """The outermost fan groups of a chain, by source; nested ones sit in their branches."""
    groups = all_fan_groups(view)
    nested = {id(inner) for group in groups for b in group.branches for inner in b.groups}
    return [group for group in groups if id(group) not in nested]


def all_fan_groups(view: ChainView) -> list[FanGroup]:
    """Every fan group of a chain (outer and nested), by source in event order."""
    nodes = list(view.events)
    successors = _path_successors(view, {node.id: rank for rank, node in enumerate(nodes)})
    sources = [n for n in range(len(nodes)) if len(successors[n]) >= 2]
    if not sources:
        return []
    position = {n: i for i, n in enumerate(_topological_order(successors))}
    post_dominator = _immediate_post_dominators(successors)
    groups: dict[int, FanGroup] = {}
    members: dict[int, list[set[int]]] = {}
    for source in sources:
        sink = post_dominator.get(source, _EXIT)
        branches: list[FanBranch] = []
        member_sets: list[set[int]] = []
        for successor in successors[source]:
            inside = _reachable_before(successors, successor, sink)
            member_sets.append(inside)
            events = [nodes[n] for n in sorted(inside, key=position.__getitem__)]
            branches.append(FanBranch(via=nodes[successor], events=events))
        groups[source] = FanGroup(nodes[source], nodes[sink] if sink != _EXIT else None, branches)
        members[source] = member_sets
    for source, group in groups.items():
        for branch, inside in zip(group.branches, members[source], strict=True):
            branch.groups = [groups[s] for s in sorted(inside) if s in groups]
    return [groups[source] for source in sources]


Successors = list[list[int]]


def _path_successors(view: ChainView, rank: dict[str, int]) -> Successors:
    """PATH links among members as sorted successor lists over member ranks, made acyclic."""
    edges: set[tuple[int, int]] = set()
    for link in view.links:
        if link.type is not LinkType.PATH or link.from_id is None or link.to_id is None:
            continue
        source, target = rank.get(link.from_id), rank.get(link.to_id)
        if source is not None and target is not None and source != target:
            edges.add((source, target))
    successors: Successors = [[] for _ in rank]
    for source, target in sorted(edges):
        successors[source].append(target)
    if len(_topological_order(successors)) < len(successors):
        _break_cycles(successors)
    return successors


def _topological_order(successors: Successors) -> list[int]:
    """Kahn's algorithm, earliest rank first among ready nodes (nodes on cycles are left out)."""
    indegree = [0] * len(successors)
    for targets in successors:
        for target in targets:
            indegree[target] += 1
    ready = [n for n, degree in enumerate(indegree) if degree == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        node = heapq.heappop(ready)
        order.append(node)
        for target in successors[node]:
            indegree[target] -= 1
            if indegree[target] == 0:
                heapq.heappush(ready, target)
    return order


def _break_cycles(successors: Successors) -> None:
    """Drop, from each cycle, the edge that goes furthest back in event order."""
    graph: nx.DiGraph[int] = nx.DiGraph()
    graph.add_edges_from((s, t) for s, targets in enumerate(successors) for t in targets)
    while True:
        try:
            cycle = nx.find_cycle(graph)
        except nx.NetworkXNoCycle:
            return
        source, target = max(((e[0], e[1]) for e in cycle), key=lambda e: (e[0] - e[1], e))
        graph.remove_edge(source, target)
        successors[source].remove(target)


def _immediate_post_dominators(successors: Successors) -> dict[int, int]:
    """Immediate post-dominator of every node; `_EXIT` when only the virtual exit dominates it.

    Dominators of the reversed PATH graph, entered from a virtual exit joined to every node
    without successors.
    """
    reverse: nx.DiGraph[int] = nx.DiGraph()
    reverse.add_nodes_from(range(-1, len(successors)))
    reverse.add_edges_from((t, s) for s, targets in enumerate(successors) for t in targets)
    reverse.add_edges_from((_EXIT, n) for n, targets in enumerate(successors) if not targets)
    dominators: dict[int, int] = nx.immediate_dominators(reverse, _EXIT)
    return {n: d for n, d in dominators.items() if n != _EXIT}


def _reachable_before(successors: Successors, start: int, sink: int) -> set[int]:
    """Nodes reachable from `start` without passing `sink` (none if `start` is the sink)."""
    if start == sink:
        return set()
    seen = {start}
    stack = [start]
    while stack:
        for successor in successors[stack.pop()]:
            if successor != sink and successor not in seen:
                seen.add(successor)
                stack.append(successor)
    return seen
