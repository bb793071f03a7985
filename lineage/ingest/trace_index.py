"""What a batch adds for the commit trace: inferred edges and the trace index.

The trace index (`lineage.model.trace_index.TraceIndex`, written with the batch) holds the
subject mentions of the batch's new events (what inferred edges are derived from, now and when
later events arrive: `lineage.ingest.inferred_edges`), the commits they name, and the
commit-index entries of those and of the batch's PipeCD records. The commit index lists every
commit an event or a deployment trace names (created/updated: the earliest/latest such event or
trace); commits named only by a PipeCD deployment or a manifest-commit trailer are indexed
unlisted, so a lookup by hash still finds them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import TypeVar

from lineage.config import TraceSettings, trace_settings
from lineage.ingest.commits import commit_mentions
from lineage.ingest.inference import event_mentions
from lineage.ingest.inferred_edges import derive_inferred_links
from lineage.model import Event, Link
from lineage.model.commit import CommitEntry, CommitMention
from lineage.model.digest import digest_of
from lineage.model.fact import Fact
from lineage.model.mention import Mention
from lineage.model.pipecd import Deployment, DeploymentTrace, ManifestCommit
from lineage.model.trace_index import TraceIndex
from lineage.store.traces import TraceStore

PipeCDRecord = DeploymentTrace | Deployment | ManifestCommit
C = TypeVar("C", datetime, str)


def derive_trace_index(
    store: TraceStore,
    events: Sequence[Event],
    links: Sequence[Link],
    facts: Sequence[Fact],
    settings: TraceSettings | None = None,
) -> tuple[list[Link], list[Fact]]:
    """The inferred links and the `TraceIndex` fact of a batch's new events and facts (its
    links add nothing to the trace index)."""
    mentions = batch_mentions(events)
    links = derive_inferred_links(store, mentions)
    named = batch_commit_mentions(events, settings or trace_settings())
    records = [f for f in facts if isinstance(f, DeploymentTrace | Deployment | ManifestCommit)]
    entries = commit_entries(named, records)
    if not (mentions or named or entries):
        return links, []
    key = digest_of([sorted(event.id for event in events), sorted((r.kind, r.id) for r in records)])
    index = TraceIndex(
        id=key, digest=key, mentions=mentions, commit_mentions=named, commits=entries
    )
    return links, [index]


def batch_mentions(events: Iterable[Event]) -> list[Mention]:
    """Every subject mention of the given events."""
    return [mention for event in events for mention in event_mentions(event)]


def batch_commit_mentions(events: Iterable[Event], settings: TraceSettings) -> list[CommitMention]:
    """Every commit the given events name."""
    return [mention for event in events for mention in commit_mentions(event, settings)]


def commit_entries(
    mentions: Iterable[CommitMention], records: Iterable[PipeCDRecord] = ()
) -> list[CommitEntry]:
    """The commit-index entries of a batch, merged per hash."""
    entries = [
        CommitEntry(m.commit.hash, m.event_timestamp, m.event_timestamp, None, True)
        for m in mentions
    ]
    for record in records:
        entries.extend(record_entries(record))
    return merge_entries(entries)


def record_entries(record: PipeCDRecord) -> list[CommitEntry]:
    """The commit-index entries a PipeCD record makes."""
    if isinstance(record, DeploymentTrace):
        return [
            CommitEntry(
                record.commit_hash, record.created_at, record.updated_at, record.project_id, True
            )
        ]
    if isinstance(record, Deployment):
        if record.trace_commit_hash is None:
            return []
        return [CommitEntry(record.trace_commit_hash)]
    return [CommitEntry(source) for source in record.source_hashes]


def merge_entries(entries: Sequence[CommitEntry]) -> list[CommitEntry]:
    """Entries merged per hash (earliest created, latest updated, smallest project, any listed)."""
    merged: dict[str, CommitEntry] = {}
    for entry in entries:
        seen = merged.get(entry.hash)
        merged[entry.hash] = entry if seen is None else merge_entry(seen, entry)
    return list(merged.values())


def merge_entry(a: CommitEntry, b: CommitEntry) -> CommitEntry:
    """Two entries of one hash as one (the rule stores apply when an entry is stored again)."""
    return CommitEntry(
        hash=a.hash,
        created_at=_pick(min, a.created_at, b.created_at),
        updated_at=_pick(max, a.updated_at, b.updated_at),
        project_id=_pick(min, a.project_id, b.project_id),
        listed=a.listed or b.listed,
    )


def _pick(choose: Callable[[C, C], C], a: C | None, b: C | None) -> C | None:
    if a is None:
        return b
    if b is None:
        return a
    return choose(a, b)
