"""The GraphQL context: the shared runtime (store, ingestor, notifier) and per-context loaders."""

from __future__ import annotations

from dataclasses import dataclass

import strawberry

from lineage.graphql_api.loaders import Loaders, make_loaders
from lineage.services.runtime import Runtime
from lineage.store.protocol import Store


@dataclass(slots=True)
class GraphQLContext:
    """What resolvers reach through `info.context`."""

    runtime: Runtime
    loaders: Loaders

    @property
    def store(self) -> Store:
        """The store every resolver reads through services."""
        return self.runtime.store


def make_context(store: Store, runtime: Runtime | None = None) -> GraphQLContext:
    """A fresh context for `store`; pass the server's shared `runtime` so subscribers see writes."""
    shared = runtime if runtime is not None else Runtime.for_store(store)
    return GraphQLContext(runtime=shared, loaders=make_loaders(store))


Info = strawberry.Info[GraphQLContext, None]
