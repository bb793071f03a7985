"""Every type, field, argument, input field and enum value of the schema has a description.

GraphiQL's docs and the explorer's details panel show them; an undocumented addition fails here
with its name, so the schema stays documented as it grows.
"""

from __future__ import annotations

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
)
from lineage.graphql_api import build_schema


def undocumented(named: GraphQLNamedType) -> list[str]:
    """What of one named type lacks a description: the type, its fields, arguments, values."""
    missing = [] if named.description else [f"type {named.name}"]
    if isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
        for name, field in named.fields.items():
            if not field.description:
                missing.append(f"{named.name}.{name}")
            missing += [
                f"{named.name}.{name}({arg})"
                for arg, argument in field.args.items()
                if not argument.description
            ]
    elif isinstance(named, GraphQLInputObjectType):
        missing += [
            f"{named.name}.{name}" for name, field in named.fields.items() if not field.description
        ]
    elif isinstance(named, GraphQLEnumType):
        missing += [
            f"{named.name}.{name}" for name, value in named.values.items() if not value.description
        ]
    return missing


def test_everything_in_the_schema_is_described() -> None:
    schema = build_schema()._schema
    named = [t for name, t in schema.type_map.items() if not name.startswith("__")]

    missing = [entry for t in named for entry in undocumented(t)]

    assert missing == [], "undocumented in the GraphQL schema: " + ", ".join(missing)


def test_the_check_finds_what_is_missing() -> None:
    bare = GraphQLEnumType("Bare", {"A": 1})

    assert undocumented(bare) == ["type Bare", "Bare.A"]
