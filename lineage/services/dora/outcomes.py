"""What became of each production deployment: rolled back, blamed for an incident, restored,
and whether it was itself made to fix the one before (rework). Pure functions over a `History`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple, TypeVar

from lineage.services.dora.facts import History, Incident, ProductionDeployment, Rollback

_K = TypeVar("_K")
_V = TypeVar("_V")

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


class Blame(NamedTuple):
    """The deployment an incident is attributed to, and by which rule."""

    deployment: ProductionDeployment
    attribution: Attribution


class Outcome(NamedTuple):
    """What became of one production deployment (see the package docstring). A named tuple,
    as the records of `lineage.services.dora.facts` are: one per deployment."""

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
    index = _Index(history)
    blames: dict[str, Blame] = {}
    for incident in history.incidents:
        blame = index.attributed(incident, history.linked.get(incident.id, set()))
        if blame is not None:
            blames[incident.id] = blame
    return blames


class _Index:
    """History's deployments by id, chain, artifact and service name + environment (by time).
    Each index beyond the ids is built when a rule first needs it: incidents that producers
    linked to their deployment need none of them."""

    def __init__(self, history: History) -> None:
        self.deployments = history.deployments
        self.by_id = {d.id: d for d in history.deployments} | history.elsewhere

    @cached_property
    def by_chain(self) -> dict[str, list[ProductionDeployment]]:
        """Deployments by chain id, each list in time order."""
        return _grouped((d.chain_id, d) for d in self.deployments if d.chain_id)

    @cached_property
    def by_artifact(self) -> dict[str, list[ProductionDeployment]]:
        """Deployments by artifact id, each list in time order."""
        return _grouped((d.artifact_id, d) for d in self.deployments if d.artifact_id)

    @cached_property
    def by_name(self) -> dict[tuple[str, str], list[ProductionDeployment]]:
        """Deployments by (any name of the service, environment), each list in time order."""
        return _grouped(((name, d.environment), d) for d in self.deployments for name in d.names)

    def attributed(self, incident: Incident, linked_ids: set[str]) -> Blame | None:
        """The deployment `incident` is attributed to, and by which rule."""
        linked = [self.by_id[i] for i in sorted(linked_ids) if i in self.by_id]
        if linked:
            return Blame(_nearest(incident, linked), Attribution.LINK)
        chained = [d for c in sorted(incident.chain_ids) for d in self.by_chain.get(c, [])]
        if chained:
            return Blame(_nearest(incident, chained), Attribution.CHAIN)
        if incident.artifact_id is not None:
            shipped = _last_until(
                self.by_artifact.get(incident.artifact_id, []), incident.opened_at
            )
            if shipped is not None:
                return Blame(shipped, Attribution.ARTIFACT)
        if incident.service is not None and incident.environment is not None:
            candidates = self.by_name.get((incident.service, incident.environment), [])
            recent = _last_until(candidates, incident.opened_at)
            if recent is not None and recent.deployed_at >= incident.opened_at - ATTRIBUTION_WINDOW:
                return Blame(recent, Attribution.TIME)
        return None


def _grouped(pairs: Iterable[tuple[_K, _V]]) -> dict[_K, list[_V]]:
    """Values grouped by key, each group in the order given (time order stays time order)."""
    groups: dict[_K, list[_V]] = {}
    for key, value in pairs:
        groups.setdefault(key, []).append(value)
    return groups


@dataclass(frozen=True, slots=True)
class _Rollbacks:
    """The rollbacks of one service (any of its names) and environment, by (time, id), with
    their times apart (bisected without a key function: one search per deployment)."""

    rollbacks: list[Rollback]
    times: list[datetime]

    def first_from(self, moment: datetime) -> Rollback | None:
        """The first rollback at or after `moment`."""
        position = bisect_left(self.times, moment)
        return self.rollbacks[position] if position < len(self.rollbacks) else None


def _last_until(
    deployments: Sequence[ProductionDeployment], moment: datetime
) -> ProductionDeployment | None:
    """The last of time-ordered `deployments` at or before `moment`."""
    position = bisect_right(deployments, moment, key=lambda d: d.deployed_at)
    return deployments[position - 1] if position else None


def _nearest(
    incident: Incident, candidates: Sequence[ProductionDeployment]
) -> ProductionDeployment:
    """The latest candidate not after the incident, else the earliest one."""
    if len(candidates) == 1:  # the usual case: one linked deployment
        return candidates[0]
    ordered = sorted(candidates, key=lambda d: (d.deployed_at, d.id))
    before = [d for d in ordered if d.deployed_at <= incident.opened_at]
    return before[-1] if before else ordered[0]


def outcomes(history: History, blames: dict[str, Blame]) -> dict[str, Outcome]:
    """The outcome of every deployment of `history`, by id."""
    by_key = _grouped((d.key, d) for d in history.deployments)
    blamed = _grouped(
        (blame.deployment.id, incident)
        for incident in history.incidents
        if (blame := blames.get(incident.id)) is not None
    )
    rollbacks = _grouped(((r.service, r.environment), r) for r in history.rollbacks)
    results: dict[str, Outcome] = {}
    runs: dict[tuple[frozenset[str], str], _Rollbacks] = {}
    for deployments in by_key.values():
        previous: Outcome | None = None
        for deployment, following in zip(deployments, [*deployments[1:], None], strict=True):
            where = (deployment.names, deployment.environment)
            mine = runs.get(where)
            if mine is None:
                ordered = sorted(
                    (
                        r
                        for name in deployment.names
                        for r in rollbacks.get((name, deployment.environment), ())
                    ),
                    key=lambda r: (r.at, r.id),
                )
                mine = runs[where] = _Rollbacks(ordered, [r.at for r in ordered])
            outcome = _outcome(deployment, following, mine, blamed.get(deployment.id, ()), previous)
            results[deployment.id] = outcome
            previous = outcome
    return results


#: The causes of a failure, by (rolled back, incidents attributed), in the order they are listed.
_CAUSES: dict[tuple[bool, bool], tuple[FailureCause, ...]] = {
    (False, False): (),
    (True, False): (FailureCause.ROLLED_BACK,),
    (False, True): (FailureCause.INCIDENT,),
    (True, True): (FailureCause.ROLLED_BACK, FailureCause.INCIDENT),
}


def _outcome(
    deployment: ProductionDeployment,
    following: ProductionDeployment | None,
    rollbacks: _Rollbacks,
    incidents: Sequence[Incident],
    previous: Outcome | None,
) -> Outcome:
    """`rollbacks`: those of the deployment's service and environment."""
    first = rollbacks.first_from(deployment.deployed_at)
    rollback = (
        first
        if first is not None and (following is None or first.at < following.deployed_at)
        else None
    )
    causes = _CAUSES[(rollback is not None, bool(incidents))]
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
    shown = previous.failed_at if previous is not None and previous.causes else None
    if (
        previous is not None
        and shown is not None
        and shown <= deployment.deployed_at
        and (previous.restored_at is None or previous.restored_at >= deployment.deployed_at)
    ):
        rework_of = previous.deployment
    # positional, in field order: one per deployment, by the ten thousand
    return Outcome(deployment, causes, rollback, tuple(incidents),
                   restored_at if causes else None, restored_by if causes else None,
                   rework_of)  # fmt: skip
