"""DataLoaders: nested fields load in batches, one store call per batch, never one per item.

Loaders do not cache (`cache=False`): a websocket connection keeps one context for all its
operations and subscription results, and cached links would go stale as writes arrive. Batching,
which is what keeps store calls bounded, is unaffected.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from strawberry.dataloader import DataLoader

from lineage.model import Link
from lineage.services.chains import ChainView, chain_view
from lineage.services.events import links_by_event
from lineage.services.limits import max_chain_events
from lineage.services.nodes import Node, nodes_by_id
from lineage.store.protocol import Store


@dataclass(frozen=True, slots=True)
class Loaders:
    """The loaders of one GraphQL context."""

    links_by_event: DataLoader[str, list[Link]]
    nodes: DataLoader[str, Node]
    chain_views: DataLoader[str, ChainView | None]


def make_loaders(store: Store) -> Loaders:
    """Loaders reading from `store`; each batch runs in a worker thread."""

    async def load_links(ids: list[str]) -> list[list[Link]]:
        found = await asyncio.to_thread(links_by_event, store, ids)
        return [found[i] for i in ids]

    async def load_nodes(ids: list[str]) -> list[Node]:
        found = await asyncio.to_thread(nodes_by_id, store, ids)
        return [found[i] for i in ids]

    async def load_chain_views(ids: list[str]) -> list[ChainView | None]:
        def views() -> dict[str, ChainView | None]:
            cap = max_chain_events()
            return {i: chain_view(store, i, cap) for i in dict.fromkeys(ids)}

        found = await asyncio.to_thread(views)
        return [found[i] for i in ids]

    return Loaders(
        links_by_event=DataLoader(load_fn=load_links, cache=False),
        nodes=DataLoader(load_fn=load_nodes, cache=False),
        chain_views=DataLoader(load_fn=load_chain_views, cache=False),
    )
