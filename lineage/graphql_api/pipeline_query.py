"""The pipeline part of the `Query` root: pipelineExecutions, pipelineExecution, application."""
# mypy: disable-error-code="untyped-decorator"
# (strawberry types `@strawberry.field(...)` with arguments as returning Any.)

from __future__ import annotations

import asyncio
from typing import Annotated

import strawberry
from strawberry.relay import PageInfo

from lineage.graphql_api.context import Info
from lineage.graphql_api.types.application import Application
from lineage.graphql_api.types.connection import AfterCursor, PageSize, page_info
from lineage.graphql_api.types.pipeline import EXECUTION_STATUSES, PipelineExecution
from lineage.services.applications import find_application
from lineage.services.limits import DEFAULT_PAGE_SIZE
from lineage.services.pipelines import (
    ExecutionPage,
    find_pipeline_execution,
    list_pipeline_executions,
)


@strawberry.type(name="PipelineExecutionEdge", description="An execution and its cursor.")
class ExecutionEdge:
    cursor: str = strawberry.field(
        description="This item's cursor: pass it as `after` to continue after the item."
    )
    node: PipelineExecution = strawberry.field(description="The execution.")


@strawberry.type(
    name="PipelineExecutionConnection",
    description=(
        "One page of executions, newest first; continue with `after: pageInfo.endCursor`. With "
        "a status filter a page may hold fewer than `first` executions while `hasNextPage` is "
        "true (statuses of CDEvents runs are computed, so the scan per request is bounded)."
    ),
)
class ExecutionConnection:
    edges: list[ExecutionEdge] = strawberry.field(
        description="The executions of this page, each with its cursor."
    )
    page_info: PageInfo = strawberry.field(
        description="Whether more pages follow and the cursor to continue from."
    )

    @classmethod
    def from_page(cls, page: ExecutionPage) -> ExecutionConnection:
        """The connection of a service page."""
        edges = [
            ExecutionEdge(cursor=cursor, node=PipelineExecution.from_model(item))
            for item, cursor in zip(page.items, page.cursors, strict=True)
        ]
        return cls(edges=edges, page_info=page_info(page))


@strawberry.type
class PipelineQuery:
    @strawberry.field(
        description=(
            "Pipeline executions (CDEvents pipeline runs and Weave GitOps PipelineExecution "
            "resources), newest first (by start, else last update), keyset-paginated; "
            f"`status` is one of: {EXECUTION_STATUSES}."
        )
    )
    async def pipeline_executions(
        self,
        info: Info,
        pipeline_name: Annotated[
            str | None,
            strawberry.argument(description="Only executions of this pipeline."),
        ] = None,
        namespace: Annotated[
            str | None,
            strawberry.argument(
                description=(
                    "Only executions in this namespace (Weave resources, or a run's `namespace`)."
                )
            ),
        ] = None,
        status: Annotated[
            str | None,
            strawberry.argument(
                description=(
                    "Only executions with this (settled) status; see the field's description for "
                    "the values."
                )
            ),
        ] = None,
        first: PageSize = DEFAULT_PAGE_SIZE,
        after: AfterCursor = None,
    ) -> ExecutionConnection:
        """Pipeline executions, newest first, keyset-paginated."""
        page = await asyncio.to_thread(
            list_pipeline_executions,
            info.context.store,
            pipeline_name,
            namespace,
            status,
            first,
            after,
        )
        return ExecutionConnection.from_page(page)

    @strawberry.field(
        description=(
            "The execution with this id: `namespace/name` of a Weave resource, or a CDEvents "
            "pipeline run's subject id; null if neither."
        )
    )
    async def pipeline_execution(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description=(
                    "A CDEvents pipeline run's subject id, or `namespace/name` of a Weave "
                    "resource."
                )
            ),
        ],
    ) -> PipelineExecution | None:
        """The execution with this id, or null."""
        found = await asyncio.to_thread(find_pipeline_execution, info.context.store, id)
        return PipelineExecution.from_model(found) if found is not None else None

    @strawberry.field(
        description=(
            "The application with this id (live-state or PipeCD Deployment `applicationId`, "
            "CDEvents service subject id), or null when nothing reported or deployed it."
        )
    )
    async def application(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description=(
                    "The application id (live-state / PipeCD `applicationId`, or a service subject"
                    " id)."
                )
            ),
        ],
    ) -> Application | None:
        """The application with this id, or null."""
        found = await asyncio.to_thread(find_application, info.context.store, id)
        return Application.from_model(found) if found is not None else None
