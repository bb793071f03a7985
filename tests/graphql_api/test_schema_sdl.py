"""`graphql/schema.graphql` is the SDL of the schema the server runs."""

from __future__ import annotations

from strawberry.printer import print_schema

from graphql import GraphQLArgument, print_ast
from graphql import build_schema as build_graphql_schema
from lineage.graphql_api import build_schema, schema_sdl
from lineage.graphql_api.export_schema import SCHEMA_PATH


def test_checked_in_sdl_matches_the_schema() -> None:
    expected = schema_sdl()

    assert SCHEMA_PATH.read_text(encoding="utf-8") == expected, (
        "graphql/schema.graphql drifted; run `python -m lineage.graphql_api.export_schema`"
    )
    assert expected == print_schema(build_schema()) + "\n"


def root_signatures(sdl: str) -> set[str]:
    """`name(arg: Type = default, ...): Type` of every root field the SDL declares, as one line
    each (descriptions left out, so documenting an argument does not change its signature)."""
    schema = build_graphql_schema(sdl)
    roots = (schema.query_type, schema.mutation_type, schema.subscription_type)
    found = set()
    for root in roots:
        assert root is not None
        for name, field in root.fields.items():
            args = [
                f"{arg_name}: {arg.type}"
                + (f" = {print_ast(arg.ast_node.default_value)}" if _has_default(arg) else "")
                for arg_name, arg in field.args.items()
            ]
            shape = f"({', '.join(args)})" if args else ""
            found.add(f"{name}{shape}: {field.type}")
    return found


def _has_default(arg: GraphQLArgument) -> bool:
    return arg.ast_node is not None and arg.ast_node.default_value is not None


def test_sdl_has_the_contracted_query_fields() -> None:
    signatures = root_signatures(schema_sdl())

    for signature in (
        "event(id: ID!): Event",
        "chain(id: ID!): Chain",
        "traverse(from: ID!, direction: Direction = DOWNSTREAM, maxDepth: Int = 1, "
        "linkTypes: [LinkType!] = null, limit: Int = null, "
        "includeInferred: Boolean! = true, perLevel: Int = null): Subgraph!",
        "search(text: String!, first: Int = 10): [SearchHit!]!",
        "ingest(events: [JSON!] = null, links: [JSON!] = null, records: [JSON!] = null): "
        "IngestResult!",
        "chainUpdated(id: ID!): Chain!",
        "eventsIngested(filter: EventFilter = null): Event!",
    ):
        assert signature in signatures
