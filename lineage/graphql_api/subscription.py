"""The `Subscription` root: live chain updates and newly ingested events (graphql-transport-ws)."""
# mypy: disable-error-code="untyped-decorator"
# (strawberry types `@strawberry.field(...)` with arguments as returning Any.)

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry

from lineage.graphql_api.context import Info
from lineage.graphql_api.inputs import EventFilterInput, event_filter
from lineage.graphql_api.types.chain import Chain
from lineage.graphql_api.types.event import Event
from lineage.services.limits import max_chain_events
from lineage.services.live import chain_updates, ingested_events


@strawberry.type(
    description="Live updates over graphql-transport-ws: a chain as it grows, new events."
)
class Subscription:
    @strawberry.subscription(
        description="The chain now (if it exists), then again after each write that changes it."
    )
    async def chain_updated(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID,
            strawberry.argument(description="The chain id to follow (UUIDs in any case)."),
        ],
    ) -> AsyncGenerator[Chain, None]:
        """The chain now, then after each write that changes it."""
        runtime = info.context.runtime
        updates = chain_updates(runtime.store, runtime.notifier, id, max_chain_events())
        async for view in updates:
            yield Chain.from_view(view)

    @strawberry.subscription(description="Each newly stored event matching `filter`.")
    async def events_ingested(
        self,
        info: Info,
        filter: Annotated[
            EventFilterInput | None,
            strawberry.argument(description="Which events to send (every new event if omitted)."),
        ] = None,
    ) -> AsyncGenerator[Event, None]:
        """Each newly stored event matching the filter."""
        async for event in ingested_events(info.context.runtime.notifier, event_filter(filter)):
            yield Event.from_node(event)
