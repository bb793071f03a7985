"""Protection: depth, alias and token limits; unexpected errors are masked."""

from __future__ import annotations

import pytest

from graphql import get_introspection_query
from lineage.graphql_api import run_operation
from lineage.graphql_api.protection import MAX_ALIASES, MAX_QUERY_DEPTH, MAX_TOKENS
from lineage.store import Store
from tests.support.scenarios import RELEASE, ingest


def test_too_deep_a_query_is_refused(store: Store) -> None:
    too_deep = "{ id }"
    for _ in range(MAX_QUERY_DEPTH):
        too_deep = f"{{ links {{ to {too_deep} }} }}"
    query = f'query Deep {{ event(id: "x") {too_deep} }}'

    result = run_operation(store, query)

    assert result["data"] is None
    assert result["errors"][0]["message"] == (
        f"'Deep' exceeds maximum operation depth of {MAX_QUERY_DEPTH}"
    )


def test_a_query_within_the_depth_limit_runs(store: Store) -> None:
    ingest(store, RELEASE)
    query = '{ event(id: "static-analysis") { links { to { links { to { id } } } } } }'

    result = run_operation(store, query)

    assert result["errors"] is None
    assert result["data"]["event"]["links"]


def test_too_many_aliases_are_refused(store: Store) -> None:
    fields = " ".join(f'e{i}: event(id: "x{i}") {{ id }}' for i in range(MAX_ALIASES + 1))

    result = run_operation(store, f"{{ {fields} }}")

    assert result["data"] is None
    assert "aliases" in result["errors"][0]["message"]


def test_too_many_tokens_are_refused(store: Store) -> None:
    fields = " ".join("id" for _ in range(MAX_TOKENS))

    result = run_operation(store, f'{{ event(id: "x") {{ {fields} }} }}')

    assert result["data"] is None
    assert "token" in result["errors"][0]["message"].lower()


def test_introspection_as_graphiql_sends_it_passes_the_limits(store: Store) -> None:
    result = run_operation(store, get_introspection_query(descriptions=True))

    assert result["errors"] is None
    assert result["data"]["__schema"]["queryType"]["name"] == "Query"


class BrokenStore:
    """A backend failing in an unexpected way (a bug, a dropped connection)."""

    def get_events(self, ids: object) -> dict[str, object]:
        raise RuntimeError("connection to /var/secret/db lost")


def test_unexpected_errors_are_masked_but_client_errors_are_not() -> None:
    broken = BrokenStore()

    masked = run_operation(broken, '{ event(id: "x") { id } }')  # type: ignore[arg-type]
    clear = run_operation(broken, "{ events(first: 1000) { totalCount } }")  # type: ignore[arg-type]

    assert [e["message"] for e in masked["errors"]] == ["Unexpected error."]
    assert [e["message"] for e in clear["errors"]] == ["first 1000 exceeds the server cap of 500"]


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01T00:00:00Z"])
def test_bad_datetime_input_is_a_clear_error(store: Store, value: str) -> None:
    query = "query ($since: DateTime) { events(filter: {since: $since}) { totalCount } }"

    result = run_operation(store, query, {"since": value})

    assert result["data"] is None
    assert value in result["errors"][0]["message"]
