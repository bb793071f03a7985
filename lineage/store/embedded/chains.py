"""Chain bookkeeping inside a write: which events links join to other chains, and chain summaries.

A chain's members are the stored events carrying its chainId plus the stored endpoints of its
links; the latter, when they carry another chainId (or none), are kept in `joined`. Both sets are
facts about what is stored, so they come out the same in any arrival order. Every chain a write
may have changed is then summarized again from its members and links (`refresh_chains`).

Finding the links that touch a new event is the costly part: a link written in an earlier batch
can only touch an event that was absent then, so it named an id that went into `pending`. Only
new events found there need a look at the `links` table; links of the same batch are at hand.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from lineage.model import Event, Link
from lineage.store.embedded import schema

#: SQLite's default limit on host parameters is 32766; stay well below it.
CHUNK = 900


def update_chains(
    cursor: sqlite3.Cursor, events: Sequence[Event], links: Sequence[Link], all_new: bool
) -> None:
    """Record joined members and pending ids of a just-inserted batch, then refresh its chains."""
    # `all_new`: every one of `events` was inserted by this transaction. If not, some were stored
    # already (maybe with another chainId), so the stored chainIds are read back instead.
    if all_new:
        chain_of = {event.id: event.chain_id for event in events}
    else:
        chain_of = dict(select_in(cursor, "SELECT id, chain_id FROM events WHERE id IN ({})",
                                  [event.id for event in events]))  # fmt: skip
    touched = {event.chain_id for event in events}
    joined: set[tuple[str, str]] = set()
    outside: dict[str, list[str]] = {}
    for link in links:
        chain = link.chain_id
        if chain is None:
            continue  # joins no event to any chain
        touched.add(chain)
        for end in (link.from_id, link.to_id):
            if end is None:
                continue
            if end in chain_of:
                if chain_of[end] != chain:
                    joined.add((chain, end))
            else:
                outside.setdefault(end, []).append(chain)
    if outside:
        _resolve_outside(cursor, outside, joined)
    if chain_of:
        _links_from_earlier_batches(cursor, chain_of, touched, joined)
    if joined:
        cursor.executemany(
            "INSERT OR IGNORE INTO joined (chain_id, event_id) VALUES (?, ?)", joined
        )
    touched.discard(None)
    refresh_chains(cursor, [chain for chain in touched if chain is not None])


def _resolve_outside(
    cursor: sqlite3.Cursor, outside: dict[str, list[str]], joined: set[tuple[str, str]]
) -> None:
    """Endpoints of new links that are not new events: join stored ones, mark the rest pending."""
    stored: dict[str, str | None] = dict(
        select_in(cursor, "SELECT id, chain_id FROM events WHERE id IN ({})", list(outside))
    )
    missing = []
    for end, chains in outside.items():
        if end not in stored:
            missing.append((end,))
            continue
        for chain in chains:
            if stored[end] != chain:
                joined.add((chain, end))
    if missing:
        cursor.executemany("INSERT OR IGNORE INTO pending (id) VALUES (?)", missing)


def _links_from_earlier_batches(
    cursor: sqlite3.Cursor,
    chain_of: dict[str, str | None],
    touched: set[str | None],
    joined: set[tuple[str, str]],
) -> None:
    """New events that earlier links named: join them to those links' chains, touch the chains."""
    found = [row[0] for row in select_in(cursor, "SELECT id FROM pending WHERE id IN ({})",
                                         list(chain_of))]  # fmt: skip
    if not found:
        return
    query = (
        "SELECT chain_id, from_id, to_id FROM links WHERE from_id IN ({0}) AND chain_id NOT NULL "
        "UNION ALL "
        "SELECT chain_id, from_id, to_id FROM links WHERE to_id IN ({0}) AND chain_id NOT NULL"
    )
    for chain, from_id, to_id in select_in(cursor, query, found, repeat=2):
        touched.add(chain)
        for end in (from_id, to_id):
            if end in chain_of and chain_of[end] != chain:
                joined.add((chain, end))
    for chunk in chunks(found):
        cursor.execute(f"DELETE FROM pending WHERE id IN ({','.join('?' * len(chunk))})", chunk)


def refresh_chains(cursor: sqlite3.Cursor, chain_ids: list[str]) -> None:
    """Recompute the summaries of the given chains from what is stored (order-independent)."""
    rows = []
    for chunk in chunks(chain_ids):
        marks = ",".join("?" * len(chunk))
        own = {
            row[0]: row[1:]
            for row in cursor.execute(schema.CHAIN_OWN_AGGREGATES.format(marks), chunk)
        }
        extra = {
            row[0]: row[1:]
            for row in cursor.execute(schema.CHAIN_JOINED_AGGREGATES.format(marks), chunk)
        }
        link_aggregates = {
            row[0]: row[1:]
            for row in cursor.execute(schema.CHAIN_LINK_AGGREGATES.format(marks), chunk)
        }
        for chain_id in chunk:
            count, first_ts, last_ts, earliest = own.get(chain_id, (0, None, None, None))
            if chain_id in extra:
                count, first_ts, last_ts, earliest = _merge(
                    (count, first_ts, last_ts, earliest), extra[chain_id]
                )
            last_link_ts, start, end = link_aggregates.get(chain_id, (None, None, None))
            start_id = start[schema.TS_WIDTH :] if start is not None else None
            end_id = end[schema.TS_WIDTH :] if end is not None else None
            earliest_id = earliest[schema.TS_WIDTH :] if earliest is not None else None
            sort_ts = max(t for t in (last_ts, last_link_ts, "") if t is not None)
            rows.append(
                (
                    chain_id,
                    count,
                    first_ts,
                    last_ts,
                    int(end_id is not None),
                    start_id or earliest_id,
                    end_id,
                    sort_ts,
                )
            )
    cursor.executemany(schema.UPSERT_CHAIN, rows)


def _merge(
    own: tuple[int, str | None, str | None, str | None], extra: tuple[int, str, str, str]
) -> tuple[int, str | None, str | None, str | None]:
    count, first_ts, last_ts, earliest = own
    more, extra_first, extra_last, extra_earliest = extra
    return (
        count + more,
        extra_first if first_ts is None else min(first_ts, extra_first),
        extra_last if last_ts is None else max(last_ts, extra_last),
        extra_earliest if earliest is None else min(earliest, extra_earliest),
    )


def select_in(
    cursor: sqlite3.Cursor | sqlite3.Connection,
    query: str,
    ids: Sequence[str],
    params: Sequence[Any] = (),
    repeat: int = 1,
) -> Iterator[tuple[Any, ...]]:
    """Run `query` with its `IN ({})` (or `{0}` used `repeat` times) filled by chunks of `ids`,
    distinct and in text order: each chunk's lookups then go where the previous chunk's ended,
    through B-tree pages the page cache still holds (in random order, thousands of lookups miss
    it once each: half the time of a large read)."""
    for chunk in chunks(sorted(dict.fromkeys(ids))):  # given sorted, sorting them is cheap
        marks = ",".join("?" * len(chunk))
        yield from cursor.execute(query.format(marks), [*chunk] * repeat + [*params])


def chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    """Slices of at most `CHUNK` items."""
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]
