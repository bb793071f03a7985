"""What a batch changes in the commits upstream of deployments (`UpstreamCommits`).

A deployment event's upstream commits are those named by it and by every event its commit-trace
reach (`lineage.model.reach`) finds upstream: what "the commits it shipped" and "the first
deployment that shipped a commit" are computed from when the DORA metrics are read. A batch
changes them for its new deployment events, and for the stored deployment events downstream of
anything it adds: a new event (a placeholder that arrives, with the commits it names) or a new
link (producer or inferred) ending at an event upstream of them. So each batch walks downstream,
over the stored links and its own, from its new events and the ends of its new links to find
those deployments (bounded: at most `MAX_AFFECTED` stored events beyond the batch), then walks
upstream from each of them, all in step (one store call per level for every walk), and emits
the rows that changed; the store replaces a deployment's rows in the batch's transaction.

`derive_stored_upstream_commits` does the same for every deployment event of a store written
before the rows existed (`lineage db derive`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime

from lineage.config import trace_settings
from lineage.ingest.trace_index import batch_commit_mentions
from lineage.model import Direction, Event, Link
from lineage.model.commit import CommitMention
from lineage.model.delivery import DeliveryEvent, UpstreamCommits, delivery_event
from lineage.model.derivation import Derivation
from lineage.model.digest import digest_of
from lineage.model.fact import Fact
from lineage.model.reach import (
    MAX_REACH_DEPTH,
    MAX_REACH_EVENTS,
    SKIPPED_INFERRED_KINDS,
    TRACE_LINK_TYPES,
)
from lineage.store.protocol import Store

_EPOCH = datetime(1, 1, 1, tzinfo=UTC)
_END_OF_TIME = datetime(9999, 12, 31, tzinfo=UTC)
#: Stored events beyond the batch's own that the search for affected deployments may visit.
MAX_AFFECTED = 20_000
#: Deployments whose upstream walks are taken in step at once (`derive_stored_upstream_commits`).
WALKS_AT_ONCE = 2_000


class _Batch:
    """A batch's trace links (as where they lead, each way) and the commits its events name."""

    def __init__(self, links: Iterable[Link], mentions: Iterable[CommitMention]) -> None:
        self.leaving: dict[str, set[str]] = {}
        self.entering: dict[str, set[str]] = {}
        for link in links:
            if _followed(link) and link.from_id is not None and link.to_id is not None:
                self.leaving.setdefault(link.from_id, set()).add(link.to_id)
                self.entering.setdefault(link.to_id, set()).add(link.from_id)
        self.named: dict[str, set[str]] = {}
        for mention in mentions:
            self.named.setdefault(mention.event_id, set()).add(mention.commit.hash)


def derive_upstream_commits(
    store: Store, events: Sequence[Event], links: Sequence[Link], facts: Sequence[Fact]
) -> tuple[list[Link], list[Fact]]:
    """The deriver of upstream commits (`lineage.ingest.derivations`): no links; the
    `UpstreamCommits` of every deployment event whose upstream commits the batch sets or
    changes. `links`: the batch's links, those earlier derivers made (inferred edges)
    included."""
    batch = _Batch(links, batch_commit_mentions(events, trace_settings()))
    new = {event.id: event for event in events}
    roots = [*new, *(link.to_id for link in links if _followed(link) and link.to_id)]
    reached = _downstream(store, batch, list(dict.fromkeys(roots)), set(new))
    deployments = [row for e in events if (row := delivery_event(e)) and row.is_deployment_event]
    stored = [i for i in reached if i not in new]
    if stored:
        rows = store.delivery_events(stored).values()
        deployments.extend(row for row in rows if row.is_deployment_event)
    if not deployments:
        return [], []
    found = _upstream_commits(store, batch, deployments)
    before: dict[str, set[str]] = {}
    if stored:
        for known in store.upstream_commits_of([d.id for d in deployments if d.id not in new]):
            before.setdefault(known.deployment_id, set()).add(known.hash)
    changed = [
        fact for fact in found if fact.id in new or set(fact.hashes) != before.get(fact.id, set())
    ]
    return [], list(changed)


def derive_stored_upstream_commits(
    store: Store, progress: Callable[[int], None] | None = None
) -> int:
    """Derive and store the upstream commits of every stored deployment event (a store written
    before they existed), then mark the kind done; returns how many deployments were derived."""
    deployments = [
        row
        for row in store.delivery_events_between(_EPOCH, _END_OF_TIME)
        if row.is_deployment_event
    ]
    batch = _Batch((), ())
    for start in range(0, len(deployments), WALKS_AT_ONCE):
        chunk = deployments[start : start + WALKS_AT_ONCE]
        store.write([], [], _upstream_commits(store, batch, chunk))
        if progress is not None:
            progress(len(chunk))
    store.write([], [], [Derivation(UpstreamCommits.kind)])
    return len(deployments)


def _followed(link: Link) -> bool:
    """Whether a trace follows this link (trace link types; no inferred environment edges)."""
    if link.type not in TRACE_LINK_TYPES:
        return False
    return not (link.inferred and link.kind in SKIPPED_INFERRED_KINDS)


def _downstream(store: Store, batch: _Batch, roots: list[str], new: set[str]) -> list[str]:
    """Every id at most `MAX_REACH_DEPTH` hops downstream of `roots` over stored and batch
    links, until `MAX_AFFECTED` stored events beyond the batch have been visited."""
    seen = set(roots)
    frontier = roots
    visited_stored = 0
    for _ in range(MAX_REACH_DEPTH):
        if not frontier or visited_stored > MAX_AFFECTED:
            break
        following: list[str] = []
        for targets in _ends(store, batch, frontier, Direction.DOWNSTREAM).values():
            for target in targets:
                if target not in seen:
                    seen.add(target)
                    following.append(target)
                    visited_stored += target not in new
        frontier = following
    return list(seen)


def _ends(store: Store, batch: _Batch, ids: list[str], direction: Direction) -> dict[str, set[str]]:
    """Where the trace links leaving (DOWNSTREAM) or entering (UPSTREAM) each of `ids` lead,
    stored and batch."""
    found: dict[str, set[str]] = {}
    ends = store.link_ends(
        ids, direction, TRACE_LINK_TYPES, skipped_inferred_kinds=sorted(SKIPPED_INFERRED_KINDS)
    )
    for near, far in ends:
        found.setdefault(near, set()).add(far)
    mine = batch.leaving if direction is Direction.DOWNSTREAM else batch.entering
    for node in ids:
        more = mine.get(node)
        if more:
            found.setdefault(node, set()).update(more)
    return found


def _upstream_commits(
    store: Store, batch: _Batch, deployments: Sequence[DeliveryEvent]
) -> list[UpstreamCommits]:
    """Each deployment's upstream commits: its reach upstream (what `reach` walks: every id
    within `MAX_REACH_DEPTH` hops, stopping at the level that passes `MAX_REACH_EVENTS`), all
    walks one level per step, then the commits the events reached name."""
    reached: dict[str, set[str]] = {d.id: {d.id} for d in deployments}
    frontiers: dict[str, list[str]] = {d.id: [d.id] for d in deployments}
    for _ in range(MAX_REACH_DEPTH):
        if not frontiers:
            break
        union = list(dict.fromkeys(node for frontier in frontiers.values() for node in frontier))
        ends = _ends(store, batch, union, Direction.UPSTREAM)
        following: dict[str, list[str]] = {}
        for root, frontier in frontiers.items():
            seen = reached[root]
            found = [far for node in frontier for far in ends.get(node, ()) if far not in seen]
            seen.update(found)
            if found and len(seen) <= MAX_REACH_EVENTS:
                following[root] = list(dict.fromkeys(found))
        frontiers = following
    every = {node for nodes in reached.values() for node in nodes}
    named: dict[str, set[str]] = {key: set(value) for key, value in batch.named.items()}
    stored = [node for node in every if node not in batch.named]
    for mention in store.event_commit_mentions(stored) if stored else ():
        named.setdefault(mention.event_id, set()).add(mention.commit.hash)
    result: list[UpstreamCommits] = []
    for deployment in deployments:
        hashes = tuple(sorted({h for node in reached[deployment.id] for h in named.get(node, ())}))
        key = digest_of([deployment.id, list(hashes)])
        result.append(UpstreamCommits(id=deployment.id, digest=key, deployment=deployment,
                                      hashes=hashes))  # fmt: skip
    return result
