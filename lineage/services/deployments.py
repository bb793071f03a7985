"""Deployments: explicit (PipeCD records) and derived (deployment CDEvents), and what they shipped.

A derived deployment is a `service.deployed` / `upgraded` / `rolledback` event; its id is the
event id. What a deployment shipped: for a derived one, the commits named by the events upstream
of it (through producer and inferred links, manifest commits replaced by the source commits
their trailers name) that the previous deployment of the same service (subject id) to the same
environment had not already shipped; for a PipeCD one, the commit it traces (through its
manifest commit) unless the previous deployment of the same application to the same environment
shipped it already.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from lineage.model import Direction, Event, normalize_id
from lineage.model.commit import CommitMention
from lineage.model.deployment_status import (
    DeploymentOrigin,
    DeploymentStatus,
    service_deployment_status,
)
from lineage.model.pipecd import Deployment
from lineage.services.commits import CommitView, commit_views, same_commit
from lineage.services.reach import reach
from lineage.store.protocol import Store

#: Events of one subject looked at per store call, and at most, to find a previous deployment.
PREVIOUS_PAGE = 50
PREVIOUS_SCAN = 2_000


@dataclass(frozen=True, slots=True)
class DeploymentView:
    """A deployment, explicit or derived, as the trace shows it.

    `path` holds the events from the commit's event to the deployment event (derived only);
    `trace_commit_hash` is the source commit it is traced to, `manifest_commit_hash` the
    manifest-repo commit in between when the trace went through one.
    """

    id: str
    origin: DeploymentOrigin
    application: str
    environment: str | None
    status: DeploymentStatus
    artifact_id: str | None
    started_at: datetime | None
    completed_at: datetime | None
    trace_commit_hash: str | None
    manifest_commit_hash: str | None = None
    path: tuple[Event, ...] = ()
    event: Event | None = None
    record: Deployment | None = None


def is_deployment_event(event: Event) -> bool:
    """Whether a CDEvent is a deployment (`service.deployed` / `upgraded` / `rolledback`)."""
    return service_deployment_status(event.subject_type, event.predicate) is not None


def environment_of(event: Event) -> str | None:
    """The environment id a CDEvent names in `content.environment` (object or plain id)."""
    value: Any = event.subject_content.get("environment")
    if isinstance(value, Mapping):
        value = value.get("id")
    return value if isinstance(value, str) and value else None


def derived_view(
    event: Event,
    trace_commit_hash: str | None,
    path: Sequence[Event] = (),
    manifest_commit_hash: str | None = None,
) -> DeploymentView:
    """The view of a deployment CDEvent."""
    status = service_deployment_status(event.subject_type, event.predicate)
    assert status is not None, f"{event.id} is not a deployment event"
    artifact = event.subject_content.get("artifactId")
    return DeploymentView(
        id=event.id,
        origin=DeploymentOrigin.DERIVED,
        application=event.subject_id,
        environment=environment_of(event),
        status=status,
        artifact_id=artifact if isinstance(artifact, str) else None,
        started_at=event.timestamp,
        completed_at=event.timestamp,
        trace_commit_hash=trace_commit_hash,
        manifest_commit_hash=manifest_commit_hash,
        path=tuple(path),
        event=event,
    )


def explicit_view(
    record: Deployment, trace_commit_hash: str | None, manifest_commit_hash: str | None
) -> DeploymentView:
    """The view of a PipeCD deployment record."""
    return DeploymentView(
        id=record.id,
        origin=DeploymentOrigin.EXPLICIT,
        application=record.application_name or record.application_id,
        environment=record.env_id,
        status=record.status,
        artifact_id=None,
        started_at=record.created_at,
        completed_at=record.completed_at,
        trace_commit_hash=trace_commit_hash,
        manifest_commit_hash=manifest_commit_hash,
        record=record,
    )


def find_deployment(store: Store, deployment_id: str) -> DeploymentView | None:
    """The deployment with this id: a PipeCD deployment, else a deployment CDEvent; or None."""
    record = store.get_deployments([deployment_id]).get(deployment_id)
    if record is not None:
        source, manifest = _through_manifest(store, record.trace_commit_hash)
        return explicit_view(record, source, manifest)
    key = normalize_id(deployment_id)
    event = store.get_events([key]).get(key)
    if event is None or not is_deployment_event(event):
        return None
    upstream = reach(store, [event.id], Direction.UPSTREAM)
    mentions = store.event_commit_mentions(upstream.reached)
    if not mentions:
        return derived_view(event, None, [event])
    nearest = min(
        mentions,
        key=lambda m: (upstream.cost(m.event_id), -m.event_timestamp.timestamp(), m.commit.hash),
    )
    source, manifest = _through_manifest(store, nearest.commit.hash)
    trail = list(reversed(upstream.trail(nearest.event_id)))
    found = store.get_events(trail)
    return derived_view(event, source, [found[i] for i in trail if i in found], manifest)


def _through_manifest(store: Store, commit_hash: str | None) -> tuple[str | None, str | None]:
    """(source commit, manifest commit) for a hash that may be a manifest commit's."""
    if commit_hash is None:
        return None, None
    manifest = store.manifest_commits([commit_hash]).get(commit_hash)
    if manifest is None or not manifest.source_hashes:
        return commit_hash, None
    return manifest.source_hashes[0], commit_hash


@dataclass(slots=True)
class ShippedMemo:
    """What `deployment_commits` may reuse across the deployments of one read: the source
    commits shipped upstream of each deployment event (`upstream`, by event id), and the previous
    deployment event's id of the events whose predecessor the caller already knows (`previous`)."""

    previous: dict[str, str] = field(default_factory=dict)
    upstream: dict[str, list[str]] = field(default_factory=dict)


def deployment_commits(
    store: Store, deployment: DeploymentView, memo: ShippedMemo | None = None
) -> list[CommitView]:
    """The commits `deployment` shipped that the previous one (same service and env) had not
    (reusing and filling `memo` if given)."""
    if deployment.record is not None:
        shipped = _sources(store, [deployment.record.trace_commit_hash])
        previous = store.previous_deployment(deployment.record)
        before = _sources(store, [previous.trace_commit_hash]) if previous is not None else []
    else:
        assert deployment.event is not None
        known = memo if memo is not None else ShippedMemo()
        shipped = _shipped_upstream(store, deployment.event.id, known)
        earlier = known.previous.get(deployment.event.id)
        if earlier is None:
            event = previous_deployment_event(store, deployment.event)
            earlier = event.id if event is not None else None
        before = _shipped_upstream(store, earlier, known) if earlier is not None else []
    new = [h for h in shipped if not any(same_commit(h, old) for old in before)]
    views = commit_views(store, [[h] for h in new])
    return sorted(views, key=_newest_first)


def previous_deployment_event(store: Store, event: Event) -> Event | None:
    """The latest deployment event of the same subject id and environment before `event`."""
    environment = environment_of(event)
    anchor = event
    for _ in range(PREVIOUS_SCAN // PREVIOUS_PAGE):
        older = store.subject_events_before(anchor, PREVIOUS_PAGE)
        for candidate in older:
            if is_deployment_event(candidate) and environment_of(candidate) == environment:
                return candidate
        if len(older) < PREVIOUS_PAGE:
            return None
        anchor = older[-1]
    return None


def _shipped_upstream(store: Store, event_id: str, memo: ShippedMemo) -> list[str]:
    """Source commits named by the event and every event upstream of it (memoized in `memo`)."""
    known = memo.upstream.get(event_id)
    if known is None:
        upstream = reach(store, [event_id], Direction.UPSTREAM)
        mentions = store.event_commit_mentions(upstream.reached)
        known = memo.upstream[event_id] = _sources(store, _by_recency(mentions))
    return known


def _by_recency(mentions: Iterable[CommitMention]) -> list[str]:
    ordered = sorted(mentions, key=lambda m: (m.event_timestamp, m.event_id), reverse=True)
    return list(dict.fromkeys(m.commit.hash for m in ordered))


def _sources(store: Store, hashes: Sequence[str | None]) -> list[str]:
    """The hashes with manifest commits replaced by the source commits their trailers name."""
    wanted = [h for h in dict.fromkeys(hashes) if h is not None]
    manifests = store.manifest_commits(wanted) if wanted else {}
    sources: list[str] = []
    for commit_hash in wanted:
        manifest = manifests.get(commit_hash)
        if manifest is not None and manifest.source_hashes:
            sources.extend(manifest.source_hashes)
        else:
            sources.append(commit_hash)
    return list(dict.fromkeys(sources))


def _newest_first(view: CommitView) -> tuple[bool, float, str]:
    moment = view.commit.timestamp or view.created_at
    return (moment is None, -moment.timestamp() if moment else 0.0, view.hash)
