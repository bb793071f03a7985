"""Live answers: a chain as it changes and events as they are ingested, fed by the `Notifier`."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from lineage.model import Event, normalize_id
from lineage.services.chains import ChainView, chain_view
from lineage.services.events import event_matches
from lineage.services.notifications import Notifier
from lineage.store.protocol import EventFilter, Store


async def chain_updates(
    store: Store, notifier: Notifier, chain_id: str, max_events: int | None = None
) -> AsyncIterator[ChainView]:
    """The chain as it is now (if it exists), then again after every write that changes it
    (each view capped at `max_events` as `chain_view` caps it)."""
    key = normalize_id(chain_id)
    async with notifier.subscribe() as feed:
        view = await asyncio.to_thread(chain_view, store, key, max_events)
        if view is not None:
            yield view
        while True:
            members = view.member_ids if view is not None else set()
            notices = await feed.next_batch()
            if not any(notice.touches_chain(key, members) for notice in notices):
                continue
            view = await asyncio.to_thread(chain_view, store, key, max_events)
            if view is not None:
                yield view


async def ingested_events(notifier: Notifier, filter: EventFilter) -> AsyncIterator[Event]:
    """Each newly stored event that matches `filter`, as soon as its write is committed."""
    async with notifier.subscribe() as feed:
        async for notice in feed:
            for event in notice.events:
                if event_matches(filter, event):
                    yield event
