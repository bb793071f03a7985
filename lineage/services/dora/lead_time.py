"""Lead time for changes: per commit, its first production deployment minus its time.

The commits of a window are those its deployments shipped (`deployment_commits`: what the
previous deployment of the same service and environment had not); each is then traced
(`trace_deployments`) to its first successful production deployment overall, and counted in the
window only if that deployment is one of the window's. A commit's time is its commit timestamp
when a producer gave one, else the time of the earliest `change.merged` event naming it (flagged
`from_merge`); lead times of zero or less are kept in the evidence but not counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

from lineage.model.commit import Commit, MentionTime
from lineage.model.delivery import DeliveryEvent, UpstreamCommits
from lineage.model.deployment_status import DeploymentOrigin, DeploymentStatus
from lineage.model.derivation import Derivation
from lineage.services.commits import CommitView, commit_details, commit_timestamps, same_commit
from lineage.services.deployments import (
    PREVIOUS_PAGE,
    PREVIOUS_SCAN,
    DeploymentView,
    ShippedMemo,
    deployment_commits,
    derived_view,
    explicit_view,
)
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
    the previous deployment of each.

    From the upstream commits ingest derived (`UpstreamCommits`, a few bulk reads) when the
    store has them for all its records; else (a store not yet through `lineage db derive`) by
    walking the graph per deployment and per commit, as the trace does.
    """
    found: list[CommitLeadTime] = []
    for commit_hash, commit, deployment, committed in _timed_commits(
        store, counted, production, history, details=True
    ):
        assert commit is not None  # asked with details
        seconds = _lead_seconds(deployment, committed)
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
                counted=_counted(seconds) is not None,
                title=commit.headline,
                author=commit.author,
                url=commit.url,
            )
        )
    return sorted(found, key=lambda c: (c.deployed_at, c.hash))


def lead_time_seconds(
    store: Store,
    counted: Sequence[ProductionDeployment],
    production: ProductionEnvironments,
    history: History | None = None,
) -> list[float]:
    """The counted lead times (above 0) of `lead_times`, in no set order, without the
    per-commit evidence (details, deployment): what the lead time statistics need."""
    timed = _timed_commits(store, counted, production, history, details=False)
    return [
        value
        for _, _, deployment, committed in timed
        if (value := _counted(_lead_seconds(deployment, committed))) is not None
    ]


def _lead_seconds(deployment: ProductionDeployment, committed: datetime | None) -> float | None:
    """A commit's lead time: its first production deployment's time minus its own (None when
    its time is unknown)."""
    return (deployment.deployed_at - committed).total_seconds() if committed is not None else None


def _counted(seconds: float | None) -> float | None:
    """The lead time if it counts in the statistics (above 0), else None."""
    return seconds if seconds is not None and seconds > 0 else None


#: The kind of the events that merge a commit (`CommitMention.event_kind`).
_MERGED = "change.merged"
#: The least step of time: a span's end plus it bounds a read that includes the end.
_INSTANT = timedelta(microseconds=1)

#: A commit (canonical hash; its details, when asked), its first production deployment (one
#: of the window's) and its time: the commit timestamp, else its earliest merge, else None.
_TimedCommit = tuple[str, Commit | None, ProductionDeployment, datetime | None]


def _timed_commits(
    store: Store,
    counted: Sequence[ProductionDeployment],
    production: ProductionEnvironments,
    history: History | None,
    details: bool,
) -> list[_TimedCommit]:
    """Every commit whose first production deployment is one of `counted`, with its time (the
    rule `lead_times` documents) and, if `details`, its details; in no set order."""
    previous = _timed_predecessors(history) if history is not None else {}
    by_id = {d.id: d for d in counted}
    commits: dict[str, Commit] = {}
    if store.fact_digests(Derivation.kind, [UpstreamCommits.kind]):
        shipped = _shipped_from_rows(store, counted, previous, production)
        firsts = _firsts_from_rows(store, shipped, production)
        chosen = {h: by_id[first] for h, first in sorted(firsts.items()) if first in by_id}
        if details:
            mentions = store.commit_mentions(list(chosen))  # details and merges from one read
            views = commit_details(store, list(chosen), mentions)
            commits = {h: views[h].commit for h in chosen}
            stamps = {h: commits[h].timestamp for h in chosen}
            told = [MentionTime.of(m) for m in mentions]
        else:  # times only: no mention body decoded
            told = store.mention_times(list(chosen))
            stamps = commit_timestamps(store, list(chosen), told)
        aliases: dict[str, Sequence[str]] = {h: (h,) for h in chosen if stamps[h] is None}
    else:
        walked = _shipped_by_walks(store, counted, previous)
        firsts = {
            h: first.id
            for h, view in walked.items()
            if (first := _first_production(trace_deployments(store, view), production))
        }
        chosen = {h: by_id[first] for h, first in firsts.items() if first in by_id}
        commits = {h: walked[h].commit for h in chosen}
        stamps = {h: commits[h].timestamp for h in chosen}
        aliases = {h: walked[h].aliases for h in chosen if stamps[h] is None}
        told = store.mention_times([a for hashes in aliases.values() for a in hashes])
    merged = _merge_times(store, aliases, told)
    return [
        (h, commits.get(h), deployment, stamps[h] or merged.get(h))
        for h, deployment in chosen.items()
    ]


def _shipped_by_walks(
    store: Store,
    counted: Sequence[ProductionDeployment],
    previous: Mapping[str, tuple[datetime, str]],
) -> dict[str, CommitView]:
    """The commits `counted` shipped, by upstream walks (`deployment_commits`, memoized)."""
    memo = ShippedMemo(previous={later: earlier for later, (_, earlier) in previous.items()})
    candidates: dict[str, CommitView] = {}
    for shipped in deployment_views(store, counted):
        for view in deployment_commits(store, shipped, memo):
            candidates.setdefault(view.hash, view)
    return candidates


def _shipped_from_rows(
    store: Store,
    counted: Sequence[ProductionDeployment],
    previous: Mapping[str, tuple[datetime, str]],
    production: ProductionEnvironments,
) -> list[str]:
    """The commits `counted` shipped (`deployment_commits`' rule: named upstream of the
    deployment, manifest commits replaced by their sources, and not upstream of the previous
    deployment event of its service and environment), from the upstream commits rows.

    `previous`: the (time, id) of the previous deployment event of those the history knows.
    The rows of the derived deployments and of their predecessors come from one range read of
    the production environments over their span; the few predecessors found before it (by the
    store scan, outside the history) are read by id."""
    derived = [d for d in counted if d.record is None]
    before: dict[str, tuple[datetime, str] | None] = {d.id: previous.get(d.id) for d in derived}
    span = [d.deployed_at for d in derived] + [p[0] for p in before.values() if p is not None]
    for deployment in derived:
        if before[deployment.id] is None:
            found = previous_deployment_row(store, deployment)
            before[deployment.id] = (found.at, found.id) if found is not None else None
    upstream: dict[str, list[str]] = {}
    if span:
        start, end = min(span), max(span)
        wanted = set(before) | {p[1] for p in before.values() if p is not None}
        for deployment_id, commit_hash in store.upstream_hashes_in(
            start, end + _INSTANT, production.ids()
        ):
            if deployment_id in wanted:
                upstream.setdefault(deployment_id, []).append(commit_hash)
        outside = [p[1] for p in before.values() if p is not None and not start <= p[0] <= end]
        for row in store.upstream_commits_of(outside) if outside else ():
            upstream.setdefault(row.deployment_id, []).append(row.hash)
    every = {h for hashes in upstream.values() for h in hashes}
    manifests = store.manifest_commits(list(every)) if every else {}
    if manifests:  # manifest commits stand for the source commits they name
        sources = {h: m.source_hashes for h, m in manifests.items() if m.source_hashes}
        for deployment_id, hashes in upstream.items():
            upstream[deployment_id] = [s for h in hashes for s in sources.get(h, (h,))]
    # Hashes of one length are one commit only if equal: a set lookup, unless abbreviated
    # hashes are among them (one may then abbreviate another).
    one_length = len({len(h) for h in every} | {len(s) for m in manifests.values()
                                                 for s in m.source_hashes}) <= 1  # fmt: skip
    none: list[str] = []
    shipped: dict[str, None] = {}
    for deployment in derived:
        earlier = before[deployment.id]
        old = upstream.get(earlier[1], none) if earlier is not None else none
        for commit_hash in upstream.get(deployment.id, none):
            if commit_hash in old:
                continue
            if one_length or not any(same_commit(commit_hash, o) for o in old):
                shipped[commit_hash] = None
    for explicit in deployment_views(store, [d for d in counted if d.record is not None]):
        for view in deployment_commits(store, explicit):
            shipped[view.hash] = None
    return list(shipped)


def previous_deployment_row(store: Store, deployment: ProductionDeployment) -> DeliveryEvent | None:
    """The latest deployment event (deployed, upgraded or rolled back) of the deployment's
    service and environment before it (`previous_deployment_event`, from the delivery rows)."""
    at, anchor = deployment.deployed_at, deployment.id
    for _ in range(PREVIOUS_SCAN // PREVIOUS_PAGE):
        older = store.subject_delivery_events_before(deployment.service, at, anchor, PREVIOUS_PAGE)
        for row in older:
            if row.is_deployment_event and row.environment == deployment.environment:
                return row
        if len(older) < PREVIOUS_PAGE:
            return None
        at, anchor = older[-1].at, older[-1].id
    return None


def _firsts_from_rows(
    store: Store, hashes: Sequence[str], production: ProductionEnvironments
) -> dict[str, str]:
    """For each commit, the id of its first successful production deployment (the trace's:
    PipeCD deployments tracing it or a manifest commit naming it, and deployment events
    downstream of the events naming either), from the upstream commits rows."""
    if not hashes:
        return {}
    wanted = set(hashes)
    ordered = sorted(wanted)  # in key order: the store's lookups take it so
    stands_for: dict[str, set[str]] = {}  # manifest commit named -> the commits it stands for
    for manifest in store.manifest_commits_naming(ordered):
        for source in manifest.source_hashes:
            if source in wanted:
                stands_for.setdefault(manifest.hash, {manifest.hash} & wanted).add(source)
    names = sorted(wanted.union(stands_for)) if stands_for else ordered
    best: dict[str, tuple[datetime, str]] = {}

    def offer(commits: Iterable[str], moment: datetime, deployment_id: str) -> None:
        for commit_hash in commits:
            known = best.get(commit_hash)
            if known is None or (moment, deployment_id) < known:
                best[commit_hash] = (moment, deployment_id)

    for named, moment, deployment_id in store.deployment_times_naming(names, production.ids()):
        if named in stands_for:
            offer(stands_for[named], moment, deployment_id)
            continue
        known = best.get(named)  # the usual case: the row names one of `hashes` itself
        if known is None or (moment, deployment_id) < known:
            best[named] = (moment, deployment_id)
    for record in store.deployments_tracing(names):
        if record.status is DeploymentStatus.SUCCESS and record.env_id in production:
            moment = record.completed_at or record.created_at
            named = record.trace_commit_hash or ""
            offer(stands_for.get(named) or ({named} & wanted), moment, record.id)
    return {h: deployment_id for h, (_, deployment_id) in best.items()}


def deployment_views(
    store: Store, deployments: Sequence[ProductionDeployment]
) -> list[DeploymentView]:
    """The trace's view of each deployment (its event read for a derived one), in order."""
    events = store.get_events([d.id for d in deployments if d.record is None])
    views: list[DeploymentView] = []
    for deployment in deployments:
        if deployment.record is not None:
            record = deployment.record
            views.append(explicit_view(record, record.trace_commit_hash, None))
        elif (event := events.get(deployment.id)) is not None:
            views.append(derived_view(event, None, [event]))
    return views


def known_predecessors(history: History) -> dict[str, str]:
    """For each derived deployment of `history` with an earlier deployment event (deployment or
    rollback) of its service and environment in it, that event's id: the one
    `previous_deployment_event` finds, since the history holds every such event of its span."""
    return {later: earlier for later, (_, earlier) in _timed_predecessors(history).items()}


def _timed_predecessors(history: History) -> dict[str, tuple[datetime, str]]:
    """`known_predecessors`, each with its time: (time, id)."""
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
    previous: dict[str, tuple[datetime, str]] = {}
    for timeline in timelines.values():
        timeline.sort()
        for (at, earlier, _), (_, later, deployed) in pairwise(timeline):
            if deployed:
                previous[later] = (at, earlier)
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


def _merge_times(
    store: Store, aliases: Mapping[str, Sequence[str]], mentions: Sequence[MentionTime]
) -> dict[str, datetime]:
    """For each commit (canonical hash: its stored hashes), the time of the earliest
    `change.merged` event naming any of its hashes, among `mentions` (those of the commits'
    hashes; others are ignored)."""
    canonical = {alias: h for h, hashes in aliases.items() for alias in hashes}
    if not canonical:
        return {}
    mentions = [m for m in mentions if m.hash in canonical]
    unknown = list(dict.fromkeys(m.event_id for m in mentions if m.event_kind is None))
    stored = store.event_kinds(unknown) if unknown else {}  # mentions stored before their kind
    kinds = {event: f"{subject}.{predicate}" for event, (subject, predicate) in stored.items()}
    merged: dict[str, datetime] = {}
    for mention in mentions:
        if (mention.event_kind or kinds.get(mention.event_id)) != _MERGED:
            continue
        commit_hash = canonical[mention.hash]
        known = merged.get(commit_hash)
        if known is None or mention.event_timestamp < known:
            merged[commit_hash] = mention.event_timestamp
    return merged
