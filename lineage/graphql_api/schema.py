"""The schema: query, mutation and subscription roots, custom scalars, protection extensions."""

from __future__ import annotations

import strawberry
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from graphql import GraphQLError
from lineage.graphql_api.bottleneck_query import BottleneckQuery
from lineage.graphql_api.dora_query import DoraQuery
from lineage.graphql_api.execution import LineageExecutor
from lineage.graphql_api.mutation import Mutation
from lineage.graphql_api.pipeline_query import PipelineQuery
from lineage.graphql_api.protection import is_unexpected, protection_extensions
from lineage.graphql_api.query import Query
from lineage.graphql_api.scalars import SCALAR_MAP
from lineage.graphql_api.search_query import SearchQuery
from lineage.graphql_api.subscription import Subscription
from lineage.graphql_api.trace_query import TraceQuery

#: The query root: the core fields, then each feature's own query type (one entry each).
ROOT_QUERY = merge_types(
    "Query", (Query, TraceQuery, PipelineQuery, SearchQuery, DoraQuery, BottleneckQuery)
)
ROOT_QUERY.__strawberry_definition__.description = (  # type: ignore[attr-defined]
    "Reads: events, chains, traversals, commit traces, deployments, pipeline executions, "
    "applications, DORA metrics and bottlenecks, and search by id."
)


class LineageSchema(strawberry.Schema):
    """The strawberry schema; only unexpected errors are logged (client mistakes are answered)."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Log the errors that are not the client's own (bad arguments, caps, unknown ids)."""
        super().process_errors([e for e in errors if is_unexpected(e)], execution_context)


def build_schema() -> strawberry.Schema:
    """The lineage GraphQL schema."""
    return LineageSchema(
        query=ROOT_QUERY,
        mutation=Mutation,
        subscription=Subscription,
        extensions=protection_extensions(),
        config=StrawberryConfig(scalar_map=SCALAR_MAP),
        execution_context_class=LineageExecutor,
    )


def schema_sdl() -> str:
    """The schema as SDL text, as written to `graphql/schema.graphql`."""
    return f"{build_schema().as_str()}\n"
