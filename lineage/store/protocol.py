"""The store protocol: what every backend (embedded SQLite, Neo4j) can write and fetch.

Stores only store and fetch. Identity/conflict decisions live in `lineage.ingest`, graph
algorithms in `lineage.services`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, Protocol, TypeVar

from lineage.model import ChainSummary, Direction, Event, Link, LinkType
from lineage.model.fact import Fact
from lineage.store.delivery import DeliveryStore
from lineage.store.livestate import LiveStateStore
from lineage.store.pipelines import PipelineStore
from lineage.store.stages import StageStore
from lineage.store.traces import TraceStore

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to list; every given field must match (lists match any of their values)."""

    types: Sequence[str] = ()
    subject_types: Sequence[str] = ()
    sources: Sequence[str] = ()
    chain_id: str | None = None
    subject_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True, slots=True)
class ChainFilter:
    """Which chains to list: completeness, activity window, and an event type they contain."""

    complete: bool | None = None
    since: datetime | None = None
    until: datetime | None = None
    event_type: str | None = None


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a keyset-paginated listing."""

    items: list[T]
    has_next: bool
    end_cursor: str | None
    total_count: int
    cursors: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ChainGraph:
    """What a chain view needs, fetched at once.

    `events`: the stored events of the chain (own chainId, or joined by a link of the chain), by
    (timestamp, id). `links`: the links carrying the chainId, in link order. `touching`: every
    link touching a member (a stored event of `events` or an endpoint of `links`), either
    direction, of every type, inferred ones included, in link order. `oversized`: when the
    fetch was capped and the chain has more stored events than the cap, how many it has (then
    `events`, `links` and `touching` are empty); else None.
    """

    events: list[Event]
    links: list[Link]
    touching: list[Link]
    oversized: int | None = None


@dataclass(frozen=True, slots=True)
class Walk:
    """Where a bounded breadth-first walk from some roots got (see `lineage.store.walk`).

    `depth`: every id reached, the roots first at 0, then in the order the walk found them, each
    at its fewest link hops. `links`: the links followed, in the order they were. `truncated`:
    the limit cut the walk. `events`: the stored events among the ids reached; `placeholders`:
    the ids reached that are link endpoints without a stored event (a root that is neither is
    unknown).
    """

    depth: dict[str, int]
    links: list[Link]
    truncated: bool
    events: dict[str, Event]
    placeholders: frozenset[str]


@dataclass(frozen=True, slots=True)
class Existing:
    """What a write found already stored, and so left as it was: another writer (another
    process, the same instant) stored these ids first. Ingest re-judges them as duplicate or
    conflict. `facts` holds (kind, id) pairs.
    """

    events: frozenset[str] = frozenset()
    links: frozenset[str] = frozenset()
    facts: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True, slots=True)
class StoreStats:
    """How much the store holds."""

    events: int
    links: int
    chains: int
    placeholders: int


class Store(DeliveryStore, LiveStateStore, PipelineStore, StageStore, TraceStore, Protocol):
    """A lineage store: batches in, events, links, chains and neighbourhoods out."""

    def event_digests(self, ids: Sequence[str]) -> dict[str, str]:
        """Digest of each given event id that is stored."""
        ...

    def link_digests(self, ids: Sequence[str]) -> dict[str, str]:
        """Digest of each given link id that is stored."""
        ...

    def fact_digests(self, kind: str, ids: Sequence[str]) -> dict[str, str]:
        """Digest of each given fact id of `kind` that is stored."""
        ...

    def write(
        self, events: Sequence[Event], links: Sequence[Link], facts: Sequence[Fact] = ()
    ) -> Existing:
        """Durably store new events, links and facts in one transaction; existing ids stay as
        they are, and the answer names them (decided by the store's uniqueness, not a lock)."""
        ...

    def get_events(self, ids: Sequence[str]) -> dict[str, Event]:
        """The stored events among `ids` (placeholders are absent)."""
        ...

    def latest_events_about(self, subject_ids: Sequence[str]) -> dict[str, Event]:
        """For each of `subject_ids` that events are about, the newest (timestamp, id) of them."""
        ...

    def chain_events(self, chain_id: str) -> list[Event]:
        """Events of a chain (own chainId, or joined to it by a link of that chain), by time."""
        ...

    def chain_links(self, chain_id: str) -> list[Link]:
        """Links that carry this chainId."""
        ...

    def chain_graph(self, chain_id: str, max_events: int | None = None) -> ChainGraph:
        """A chain's events, its links and every link touching its members, in one fetch; with
        `max_events`, only the count of its events (`oversized`) if it has more than that."""
        ...

    def chain_path_links(self, chain_ids: Sequence[str]) -> list[Link]:
        """The PATH links carrying any of `chain_ids`, in link order (many chains at once)."""
        ...

    def links_touching(
        self,
        ids: Sequence[str],
        direction: Direction,
        types: Sequence[LinkType] = (),
        include_inferred: bool = True,
    ) -> list[Link]:
        """Links leaving (DOWNSTREAM), entering (UPSTREAM) or touching (BOTH) any of `ids`."""
        ...

    def walk(
        self,
        roots: Sequence[str],
        direction: Direction,
        max_depth: int,
        limit: int,
        types: Sequence[LinkType] = (),
        include_inferred: bool = True,
        skipped_inferred_kinds: Sequence[str] = (),
    ) -> Walk:
        """The breadth-first walk of `lineage.store.walk` from `roots`, at most `max_depth` hops
        and `limit` ids besides the roots, over links of `types` (all if empty), leaving out
        inferred links if not `include_inferred` and inferred links of `skipped_inferred_kinds`."""
        ...

    def find_events(self, filter: EventFilter, first: int, after: str | None) -> Page[Event]:
        """Events matching `filter` in (timestamp, id) order, after the keyset cursor `after`."""
        ...

    def event_types(self, prefixes: Sequence[str]) -> list[str]:
        """The distinct stored event types starting with any of `prefixes` (say
        `dev.cdevents.service.deployed.`: every version of it), in text order."""
        ...

    def chain_summaries(self, ids: Sequence[str]) -> dict[str, ChainSummary]:
        """Summaries of the given chains that exist."""
        ...

    def find_chains(self, filter: ChainFilter, first: int, after: str | None) -> Page[ChainSummary]:
        """Chains matching `filter`, most recently active first, after the keyset cursor `after`."""
        ...

    def placeholder_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of `ids` are referenced by a link but have no stored event."""
        ...

    def stats(self) -> StoreStats:
        """Counts of what is stored."""
        ...

    def check_writable(self) -> None:
        """Raise the storage's own error unless a write could be committed now (readiness
        probe: nothing is written)."""
        ...

    def close(self) -> None:
        """Release connections and files."""
        ...
