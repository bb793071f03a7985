"""`dora_metrics`: the four keys (and rework rate) of a window, with the evidence behind them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from lineage.gc_pause import cyclic_gc_paused
from lineage.model.deployment_status import DeploymentOrigin, DeploymentStatus
from lineage.services.dora.facts import (
    History,
    Incident,
    ProductionDeployment,
    read_history,
)
from lineage.services.dora.frequency import deploy_days_per_week_median, deployments_per_day
from lineage.services.dora.lead_time import CommitLeadTime, lead_time_seconds, lead_times
from lineage.services.dora.outcomes import (
    ATTRIBUTION_WINDOW,
    Attribution,
    Blame,
    FailureCause,
    Outcome,
    RestoredBy,
    attribute,
    outcomes,
)
from lineage.services.dora.production import ProductionEnvironments
from lineage.services.dora.statistics import DurationStats, duration_stats
from lineage.services.errors import ServiceError
from lineage.services.windows import window
from lineage.store.protocol import Store

#: How far before the window the previous deployment of a service and environment is looked for
#: (to know whether the window's first deployment of it was rework).
MAX_LOOKBACK = timedelta(days=30)
#: Delivery events of one service looked at per store call, and at most, for a previous
#: deployment.
PREVIOUS_PAGE = 50
PREVIOUS_SCAN = 2_000
#: PipeCD deployments looked at, at most, for a previous successful one.
PREVIOUS_RECORDS = 50


@dataclass(frozen=True, slots=True)
class DeploymentEvidence:
    """A production deployment counted in the window: failed or not and why, restored when and
    how, whether it was rework (`rework_of`: the failed deployment it was made to fix)."""

    id: str
    origin: DeploymentOrigin
    service: str
    environment: str
    deployed_at: datetime
    artifact_id: str | None
    failed: bool
    causes: tuple[FailureCause, ...]
    rollback_id: str | None
    incident_ids: tuple[str, ...]
    restored_at: datetime | None
    restored_by: RestoredBy | None
    recovery_seconds: float | None
    rework: bool
    rework_of: str | None
    commit_count: int


@dataclass(frozen=True, slots=True)
class IncidentEvidence:
    """An incident opened in the window, the deployment it was attributed to and how, and its
    time to restore (resolution minus opening; None while unresolved)."""

    id: str
    event_ids: tuple[str, ...]
    service: str | None
    environment: str | None
    artifact_id: str | None
    opened_at: datetime
    resolved_at: datetime | None
    time_to_restore_seconds: float | None
    deployment_id: str | None
    attribution: Attribution | None


@dataclass(frozen=True, slots=True)
class DoraMetrics:
    """DORA metrics of `[since, until)` (for one service if `service`), with their evidence.

    Rates are 0..1 and None when no deployment was counted. `production_environments`: the ids or
    names taken as production.
    """

    since: datetime
    until: datetime
    service: str | None
    production_environments: tuple[str, ...]
    deployment_count: int
    deployments_per_day: float
    deploy_days_per_week_median: float
    lead_time: DurationStats
    failed_deployment_count: int
    change_failure_rate: float | None
    failed_deployment_recovery_time: DurationStats
    incident_time_to_restore: DurationStats
    rework_count: int
    rework_rate: float | None
    deployments: list[DeploymentEvidence]
    commits: list[CommitLeadTime]
    incidents: list[IncidentEvidence]


def dora_metrics(
    store: Store,
    since: datetime,
    until: datetime,
    service: str | None = None,
    environments: Sequence[str] | None = None,
    evidence: bool = True,
) -> DoraMetrics:
    """DORA metrics of the window `[since, until)`, of one service (or PipeCD application, by id
    or name) if given, with `environments` as the production ids/names if given (else
    `LINEAGE_PRODUCTION_ENVIRONMENTS`). Without `evidence` the evidence lists are left empty and
    only what the aggregates need is computed (the aggregates are the same). Raises
    `ServiceError` for an empty or reversed window."""
    if until <= since:
        raise ServiceError(f"until ({until.isoformat()}) must be after since ({since.isoformat()})")
    since, until = window(since, until)
    if environments is not None and not any(e.strip() for e in environments):
        raise ServiceError("environments: give at least one environment id or name")
    with cyclic_gc_paused():  # ~10^5 short-lived rows and answers: the collector cost a third
        production = ProductionEnvironments(store, environments)
        return _metrics(store, since, until, service, production, evidence)


def _metrics(
    store: Store,
    since: datetime,
    until: datetime,
    service: str | None,
    production: ProductionEnvironments,
    evidence: bool,
) -> DoraMetrics:
    """`dora_metrics` of a checked window. The aggregates come from the outcomes, incidents and
    lead times whether or not the evidence is built, so they are the same either way."""
    start = since - ATTRIBUTION_WINDOW
    history = read_history(store, production, start, until)
    earlier = _lookback_start(store, history, since, start, production)
    if earlier < start:
        history = read_history(store, production, earlier, until)
    blames = attribute(history)
    fates = outcomes(history, blames)
    counted = [
        d
        for d in history.deployments
        if since <= d.deployed_at < until and (service is None or service in d.names)
    ]
    judged = [fates[d.id] for d in counted]
    opened = [
        (i, blame)
        for i in history.incidents
        if since <= i.opened_at < until
        and _concerns(i, blame := blames.get(i.id), service, production)
    ]
    commits: list[CommitLeadTime] = []
    if evidence:
        commits = lead_times(store, counted, production, history)
        lead = [s for c in commits if c.counted and (s := c.lead_time_seconds) is not None]
    else:
        lead = lead_time_seconds(store, counted, production, history)
    failed = [o for o in judged if o.failed]
    rework = sum(1 for o in judged if o.rework_of is not None)
    count = len(judged)
    return DoraMetrics(
        since=since,
        until=until,
        service=service,
        production_environments=production.names,
        deployment_count=count,
        deployments_per_day=deployments_per_day(count, since, until),
        deploy_days_per_week_median=deploy_days_per_week_median(
            (d.deployed_at for d in counted), since, until
        ),
        lead_time=duration_stats(lead),
        failed_deployment_count=len(failed),
        change_failure_rate=len(failed) / count if count else None,
        failed_deployment_recovery_time=duration_stats(
            s for o in failed if (s := o.recovery_seconds) is not None
        ),
        incident_time_to_restore=duration_stats(
            s for i, _ in opened if (s := _restore_seconds(i)) is not None
        ),
        rework_count=rework,
        rework_rate=rework / count if count else None,
        deployments=_deployments_evidence(judged, commits) if evidence else [],
        commits=commits,
        incidents=[_incident_evidence(i, blame) for i, blame in opened] if evidence else [],
    )


def _deployments_evidence(
    judged: Sequence[Outcome], commits: Sequence[CommitLeadTime]
) -> list[DeploymentEvidence]:
    """The evidence of each counted deployment, with how many counted commits it shipped."""
    shipped = Counter(commit.deployment_id for commit in commits if commit.counted)
    return [_deployment_evidence(o, shipped[o.deployment.id]) for o in judged]


def _restore_seconds(incident: Incident) -> float | None:
    """An incident's time to restore: resolution minus opening (None while unresolved)."""
    if incident.resolved_at is None:
        return None
    return (incident.resolved_at - incident.opened_at).total_seconds()


def _deployment_evidence(outcome: Outcome, commit_count: int) -> DeploymentEvidence:
    d = outcome.deployment
    rollback, rework_of = outcome.rollback, outcome.rework_of
    # positional, in field order: one per deployment, by the ten thousand
    return DeploymentEvidence(
        d.id, d.origin, d.service, d.environment, d.deployed_at, d.artifact_id, outcome.failed,
        outcome.causes, rollback.id if rollback is not None else None,
        tuple(i.id for i in outcome.incidents), outcome.restored_at, outcome.restored_by,
        outcome.recovery_seconds, rework_of is not None,
        rework_of.id if rework_of is not None else None, commit_count,
    )  # fmt: skip


def _incident_evidence(incident: Incident, blame: Blame | None) -> IncidentEvidence:
    return IncidentEvidence(
        id=incident.id,
        event_ids=incident.event_ids,
        service=incident.service,
        environment=incident.environment,
        artifact_id=incident.artifact_id,
        opened_at=incident.opened_at,
        resolved_at=incident.resolved_at,
        time_to_restore_seconds=_restore_seconds(incident),
        deployment_id=blame.deployment.id if blame is not None else None,
        attribution=blame.attribution if blame is not None else None,
    )


def _concerns(
    incident: Incident,
    blame: Blame | None,
    service: str | None,
    production: ProductionEnvironments,
) -> bool:
    """Whether an incident belongs in the answer: attributed to a production deployment (of the
    service, if one is asked for), or unattributed in production (or no environment named)."""
    if blame is not None:
        return service is None or service in blame.deployment.names
    if incident.environment is not None and incident.environment not in production:
        return False
    return service is None or incident.service == service


def _lookback_start(
    store: Store,
    history: History,
    since: datetime,
    start: datetime,
    production: ProductionEnvironments,
) -> datetime:
    """Where reading must begin so that every window deployment's predecessor (same service and
    environment) is read too, at most `MAX_LOOKBACK` before `since`."""
    seen: set[tuple[str, str]] = set()
    earliest = start
    for deployment in history.deployments:
        if deployment.key in seen:
            continue
        seen.add(deployment.key)
        if deployment.deployed_at < since:
            continue  # its predecessors are read already
        previous = _previous_time(store, deployment, production)
        if previous is not None and previous < earliest:
            earliest = previous
    return max(earliest, since - MAX_LOOKBACK)


def _previous_time(
    store: Store, deployment: ProductionDeployment, production: ProductionEnvironments
) -> datetime | None:
    """When the production deployment before `deployment` (same service and environment) was."""
    record = deployment.record
    if record is not None:
        for _ in range(PREVIOUS_RECORDS):
            record = store.previous_deployment(record)
            if record is None:
                return None
            if record.status is DeploymentStatus.SUCCESS:
                return record.completed_at or record.created_at
        return None
    at, anchor = deployment.deployed_at, deployment.id
    for _ in range(PREVIOUS_SCAN // PREVIOUS_PAGE):
        older = store.subject_delivery_events_before(deployment.service, at, anchor, PREVIOUS_PAGE)
        for row in older:
            if row.what.deploys and row.environment == deployment.environment:
                return row.at
        if len(older) < PREVIOUS_PAGE:
            return None
        at, anchor = older[-1].at, older[-1].id
    return None
