"""`graphql/schema.graphql` is the SDL of the schema the server runs."""

from __future__ import annotations

from strawberry.printer import print_schema

from lineage.graphql_api import build_schema, schema_sdl
from lineage.graphql_api.export_schema import SCHEMA_PATH


def test_checked_in_sdl_matches_the_schema() -> None:
    expected = schema_sdl()

    assert SCHEMA_PATH.read_text(encoding="utf-8") == expected, (
        "graphql/schema.graphql drifted; run `python -m lineage.graphql_api.export_schema`"
    )
    assert expected == print_schema(build_schema()) + "\n"


def test_sdl_has_the_contracted_query_fields() -> None:
    sdl = schema_sdl()

    for signature in (
        "event(id: ID!): Event",
        "chain(id: ID!): Chain",
        "traverse(from: ID!, direction: Direction = DOWNSTREAM, maxDepth: Int = 1, "
        "linkTypes: [LinkType!] = null, limit: Int = null, "
        "includeInferred: Boolean! = true): Subgraph!",
        "ingest(events: [JSON!] = null, links: [JSON!] = null, records: [JSON!] = null): "
        "IngestResult!",
        "chainUpdated(id: ID!): Chain!",
        "eventsIngested(filter: EventFilter = null): Event!",
    ):
        assert signature in sdl
