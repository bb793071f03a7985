"""`Application`: its live state per deploy target, drift, and deployments."""
# mypy: disable-error-code="untyped-decorator"
# (strawberry types `@strawberry.field(...)` with arguments as returning Any.)

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Annotated

import strawberry

from lineage.graphql_api.context import Info
from lineage.graphql_api.types.connection import AfterCursor, Connection, PageSize, connection
from lineage.graphql_api.types.trace import Deployment
from lineage.model import livestate as model
from lineage.services import applications
from lineage.services.drift import application_drift
from lineage.services.limits import DEFAULT_PAGE_SIZE, listed
from lineage.services.livestate import live_state_history
from lineage.services.staleness import live_state

#: What a client over the cap on one report's resources can do: nothing narrower exists.
_ONE_REPORT = "one report carried them all; raise the cap to read it"

#: What a client over the cap on an application's deploy targets can ask instead.
_NARROW_TARGET = "ask for one with deployTarget: …"
DEPLOY_TARGET = strawberry.argument(
    description="Only this deploy target (a cluster or environment)."
)


def _resources(owner: str, resources: tuple[model.LiveResource, ...]) -> list[LiveResource]:
    """The GraphQL views of one report's `resources`, within the listing cap."""
    return [LiveResource.from_model(r) for r in listed(owner, "resources", resources, _ONE_REPORT)]


@strawberry.type(description="One resource of a live-state report.")
class LiveResource:
    kind: str = strawberry.field(description="The resource kind, e.g. Deployment, ConfigMap.")
    name: str = strawberry.field(description="The resource name.")
    namespace: str | None = strawberry.field(description="The resource namespace, if namespaced.")
    health: str | None = strawberry.field(
        description="Health as the reporter judged it, e.g. Healthy, Degraded."
    )
    version: str | None = strawberry.field(description="What runs, e.g. an image reference.")

    @classmethod
    def from_model(cls, resource: model.LiveResource) -> LiveResource:
        """The GraphQL view of a live resource."""
        return cls(
            kind=resource.kind,
            name=resource.name,
            namespace=resource.namespace,
            health=resource.health,
            version=resource.version,
        )


@strawberry.type(description="A live-state report of one deploy target, as its reporter sent it.")
class LiveStateReport:
    id: strawberry.ID = strawberry.field(description="The report's id.")
    deploy_target: str = strawberry.field(
        description="The deploy target reported on (a cluster or environment)."
    )
    reported_at: datetime = strawberry.field(description="When the reporter observed this state.")
    report: strawberry.Private[model.LiveStateReport]

    @strawberry.field(
        description="The resources it saw running; more than `LINEAGE_MAX_LISTED_ITEMS` is an "
        "error."
    )
    def resources(self) -> list[LiveResource]:
        """The resources it saw running, within the listing cap."""
        return _resources(f"live-state report {self.report.id!r}", tuple(self.report.resources))

    @classmethod
    def from_model(cls, report: model.LiveStateReport) -> LiveStateReport:
        """The GraphQL view of a report."""
        return cls(
            id=strawberry.ID(report.id),
            deploy_target=report.deploy_target,
            reported_at=report.reported_at,
            report=report,
        )


@strawberry.type(
    description=(
        "What runs in one deploy target now: its latest report. `stale` when that report is "
        "older than the configured interval (LINEAGE_LIVESTATE_STALE_AFTER, default 3 minutes)."
    )
)
class LiveState:
    application_id: strawberry.ID = strawberry.field(description="The application reported on.")
    deploy_target: str = strawberry.field(
        description="The deploy target (a cluster or environment)."
    )
    reported_at: datetime = strawberry.field(description="When its latest report was made.")
    stale: bool = strawberry.field(
        description=(
            "True when that report is older than LINEAGE_LIVESTATE_STALE_AFTER (default 3 minutes)."
        )
    )
    report: strawberry.Private[model.LiveStateReport]

    @strawberry.field(
        description="What the latest report saw running; more than `LINEAGE_MAX_LISTED_ITEMS` "
        "is an error."
    )
    def resources(self) -> list[LiveResource]:
        """What the latest report saw running, within the listing cap."""
        return _resources(f"live-state report {self.report.id!r}", tuple(self.report.resources))

    @strawberry.field(description="Earlier reports of this deploy target, newest first.")
    async def history(
        self,
        info: Info,
        first: PageSize = DEFAULT_PAGE_SIZE,
        after: AfterCursor = None,
    ) -> Connection[LiveStateReport]:
        """Reports of this deploy target, newest first, keyset-paginated."""
        page = await asyncio.to_thread(
            live_state_history,
            info.context.store,
            self.application_id,
            self.deploy_target,
            first,
            after,
        )
        return connection(page, LiveStateReport.from_model)

    @classmethod
    def from_model(cls, state: model.LiveState) -> LiveState:
        """The GraphQL view of a live state."""
        report = state.report
        return cls(
            application_id=strawberry.ID(report.application_id),
            deploy_target=report.deploy_target,
            reported_at=report.reported_at,
            stale=state.stale,
            report=report,
        )


@strawberry.type(
    description=(
        "Live resources of one deploy target running something else than the artifact of the "
        "application's last successful deployment there."
    )
)
class Drift:
    deploy_target: str = strawberry.field(description="The deploy target that drifted.")
    expected: str = strawberry.field(description="The artifact last deployed successfully.")
    since: datetime = strawberry.field(
        description="First report of the current unbroken run of drifted reports."
    )
    deployment_id: strawberry.ID | None = strawberry.field(
        description="The deployment the expectation comes from."
    )
    drift: strawberry.Private[model.Drift]

    def _owner(self) -> str:
        """How an error names this drift."""
        return f"the drift of deploy target {self.deploy_target!r}"

    @strawberry.field(
        description="The live versions that do not match it; more than "
        "`LINEAGE_MAX_LISTED_ITEMS` is an error."
    )
    def actual(self) -> list[str]:
        """The live versions that do not match the expectation, within the listing cap."""
        return list(listed(self._owner(), "versions", tuple(self.drift.actual), _ONE_REPORT))

    @strawberry.field(
        description="The drifted resources; more than `LINEAGE_MAX_LISTED_ITEMS` is an error."
    )
    def resources(self) -> list[LiveResource]:
        """The drifted resources, within the listing cap."""
        return _resources(self._owner(), tuple(self.drift.resources))

    @classmethod
    def from_model(cls, drift: model.Drift) -> Drift:
        """The GraphQL view of a drift."""
        return cls(
            deploy_target=drift.deploy_target,
            expected=drift.expected,
            since=drift.since,
            deployment_id=strawberry.ID(drift.deployment_id) if drift.deployment_id else None,
            drift=drift,
        )


@strawberry.type(description="An application: what runs where, how it drifted, how it got there.")
class Application:
    id: strawberry.ID = strawberry.field(description="The application id.")
    name: str = strawberry.field(
        description="The application's name from its reports or PipeCD records, else its id."
    )
    known: strawberry.Private[applications.Application]

    @strawberry.field(
        description="The latest report of each deploy target, by deploy target; more than "
        "`LINEAGE_MAX_LISTED_ITEMS` is an error."
    )
    def live_states(
        self, deploy_target: Annotated[str | None, DEPLOY_TARGET] = None
    ) -> list[LiveState]:
        """The latest report of each deploy target, judged for staleness now, within the cap."""
        reports = [r for r in self.known.latest if deploy_target in (None, r.deploy_target)]
        shown = listed(f"application {self.id!r}", "live states", reports, _NARROW_TARGET)
        return [LiveState.from_model(live_state(report)) for report in shown]

    @strawberry.field(
        description="Deploy targets whose live versions differ from the last deployed artifact; "
        "more than `LINEAGE_MAX_LISTED_ITEMS` is an error."
    )
    async def drift(
        self, info: Info, deploy_target: Annotated[str | None, DEPLOY_TARGET] = None
    ) -> list[Drift]:
        """Drift of every deploy target that has live state and a deployment, within the cap."""
        drifts = await asyncio.to_thread(application_drift, info.context.store, self.id)
        wanted = [d for d in drifts if deploy_target in (None, d.deploy_target)]
        shown = listed(f"application {self.id!r}", "drifted deploy targets", wanted, _NARROW_TARGET)
        return [Drift.from_model(drift) for drift in shown]

    @strawberry.field(
        description=(
            "The application's latest deployments, newest first: PipeCD Deployment records "
            "(EXPLICIT) and service.* deploy CDEvents (DERIVED)."
        )
    )
    async def deployments(
        self,
        info: Info,
        first: Annotated[
            int | None, strawberry.argument(description="How many (default 20, at most 500).")
        ] = applications.DEFAULT_DEPLOYMENTS,
    ) -> list[Deployment]:
        """The application's latest deployments, newest first."""
        views = await asyncio.to_thread(
            applications.application_deployments, info.context.store, self.id, first
        )
        return [Deployment.from_view(view) for view in views]

    @classmethod
    def from_model(cls, known: applications.Application) -> Application:
        """The GraphQL view of an application."""
        return cls(id=strawberry.ID(known.id), name=known.name, known=known)
