"""`SearchHit`: one thing the explorer's search box found by id, and where its view is."""

from __future__ import annotations

import strawberry

from lineage.graphql_api.enums import described_enum
from lineage.services import search

Kind = search.SearchHitKind
described_enum(
    Kind,
    "What a search hit is; the explorer addresses its view by the hit's `id`: /chains/{id}, "
    "/events/{id} (EVENT and SUBJECT), /commits/{id}, /pipelines/{id}, /applications/{id}.",
    {
        Kind.CHAIN: "A chain with this id.",
        Kind.EVENT: "An event (or a placeholder a link references) with this id.",
        Kind.COMMIT: "A commit with this hash, or one this prefix of 7+ hex digits names.",
        Kind.PIPELINE_RUN: "A pipeline execution with this id (CDEvents run or Weave resource).",
        Kind.APPLICATION: "An application with this id (live state, deployments).",
        Kind.SUBJECT: "A subject with this id; the hit's id is its latest event's.",
    },
)


@strawberry.type(description="One thing the searched text names by id, and the id of its view.")
class SearchHit:
    kind: search.SearchHitKind = strawberry.field(description="What was found.")
    id: str = strawberry.field(
        description=(
            "The id the explorer puts in the URL: the chain id, event id, full commit hash, "
            "execution id or application id; for a SUBJECT, the id of its latest event."
        )
    )
    label: str = strawberry.field(description="A one-line human description of the hit.")
    chain_id: str | None = strawberry.field(
        description="The chain the hit belongs to (chains, events, subjects, CDEvents runs)."
    )
    exact: bool = strawberry.field(
        description="True when the hit's id is the searched text (false for a commit prefix)."
    )

    @classmethod
    def from_hit(cls, hit: search.SearchHit) -> SearchHit:
        """The GraphQL view of a search hit."""
        return cls(
            kind=hit.kind, id=hit.id, label=hit.label, chain_id=hit.chain_id, exact=hit.exact
        )
