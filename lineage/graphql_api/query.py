"""The `Query` root: each resolver calls one service (in a worker thread) and wraps the answer."""
# mypy: disable-error-code="untyped-decorator"
# (strawberry types `@strawberry.field(...)` with arguments as returning Any.)

from __future__ import annotations

import asyncio
from typing import Annotated

import strawberry

from lineage.graphql_api.context import Info
from lineage.graphql_api.enums import Direction, LinkType
from lineage.graphql_api.inputs import (
    ChainFilterInput,
    EventFilterInput,
    chain_filter,
    event_filter,
)
from lineage.graphql_api.types.chain import Chain
from lineage.graphql_api.types.connection import AfterCursor, Connection, PageSize, connection
from lineage.graphql_api.types.event import Event
from lineage.graphql_api.types.subgraph import Subgraph
from lineage.services.chains import chain_view, list_chains
from lineage.services.events import list_events
from lineage.services.limits import DEFAULT_PAGE_SIZE, DEFAULT_TRAVERSE_DEPTH, max_chain_events
from lineage.services.nodes import find_node
from lineage.services.traversal import traverse


@strawberry.type
class Query:
    @strawberry.field(description="The event (or placeholder) with this id, or null.")
    async def event(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID,
            strawberry.argument(description="The event id (UUIDs in any case)."),
        ],
    ) -> Event | None:
        """The event (or placeholder) with this id, or null."""
        node = await asyncio.to_thread(find_node, info.context.store, id)
        return Event.from_node(node) if node is not None else None

    @strawberry.field(description="Events matching `filter`, oldest first, keyset-paginated.")
    async def events(
        self,
        info: Info,
        filter: Annotated[
            EventFilterInput | None,
            strawberry.argument(description="Which events (all if omitted)."),
        ] = None,
        first: PageSize = DEFAULT_PAGE_SIZE,
        after: AfterCursor = None,
    ) -> Connection[Event]:
        """Events matching the filter, oldest first, keyset-paginated."""
        page = await asyncio.to_thread(
            list_events, info.context.store, event_filter(filter), first, after
        )
        return connection(page, Event.from_node)

    @strawberry.field(description="The chain with this id, or null.")
    async def chain(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID,
            strawberry.argument(description="The chain id (UUIDs in any case)."),
        ],
    ) -> Chain | None:
        """The chain with this id, or null."""
        view = await asyncio.to_thread(chain_view, info.context.store, id, max_chain_events())
        return Chain.from_view(view) if view is not None else None

    @strawberry.field(description="Chains matching `filter`, most recently active first.")
    async def chains(
        self,
        info: Info,
        filter: Annotated[
            ChainFilterInput | None,
            strawberry.argument(description="Which chains (all if omitted)."),
        ] = None,
        first: PageSize = DEFAULT_PAGE_SIZE,
        after: AfterCursor = None,
    ) -> Connection[Chain]:
        """Chains matching the filter, most recently active first."""
        page = await asyncio.to_thread(
            list_chains, info.context.store, chain_filter(filter), first, after
        )
        return connection(page, Chain.from_summary)

    @strawberry.field(
        description=(
            "Every event reachable from `from` within `maxDepth` link hops (at most 10) over "
            "`linkTypes` (all if omitted), each with its shortest depth; at most `limit` events "
            "(default 1000, at most 10000), `truncated` when the limit cut the answer; "
            "`includeInferred: false` follows producer links only, not the edges ingest inferred. "
            "`perLevel` returns at most that many events per depth (`levels` says how many more "
            "each depth reached). For separate upstream and downstream depths, ask twice with "
            "aliases in one query."
        )
    )
    async def traverse(
        self,
        info: Info,
        from_: Annotated[
            strawberry.ID,
            strawberry.argument(name="from", description="The event (or placeholder) to start at."),
        ],
        direction: Annotated[
            Direction | None,
            strawberry.argument(description="Which links to follow (default DOWNSTREAM)."),
        ] = Direction.DOWNSTREAM,
        max_depth: Annotated[
            int | None,
            strawberry.argument(description="Link hops to go at most (default 1, 1 to 10)."),
        ] = DEFAULT_TRAVERSE_DEPTH,
        link_types: Annotated[
            list[LinkType] | None,
            strawberry.argument(description="Only follow links of these types (all if omitted)."),
        ] = None,
        limit: Annotated[
            int | None,
            strawberry.argument(
                description="Events to return at most, root not counted (default 1000, at most "
                "10000)."
            ),
        ] = None,
        include_inferred: Annotated[
            bool,
            strawberry.argument(
                description="False: follow producer links only, not the edges ingest inferred."
            ),
        ] = True,
        per_level: Annotated[
            int | None,
            strawberry.argument(
                description=(
                    "Events to return per depth at most (all if omitted); each kept event hangs "
                    "off a kept event one level up. `levels` counts what was left out."
                )
            ),
        ] = None,
    ) -> Subgraph:
        """Every event within `maxDepth` hops of `from`, each at its shortest depth."""
        result = await asyncio.to_thread(
            traverse,
            info.context.store,
            from_,
            direction or Direction.DOWNSTREAM,
            DEFAULT_TRAVERSE_DEPTH if max_depth is None else max_depth,
            link_types or (),
            limit,
            include_inferred,
            per_level,
        )
        return Subgraph.from_result(result)
