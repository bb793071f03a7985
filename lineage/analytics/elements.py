"""A lineage graph as streams of nodes and edges: a chain, a neighbourhood or a time window.

`to_networkx` collects the streams into a `MultiDiGraph`; the exporters write them as they come,
so a time window of any size is read page by page and never held whole. Nodes come first,
then edges (GEXF, node-link and Cytoscape JSON need them apart), each stream re-readable.
Attribute names and kinds are those of `lineage.analytics.schema`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lineage.model import Direction, Event, Link, format_timestamp
from lineage.services.chains import chain_view
from lineage.services.errors import NotFoundError, ServiceError
from lineage.services.limits import MAX_PAGE_SIZE, MAX_TRAVERSE_LIMIT
from lineage.services.nodes import Node, Placeholder
from lineage.services.ordering import sorted_links
from lineage.services.traversal import traverse
from lineage.store.protocol import EventFilter, Store

NodeItem = tuple[str, dict[str, Any]]
EdgeItem = tuple[str, str, str, dict[str, Any]]


@dataclass(frozen=True, slots=True)
class GraphElements:
    """A graph's attributes and two re-readable streams: its nodes, then its edges.

    A node is `(id, attributes)`, an edge `(source, target, link id, attributes)`.
    """

    graph: dict[str, Any]
    nodes: Callable[[], Iterator[NodeItem]]
    edges: Callable[[], Iterator[EdgeItem]]


def node_attributes(node: Node, open_links: Sequence[Link] = ()) -> dict[str, Any]:
    """A node's attributes: the event's fields (all None for a placeholder), label, flags."""
    opened = [_open_link(link) for link in open_links]
    if isinstance(node, Placeholder):
        return {
            "label": node.id, "placeholder": True, "type": None, "subject_type": None,
            "predicate": None, "subject_id": None, "source": None, "timestamp": None,
            "chain_id": None, "spec_version": None, "type_version": None, "schema_uri": None,
            "subject_source": None, "subject_content": None, "custom_data": None,
            "custom_data_content_type": None, "open_links": opened or None,
        }  # fmt: skip
    return {
        "label": f"{node.subject_type}.{node.predicate}",
        "placeholder": False,
        "type": node.type,
        "subject_type": node.subject_type,
        "predicate": node.predicate,
        "subject_id": node.subject_id,
        "source": node.source,
        "timestamp": node.timestamp,
        "chain_id": node.chain_id,
        "spec_version": node.spec_version,
        "type_version": node.type_version,
        "schema_uri": node.schema_uri,
        "subject_source": node.subject_source,
        "subject_content": node.subject_content,
        "custom_data": node.custom_data,
        "custom_data_content_type": node.custom_data_content_type,
        "open_links": opened or None,
    }


def edge_item(link: Link) -> EdgeItem:
    """A link with both endpoints as an edge: source, target, link id as key, attributes."""
    assert link.from_id is not None and link.to_id is not None
    return (
        link.from_id,
        link.to_id,
        link.id,
        {
            "type": link.type.value,
            "inferred": link.inferred,
            "chain_id": link.chain_id,
            "kind": link.kind,
            "timestamp": link.timestamp,
            "tags": dict(link.tags),
        },
    )


def chain_elements(store: Store, chain_id: str, include_inferred: bool = True) -> GraphElements:
    """A chain: its members (placeholders included) and its links; inferred edges between
    members too unless `include_inferred` is False. Raises `NotFoundError` for an unknown chain."""
    view = chain_view(store, chain_id)
    if view is None:
        raise NotFoundError(f"no chain with id {chain_id!r}")
    links = list(view.links)
    if include_inferred:
        members = view.member_ids
        seen = {link.id for link in links}
        for touching in view.touching.values():
            for link in touching:
                if (
                    link.inferred
                    and link.id not in seen
                    and link.from_id in members
                    and link.to_id in members
                ):
                    seen.add(link.id)
                    links.append(link)
    graph = {"selection": "chain", "chain_id": view.id, "include_inferred": include_inferred}
    return _bounded(graph, list(view.events), sorted_links(links))


def around_elements(
    store: Store, event_id: str, depth: int, include_inferred: bool = True
) -> GraphElements:
    """The neighbourhood of an event: everything within `depth` link hops either way, and every
    link between what was reached. Raises `NotFoundError` for an unknown event."""
    walked = traverse(
        store, event_id, Direction.BOTH, max_depth=depth, limit=MAX_TRAVERSE_LIMIT,
        include_inferred=include_inferred,
    )  # fmt: skip
    nodes = [walked.root, *(reached.node for reached in walked.nodes)]
    ids = [node.id for node in nodes]
    links = store.links_touching(ids, Direction.BOTH, include_inferred=include_inferred)
    graph = {
        "selection": "around",
        "root": walked.root.id,
        "depth": depth,
        "include_inferred": include_inferred,
        "truncated": walked.truncated,
    }
    return _bounded(graph, nodes, sorted_links(links))


def window_elements(
    store: Store,
    since: datetime,
    until: datetime,
    include_inferred: bool = True,
    page: int = MAX_PAGE_SIZE,
) -> GraphElements:
    """The events timed in `[since, until)`, the placeholders links join them to, and every
    link between those, read a page of events at a time (twice: once for nodes, once for edges).
    """
    if since.tzinfo is None or until.tzinfo is None:
        raise ServiceError("since and until must carry a time zone (e.g. 2026-01-05T00:00:00Z)")
    if until <= since:
        raise ServiceError(
            f"until ({format_timestamp(until)}) must be after since ({format_timestamp(since)})"
        )
    window = _Window(store, since, until, include_inferred, page)
    graph = {
        "selection": "window",
        "since": format_timestamp(since),
        "until": format_timestamp(until),
        "include_inferred": include_inferred,
    }
    return GraphElements(graph, window.nodes, window.edges)


@dataclass(slots=True)
class _Window:
    store: Store
    since: datetime
    until: datetime
    include_inferred: bool
    page: int

    def pages(self) -> Iterator[list[Event]]:
        """The window's events a page at a time, in (timestamp, id) order."""
        filter = EventFilter(since=self.since, until=self.until)
        after: str | None = None
        while True:
            found = self.store.find_events(filter, self.page, after)
            events = [e for e in found.items if e.timestamp < self.until]
            if events:
                yield events
            if not found.has_next or len(events) < len(found.items):
                return
            after = found.end_cursor

    def touching(self, events: list[Event]) -> list[Link]:
        ids = [event.id for event in events]
        return sorted_links(
            self.store.links_touching(ids, Direction.BOTH, include_inferred=self.include_inferred)
        )

    def nodes(self) -> Iterator[NodeItem]:
        emitted: set[str] = set()
        for events in self.pages():
            here = {event.id for event in events}
            links = self.touching(events)
            others = {end for link in links for end in link.endpoints()} - here - emitted
            placeholders = sorted(self.store.placeholder_ids(sorted(others))) if others else []
            opened = _open_links_by_node(links)
            for event in events:
                yield event.id, node_attributes(event, opened.get(event.id, ()))
            for key in placeholders:
                emitted.add(key)
                yield key, node_attributes(Placeholder(key), opened.get(key, ()))

    def edges(self) -> Iterator[EdgeItem]:
        for events in self.pages():
            here = {event.id for event in events}
            links = [link for link in self.touching(events) if link.from_id and link.to_id]
            others = sorted({end for link in links for end in link.endpoints()} - here)
            stored = self.store.get_events(others) if others else {}
            inside = {i for i, e in stored.items() if self.since <= e.timestamp < self.until}
            seen: set[str] = set()
            for link in links:
                if link.id in seen:
                    continue
                seen.add(link.id)
                source, target = link.from_id, link.to_id
                if source in here and target in here:
                    yield edge_item(link)
                elif source in here:  # the other end: a placeholder, a later page, or outside
                    if target not in stored or target in inside:
                        yield edge_item(link)
                elif source not in stored:  # from a placeholder into this page
                    yield edge_item(link)
                # else: from an event of another page of the window (emitted there) or outside


def _bounded(graph: dict[str, Any], nodes: list[Node], links: list[Link]) -> GraphElements:
    """Elements of a selection already in memory (a chain or a neighbourhood)."""
    ids = {node.id for node in nodes}
    inside = [link for link in links if all(end in ids for end in link.endpoints())]
    opened = _open_links_by_node(inside)
    node_items = [(node.id, node_attributes(node, opened.get(node.id, ()))) for node in nodes]
    edge_items = [edge_item(link) for link in inside if link.from_id and link.to_id]
    return GraphElements(graph, lambda: iter(node_items), lambda: iter(edge_items))


def _open_links_by_node(links: Iterable[Link]) -> dict[str, list[Link]]:
    """Links with one endpoint only (START), by that endpoint."""
    grouped: dict[str, list[Link]] = {}
    for link in links:
        ends = link.endpoints()
        if len(ends) == 1:
            grouped.setdefault(ends[0], []).append(link)
    return grouped


def _open_link(link: Link) -> dict[str, Any]:
    return {
        "id": link.id,
        "type": link.type.value,
        "chain_id": link.chain_id,
        "kind": link.kind,
        "inferred": link.inferred,
        "timestamp": format_timestamp(link.timestamp) if link.timestamp else None,
        "tags": dict(link.tags),
        "from": link.from_id,
        "to": link.to_id,
    }
