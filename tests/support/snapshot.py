"""A backend-independent picture of everything a store holds, for comparing stores."""

from __future__ import annotations

import dataclasses
from typing import Any

from lineage.model import Direction
from lineage.store import ChainFilter, EventFilter, Store


def snapshot(store: Store) -> dict[str, Any]:
    """Events (id → digest), links (id → digest), chain summaries and placeholders of a store."""
    events = _all(lambda after: store.find_events(EventFilter(), 500, after))
    chains = _all(lambda after: store.find_chains(ChainFilter(), 500, after))
    event_ids = [e.id for e in events]
    links = {x.id: x for x in store.links_touching(event_ids, Direction.BOTH)}
    for chain in chains:
        links.update((x.id, x) for x in store.chain_links(chain.id))
    touched = sorted({end for x in links.values() for end in x.endpoints()})
    return {
        "events": {e.id: e.digest for e in events},
        "links": {i: (x.digest, x.type, x.chain_id, x.from_id, x.to_id) for i, x in links.items()},
        "chains": sorted((dataclasses.asdict(c) for c in chains), key=lambda c: c["id"]),
        "placeholders": sorted(store.placeholder_ids(touched)),
        "stats": store.stats(),
    }


def _all(fetch: Any) -> list[Any]:
    items: list[Any] = []
    after = None
    while True:
        page = fetch(after)
        items.extend(page.items)
        if not page.has_next:
            return items
        after = page.end_cursor
