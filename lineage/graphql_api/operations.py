"""Run one GraphQL operation in-process (the scripting interface behind `lineage query`)."""

from __future__ import annotations

import asyncio
from typing import Any

from graphql import GraphQLError
from lineage.graphql_api.context import make_context
from lineage.graphql_api.schema import build_schema
from lineage.store.protocol import Store


def run_operation(
    store: Store,
    query: str,
    variables: dict[str, Any] | None = None,
    operation_name: str | None = None,
) -> dict[str, Any]:
    """Execute a query or mutation against `store`; returns `{"data": ..., "errors": ...}`."""
    return asyncio.run(
        run_operation_async(store, query, variables=variables, operation_name=operation_name)
    )


async def run_operation_async(
    store: Store,
    query: str,
    variables: dict[str, Any] | None = None,
    operation_name: str | None = None,
) -> dict[str, Any]:
    """`run_operation` for callers already inside an event loop."""
    result = await build_schema().execute(
        query,
        variable_values=variables,
        context_value=make_context(store),
        operation_name=operation_name,
    )
    errors = [_formatted(error) for error in result.errors] if result.errors else None
    return {"data": result.data, "errors": errors}


def _formatted(error: GraphQLError) -> dict[str, Any]:
    return dict(error.formatted)
