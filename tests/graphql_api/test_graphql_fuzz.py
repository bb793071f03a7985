"""Fuzz the GraphQL schema: generated operations never end in an internal error.

hypothesis-graphql writes valid queries and mutations from the schema itself (every root field,
every argument, nested selections, custom scalars with odd values) and runs them in-process,
as the server does, against a small scenario store of each backend. Every error must be the
client's own: a validation error, a document limit, or a service's user error (a bad argument,
a cap, an ambiguous prefix, an unknown id). Anything unexpected (a crash the server would mask
as "Unexpected error.") fails the test with the operation that caused it.

Bounded in time: a fixed number of operations per root type and backend (hypothesis settings,
no deadline, derandomized so every run tries the same operations); `LINEAGE_FUZZ_EXAMPLES`
sets another count for a longer run.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

import hypothesis_graphql
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphql import (
    BooleanValueNode,
    FloatValueNode,
    GraphQLError,
    GraphQLObjectType,
    IntValueNode,
    ListValueNode,
    NameNode,
    NullValueNode,
    ObjectFieldNode,
    ObjectValueNode,
    StringValueNode,
    ValueNode,
)
from lineage.graphql_api import build_schema, make_context
from lineage.graphql_api.protection import is_unexpected
from lineage.ingest import read_records
from lineage.services.errors import ServiceError
from lineage.store import Store
from lineage.store.cursor import CursorError
from tests.support.pipelines import RELEASE_7, WEAVE_YAML, live_report
from tests.support.scenarios import DELIVERY, RELEASE, ingest
from tests.support.trace_scenarios import promotion

#: Operations per backend for each root type, unless `LINEAGE_FUZZ_EXAMPLES` says otherwise.
#: The Bolt stand-in answers each store call far slower than SQLite, hence fewer there.
QUERY_EXAMPLES = {"embedded": 1000, "neo4j": 100}
MUTATION_EXAMPLES = {"embedded": 200, "neo4j": 25}
#: What services and stores raise for a client's mistake (a bad argument, cap, cursor, id).
USER_ERRORS = (ServiceError, CursorError, GraphQLError)
#: The message the server puts in place of an unexpected error's own.
MASKED = "Unexpected error."

SCHEMA = build_schema()


def _text() -> st.SearchStrategy[str]:
    return st.text(max_size=30)


def _json_nodes() -> st.SearchStrategy[ValueNode]:
    """GraphQL value nodes of any JSON value (what a `JSON` argument may be given)."""
    leaves: st.SearchStrategy[ValueNode] = st.one_of(
        st.builds(NullValueNode),
        st.booleans().map(lambda b: BooleanValueNode(value=b)),
        st.integers(-(2**31), 2**31 - 1).map(lambda i: IntValueNode(value=str(i))),
        st.floats(allow_nan=False, allow_infinity=False).map(
            lambda f: FloatValueNode(value=repr(f))
        ),
        _text().map(lambda s: StringValueNode(value=s)),
    )

    def nest(children: st.SearchStrategy[ValueNode]) -> st.SearchStrategy[ValueNode]:
        lists = st.lists(children, max_size=4).map(lambda v: ListValueNode(values=tuple(v)))
        keys = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True)
        objects = st.dictionaries(keys, children, max_size=4).map(
            lambda d: ObjectValueNode(
                fields=tuple(ObjectFieldNode(name=NameNode(value=k), value=v) for k, v in d.items())
            )
        )
        return st.one_of(lists, objects)

    return st.recursive(leaves, nest, max_leaves=12)


def _instants() -> st.SearchStrategy[ValueNode]:
    """`DateTime` argument values: RFC 3339 instants in several forms, and text that is not."""
    stamps = st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat())
    return st.one_of(stamps, _text()).map(lambda s: StringValueNode(value=s))


CUSTOM_SCALARS = {"JSON": _json_nodes(), "DateTime": _instants()}


@pytest.fixture
def scenario(store: Store) -> Store:
    """A small store with every kind of record: chains with fan groups, a commit trace,
    pipeline runs, Weave executions, live state."""
    weave = [record.raw for record in read_records(WEAVE_YAML)]
    report = live_report("prod", "2026-02-03T11:00:00Z", "registry.example.com/myorg/payments:7")
    ingest(store, [*RELEASE, *DELIVERY, *RELEASE_7, *promotion(), *weave, report])
    return store


def users_own(error: GraphQLError) -> bool:
    """Whether an error is the client's own: one found before execution (parse, validation,
    a literal a scalar refuses: no `path`), or one a service or the store raised for a bad
    request. Stricter than the server's masking rule (`is_unexpected`), which lets any
    ValueError / LookupError through: here a KeyError or a bare ValueError raised while
    resolving a field counts as internal."""
    original = error.original_error
    return error.path is None or original is None or isinstance(original, USER_ERRORS)


def unexpected_errors(store: Store, operation: str) -> list[str]:
    """The errors of one operation that are not the client's own (before and after masking)."""
    seen: list[GraphQLError] = []

    def record(errors: list[GraphQLError], execution_context: Any = None) -> None:
        seen.extend(errors)

    SCHEMA.process_errors = record  # type: ignore[method-assign]
    result = asyncio.run(SCHEMA.execute(operation, context_value=make_context(store)))
    return [
        f"{error.message} ({type(error.original_error).__name__}: {error.original_error!r})"
        for error in [*seen, *(result.errors or ())]
        if error.message == MASKED or not users_own(error)
    ]


def fuzz(store: Store, backend: str, root: str, examples: dict[str, int]) -> None:
    """Run generated operations on the fields of one root type; fail on an unexpected error."""
    root_type = SCHEMA._schema.get_type(root)
    assert isinstance(root_type, GraphQLObjectType)
    strategy = hypothesis_graphql.from_schema(
        SCHEMA._schema, fields=list(root_type.fields), custom_scalars=CUSTOM_SCALARS
    )
    count = int(os.environ.get("LINEAGE_FUZZ_EXAMPLES", "0")) or examples[backend]

    @settings(
        max_examples=count,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(operation=strategy)
    def run(operation: str) -> None:
        assert unexpected_errors(store, operation) == [], operation

    run()


def backend_of(request: pytest.FixtureRequest) -> str:
    """The backend the `store` fixture of this test runs on."""
    backend: str = request.node.callspec.params["store_factory"]
    return backend


#: Far more than a run takes on a quiet machine (about 45 s); a machine shared by many builds
#: may be several times slower, and the suite's default timeout would then cut the run short.
fuzz_timeout = pytest.mark.timeout(900)


@fuzz_timeout
def test_queries_never_end_in_an_internal_error(
    scenario: Store, request: pytest.FixtureRequest
) -> None:
    fuzz(scenario, backend_of(request), "Query", QUERY_EXAMPLES)


@fuzz_timeout
def test_mutations_never_end_in_an_internal_error(
    scenario: Store, request: pytest.FixtureRequest
) -> None:
    fuzz(scenario, backend_of(request), "Mutation", MUTATION_EXAMPLES)


def test_the_check_tells_an_internal_error_from_a_users() -> None:
    user = GraphQLError("bad", original_error=ServiceError("first must be at least 0"))
    invalid = GraphQLError("Cannot query field 'x' on type 'Query'.")
    refused = GraphQLError("Expected value of type 'DateTime'", original_error=ValueError("x"))
    bug = GraphQLError("boom", original_error=KeyError("x"))
    crash = GraphQLError("boom", original_error=TypeError("x"))
    bug.path, crash.path, user.path = ["chain", "events"], ["chain"], ["chain"]

    assert users_own(user) and users_own(invalid) and users_own(refused)
    assert not users_own(bug) and not users_own(crash)
    assert is_unexpected(crash) and not is_unexpected(bug)  # the server would show the bug's
