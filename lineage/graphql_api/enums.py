"""GraphQL enums: the model's own enums, registered with strawberry under their model names.

Import the enums from here (not from the model) in GraphQL code, so registration has happened.
Every enum value carries a description (`described_enum`): GraphiQL's docs and the explorer's
details panel show them.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import TypeVar

import strawberry

from lineage.ingest import Status
from lineage.model import Direction, LinkType

E = TypeVar("E", bound=Enum)


def described_enum(
    cls: type[E], description: str, values: Mapping[E, str], name: str | None = None
) -> type[E]:
    """Register `cls` as a GraphQL enum with a description for the type and for each value."""
    missing = [member.name for member in cls if member not in values]
    if missing:
        raise ValueError(f"enum {cls.__name__} lacks descriptions of {', '.join(missing)}")
    registered = strawberry.enum(cls, name=name, description=description)
    by_name = {member.name: text for member, text in values.items()}
    for value in registered.__strawberry_definition__.values:  # type: ignore[attr-defined]
        value.description = by_name[value.name]
    return registered


described_enum(
    LinkType,
    "The four CDEvents link types.",
    {
        LinkType.START: "Marks the first event of a chain (only `to` is set).",
        LinkType.END: "Marks the last event of a chain: `from` the event before it, `to` it.",
        LinkType.PATH: "One event led to the next within a chain (`from` cause, `to` effect).",
        LinkType.RELATION: "A typed reference between events (`kind` says which, e.g. TRIGGER).",
    },
)
described_enum(
    Direction,
    "Which way to follow links: towards causes, effects, both.",
    {
        Direction.UPSTREAM: "Towards causes: links entering the event (followed backwards).",
        Direction.DOWNSTREAM: "Towards effects: links leaving the event.",
        Direction.BOTH: "Links either way.",
    },
)
described_enum(
    Status,
    "What happened to one ingested record.",
    {
        Status.STORED: "New, and now stored.",
        Status.DUPLICATE: "Already stored with the same content; nothing changed.",
        Status.CONFLICT: "Its id is stored with other content; the stored record was kept.",
        Status.REJECTED: "Invalid; not stored (the error says why).",
    },
    name="IngestStatus",
)

__all__ = ["Direction", "LinkType", "Status", "described_enum"]
