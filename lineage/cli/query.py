"""`lineage query`: one GraphQL operation, in-process, answered as `{"data":…,"errors":…}`."""

from __future__ import annotations

from typing import Any

from lineage.graphql_api.operations import run_operation
from lineage.store import Store


def run_query(store: Store, operation: str, variables: dict[str, Any] | None) -> dict[str, Any]:
    """Execute `operation` against `store` and return the GraphQL response as a dict."""
    return run_operation(store, operation, variables)
