"""Deployment traces: a commit (full hash or unique prefix) and every deployment it reached.

A trace's deployments are the PipeCD deployments tracing the commit, directly or through a
manifest-repo commit whose trailer names it (explicit), and the deployment CDEvents downstream of
the events naming the commit or such a manifest commit, across producer and inferred links
(derived), each with the path of events that leads to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from lineage.model import Direction, Event
from lineage.services.commits import (
    AMBIGUOUS_SHOWN,
    CommitView,
    check_hash_text,
    commit_views,
    merge_commit,
    resolve_commit,
)
from lineage.services.deployments import (
    DeploymentView,
    derived_view,
    explicit_view,
    is_deployment_event,
)
from lineage.services.limits import page_size
from lineage.services.reach import TRACE_WALK, Reach, reach, reach_of
from lineage.store.protocol import Page, Store
from lineage.store.traces import DeploymentSources

#: Sorts after every start time (environments never started sort last anyway).
_NEVER = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Trace:
    """A commit's trace: its view, and its deployments when they were asked for (else None)."""

    view: CommitView
    deployments: list[DeploymentView] | None


def commit_trace(store: Store, commit_hash: str, deployments: bool = True) -> Trace | None:
    """The trace of the commit `commit_hash` names (full or unique prefix ≥ 7) with its
    deployments if asked for, in one store call; None if no record names the commit.

    Raises `ServiceError` for text that is no hash and `AmbiguousCommitError` for a prefix
    matching several commits.
    """
    prefix = check_hash_text(commit_hash)
    found = store.commit_trace(prefix, AMBIGUOUS_SHOWN + 1, TRACE_WALK if deployments else None)
    aliases = resolve_commit(prefix, found.longer, found.shorter, found.aliases)
    if aliases is None:
        return None
    facts = found.facts
    view = merge_commit(aliases, facts.entries, facts.traces, facts.mentions)
    if found.sources is None or found.reach is None:
        return Trace(view, None)
    roots = [m.event_id for m in found.sources.mentions]
    reached = reach_of(roots, Direction.DOWNSTREAM, TRACE_WALK.max_depth, found.reach)
    return Trace(view, _deployments(view, found.sources, reached))


def deployment_trace(store: Store, commit_hash: str) -> CommitView | None:
    """The trace of the commit `commit_hash` names (full or unique prefix ≥ 7), or None.

    Raises `ServiceError` for text that is no hash and `AmbiguousCommitError` for a prefix
    matching several commits.
    """
    trace = commit_trace(store, commit_hash, deployments=False)
    return trace.view if trace is not None else None


def list_traces(
    store: Store, project_id: str | None = None, first: int | None = None, after: str | None = None
) -> Page[CommitView]:
    """One page of traced commits (of a project, if given), newest-updated first."""
    page = store.find_commits(project_id, page_size(first), after)
    views = commit_views(store, [[entry.hash] for entry in page.items])
    return Page(views, page.has_next, page.end_cursor, page.total_count, page.cursors)


def trace_deployments(store: Store, trace: CommitView) -> list[DeploymentView]:
    """Every deployment of the commit, explicit and derived, by start time (two store calls:
    where deployments come from, then the reach of the events naming the commit)."""
    sources = store.deployment_sources(list(trace.aliases))
    reached = reach(store, [m.event_id for m in sources.mentions], Direction.DOWNSTREAM)
    return _deployments(trace, sources, reached)


def _deployments(
    trace: CommitView, sources: DeploymentSources, reached: Reach
) -> list[DeploymentView]:
    """The commit's deployments: PipeCD's tracing it, and the deployment events reached."""
    manifest_hashes = [m.hash for m in sources.manifests]
    views = [
        explicit_view(
            record,
            trace.hash,
            record.trace_commit_hash if record.trace_commit_hash in manifest_hashes else None,
        )
        for record in sources.deployments
    ]
    mentions = sources.mentions
    manifest_of = {m.event_id: m.commit.hash for m in mentions if m.commit.hash in manifest_hashes}
    events = reached.events
    for event in events.values():
        if not is_deployment_event(event):
            continue
        trail = reached.trail(event.id)
        path: list[Event] = [events[i] for i in trail if i in events]
        manifest = manifest_of.get(trail[0]) if trail else None
        views.append(derived_view(event, trace.hash, path, manifest))
    return sorted(views, key=lambda v: (v.started_at is None, v.started_at or 0, v.id))


def promotion_order(deployments: Sequence[DeploymentView]) -> list[str]:
    """The environments the deployments went to, in promotion order: by each environment's first
    deployment start (environments without a start time last), then by name."""
    first: dict[str, datetime | None] = {}
    for view in deployments:
        if view.environment is None:
            continue
        known = first.get(view.environment)
        if view.environment not in first or (
            view.started_at is not None and (known is None or view.started_at < known)
        ):
            first[view.environment] = view.started_at
    return sorted(first, key=lambda name: (first[name] is None, first[name] or _NEVER, name))
