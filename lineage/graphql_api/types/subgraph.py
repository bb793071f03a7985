"""`Subgraph`: what a traversal reached, each event with its shortest depth."""

from __future__ import annotations

import strawberry

from lineage.graphql_api.types.event import Event, Link
from lineage.services.traversal import Subgraph as SubgraphResult


@strawberry.type(description="An event a traversal reached, and the fewest link hops it took.")
class SubgraphNode:
    depth: int
    event: Event


@strawberry.type(description="The events and links within reach of a root event.")
class Subgraph:
    root: Event
    nodes: list[SubgraphNode] = strawberry.field(
        description="Events reached (root excluded), by depth then time."
    )
    links: list[Link] = strawberry.field(description="Links followed between reached events.")
    truncated: bool = strawberry.field(description="True when `limit` cut the answer short.")

    @classmethod
    def from_result(cls, result: SubgraphResult) -> Subgraph:
        """The GraphQL view of a traversal result."""
        reached = result.nodes
        return cls(
            root=Event.from_node(result.root),
            nodes=[SubgraphNode(depth=r.depth, event=Event.from_node(r.node)) for r in reached],
            links=[Link.from_model(link) for link in result.links],
            truncated=result.truncated,
        )
