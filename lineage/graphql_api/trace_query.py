"""The trace part of the `Query` root: `deploymentTrace`, `deploymentTraces`, `deployment`."""
# mypy: disable-error-code="untyped-decorator"
# (strawberry types `@strawberry.field(...)` with arguments as returning Any.)

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Iterator
from typing import Annotated

import strawberry
from strawberry.types.nodes import SelectedField, Selection

from lineage.graphql_api.context import Info
from lineage.graphql_api.types.connection import AfterCursor, Connection, PageSize, connection
from lineage.graphql_api.types.trace import Deployment, DeploymentTrace
from lineage.services.deployments import find_deployment
from lineage.services.limits import DEFAULT_PAGE_SIZE
from lineage.services.traces import commit_trace, list_traces


def selects(info: Info, name: str) -> bool:
    """Whether the field resolved asks for its subfield `name` (through fragments too;
    `@skip` / `@include` aside, which can only make this over-fetch)."""
    return any(
        child.name == name for field in info.selected_fields for child in _fields(field.selections)
    )


def _fields(selections: Iterable[Selection]) -> Iterator[SelectedField]:
    """The fields among `selections`, those inside fragments included."""
    for item in selections:
        if isinstance(item, SelectedField):
            yield item
        else:
            yield from _fields(item.selections)


@strawberry.type
class TraceQuery:
    @strawberry.field(
        description=(
            "The trace of a commit: a full hash or a unique prefix of at least 7 hex digits "
            "(an ambiguous prefix is an error); null when no record names the commit."
        )
    )
    async def deployment_trace(
        self,
        info: Info,
        commit_hash: Annotated[
            str,
            strawberry.argument(
                description=(
                    "A full commit hash, or a unique prefix of at least 7 hex digits (any case)."
                )
            ),
        ],
    ) -> DeploymentTrace | None:
        """The trace of the commit a full hash or unique prefix names, or null."""
        wanted = selects(info, "deployments") or selects(info, "environments")
        trace = await asyncio.to_thread(commit_trace, info.context.store, commit_hash, wanted)
        return DeploymentTrace.from_view(trace.view, trace.deployments) if trace else None

    @strawberry.field(
        description=(
            "Traced commits (of one PipeCD project if given), newest-updated first, "
            "keyset-paginated."
        )
    )
    async def deployment_traces(
        self,
        info: Info,
        project_id: Annotated[
            str | None,
            strawberry.argument(description="Only commits of this PipeCD project."),
        ] = None,
        first: PageSize = DEFAULT_PAGE_SIZE,
        after: AfterCursor = None,
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
    async def deployment(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description=(
                    "A PipeCD deployment id, or the id of a deploy CDEvent."
                )
            ),
        ],
    ) -> Deployment | None:
        """The deployment with this id, or null."""
        view = await asyncio.to_thread(find_deployment, info.context.store, id)
        return Deployment.from_view(view) if view is not None else None
