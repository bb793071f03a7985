"""The chain view: a chain's events and links, its start, end and span, and its islands."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import networkx as nx

from lineage.model import ChainSummary, Event, Link, LinkType, normalize_id
from lineage.services.errors import LimitExceededError
from lineage.services.events import group_by_endpoint
from lineage.services.limits import page_size
from lineage.services.nodes import Node, Placeholder
from lineage.services.ordering import link_order, node_order, ordered, sorted_links
from lineage.store.protocol import ChainFilter, Page, Store

#: Link types that join events into one connected piece of a chain.
ISLAND_LINK_TYPES = frozenset({LinkType.PATH, LinkType.RELATION})


@dataclass(frozen=True, slots=True)
class Oversized:
    """A chain too big for a capped view: its stored summary and the cap it exceeds."""

    summary: ChainSummary
    cap: int


class ChainTooLargeError(LimitExceededError):
    """A chain with more events than an answer may list."""


@dataclass(frozen=True, slots=True)
class ChainView:
    """Everything known about one chain.

    `events`: the stored member events by (timestamp, id), then the placeholders the chain's links
    reference. `links`: links carrying the chainId plus any other producer link between two
    members (inferred edges are not the chain's; they show in `touching`).
    `touching`: for each member, every link touching it (either direction, in or out of the
    chain), so that nested questions about members need no further store call.
    """

    id: str
    events: tuple[Node, ...]
    links: tuple[Link, ...]
    start_id: str | None
    end_id: str | None
    complete: bool
    touching: Mapping[str, Sequence[Link]]
    #: Set when the view was capped and the chain has more events than the cap: its stored
    #: summary and the cap (then `events`, `links` and `touching` are empty).
    oversized: Oversized | None = None

    @property
    def real_events(self) -> list[Event]:
        """The member events that are stored (no placeholders), by time."""
        return [node for node in self.events if isinstance(node, Event)]

    @property
    def member_ids(self) -> set[str]:
        """Ids of every member, placeholders included."""
        return {node.id for node in self.events}

    @property
    def event_count(self) -> int:
        """How many member events are stored."""
        return len(self.real_events)

    @property
    def started_at(self) -> datetime | None:
        """Timestamp of the earliest stored member event."""
        real = self.real_events
        return real[0].timestamp if real else None

    @property
    def ended_at(self) -> datetime | None:
        """Timestamp of the latest stored member event."""
        real = self.real_events
        return real[-1].timestamp if real else None

    @property
    def duration(self) -> timedelta | None:
        """Time from the earliest to the latest stored member event."""
        if self.started_at is None or self.ended_at is None:
            return None
        return self.ended_at - self.started_at

    def summary(self) -> ChainSummary:
        """The listing form of this chain."""
        if self.oversized is not None:
            return self.oversized.summary
        return ChainSummary(
            id=self.id,
            event_count=self.event_count,
            started_at=self.started_at,
            ended_at=self.ended_at,
            complete=self.complete,
            start_id=self.start_id,
            end_id=self.end_id,
        )


def chain_view(store: Store, chain_id: str, max_events: int | None = None) -> ChainView | None:
    """The chain with this id (one store call whatever its size), or None if unknown.

    With `max_events`, a chain with more events than that is not fetched: its view holds only
    its summary (`oversized`, one more store call), and `members` refuses it.
    """
    key = normalize_id(chain_id)
    graph = store.chain_graph(key, max_events)
    if graph.oversized is not None and max_events is not None:
        summary = store.chain_summaries([key]).get(key)
        if summary is None:  # its summary went away in between: the chain did not shrink
            summary = ChainSummary(key, graph.oversized, None, None, False, None, None)
        return ChainView(
            key, (), (), summary.start_id, summary.end_id, summary.complete, {},
            Oversized(summary, max_events),
        )  # fmt: skip
    events, own_links, around = graph.events, graph.links, graph.touching
    if not events and not own_links:
        return None
    stored_ids = {event.id for event in events}
    referenced = {endpoint for link in own_links for endpoint in link.endpoints()}
    members: list[Node] = [*events, *(Placeholder(i) for i in referenced - stored_ids)]
    member_ids = stored_ids | referenced
    # Inferred edges (lineage.ingest.inference) touch members but are not the chain's links.
    between = [
        link
        for link in around
        if not link.inferred and link.from_id in member_ids and link.to_id in member_ids
    ]
    links = sorted_links([*own_links, *between])
    starts = sorted((link for link in own_links if link.type is LinkType.START), key=link_order)
    ends = sorted((link for link in own_links if link.type is LinkType.END), key=link_order)
    nodes = ordered(members)
    first_event = next((node.id for node in nodes if isinstance(node, Event)), None)
    return ChainView(
        id=key,
        events=tuple(nodes),
        links=tuple(links),
        start_id=starts[0].to_id if starts else first_event,
        end_id=ends[0].to_id if ends else None,
        complete=bool(ends),
        touching=group_by_endpoint(around, member_ids),
    )


def members(view: ChainView) -> ChainView:
    """`view`, if its events may be listed; `ChainTooLargeError` for an oversized chain, naming
    its size, the cap and how to page through it instead."""
    if view.oversized is None:
        return view
    size, cap = view.oversized.summary.event_count, view.oversized.cap
    raise ChainTooLargeError(
        f"chain {view.id!r} has {size} events, more than the {cap} an answer may list "
        f"(LINEAGE_MAX_CHAIN_EVENTS); page through its events with "
        f'events(filter: {{chainId: "{view.id}"}}, first: 500, after: <pageInfo.endCursor>), '
        "or look at part of it with traverse(from: <event id>, maxDepth: …, limit: …)"
    )


def chain_links(view: ChainView, include_inferred: bool = False) -> list[Link]:
    """The chain's links (see `ChainView.links`), and with `include_inferred` also the inferred
    edges between two of its members, in link order."""
    if not include_inferred:
        return list(view.links)
    members = view.member_ids
    inferred = {
        link.id: link
        for around in view.touching.values()
        for link in around
        if link.inferred and link.from_id in members and link.to_id in members
    }
    return sorted_links([*view.links, *inferred.values()])


def chain_islands(view: ChainView) -> list[list[Node]]:
    """Weakly connected pieces of the chain over PATH/RELATION links, biggest then earliest first.

    Each island lists its members in event order (placeholders last). A healthy chain is one island.
    """
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(view.member_ids)
    for link in view.links:
        source, target = link.from_id, link.to_id
        if link.type in ISLAND_LINK_TYPES and source in graph and target in graph:
            assert source is not None and target is not None
            graph.add_edge(source, target)
    by_id = {node.id: node for node in view.events}
    islands = [ordered(by_id[i] for i in component) for component in nx.connected_components(graph)]
    islands.sort(key=lambda island: (-len(island), node_order(island[0])))
    return islands


def list_chains(
    store: Store, filter: ChainFilter, first: int | None = None, after: str | None = None
) -> Page[ChainSummary]:
    """One page of chain summaries matching `filter`, most recently active first."""
    size = page_size(first)
    return store.find_chains(filter, size, after)
