"""Reach: the events a commit's events lead to (or a deployment came from), with a path to each.

Breadth-first over PATH and END links, producer and inferred alike (one `walk` store call, which
also brings the events reached), except inferred edges through an environment: an environment is
where deployments happen, not what they ship, and one environment joins every deployment into it.
The path to an event is then found on the fetched subgraph with networkx: the one with the
fewest inferred edges (an edge skipping a stage of its subject's story, say from a build straight
to a deploy, counting as two), then the fewest hops, so a path follows what producers sent
wherever it can.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from lineage.model import Direction, Event, Link
from lineage.model.reach import (
    MAX_REACH_DEPTH,
    MAX_REACH_EVENTS,
    SKIPPED_INFERRED_KINDS,
    TRACE_LINK_TYPES,
)
from lineage.store.protocol import Store, Walk
from lineage.store.traces import TraceWalk

#: The walk of a commit trace's reach downstream (`TraceStore.commit_trace` takes it at once).
TRACE_WALK = TraceWalk(
    max_depth=MAX_REACH_DEPTH,
    max_events=MAX_REACH_EVENTS,
    types=TRACE_LINK_TYPES,
    include_inferred=True,
    skipped_inferred_kinds=tuple(sorted(SKIPPED_INFERRED_KINDS)),
)


@dataclass(slots=True)
class Reach:
    """Events reached from `roots` in one direction, the links followed, and paths to them
    (`events`: the stored events among those reached)."""

    roots: tuple[str, ...]
    direction: Direction
    depth: dict[str, int] = field(default_factory=dict)
    links: dict[str, Link] = field(default_factory=dict)
    truncated: bool = False
    events: dict[str, Event] = field(default_factory=dict)
    _paths: dict[str, list[str]] | None = None
    _costs: dict[str, float] | None = None

    @property
    def reached(self) -> list[str]:
        """Every event reached, roots included."""
        return list(self.depth)

    def trail(self, event_id: str) -> list[str]:
        """Ids from a root to `event_id` in the direction followed (empty if not reached)."""
        return list(self._solve()[0].get(event_id, []))

    def cost(self, event_id: str) -> float:
        """Distance from the roots; an inferred edge weighs more than any producer-only path."""
        return self._solve()[1].get(event_id, float("inf"))

    def _solve(self) -> tuple[dict[str, list[str]], dict[str, float]]:
        if self._paths is None or self._costs is None:
            graph: nx.DiGraph[str] = nx.DiGraph()
            graph.add_nodes_from(self.depth)
            heavy = len(self.depth) + 1  # more than any path of producer links alone
            for link in self.links.values():
                origin, target = _ends(link, self.direction)
                if origin is None or target is None:
                    continue
                weight = heavy * _stage_span(link) if link.inferred else 1
                known = graph.get_edge_data(origin, target)
                if known is None or known["weight"] > weight:
                    graph.add_edge(origin, target, weight=weight)
            costs: dict[str, float]
            paths: dict[str, list[str]]
            costs, paths = nx.multi_source_dijkstra(  # type: ignore[assignment]
                graph, set(self.roots), weight="weight"
            )
            self._costs = {node: float(cost) for node, cost in costs.items()}
            self._paths = {node: list(path) for node, path in paths.items()}
        return self._paths, self._costs


def reach(
    store: Store,
    roots: Iterable[str],
    direction: Direction,
    max_depth: int = MAX_REACH_DEPTH,
    max_events: int = MAX_REACH_EVENTS,
) -> Reach:
    """Every event reachable from `roots` following trace links in `direction`."""
    start = tuple(dict.fromkeys(roots))
    walk = store.walk(
        start,
        direction,
        max_depth,
        max(0, max_events - len(start)),
        TRACE_LINK_TYPES,
        include_inferred=True,
        skipped_inferred_kinds=sorted(SKIPPED_INFERRED_KINDS),
    )
    return reach_of(start, direction, max_depth, walk)


def reach_of(roots: Iterable[str], direction: Direction, max_depth: int, walk: Walk) -> Reach:
    """The reach a store's walk from `roots` (trace links, up to `max_depth`) amounts to."""
    start = tuple(dict.fromkeys(roots))
    # Events at the last depth allowed may lead further: the reach is cut there too.
    truncated = walk.truncated or max_depth in walk.depth.values()
    links = {link.id: link for link in walk.links}
    return Reach(start, direction, dict(walk.depth), links, truncated, dict(walk.events))


def _ends(link: Link, direction: Direction) -> tuple[str | None, str | None]:
    """(origin, target) of a link as followed in `direction`."""
    if direction is Direction.UPSTREAM:
        return link.to_id, link.from_id
    return link.from_id, link.to_id


def _stage_span(link: Link) -> int:
    """How many stages of its subject's story an inferred edge spans (1 if it does not say)."""
    try:
        return max(1, int(link.tags["toStage"]) - int(link.tags["fromStage"]))
    except (KeyError, ValueError):
        return 1
