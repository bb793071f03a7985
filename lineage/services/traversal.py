"""Traversal: every event within N link hops of a root, each at its shortest depth.

Breadth-first, in one `walk` store call (one Cypher statement on Neo4j, one query per level on
the embedded store), so the cost is bounded by the depth, never by the number of events found.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lineage.model import Direction, Link, LinkType, normalize_id
from lineage.services.errors import NotFoundError
from lineage.services.limits import (
    DEFAULT_TRAVERSE_DEPTH,
    DEFAULT_TRAVERSE_LIMIT,
    MAX_TRAVERSE_DEPTH,
    MAX_TRAVERSE_LIMIT,
    check_range,
)
from lineage.services.nodes import Node, Placeholder
from lineage.services.ordering import node_order
from lineage.store.protocol import Store


@dataclass(frozen=True, slots=True)
class Reached:
    """An event reached by a traversal and the fewest link hops it took."""

    depth: int
    node: Node


@dataclass(frozen=True, slots=True)
class Level:
    """How many events a traversal reached at one depth, and how many of them it returns."""

    depth: int
    reached: int
    shown: int

    @property
    def more(self) -> int:
        """Events reached at this depth but left out by the per-level cap."""
        return self.reached - self.shown


@dataclass(frozen=True, slots=True)
class Subgraph:
    """The answer of a traversal: the root, the events reached, the links followed, and per
    depth how many were reached and returned."""

    root: Node
    nodes: tuple[Reached, ...]
    links: tuple[Link, ...]
    truncated: bool
    levels: tuple[Level, ...] = ()


def traverse(
    store: Store,
    root_id: str,
    direction: Direction = Direction.DOWNSTREAM,
    max_depth: int = DEFAULT_TRAVERSE_DEPTH,
    link_types: Sequence[LinkType] = (),
    limit: int | None = None,
    include_inferred: bool = True,
    per_level: int | None = None,
) -> Subgraph:
    """Events reachable from `root_id` within `max_depth` hops over `link_types` (all if empty).

    Inferred edges (derived by ingest from subject references) are followed unless
    `include_inferred` is False; producer links always are.

    At most `limit` events are returned (the root not counted); `truncated` says the limit cut
    the answer. With `per_level`, at most that many events of each depth are returned (see
    `cap_levels`); `levels` says how many each depth reached. Depth and limits are capped
    server-side (`LimitExceededError` beyond the caps); an id that is neither an event nor a
    placeholder raises `NotFoundError`.
    """
    check_range("maxDepth", max_depth, 1, MAX_TRAVERSE_DEPTH)
    cap = check_range(
        "limit", DEFAULT_TRAVERSE_LIMIT if limit is None else limit, 1, MAX_TRAVERSE_LIMIT
    )
    if per_level is not None:
        check_range("perLevel", per_level, 1, MAX_TRAVERSE_LIMIT)
    root = normalize_id(root_id)
    walk = store.walk([root], direction, max_depth, cap, link_types, include_inferred)
    if root not in walk.events and root not in walk.placeholders:
        raise NotFoundError(f"no event with id {root_id!r}")
    nodes: dict[str, Node] = {i: walk.events.get(i) or Placeholder(i) for i in walk.depth}
    reached = sorted(
        (Reached(d, nodes[i]) for i, d in walk.depth.items() if i != root),
        key=lambda r: (r.depth, node_order(r.node)),
    )
    return cap_levels(
        Subgraph(nodes[root], tuple(reached), tuple(walk.links), walk.truncated), per_level
    )


def cap_levels(result: Subgraph, per_level: int | None) -> Subgraph:
    """`result` with at most `per_level` events per depth (all if None) and its `levels`.

    Events are kept in the order of `nodes` (depth, then time), each only if a followed link
    joins it to a kept event one level closer to the root, so every returned event hangs off
    the drawn graph; links are kept between kept events. `levels` counts what each depth
    reached, so a client can show "+N more".
    """
    kept: set[str] = {result.root.id}
    by_depth: dict[int, list[Reached]] = {}
    for reached in result.nodes:
        by_depth.setdefault(reached.depth, []).append(reached)
    neighbours: dict[str, set[str]] = {}
    for link in result.links:
        if link.from_id is not None and link.to_id is not None:
            neighbours.setdefault(link.from_id, set()).add(link.to_id)
            neighbours.setdefault(link.to_id, set()).add(link.from_id)
    shown: list[Reached] = []
    levels: list[Level] = []
    previous = {result.root.id}
    for depth in sorted(by_depth):
        level: set[str] = set()
        for reached in by_depth[depth]:
            if per_level is not None and len(level) >= per_level:
                break
            if per_level is None or neighbours.get(reached.node.id, set()) & previous:
                level.add(reached.node.id)
                shown.append(reached)
        levels.append(Level(depth, len(by_depth[depth]), len(level)))
        kept |= level
        previous = level
    links = result.links
    if per_level is not None:
        links = tuple(
            link
            for link in result.links
            if all(end is None or end in kept for end in (link.from_id, link.to_id))
        )
    return Subgraph(result.root, tuple(shown), links, result.truncated, tuple(levels))
