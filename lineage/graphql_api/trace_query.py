"""The trace part of the `Query` root: `deploymentTrace`, `deploymentTraces`, `deployment`."""
# mypy: disable-error-code="untyped-decorator"
# (strawberry types `@strawberry.field(...)` with arguments as returning Any.)

from __future__ import annotations

import asyncio
from typing import Annotated

import strawberry

from lineage.graphql_api.context import Info
from lineage.graphql_api.types.connection import Connection, connection
from lineage.graphql_api.types.trace import Deployment, DeploymentTrace
from lineage.services.deployments import find_deployment
from lineage.services.limits import DEFAULT_PAGE_SIZE
from lineage.services.traces import deployment_trace, list_traces

PAGE_SIZE_NOTE = "Page size (default 50, at most 500)."


@strawberry.type
class TraceQuery:
    @strawberry.field(
        description=(
            "The trace of a commit: a full hash or a unique prefix of at least 7 hex digits "
            "(an ambiguous prefix is an error); null when no record names the commit."
        )
    )
    async def deployment_trace(self, info: Info, commit_hash: str) -> DeploymentTrace | None:
        """The trace of the commit a full hash or unique prefix names, or null."""
        view = await asyncio.to_thread(deployment_trace, info.context.store, commit_hash)
        return DeploymentTrace.from_view(view) if view is not None else None

    @strawberry.field(
        description=(
            "Traced commits (of one PipeCD project if given), newest-updated first, "
            "keyset-paginated."
        )
    )
    async def deployment_traces(
        self,
        info: Info,
        project_id: str | None = None,
        first: Annotated[int | None, strawberry.argument(description=PAGE_SIZE_NOTE)] = (
            DEFAULT_PAGE_SIZE
        ),
        after: str | None = None,
    ) -> Connection[DeploymentTrace]:
        """Traced commits, newest-updated first."""
        page = await asyncio.to_thread(list_traces, info.context.store, project_id, first, after)
        return connection(page, DeploymentTrace.from_view)

    @strawberry.field(
        description=(
            "A deployment by id: a PipeCD deployment id, or the id of a service.deployed / "
            "upgraded / rolledback CDEvent; null if neither."
        )
    )
    async def deployment(self, info: Info, id: strawberry.ID) -> Deployment | None:
        """The deployment with this id, or null."""
        view = await asyncio.to_thread(find_deployment, info.context.store, id)
        return Deployment.from_view(view) if view is not None else None
