"""Traversal: every event within N link hops of a root, each at its shortest depth.

Breadth-first, one `links_touching` store call per depth level (plus one to fetch the events),
so the cost is bounded by the depth, never by the number of events found.
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
from lineage.services.nodes import Node, Placeholder, nodes_by_id
from lineage.services.ordering import link_order, node_order
from lineage.store.protocol import Store


@dataclass(frozen=True, slots=True)
class Reached:
    """An event reached by a traversal and the fewest link hops it took."""

    depth: int
    node: Node


@dataclass(frozen=True, slots=True)
class Subgraph:
    """The answer of a traversal: the root, the events reached, the links followed."""

    root: Node
    nodes: tuple[Reached, ...]
    links: tuple[Link, ...]
    truncated: bool


def traverse(
    store: Store,
    root_id: str,
    direction: Direction = Direction.DOWNSTREAM,
    max_depth: int = DEFAULT_TRAVERSE_DEPTH,
    link_types: Sequence[LinkType] = (),
    limit: int | None = None,
    include_inferred: bool = True,
) -> Subgraph:
    """Events reachable from `root_id` within `max_depth` hops over `link_types` (all if empty).

    Inferred edges (derived by ingest from subject references) are followed unless
    `include_inferred` is False; producer links always are.

    At most `limit` events are returned (the root not counted); `truncated` says the limit cut
    the answer. Depth and limit are capped server-side (`LimitExceededError` beyond the caps);
    an id that is neither an event nor a placeholder raises `NotFoundError`.
    """
    check_range("maxDepth", max_depth, 1, MAX_TRAVERSE_DEPTH)
    cap = check_range(
        "limit", DEFAULT_TRAVERSE_LIMIT if limit is None else limit, 1, MAX_TRAVERSE_LIMIT
    )
    root = normalize_id(root_id)
    depth_of: dict[str, int] = {root: 0}
    followed: dict[str, Link] = {}
    frontier = [root]
    truncated = False
    for depth in range(1, max_depth + 1):
        if not frontier:
            break
        links = sorted(
            store.links_touching(frontier, direction, link_types, include_inferred),
            key=link_order,
        )
        at_frontier = set(frontier)
        frontier = []
        for link in links:
            for neighbour in _neighbours(link, at_frontier, direction):
                if neighbour in depth_of:
                    continue
                if len(depth_of) - 1 >= cap:
                    truncated = True
                    continue
                depth_of[neighbour] = depth
                frontier.append(neighbour)
            if link.from_id in depth_of and link.to_id in depth_of:
                followed.setdefault(link.id, link)
        if truncated:
            break
    nodes = nodes_by_id(store, list(depth_of))
    alone = len(depth_of) == 1 and isinstance(nodes[root], Placeholder)
    if alone and root not in store.placeholder_ids([root]):
        raise NotFoundError(f"no event with id {root_id!r}")
    reached = sorted(
        (Reached(d, nodes[i]) for i, d in depth_of.items() if i != root),
        key=lambda r: (r.depth, node_order(r.node)),
    )
    return Subgraph(nodes[root], tuple(reached), tuple(followed.values()), truncated)


def _neighbours(link: Link, frontier: set[str], direction: Direction) -> list[str]:
    """The endpoints this link leads to from the frontier, following `direction`."""
    found: list[str] = []
    if direction is not Direction.UPSTREAM and link.from_id in frontier and link.to_id:
        found.append(link.to_id)
    if direction is not Direction.DOWNSTREAM and link.to_id in frontier and link.from_id:
        found.append(link.from_id)
    return found
