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
    walk = store.walk([root], direction, max_depth, cap, link_types, include_inferred)
    if root not in walk.events and root not in walk.placeholders:
        raise NotFoundError(f"no event with id {root_id!r}")
    nodes: dict[str, Node] = {i: walk.events.get(i) or Placeholder(i) for i in walk.depth}
    reached = sorted(
        (Reached(d, nodes[i]) for i, d in walk.depth.items() if i != root),
        key=lambda r: (r.depth, node_order(r.node)),
    )
    return Subgraph(nodes[root], tuple(reached), tuple(walk.links), walk.truncated)
