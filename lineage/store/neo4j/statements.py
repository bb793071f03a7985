"""Running the backend's named statements in a transaction, in batches (pipelines, live state)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Final, TypeVar

from neo4j import ManagedTransaction

from lineage.store.neo4j import queries

T = TypeVar("T")
Row = dict[str, Any]

#: Rows per UNWIND batch.
CHUNK: Final = 5000
#: Upper bound of fixed-width timestamp text, for first-page cursors of newest-first listings.
OPEN_END: Final = "\uffff"


def _run(tx: ManagedTransaction, name: str, **params: Any) -> None:
    """Run statement `name` for its effect."""
    tx.run(queries.load(name), params).consume()


def _rows(tx: ManagedTransaction, name: str, **params: Any) -> list[Row]:
    """Run statement `name` and return its rows as dicts."""
    return tx.run(queries.load(name), params).data()


def _rows_in(tx: ManagedTransaction, name: str, ids: Sequence[str], **params: Any) -> list[Row]:
    """Run statement `name` once per chunk of distinct `ids` (as `$ids`), collecting rows."""
    rows: list[Row] = []
    for chunk in _chunks(list(dict.fromkeys(ids))):
        rows.extend(_rows(tx, name, ids=list(chunk), **params))
    return rows


def _run_batches(tx: ManagedTransaction, name: str, rows: Sequence[Row]) -> None:
    """Run statement `name` for its effect once per chunk of `rows` (as `$rows`)."""
    for chunk in _chunks(rows):
        _run(tx, name, rows=list(chunk))


def _chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Nulls(dict[str, Any]):
    """A record whose missing keys read as None (Neo4j drops null properties)."""

    def __missing__(self, key: str) -> None:
        return None
