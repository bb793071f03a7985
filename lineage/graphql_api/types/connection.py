"""Relay-style connections over keyset cursors: `edges`, `pageInfo`, `totalCount`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Generic, Protocol, TypeVar

import strawberry
from strawberry.relay import PageInfo

from lineage.store.protocol import Page

Item = TypeVar("Item")
NodeT = TypeVar("NodeT")

#: The `first` argument of every paginated field.
PageSize = Annotated[
    int | None, strawberry.argument(description="Page size (default 50, at most 500).")
]
#: The `after` argument of every paginated field.
AfterCursor = Annotated[
    str | None,
    strawberry.argument(
        description=(
            "Continue after this cursor: a previous page's `pageInfo.endCursor` (first page if "
            "omitted)."
        )
    ),
]


@strawberry.type(description="An item of a connection and its cursor.")
class Edge(Generic[NodeT]):
    cursor: str = strawberry.field(
        description="This item's cursor: pass it as `after` to continue after the item."
    )
    node: NodeT = strawberry.field(description="The item.")


@strawberry.type(description="One page of a listing; continue with `after: pageInfo.endCursor`.")
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]] = strawberry.field(
        description="The items of this page, each with its cursor."
    )
    page_info: PageInfo = strawberry.field(
        description="Whether more pages follow and the cursor to continue from."
    )
    total_count: int = strawberry.field(description="How many items match, on all pages.")


def connection(page: Page[Item], convert: Callable[[Item], NodeT]) -> Connection[NodeT]:
    """A connection from a store page, converting each item to its GraphQL type."""
    edges = [
        Edge(cursor=cursor, node=convert(item))
        for item, cursor in zip(page.items, page.cursors, strict=True)
    ]
    return Connection(edges=edges, page_info=page_info(page), total_count=page.total_count)


class PagePosition(Protocol):
    """What page info is made of: whether more follow, each item's cursor, the last cursor."""

    @property
    def has_next(self) -> bool:
        """Whether another page follows."""
        ...

    @property
    def cursors(self) -> list[str]:
        """The cursor of each item on the page."""
        ...

    @property
    def end_cursor(self) -> str | None:
        """The cursor to continue after this page."""
        ...


def page_info(page: PagePosition) -> PageInfo:
    """Relay page info of a forward-only keyset page."""
    return PageInfo(
        has_next_page=page.has_next,
        has_previous_page=False,
        start_cursor=page.cursors[0] if page.cursors else None,
        end_cursor=page.end_cursor,
    )
