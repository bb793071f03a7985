"""The search part of the `Query` root: `search(text, first)`, the explorer's jump-to box."""
# mypy: disable-error-code="untyped-decorator"
# (strawberry types `@strawberry.field(...)` with arguments as returning Any.)

from __future__ import annotations

import asyncio
from typing import Annotated

import strawberry

from lineage.graphql_api.context import Info
from lineage.graphql_api.types.search import SearchHit
from lineage.services.search import DEFAULT_SEARCH_HITS, MAX_SEARCH_HITS, search


@strawberry.type
class SearchQuery:
    @strawberry.field(
        description=(
            "Find what an id names: a chain id, event id, commit (full hash or a prefix of at "
            "least 7 hex digits), subject id (the hit points at its latest event), pipeline "
            "run (execution id) or application id. UUIDs match in any case. Hits naming the "
            "text exactly come first; an empty list when nothing matches."
        )
    )
    async def search(
        self,
        info: Info,
        text: Annotated[
            str, strawberry.argument(description="The id, hash or prefix to look for.")
        ],
        first: Annotated[
            int | None,
            strawberry.argument(
                description=(
                    f"How many hits at most (default {DEFAULT_SEARCH_HITS}, "
                    f"at most {MAX_SEARCH_HITS})."
                )
            ),
        ] = DEFAULT_SEARCH_HITS,
    ) -> list[SearchHit]:
        """Up to `first` things the text names by id, exact hits first."""
        hits = await asyncio.to_thread(search, info.context.store, text, first)
        return [SearchHit.from_hit(hit) for hit in hits]
