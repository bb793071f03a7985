"""Events: keyset listing, the links of many events in one call, in-memory filter matching."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from lineage.model import Direction, Event, Link, LinkType, normalize_id
from lineage.services.errors import LimitExceededError
from lineage.services.limits import page_size
from lineage.services.ordering import link_order
from lineage.store.protocol import EventFilter, Page, Store


def list_events(
    store: Store, filter: EventFilter, first: int | None = None, after: str | None = None
) -> Page[Event]:
    """One page of events matching `filter`, in (timestamp, id) order, after cursor `after`."""
    size = page_size(first)
    return store.find_events(normalized_filter(filter), size, after)


def normalized_filter(filter: EventFilter) -> EventFilter:
    """The filter with its chain id normalized the way ingest normalizes ids."""
    if filter.chain_id is None:
        return filter
    return dataclasses.replace(filter, chain_id=normalize_id(filter.chain_id))


def links_by_event(store: Store, ids: Sequence[str]) -> dict[str, list[Link]]:
    """Every link touching each event (both directions), fetched with one store call."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    return group_by_endpoint(store.links_touching(wanted, Direction.BOTH), wanted)


def group_by_endpoint(links: Iterable[Link], ids: Iterable[str]) -> dict[str, list[Link]]:
    """The links touching each of `ids`, each list in `link_order`."""
    grouped: dict[str, list[Link]] = {key: [] for key in ids}
    for link in sorted(links, key=link_order):
        for endpoint in {link.from_id, link.to_id}:
            if endpoint is not None and endpoint in grouped:
                grouped[endpoint].append(link)
    return grouped


def event_matches(filter: EventFilter, event: Event) -> bool:
    """Whether `event` passes `filter`, judged in memory the way stores judge it."""
    checks = (
        not filter.types or event.type in filter.types,
        not filter.subject_types or event.subject_type in filter.subject_types,
        not filter.sources or event.source in filter.sources,
        filter.chain_id is None or event.chain_id == normalize_id(filter.chain_id),
        filter.subject_id is None or event.subject_id == filter.subject_id,
        filter.since is None or event.timestamp >= filter.since,
        filter.until is None or event.timestamp <= filter.until,
    )
    return all(checks)


def event_links(
    event_id: str,
    links: Iterable[Link],
    direction: Direction = Direction.BOTH,
    types: Sequence[LinkType] = (),
    include_inferred: bool = True,
    cap: int | None = None,
) -> list[Link]:
    """The links among `links` (those touching the event) that leave it (DOWNSTREAM), enter it
    (UPSTREAM) or either (BOTH), of `types` (all if empty), inferred ones unless told not to.

    More than `cap` of them is a `LimitExceededError` that says how to narrow the question.
    """
    found = [
        link
        for link in links
        if (not types or link.type in types)
        and (include_inferred or not link.inferred)
        and _leads(link, event_id, direction)
    ]
    if cap is not None and len(found) > cap:
        raise LimitExceededError(
            f"event {event_id!r} has {len(found)} such links, more than the {cap} an answer may "
            "list (LINEAGE_MAX_EVENT_LINKS); narrow them with direction, types or "
            "includeInferred: false, or walk them with traverse(from: …, maxDepth: 1, limit: …)"
        )
    return found


def _leads(link: Link, event_id: str, direction: Direction) -> bool:
    """Whether `link` leaves (DOWNSTREAM) / enters (UPSTREAM) / touches (BOTH) the event."""
    if direction is Direction.DOWNSTREAM:
        return link.from_id == event_id
    if direction is Direction.UPSTREAM:
        return link.to_id == event_id
    return True
