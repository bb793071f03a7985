"""Lead time for changes: per commit, its first production deployment minus its time.

The commits of a window are those its deployments shipped (`deployment_commits`: what the
previous deployment of the same service and environment had not); each is then traced
(`trace_deployments`) to its first successful production deployment overall, and counted in the
window only if that deployment is one of the window's. A commit's time is its commit timestamp
when a producer gave one, else the time of the earliest `change.merged` event naming it (flagged
`from_merge`); lead times of zero or less are kept in the evidence but not counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from lineage.model.deployment_status import DeploymentOrigin, DeploymentStatus
from lineage.services.commits import CommitView
from lineage.services.deployments import DeploymentView, ShippedMemo, deployment_commits
from lineage.services.dora.facts import History, ProductionDeployment
from lineage.services.dora.production import ProductionEnvironments
from lineage.services.traces import trace_deployments
from lineage.store.protocol import Store


@dataclass(frozen=True, slots=True)
class CommitLeadTime:
    """One commit shipped to production in the window, and its lead time.

    `committed_at`: the commit timestamp, else (`from_merge`) the earliest `change.merged` naming
    it, else None. `lead_time_seconds`: `deployed_at - committed_at`; `counted`: it is above 0.
    """

    hash: str
    deployment_id: str
    service: str
    environment: str
    deployed_at: datetime
    committed_at: datetime | None
    from_merge: bool
    lead_time_seconds: float | None
    counted: bool
    title: str | None
    author: str | None
    url: str | None


def lead_times(
    store: Store,
    counted: Sequence[ProductionDeployment],
    production: ProductionEnvironments,
    history: History | None = None,
) -> list[CommitLeadTime]:
    """The lead time of every commit whose first production deployment is one of `counted`,
    by (deployment time, hash). `history` (read over a span holding `counted`), if given, names
    the previous deployment of each, and upstream walks are shared between deployments."""
    by_id = {d.id: d for d in counted}
    memo = ShippedMemo(previous=known_predecessors(history) if history is not None else {})
    candidates: dict[str, CommitView] = {}
    for deployment in counted:
        for view in deployment_commits(store, deployment.view, memo):
            candidates.setdefault(view.hash, view)
    firsts: dict[str, ProductionDeployment] = {}
    for commit_hash, view in candidates.items():
        first = _first_production(trace_deployments(store, view), production)
        if first is not None and first.id in by_id:
            firsts[commit_hash] = by_id[first.id]
    merged = _merge_times(store, [candidates[h] for h in firsts])
    found: list[CommitLeadTime] = []
    for commit_hash, deployment in firsts.items():
        commit = candidates[commit_hash].commit
        committed = commit.timestamp or merged.get(commit_hash)
        seconds = (
            (deployment.deployed_at - committed).total_seconds() if committed is not None else None
        )
        found.append(
            CommitLeadTime(
                hash=commit_hash,
                deployment_id=deployment.id,
                service=deployment.service,
                environment=deployment.environment,
                deployed_at=deployment.deployed_at,
                committed_at=committed,
                from_merge=commit.timestamp is None and committed is not None,
                lead_time_seconds=seconds,
                counted=seconds is not None and seconds > 0,
                title=commit.headline,
                author=commit.author,
                url=commit.url,
            )
        )
    return sorted(found, key=lambda c: (c.deployed_at, c.hash))


def known_predecessors(history: History) -> dict[str, str]:
    """For each derived deployment of `history` with an earlier deployment event (deployment or
    rollback) of its service and environment in it, that event's id: the one
    `previous_deployment_event` finds, since the history holds every such event of its span."""
    timelines: dict[tuple[str, str], list[tuple[datetime, str, bool]]] = {}
    for deployment in history.deployments:
        if deployment.origin is DeploymentOrigin.DERIVED:
            timelines.setdefault(deployment.key, []).append(
                (deployment.deployed_at, deployment.id, True)
            )
    for rollback in history.rollbacks:
        key = (rollback.service, rollback.environment or "")
        if key in timelines:
            timelines[key].append((rollback.at, rollback.id, False))
    previous: dict[str, str] = {}
    for timeline in timelines.values():
        timeline.sort()
        for (_, earlier, _), (_, later, deployed) in pairwise(timeline):
            if deployed:
                previous[later] = earlier
    return previous


def _first_production(
    views: Sequence[DeploymentView], production: ProductionEnvironments
) -> DeploymentView | None:
    """The earliest successful production deployment (no rollback) among a commit's."""
    shipped = [
        (_deployed_at(v), v.id, v)
        for v in views
        if v.status is DeploymentStatus.SUCCESS and v.environment in production
    ]
    return min(shipped, key=lambda item: (item[0], item[1]))[2] if shipped else None


def _deployed_at(view: DeploymentView) -> datetime:
    """When a deployment reached its environment: the event time, or PipeCD's completion."""
    moment = view.completed_at or view.started_at
    assert moment is not None
    return moment


def _merge_times(store: Store, views: Sequence[CommitView]) -> dict[str, datetime]:
    """For each commit, the time of the earliest `change.merged` event naming any of its hashes."""
    canonical = {alias: view.hash for view in views for alias in view.aliases}
    if not canonical:
        return {}
    mentions = store.commit_mentions(list(canonical))
    events = store.get_events(list(dict.fromkeys(m.event_id for m in mentions)))
    merged: dict[str, datetime] = {}
    for mention in mentions:
        event = events.get(mention.event_id)
        if event is None or (event.subject_type, event.predicate) != ("change", "merged"):
            continue
        commit_hash = canonical[mention.commit.hash]
        known = merged.get(commit_hash)
        if known is None or event.timestamp < known:
            merged[commit_hash] = event.timestamp
    return merged
