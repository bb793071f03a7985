"""`DoraMetrics` and its evidence: deployments counted, commits with lead times, incidents."""
# mypy: disable-error-code="untyped-decorator"
# (strawberry types `@strawberry.field(...)` with arguments as returning Any.)

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TypeVar

import strawberry

from lineage.graphql_api.enums import Attribution, DeploymentOrigin, FailureCause, RestoredBy
from lineage.services import dora
from lineage.services.limits import listed

T = TypeVar("T")


@strawberry.type(
    description=(
        "Durations in seconds: median and 90th percentile interpolated linearly (as SQL's "
        "PERCENTILE_CONT), mean; null when count is 0."
    )
)
class DurationStats:
    median_seconds: float | None = strawberry.field(description="The median, in seconds.")
    p90_seconds: float | None = strawberry.field(description="The 90th percentile, in seconds.")
    mean_seconds: float | None = strawberry.field(description="The mean, in seconds.")
    count: int = strawberry.field(description="How many durations were counted.")

    @classmethod
    def from_stats(cls, stats: dora.DurationStats) -> DurationStats:
        """The GraphQL view of duration statistics."""
        return cls(
            median_seconds=stats.median_seconds,
            p90_seconds=stats.p90_seconds,
            mean_seconds=stats.mean_seconds,
            count=stats.count,
        )


@strawberry.type(
    description="A production deployment counted in the window: failed or not, and why."
)
class DoraDeployment:
    id: strawberry.ID = strawberry.field(
        description="The deployment id: the CDEvent id, or the PipeCD deployment id."
    )
    origin: DeploymentOrigin = strawberry.field(
        description="EXPLICIT (PipeCD record) or DERIVED (deployment CDEvent)."
    )
    service: str = strawberry.field(
        description="The service subject id, or the PipeCD application name (else id)."
    )
    environment: str = strawberry.field(description="The production environment id.")
    deployed_at: datetime = strawberry.field(
        description="The event time, or the PipeCD deployment's completion (else creation) time."
    )
    artifact_id: str | None = strawberry.field(description="The artifact deployed, if named.")
    failed: bool = strawberry.field(description="Rolled back, or an incident is attributed to it.")
    causes: list[FailureCause] = strawberry.field(description="Why it failed (empty if not).")
    rollback_id: str | None = strawberry.field(
        description="The service.rolledback event that rolled it back."
    )
    incident_ids: list[str] = strawberry.field(
        description="The incidents (subject ids) attributed to it."
    )
    restored_at: datetime | None = strawberry.field(
        description="When its failure ended (null if it did not fail or is not restored)."
    )
    restored_by: RestoredBy | None = strawberry.field(description="What ended its failure.")
    recovery_seconds: float | None = strawberry.field(
        description="Failed deployment recovery time: restoredAt minus deployedAt."
    )
    rework: bool = strawberry.field(
        description=(
            "Made while the previous deployment of its service and environment was failed and "
            "not yet restored."
        )
    )
    rework_of: str | None = strawberry.field(
        description="The failed deployment it was made to fix."
    )
    commit_count: int = strawberry.field(
        description="Commits whose lead time counts at this deployment (their first to production)."
    )

    @classmethod
    def from_evidence(cls, item: dora.DeploymentEvidence) -> DoraDeployment:
        """The GraphQL view of a counted deployment."""
        return cls(
            id=strawberry.ID(item.id),
            origin=item.origin,
            service=item.service,
            environment=item.environment,
            deployed_at=item.deployed_at,
            artifact_id=item.artifact_id,
            failed=item.failed,
            causes=list(item.causes),
            rollback_id=item.rollback_id,
            incident_ids=list(item.incident_ids),
            restored_at=item.restored_at,
            restored_by=item.restored_by,
            recovery_seconds=item.recovery_seconds,
            rework=item.rework,
            rework_of=item.rework_of,
            commit_count=item.commit_count,
        )


@strawberry.type(description="A commit first deployed to production in the window: its lead time.")
class DoraCommit:
    commit_hash: str = strawberry.field(description="The full (longest known) commit hash.")
    deployment_id: str = strawberry.field(
        description="Its first successful production deployment (per its trace)."
    )
    service: str = strawberry.field(description="The service of that deployment.")
    environment: str = strawberry.field(description="The environment of that deployment.")
    deployed_at: datetime = strawberry.field(description="When that deployment happened.")
    committed_at: datetime | None = strawberry.field(
        description="The commit timestamp, else the earliest change.merged naming the commit."
    )
    from_merge: bool = strawberry.field(
        description="committedAt is the merge time (no commit timestamp was reported)."
    )
    lead_time_seconds: float | None = strawberry.field(
        description="deployedAt minus committedAt (null when neither time is known)."
    )
    counted: bool = strawberry.field(description="Whether the lead time counts (it is above zero).")
    title: str | None = strawberry.field(description="The commit title (or message headline).")
    author: str | None = strawberry.field(description="The commit author.")
    commit_url: str | None = strawberry.field(description="A link to the commit.")

    @classmethod
    def from_evidence(cls, item: dora.CommitLeadTime) -> DoraCommit:
        """The GraphQL view of a commit's lead time."""
        return cls(
            commit_hash=item.hash,
            deployment_id=item.deployment_id,
            service=item.service,
            environment=item.environment,
            deployed_at=item.deployed_at,
            committed_at=item.committed_at,
            from_merge=item.from_merge,
            lead_time_seconds=item.lead_time_seconds,
            counted=item.counted,
            title=item.title,
            author=item.author,
            commit_url=item.url,
        )


@strawberry.type(
    description="An incident opened in the window and the deployment it was attributed to."
)
class DoraIncident:
    id: str = strawberry.field(description="The incident (its subject id).")
    event_ids: list[str] = strawberry.field(
        description="Its incident.detected / incident.reported events, oldest first."
    )
    service: str | None = strawberry.field(description="The service it names.")
    environment: str | None = strawberry.field(description="The environment it names.")
    artifact_id: str | None = strawberry.field(description="The artifact it names.")
    opened_at: datetime = strawberry.field(description="Its first detected/reported event's time.")
    resolved_at: datetime | None = strawberry.field(
        description="Its first incident.resolved at or after opening (before the window's end)."
    )
    time_to_restore_seconds: float | None = strawberry.field(
        description="resolvedAt minus openedAt."
    )
    deployment_id: str | None = strawberry.field(
        description="The production deployment it is attributed to, if any."
    )
    attribution: Attribution | None = strawberry.field(description="Which rule attributed it.")

    @classmethod
    def from_evidence(cls, item: dora.IncidentEvidence) -> DoraIncident:
        """The GraphQL view of an incident."""
        return cls(
            id=item.id,
            event_ids=list(item.event_ids),
            service=item.service,
            environment=item.environment,
            artifact_id=item.artifact_id,
            opened_at=item.opened_at,
            resolved_at=item.resolved_at,
            time_to_restore_seconds=item.time_to_restore_seconds,
            deployment_id=item.deployment_id,
            attribution=item.attribution,
        )


#: The `DoraMetrics` fields that are not evidence lists: a selection of only these (and
#: `__typename`) lets the service skip building the evidence.
AGGREGATE_FIELDS = frozenset({
    "__typename", "since", "until", "service", "productionEnvironments", "deploymentCount",
    "deploymentsPerDay", "deployDaysPerWeekMedian", "leadTime", "failedDeploymentCount",
    "changeFailureRate", "failedDeploymentRecoveryTime", "incidentTimeToRestore", "reworkCount",
    "reworkRate",
})  # fmt: skip


@strawberry.type(
    description=(
        "DORA metrics of a window [since, until) with the evidence behind every number; the "
        "definitions are in the README (section DORA metrics). Rates are 0..1, null when no "
        "deployment was counted."
    )
)
class DoraMetrics:
    since: datetime = strawberry.field(description="Start of the window (inclusive).")
    until: datetime = strawberry.field(description="End of the window (exclusive).")
    service: str | None = strawberry.field(description="The service asked for, if any.")
    production_environments: list[str] = strawberry.field(
        description="The environment ids/names taken as production (matched in any case)."
    )
    deployment_count: int = strawberry.field(
        description=(
            "Production deployments: service.deployed / upgraded CDEvents and successful PipeCD "
            "deployments (rollbacks are not deployments)."
        )
    )
    deployments_per_day: float = strawberry.field(
        description="deploymentCount divided by the window's length in days."
    )
    deploy_days_per_week_median: float = strawberry.field(
        description=(
            "Median over the ISO weeks the window touches of the number of UTC days with a "
            "deployment (weeks without one count as zero)."
        )
    )
    lead_time: DurationStats = strawberry.field(
        description=(
            "Lead time for changes per commit: its first production deployment minus its commit "
            "time (else merge time); values of zero or less are not counted."
        )
    )
    failed_deployment_count: int = strawberry.field(
        description="Deployments rolled back before the next one, or blamed for an incident."
    )
    change_failure_rate: float | None = strawberry.field(
        description="failedDeploymentCount divided by deploymentCount."
    )
    failed_deployment_recovery_time: DurationStats = strawberry.field(
        description=(
            "Per failed deployment: the rollback, else the resolution of its incidents, else "
            "the next deployment of its service and environment, minus its time."
        )
    )
    incident_time_to_restore: DurationStats = strawberry.field(
        description="Per incident opened in the window: resolved minus detected/reported."
    )
    rework_count: int = strawberry.field(
        description="Deployments made to fix a failed one that was not yet restored."
    )
    rework_rate: float | None = strawberry.field(
        description="reworkCount divided by deploymentCount."
    )
    metrics: strawberry.Private[dora.DoraMetrics]

    def _listed(self, noun: str, items: Sequence[T]) -> Sequence[T]:
        """`items` within the listing cap, else an error saying how to narrow the window."""
        window = f"the DORA window {self.since.isoformat()} .. {self.until.isoformat()}"
        return listed(window, noun, items, "narrow it with since/until, service or environments")

    @strawberry.field(
        description="Evidence: every deployment counted, by time; more than "
        "`LINEAGE_MAX_LISTED_ITEMS` is an error."
    )
    def deployments(self) -> list[DoraDeployment]:
        """Every deployment counted, by time, within the listing cap."""
        shown = self._listed("deployments", self.metrics.deployments)
        return [DoraDeployment.from_evidence(d) for d in shown]

    @strawberry.field(
        description="Evidence: every commit first deployed to production in the window; more "
        "than `LINEAGE_MAX_LISTED_ITEMS` is an error."
    )
    def commits(self) -> list[DoraCommit]:
        """Every commit first deployed to production in the window, within the listing cap."""
        return [DoraCommit.from_evidence(c) for c in self._listed("commits", self.metrics.commits)]

    @strawberry.field(
        description="Evidence: every incident opened in the window, with its attribution; more "
        "than `LINEAGE_MAX_LISTED_ITEMS` is an error."
    )
    def incidents(self) -> list[DoraIncident]:
        """Every incident opened in the window, within the listing cap."""
        shown = self._listed("incidents", self.metrics.incidents)
        return [DoraIncident.from_evidence(i) for i in shown]

    @classmethod
    def from_metrics(cls, metrics: dora.DoraMetrics) -> DoraMetrics:
        """The GraphQL view of DORA metrics."""
        return cls(
            since=metrics.since,
            until=metrics.until,
            service=metrics.service,
            production_environments=list(metrics.production_environments),
            deployment_count=metrics.deployment_count,
            deployments_per_day=metrics.deployments_per_day,
            deploy_days_per_week_median=metrics.deploy_days_per_week_median,
            lead_time=DurationStats.from_stats(metrics.lead_time),
            failed_deployment_count=metrics.failed_deployment_count,
            change_failure_rate=metrics.change_failure_rate,
            failed_deployment_recovery_time=DurationStats.from_stats(
                metrics.failed_deployment_recovery_time
            ),
            incident_time_to_restore=DurationStats.from_stats(metrics.incident_time_to_restore),
            rework_count=metrics.rework_count,
            rework_rate=metrics.rework_rate,
            metrics=metrics,
        )
