"""`DeploymentTrace` (a commit and where it was deployed) and `Deployment` (explicit or derived)."""
# mypy: disable-error-code="untyped-decorator"
# (strawberry types `@strawberry.field(...)` with arguments as returning Any.)

from __future__ import annotations

import asyncio
from datetime import datetime

import strawberry

from lineage.graphql_api.context import Info
from lineage.graphql_api.enums import DeploymentOrigin, described_enum
from lineage.graphql_api.types.changelog import Changelog
from lineage.graphql_api.types.event import Event
from lineage.model.deployment_status import DeploymentStatus
from lineage.services.changelog import changelog
from lineage.services.commits import CommitView
from lineage.services.deployments import DeploymentView, deployment_commits
from lineage.services.limits import listed
from lineage.services.traces import promotion_order, trace_deployments

described_enum(
    DeploymentStatus,
    "Where a deployment stands, whatever tool reported it.",
    {
        DeploymentStatus.PENDING: "Reported, not planned or started yet.",
        DeploymentStatus.PLANNED: "Planned (PipeCD), not started.",
        DeploymentStatus.RUNNING: "Being rolled out.",
        DeploymentStatus.ROLLING_BACK: "Being rolled back.",
        DeploymentStatus.SUCCESS: "Rolled out (a deployed/upgraded CDEvent, or PipeCD success).",
        DeploymentStatus.FAILURE: "Failed.",
        DeploymentStatus.CANCELLED: "Cancelled before it completed.",
        DeploymentStatus.ROLLED_BACK: "Rolled back (a rolledback CDEvent, or PipeCD's status).",
    },
)


@strawberry.type(
    description=(
        "A commit and every deployment it reached: PipeCD's deployment trace, or one derived "
        "from the CDEvents naming the commit."
    )
)
class DeploymentTrace:
    commit_hash: str = strawberry.field(description="The full (longest known) commit hash.")
    commit_url: str | None = strawberry.field(
        description="A link to the commit, if a producer gave one."
    )
    title: str | None = strawberry.field(description="The title, else the message's first line.")
    commit_message: str | None = strawberry.field(
        description="The full commit message, if a producer gave one."
    )
    author: str | None = strawberry.field(
        description="The commit's author, if a producer gave one."
    )
    commit_timestamp: datetime | None = strawberry.field(
        description="When the commit was made, if a producer said."
    )
    project_id: str | None = strawberry.field(description="The PipeCD project, if any.")
    created_at: datetime | None = strawberry.field(
        description="When the commit was first reported (trace created or first event)."
    )
    updated_at: datetime | None = strawberry.field(
        description="When the commit was last reported (trace updated or latest event)."
    )
    aliases: list[str] = strawberry.field(
        description="Every stored hash of this commit (the full one and abbreviations)."
    )
    view: strawberry.Private[CommitView]
    #: The deployments, when the query fetched them with the commit (else fetched on demand).
    fetched: strawberry.Private[list[DeploymentView] | None] = None

    @strawberry.field(
        description=(
            "Every deployment of the commit (also through manifest commits naming it in a "
            "trailer), explicit and derived, by start time. More than "
            "`LINEAGE_MAX_LISTED_ITEMS` is an error."
        )
    )
    async def deployments(self, info: Info) -> list[Deployment]:
        """Every deployment the commit reached, by start time, within the listing cap."""
        shown = listed(
            f"commit {self.commit_hash!r}",
            "deployments",
            await self._deployments(info),
            "see where it went with environments, or one application's latest deployments "
            "with application(id: …) { deployments(first: …) }",
        )
        return [Deployment.from_view(view) for view in shown]

    @strawberry.field(
        description=(
            "The environments the commit's deployments went to, in promotion order (each by "
            "its first deployment's start, then by name): the swimlanes of the commit view. "
            "More than `LINEAGE_MAX_LISTED_ITEMS` is an error."
        )
    )
    async def environments(self, info: Info) -> list[str]:
        """The environments of the commit's deployments, in promotion order, within the cap."""
        return list(
            listed(
                f"commit {self.commit_hash!r}",
                "environments",
                promotion_order(await self._deployments(info)),
                "see one application's latest deployments with application(id: …) "
                "{ deployments(first: …) }",
            )
        )

    async def _deployments(self, info: Info) -> list[DeploymentView]:
        """The deployments fetched with the commit, else fetched now (once per object)."""
        if self.fetched is None:
            self.fetched = await asyncio.to_thread(trace_deployments, info.context.store, self.view)
        return self.fetched

    @classmethod
    def from_view(
        cls, view: CommitView, deployments: list[DeploymentView] | None = None
    ) -> DeploymentTrace:
        """The GraphQL view of a traced commit (with its deployments, if already fetched)."""
        commit = view.commit
        return cls(
            commit_hash=commit.hash,
            commit_url=commit.url,
            title=commit.headline,
            commit_message=commit.message,
            author=commit.author,
            commit_timestamp=commit.timestamp,
            project_id=view.project_id,
            created_at=view.created_at,
            updated_at=view.updated_at,
            aliases=list(view.aliases),
            view=view,
            fetched=deployments,
        )


@strawberry.type(
    description=(
        "A deployment of an application to an environment: a PipeCD deployment (EXPLICIT) or a "
        "service.deployed / upgraded / rolledback CDEvent (DERIVED; its id is the event id)."
    )
)
class Deployment:
    id: strawberry.ID = strawberry.field(
        description="The PipeCD deployment id (EXPLICIT) or the deploy event's id (DERIVED)."
    )
    application: str = strawberry.field(
        description="PipeCD application name (else id); for CDEvents the service subject id."
    )
    environment: str | None = strawberry.field(
        description="The environment deployed to (PipeCD envId, or `content.environment.id`)."
    )
    status: DeploymentStatus = strawberry.field(description="Where the deployment stands.")
    artifact_id: str | None = strawberry.field(
        description="The artifact deployed (a package URL, image or version), if known."
    )
    started_at: datetime | None = strawberry.field(
        description="When the deployment started (for a CDEvent: its time)."
    )
    completed_at: datetime | None = strawberry.field(description="When it completed, if it has.")
    trace_commit_hash: str | None = strawberry.field(
        description="The source commit this deployment is traced to."
    )
    manifest_commit_hash: str | None = strawberry.field(
        description="The manifest-repo commit between the source commit and this deployment."
    )
    origin: DeploymentOrigin = strawberry.field(
        description="EXPLICIT (a PipeCD record) or DERIVED (a deploy CDEvent)."
    )
    view: strawberry.Private[DeploymentView]

    @strawberry.field(
        description=(
            "The events from the commit's event to this deployment (empty for EXPLICIT ones). "
            "More than `LINEAGE_MAX_LISTED_ITEMS` is an error."
        )
    )
    def path(self) -> list[Event]:
        """The events from the commit's event to the deployment, within the listing cap."""
        shown = listed(
            f"the path to deployment {self.id!r}",
            "events",
            self.view.path,
            "walk it with traverse(from: …, direction: UPSTREAM, limit: …)",
        )
        return [Event.from_node(event) for event in shown]

    @strawberry.field(description="The deployment CDEvent itself (DERIVED only).")
    def event(self) -> Event | None:
        """The deployment CDEvent of a derived deployment."""
        return Event.from_node(self.view.event) if self.view.event is not None else None

    @strawberry.field(
        description=(
            "The commits this deployment shipped: those it traces to (for CDEvents, every commit "
            "named upstream of it) that the previous deployment of the same application to the "
            "same environment had not shipped; newest first. More than "
            "`LINEAGE_MAX_LISTED_ITEMS` is an error."
        )
    )
    async def commits(self, info: Info) -> list[DeploymentTrace]:
        """The commits this deployment shipped that the previous one had not."""
        views = await asyncio.to_thread(deployment_commits, info.context.store, self.view)
        shown = listed(
            f"deployment {self.id!r}",
            "shipped commits",
            views,
            "see them grouped and counted with changelog { commitCount groups { type } }, or "
            "trace one commit with deploymentTrace(commitHash: …)",
        )
        return [DeploymentTrace.from_view(view) for view in shown]

    @strawberry.field(
        description=(
            "The changelog of this deployment: the commits it shipped grouped by "
            "conventional-commit type, with authors and links."
        )
    )
    async def changelog(self, info: Info) -> Changelog:
        """The commits this deployment shipped, grouped by conventional-commit type."""
        log = await asyncio.to_thread(changelog, info.context.store, self.view)
        return Changelog.from_changelog(log)

    @classmethod
    def from_view(cls, view: DeploymentView) -> Deployment:
        """The GraphQL view of a deployment."""
        return cls(
            id=strawberry.ID(view.id),
            application=view.application,
            environment=view.environment,
            status=view.status,
            artifact_id=view.artifact_id,
            started_at=view.started_at,
            completed_at=view.completed_at,
            trace_commit_hash=view.trace_commit_hash,
            manifest_commit_hash=view.manifest_commit_hash,
            origin=view.origin,
            view=view,
        )
