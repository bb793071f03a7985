"""Relay-style connections over keyset cursors: `edges`, `pageInfo`, `totalCount`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import strawberry
from strawberry.relay import PageInfo

from lineage.store.protocol import Page

Item = TypeVar("Item")
NodeT = TypeVar("NodeT")


@strawberry.type(description="An item of a connection and its cursor.")
class Edge(Generic[NodeT]):
    cursor: str
    node: NodeT


@strawberry.type(description="One page of a listing; continue with `after: pageInfo.endCursor`.")
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]]
    page_info: PageInfo
    total_count: int = strawberry.field(description="How many items match, on all pages.")


def connection(page: Page[Item], convert: Callable[[Item], NodeT]) -> Connection[NodeT]:
    """A connection from a store page, converting each item to its GraphQL type."""
    edges = [
        Edge(cursor=cursor, node=convert(item))
        for item, cursor in zip(page.items, page.cursors, strict=True)
    ]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=page.has_next,
            has_previous_page=False,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=page.end_cursor,
        ),
        total_count=page.total_count,
    )
