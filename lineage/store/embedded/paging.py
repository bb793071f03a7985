"""Keyset pagination for the embedded store: one routine behind every listing."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from lineage.store.cursor import decode_cursor, encode_cursor
from lineage.store.protocol import Page

T = TypeVar("T")
Row = tuple[Any, ...]


def keyset_page(
    reader: sqlite3.Connection,
    *,
    table: str,
    select: str,
    where: Sequence[str],
    params: Sequence[Any],
    order: Sequence[str],
    descending: bool,
    first: int,
    after: str | None,
    item: Callable[[Row], T],
    key: Callable[[Row], tuple[str, ...]],
) -> Page[T]:
    """One page of `select` rows matching `where`, ordered by the `order` columns.

    `total_count` counts every match; `after` continues strictly past the row whose `key` made
    that cursor, so a page boundary never repeats or skips a row.
    """
    conditions, values = list(where), list(params)
    total = reader.execute(f"SELECT count(*) FROM {table}{_where(conditions)}", values)
    total_count = int(total.fetchone()[0])
    if after is not None:
        bound = decode_cursor(after, len(order))
        condition, bound_values = _past(order, bound, "<" if descending else ">")
        conditions.append(condition)
        values.extend(bound_values)
    direction = " DESC" if descending else ""
    ordering = ", ".join(f"{column}{direction}" for column in order)
    rows = reader.execute(
        f"{select}{_where(conditions)} ORDER BY {ordering} LIMIT ?", [*values, first + 1]
    ).fetchall()
    cursors = [encode_cursor(*key(row)) for row in rows[:first]]
    return Page(
        [item(row) for row in rows[:first]],
        len(rows) > first,
        cursors[-1] if cursors else None,
        total_count,
        cursors,
    )


def _past(order: Sequence[str], bound: Sequence[str], op: str) -> tuple[str, list[str]]:
    """`(a op ? OR (a = ? AND (b op ? OR ...)))`: strictly past `bound` in key order."""
    head, *rest = order
    if not rest:
        return f"{head} {op} ?", [bound[0]]
    inner, inner_values = _past(rest, bound[1:], op)
    return f"({head} {op} ? OR ({head} = ? AND {inner}))", [bound[0], bound[0], *inner_values]


def _where(conditions: Sequence[str]) -> str:
    return f" WHERE {' AND '.join(conditions)}" if conditions else ""
