"""What became of each production deployment: rolled back, blamed for an incident, restored,
and whether it was itself made to fix the one before (rework). Pure functions over a `History`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from lineage.services.dora.facts import History, Incident, ProductionDeployment, Rollback

#: How long before an incident a deployment of the same service and environment is blamed.
ATTRIBUTION_WINDOW = timedelta(hours=24)


class Attribution(StrEnum):
    """How an incident was attributed to a deployment, in the order the rules are tried."""

    LINK = "LINK"
    CHAIN = "CHAIN"
    ARTIFACT = "ARTIFACT"
    TIME = "TIME"


class FailureCause(StrEnum):
    """Why a deployment counts as failed."""

    ROLLED_BACK = "ROLLED_BACK"
    INCIDENT = "INCIDENT"


class RestoredBy(StrEnum):
    """What ended a failed deployment's failure."""

    ROLLBACK = "ROLLBACK"
    INCIDENT_RESOLVED = "INCIDENT_RESOLVED"
    NEXT_DEPLOYMENT = "NEXT_DEPLOYMENT"


@dataclass(frozen=True, slots=True)
class Blame:
    """The deployment an incident is attributed to, and by which rule."""

    deployment: ProductionDeployment
    attribution: Attribution


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one production deployment (see the package docstring)."""

    deployment: ProductionDeployment
    causes: tuple[FailureCause, ...]
    rollback: Rollback | None
    incidents: tuple[Incident, ...]
    restored_at: datetime | None
    restored_by: RestoredBy | None
    rework_of: ProductionDeployment | None

    @property
    def failed(self) -> bool:
        """Rolled back before the next deployment, or blamed for an incident."""
        return bool(self.causes)

    @property
    def failed_at(self) -> datetime | None:
        """When the failure showed: its rollback, or the first incident attributed to it."""
        signals = [
            *([self.rollback.at] if self.rollback is not None else []),
            *(i.opened_at for i in self.incidents),
        ]
        return min(signals) if signals else None

    @property
    def recovery_seconds(self) -> float | None:
        """Restoration minus deployment time, when restored."""
        if self.restored_at is None:
            return None
        return (self.restored_at - self.deployment.deployed_at).total_seconds()


def attribute(history: History) -> dict[str, Blame]:
    """The deployment each incident (by id) is attributed to, if any: the one it is linked to
    (link or chain), else the deployment of the artifact it names, else the last production
    deployment of its service and environment within 24 h before it."""
    by_id = {d.id: d for d in history.deployments} | history.elsewhere
    blames: dict[str, Blame] = {}
    for incident in history.incidents:
        blame = _attributed(incident, history, by_id)
        if blame is not None:
            blames[incident.id] = blame
    return blames


def _attributed(
    incident: Incident, history: History, by_id: dict[str, ProductionDeployment]
) -> Blame | None:
    linked = [by_id[i] for i in sorted(history.linked.get(incident.id, ())) if i in by_id]
    if linked:
        return Blame(_nearest(incident, linked), Attribution.LINK)
    chained = [d for d in history.deployments if d.chain_id and d.chain_id in incident.chain_ids]
    if chained:
        return Blame(_nearest(incident, chained), Attribution.CHAIN)
    if incident.artifact_id is not None:
        shipped = [
            d
            for d in history.deployments
            if d.artifact_id == incident.artifact_id and d.deployed_at <= incident.opened_at
        ]
        if shipped:
            return Blame(shipped[-1], Attribution.ARTIFACT)
    if incident.service is not None and incident.environment is not None:
        recent = [
            d
            for d in history.deployments
            if incident.service in d.names
            and d.environment == incident.environment
            and incident.opened_at - ATTRIBUTION_WINDOW <= d.deployed_at <= incident.opened_at
        ]
        if recent:
            return Blame(recent[-1], Attribution.TIME)
    return None


def _nearest(
    incident: Incident, candidates: Sequence[ProductionDeployment]
) -> ProductionDeployment:
    """The latest candidate not after the incident, else the earliest one."""
    ordered = sorted(candidates, key=lambda d: (d.deployed_at, d.id))
    before = [d for d in ordered if d.deployed_at <= incident.opened_at]
    return before[-1] if before else ordered[0]


def outcomes(history: History, blames: dict[str, Blame]) -> dict[str, Outcome]:
    """The outcome of every deployment of `history`, by id."""
    by_key: dict[tuple[str, str], list[ProductionDeployment]] = {}
    for deployment in history.deployments:
        by_key.setdefault(deployment.key, []).append(deployment)
    blamed: dict[str, list[Incident]] = {}
    for incident in history.incidents:
        blame = blames.get(incident.id)
        if blame is not None:
            blamed.setdefault(blame.deployment.id, []).append(incident)
    results: dict[str, Outcome] = {}
    for deployments in by_key.values():
        previous: Outcome | None = None
        for index, deployment in enumerate(deployments):
            following = deployments[index + 1] if index + 1 < len(deployments) else None
            outcome = _outcome(
                deployment, following, history.rollbacks, blamed.get(deployment.id, []), previous
            )
            results[deployment.id] = outcome
            previous = outcome
    return results


def _outcome(
    deployment: ProductionDeployment,
    following: ProductionDeployment | None,
    rollbacks: Iterable[Rollback],
    incidents: Sequence[Incident],
    previous: Outcome | None,
) -> Outcome:
    rollback = next(
        (
            r
            for r in rollbacks
            if r.service in deployment.names
            and r.environment == deployment.environment
            and r.at >= deployment.deployed_at
            and (following is None or r.at < following.deployed_at)
        ),
        None,
    )
    causes = tuple(
        cause
        for cause, present in (
            (FailureCause.ROLLED_BACK, rollback is not None),
            (FailureCause.INCIDENT, bool(incidents)),
        )
        if present
    )
    restored_at: datetime | None = None
    restored_by: RestoredBy | None = None
    if rollback is not None:
        restored_at, restored_by = rollback.at, RestoredBy.ROLLBACK
    elif incidents and all(i.resolved_at is not None for i in incidents):
        restored_at = max(i.resolved_at for i in incidents if i.resolved_at is not None)
        restored_by = RestoredBy.INCIDENT_RESOLVED
    elif causes and following is not None:
        restored_at, restored_by = following.deployed_at, RestoredBy.NEXT_DEPLOYMENT
    rework_of = None
    if (
        previous is not None
        and previous.failed_at is not None
        and previous.failed_at <= deployment.deployed_at
        and (previous.restored_at is None or previous.restored_at >= deployment.deployed_at)
    ):
        rework_of = previous.deployment
    return Outcome(
        deployment=deployment,
        causes=causes,
        rollback=rollback,
        incidents=tuple(incidents),
        restored_at=restored_at if causes else None,
        restored_by=restored_by if causes else None,
        rework_of=rework_of,
    )
