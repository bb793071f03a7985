"""The executor's short path for plain leaf fields answers exactly what the full path does."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from lineage.graphql_api import make_context
from lineage.graphql_api.execution import LineageExecutor
from lineage.graphql_api.schema import build_schema
from lineage.store import Store
from tests.support.scenarios import DELIVERY, RELEASE, RELEASE_CHAIN, ingest

QUERIES = Path(__file__).resolve().parents[2] / "graphql" / "queries"


def answer(schema: strawberry.Schema, query: str, **variables: Any) -> dict[str, Any]:
    result = asyncio.run(schema.execute(query, variable_values=variables))
    errors = [e.formatted for e in result.errors] if result.errors else None
    return {"data": result.data, "errors": errors}


@pytest.mark.parametrize(
    ("name", "variables"),
    [
        ("chain.graphql", {"id": RELEASE_CHAIN}),
        ("events.graphql", {"filter": {"chainId": RELEASE_CHAIN}, "first": 5}),
        ("traverse.graphql", {"from": "static-analysis", "maxDepth": 3}),
        ("chains.graphql", {}),
    ],
)
def test_product_queries_answer_the_same_as_graphql_cores_full_path(
    store: Store, name: str, variables: dict[str, Any]
) -> None:
    ingest(store, RELEASE + DELIVERY)
    query = (QUERIES / name).read_text()
    answers = []
    for executor in (LineageExecutor, StrawberryGraphQLCoreExecutionContext):
        schema = build_schema()
        schema.execution_context_class = executor
        result = asyncio.run(
            schema.execute(query, variable_values=variables, context_value=make_context(store))
        )
        assert result.errors is None, result.errors
        answers.append(result.data)
    assert answers[0] == answers[1]
    assert answers[0]  # the queries find something on this data


@strawberry.type
class Build:
    id: strawberry.ID
    name: str
    finished: datetime | None
    size: int


def leaf_schema(builds: list[Any], extensions: list[Any] | None = None) -> strawberry.Schema:
    @strawberry.type
    class Query:
        @strawberry.field
        def builds(self) -> list[Build]:
            return builds

    return strawberry.Schema(
        query=Query, execution_context_class=LineageExecutor, extensions=extensions or []
    )


def test_a_null_in_a_non_null_leaf_is_the_usual_located_error() -> None:
    good = Build(id=strawberry.ID("b1"), name="ok", finished=None, size=1)
    bad = Build(id=strawberry.ID("b2"), name=None, finished=None, size=2)  # type: ignore[arg-type]
    result = answer(leaf_schema([good, bad]), "{ builds { id name finished } }")

    assert result["data"] is None  # `builds` is a non-null list of non-null Builds
    (error,) = result["errors"]
    assert error["path"] == ["builds", 1, "name"]
    assert "non-nullable field Build.name" in error["message"]


def test_a_value_its_scalar_cannot_coerce_is_the_usual_located_error() -> None:
    bad = Build(id=strawberry.ID("b1"), name="x", finished=None, size="many")  # type: ignore[arg-type]
    result = answer(leaf_schema([bad]), "{ builds { size } }")

    (error,) = result["errors"]
    assert error["path"] == ["builds", 0, "size"]
    assert "Int cannot represent" in error["message"]


def test_aliases_typename_and_skipped_fields_come_out_as_graphql_says() -> None:
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    build = Build(id=strawberry.ID("b1"), name="n", finished=when, size=3)
    query = """query ($skip: Boolean!) {
        builds { key: id __typename name @skip(if: $skip) finished size }
    }"""
    result = answer(leaf_schema([build]), query, skip=True)

    assert result == {
        "data": {
            "builds": [
                {"key": "b1", "__typename": "Build", "finished": when.isoformat(), "size": 3}
            ]
        },
        "errors": None,
    }


def test_an_extension_with_a_resolve_hook_still_sees_every_field() -> None:
    seen: list[str] = []

    class Watch(SchemaExtension):
        def resolve(
            self, _next: Callable[..., Any], root: Any, info: Any, *args: str, **kwargs: Any
        ) -> Any:
            seen.append(info.field_name)
            return _next(root, info, *args, **kwargs)

    builds = [Build(id=strawberry.ID(f"b{i}"), name="n", finished=None, size=i) for i in range(2)]
    answer(leaf_schema(builds, [Watch]), "{ builds { id size } }")

    assert seen.count("id") == 2 and seen.count("size") == 2
