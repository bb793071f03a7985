"""The trace part of the store protocol: commits, PipeCD records, subject mentions.

`Store` composes this protocol; each backend implements it in its own module
(`lineage.store.embedded.traces`, `lineage.store.neo4j.traces`), which also registers the
writers of the fact kinds `DeploymentTrace`, `Deployment`, `ManifestCommit` (PipeCD's records)
and `TraceIndex` (rows ingest derives per batch, `lineage.model.trace_index`). Stores only store
and fetch: which events name which commit and which subjects an event mentions are decided by
ingest (`lineage.ingest.trace_index`), the trace itself by services.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from lineage.model import Event, LinkType
from lineage.model.commit import CommitEntry, CommitMention, MentionTime
from lineage.model.deployment_status import DeploymentStatus
from lineage.model.mention import Mention
from lineage.model.pipecd import Deployment, DeploymentTrace, ManifestCommit

if TYPE_CHECKING:  # `lineage.store.protocol` composes this protocol: no import cycle at runtime
    from lineage.store.protocol import Page, Walk


@dataclass(frozen=True, slots=True)
class DeploymentSources:
    """Where a commit's deployments come from (see `TraceStore.deployment_sources`)."""

    manifests: list[ManifestCommit]
    deployments: list[Deployment]
    mentions: list[CommitMention]


@dataclass(frozen=True, slots=True)
class CommitFacts:
    """What every source told about some commits (see `TraceStore.commit_facts`)."""

    entries: dict[str, CommitEntry]
    traces: list[DeploymentTrace]
    mentions: list[CommitMention]


@dataclass(frozen=True, slots=True)
class TraceWalk:
    """How `TraceStore.commit_trace` walks downstream from the events naming the commit: as
    `Store.walk(roots, DOWNSTREAM, max_depth, max(0, max_events - len(roots)), types,
    include_inferred, skipped_inferred_kinds)` would."""

    max_depth: int
    max_events: int
    types: tuple[LinkType, ...]
    include_inferred: bool
    skipped_inferred_kinds: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CommitTrace:
    """What a commit's trace needs, fetched at once (see `TraceStore.commit_trace`).

    `longer`: up to `candidates` of the longest stored hashes starting with the prefix (those no
    other stored hash extends: one per commit, however many abbreviations of it are stored), in
    hash order.
    `shorter`: the stored abbreviations of the prefix (itself included), longest first.
    `aliases`: the longest hash of both (ties: the lowest) and its stored abbreviations, longest
    first, if each of `longer` abbreviates it; else (or if none is stored) empty. `facts`:
    `commit_facts(aliases)`. With a `TraceWalk` (else None): `sources`:
    `deployment_sources(aliases)`, and `reach`: the walk from the events of `sources.mentions`, in
    that order, without repeats.
    """

    longer: list[str]
    shorter: list[str]
    aliases: list[str]
    facts: CommitFacts
    sources: DeploymentSources | None
    reach: Walk | None


class TraceStore(Protocol):
    """Commits, deployment traces, PipeCD deployments, manifest commits, subject mentions."""

    def mentions_in_slots(self, slots: Sequence[str]) -> list[Mention]:
        """Stored subject mentions whose slot is one of `slots`."""
        ...

    def commit_hashes(self, prefix: str, limit: int) -> list[str]:
        """Up to `limit` of the longest stored hashes starting with `prefix` (those no other
        stored hash extends), in hash order."""
        ...

    def commit_entries(self, hashes: Sequence[str]) -> dict[str, CommitEntry]:
        """The index entries of the given hashes that exist."""
        ...

    def find_commits(
        self, project_id: str | None, first: int, after: str | None
    ) -> Page[CommitEntry]:
        """Listed commits (of a project; no manifest commits), newest-updated first."""
        ...

    def commit_mentions(self, hashes: Sequence[str]) -> list[CommitMention]:
        """Mentions of any of `hashes` by events, by (event timestamp, event id)."""
        ...

    def mention_times(self, hashes: Sequence[str]) -> list[MentionTime]:
        """What the mentions of any of `hashes` tell of their commits' times (`MentionTime`:
        no other details), in no set order."""
        ...

    def event_commit_mentions(self, event_ids: Sequence[str]) -> list[CommitMention]:
        """The commits the given events name."""
        ...

    def deployment_traces(self, hashes: Sequence[str]) -> list[DeploymentTrace]:
        """PipeCD deployment traces of any of `hashes`, by id."""
        ...

    def get_deployments(self, ids: Sequence[str]) -> dict[str, Deployment]:
        """The PipeCD deployments among `ids`."""
        ...

    def deployments_tracing(self, hashes: Sequence[str]) -> list[Deployment]:
        """PipeCD deployments whose trace commit is one of `hashes`, by (createdAt, id)."""
        ...

    def commit_facts(self, hashes: Sequence[str]) -> CommitFacts:
        """In one fetch: `commit_entries`, `deployment_traces` and `commit_mentions` of `hashes`."""
        ...

    def deployment_sources(self, hashes: Sequence[str]) -> DeploymentSources:
        """In one fetch: `manifest_commits_naming(hashes)`, then `deployments_tracing` and
        `commit_mentions` of `hashes` and those manifest commits' hashes."""
        ...

    def commit_trace(self, prefix: str, candidates: int, walk: TraceWalk | None) -> CommitTrace:
        """In one fetch: the commit a hash prefix names and what its trace needs (`CommitTrace`);
        a walk deeper than ten levels may take further fetches."""
        ...

    def previous_deployment(self, deployment: Deployment) -> Deployment | None:
        """The latest PipeCD deployment of the same application and environment before this one."""
        ...

    def deployments_between(self, since: datetime, until: datetime) -> list[Deployment]:
        """PipeCD deployments created at or after `since` and before `until`, by (createdAt, id)."""
        ...

    def deployments_of_application(self, application_id: str, first: int) -> list[Deployment]:
        """Up to `first` PipeCD deployments of an application, newest (createdAt, id) first."""
        ...

    def latest_deployment(
        self, application_id: str, env_id: str | None, statuses: Sequence[DeploymentStatus]
    ) -> Deployment | None:
        """The newest PipeCD deployment of an application to an environment in one of `statuses`."""
        ...

    def manifest_commits(self, hashes: Sequence[str]) -> dict[str, ManifestCommit]:
        """The manifest commits among `hashes`."""
        ...

    def manifest_commits_naming(self, source_hashes: Sequence[str]) -> list[ManifestCommit]:
        """Manifest commits whose trailers name any of `source_hashes`, by hash."""
        ...

    def subject_events_before(self, event: Event, limit: int) -> list[Event]:
        """Up to `limit` events of `event`'s subject id before it, newest (timestamp, id) first."""
        ...
