"""The GraphQL API: strawberry types and resolvers over the services (no storage logic here)."""

from lineage.graphql_api.context import GraphQLContext, make_context
from lineage.graphql_api.operations import run_operation, run_operation_async
from lineage.graphql_api.schema import build_schema, schema_sdl

__all__ = [
    "GraphQLContext",
    "build_schema",
    "make_context",
    "run_operation",
    "run_operation_async",
    "schema_sdl",
]
