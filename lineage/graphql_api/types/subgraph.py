"""`Subgraph`: what a traversal reached, each event with its shortest depth."""
# mypy: disable-error-code="untyped-decorator"
# (strawberry types `@strawberry.field(...)` with arguments as returning Any.)

from __future__ import annotations

import strawberry

from lineage.graphql_api.types.event import Event, Link
from lineage.model import Link as LinkModel
from lineage.services.limits import listed
from lineage.services.traversal import Subgraph as SubgraphResult


@strawberry.type(description="An event a traversal reached, and the fewest link hops it took.")
class SubgraphNode:
    depth: int = strawberry.field(description="The fewest link hops from the root.")
    event: Event = strawberry.field(description="The event (or placeholder) reached.")


@strawberry.type(
    description="How many events a traversal reached at one depth and how many it returned."
)
class SubgraphLevel:
    depth: int = strawberry.field(description="Link hops from the root (1 = its neighbours).")
    reached: int = strawberry.field(description="Events reached at this depth.")
    shown: int = strawberry.field(description="Of those, how many are in `nodes`.")
    more: int = strawberry.field(
        description="Reached but left out by `perLevel`: what a `+N more` marker shows."
    )


@strawberry.type(description="The events and links within reach of a root event.")
class Subgraph:
    root: Event = strawberry.field(description="The event the traversal started at.")
    nodes: list[SubgraphNode] = strawberry.field(
        description="Events reached (root excluded), by depth then time."
    )
    truncated: bool = strawberry.field(description="True when `limit` cut the answer short.")
    levels: list[SubgraphLevel] = strawberry.field(
        description="Per depth, from 1: how many events were reached and how many returned."
    )
    followed: strawberry.Private[tuple[LinkModel, ...]]

    @strawberry.field(
        description="Links followed between reached events; more than `LINEAGE_MAX_LISTED_ITEMS` "
        "is an error that says how to narrow the traversal."
    )
    def links(self) -> list[Link]:
        """The links followed between reached events, within the listing cap."""
        followed = listed(
            f"the traversal from {self.root.id!r}",
            "links",
            self.followed,
            "narrow it with a smaller maxDepth, limit or perLevel, linkTypes, or "
            "includeInferred: false",
        )
        return [Link.from_model(link) for link in followed]

    @classmethod
    def from_result(cls, result: SubgraphResult) -> Subgraph:
        """The GraphQL view of a traversal result."""
        reached = result.nodes
        return cls(
            root=Event.from_node(result.root),
            nodes=[SubgraphNode(depth=r.depth, event=Event.from_node(r.node)) for r in reached],
            followed=result.links,
            truncated=result.truncated,
            levels=[
                SubgraphLevel(
                    depth=level.depth, reached=level.reached, shown=level.shown, more=level.more
                )
                for level in result.levels
            ],
        )
