"""The embedded store: one SQLite file in WAL mode, the durable source of truth.

Opening never replays the file: every read is an indexed query. Writes go through one connection
under a lock; reads use a connection per thread so the server can read while ingest writes.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from lineage.model import ChainSummary, Direction, Event, Link, LinkType, format_timestamp
from lineage.store.codec import (
    event_from_record,
    event_record,
    link_from_record,
    link_record,
    parse_time,
)
from lineage.store.cursor import decode_cursor, encode_cursor
from lineage.store.embedded import schema
from lineage.store.protocol import ChainFilter, EventFilter, Page, StoreStats

_EVENT_KEYS = (
    "id", "type", "subjectType", "predicate", "typeVersion", "specVersion", "source",
    "timestamp", "chainId", "subjectId", "digest", "body",
)  # fmt: skip
_LINK_KEYS = (
    "id", "type", "kind", "chainId", "fromId", "toId", "timestamp", "tags", "inferred", "digest",
)  # fmt: skip
#: SQLite's default limit on host parameters is 32766; stay well below it.
_CHUNK = 900


class EmbeddedStore:
    """A lineage store in a single SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._write_lock = threading.Lock()
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._writer = self._connect()
        with self._writer:
            for statement in schema.DDL:
                self._writer.execute(statement)
            self._writer.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)",
                (str(schema.SCHEMA_VERSION),),
            )

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        for pragma in schema.PRAGMAS:
            connection.execute(pragma)
        self._connections.append(connection)
        return connection

    @property
    def _reader(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._connect()
            self._local.connection = connection
        return connection

    # -- writes ------------------------------------------------------------------------------

    def event_digests(self, ids: Sequence[str]) -> dict[str, str]:
        """Digest of each given event id that is stored."""
        return dict(self._select_in("SELECT id, digest FROM events WHERE id IN ({})", ids))

    def link_digests(self, ids: Sequence[str]) -> dict[str, str]:
        """Digest of each given link id that is stored."""
        return dict(self._select_in("SELECT id, digest FROM links WHERE id IN ({})", ids))

    def write(self, events: Sequence[Event], links: Sequence[Link]) -> None:
        """Durably store new events and links in one transaction; existing ids are left as they are."""
        if not events and not links:
            return
        event_rows = [_row(event_record(event), _EVENT_KEYS) for event in events]
        link_rows = [_row(link_record(link), _LINK_KEYS) for link in links]
        with self._write_lock, self._transaction(self._writer) as cursor:
            cursor.executemany(schema.INSERT_EVENT, event_rows)
            cursor.executemany(schema.INSERT_LINK, link_rows)
            touched = {e.chain_id for e in events} | {link.chain_id for link in links}
            for chunk in _chunks([e.id for e in events]):
                marks = ",".join("?" * len(chunk))
                rows = cursor.execute(
                    f"SELECT chain_id FROM links WHERE from_id IN ({marks}) "
                    f"UNION SELECT chain_id FROM links WHERE to_id IN ({marks})",
                    (*chunk, *chunk),
                )
                touched.update(row[0] for row in rows)
            touched.discard(None)
            self._refresh_chains(cursor, [c for c in touched if c is not None])

    @contextmanager
    def _transaction(self, connection: sqlite3.Connection) -> Iterator[sqlite3.Cursor]:
        cursor = connection.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        try:
            yield cursor
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        cursor.execute("COMMIT")

    def _refresh_chains(self, cursor: sqlite3.Cursor, chain_ids: list[str]) -> None:
        """Recompute the summaries of the given chains from what is stored (order-independent)."""
        if not chain_ids:
            return
        cursor.execute(schema.TOUCHED_TABLE)
        cursor.execute("DELETE FROM touched_chains")
        cursor.executemany("INSERT INTO touched_chains (id) VALUES (?)", [(c,) for c in chain_ids])
        event_aggregates = {
            row[0]: row[1:] for row in cursor.execute(schema.CHAIN_EVENT_AGGREGATES)
        }
        link_aggregates = {row[0]: row[1:] for row in cursor.execute(schema.CHAIN_LINK_AGGREGATES)}
        rows = []
        for chain_id in chain_ids:
            count, first_ts, last_ts, earliest_id = event_aggregates.get(
                chain_id, (0, None, None, None)
            )
            last_link_ts, start_id, end_id = link_aggregates.get(chain_id, (None, None, None))
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

    # -- reads -------------------------------------------------------------------------------

    def get_events(self, ids: Sequence[str]) -> dict[str, Event]:
        """The stored events among `ids` (placeholders are absent)."""
        rows = self._select_in(f"{schema.SELECT_EVENTS} WHERE id IN ({{}})", ids)
        return {row[0]: _event(row) for row in rows}

    def chain_events(self, chain_id: str) -> list[Event]:
        """Events of a chain (own chainId, or joined to it by a link of that chain), by time."""
        rows = self._reader.execute(
            f"{schema.SELECT_EVENTS} WHERE id IN ({schema.CHAIN_MEMBERS}) ORDER BY ts, id",
            {"chain": chain_id},
        )
        return [_event(row) for row in rows]

    def chain_links(self, chain_id: str) -> list[Link]:
        """Links that carry this chainId."""
        rows = self._reader.execute(
            f"{schema.SELECT_LINKS} WHERE chain_id = ? ORDER BY ts, id", (chain_id,)
        )
        return [_link(row) for row in rows]

    def links_touching(
        self,
        ids: Sequence[str],
        direction: Direction,
        types: Sequence[LinkType] = (),
        include_inferred: bool = True,
    ) -> list[Link]:
        """Links leaving (DOWNSTREAM), entering (UPSTREAM) or touching (BOTH) any of `ids`."""
        columns = {
            Direction.DOWNSTREAM: ("from_id",),
            Direction.UPSTREAM: ("to_id",),
            Direction.BOTH: ("from_id", "to_id"),
        }[direction]
        extra = ""
        params: list[Any] = []
        if types:
            extra += f" AND type IN ({','.join('?' * len(types))})"
            params.extend(t.value for t in types)
        if not include_inferred:
            extra += " AND inferred = 0"
        found: dict[str, Link] = {}
        for column in columns:
            query = f"{schema.SELECT_LINKS} WHERE {column} IN ({{}}){extra}"
            for row in self._select_in(query, ids, params):
                found.setdefault(row[0], _link(row))
        return sorted(found.values(), key=_link_order)

    def find_events(self, filter: EventFilter, first: int, after: str | None) -> Page[Event]:
        """Events matching `filter` in (timestamp, id) order, after the keyset cursor `after`."""
        where, params = _event_conditions(filter)
        total = self._reader.execute(f"SELECT count(*) FROM events{_where(where)}", params)
        total_count = int(total.fetchone()[0])
        if after is not None:
            ts, event_id = decode_cursor(after, 2)
            where = [*where, "(ts > ? OR (ts = ? AND id > ?))"]
            params = [*params, ts, ts, event_id]
        rows = self._reader.execute(
            f"{schema.SELECT_EVENTS}{_where(where)} ORDER BY ts, id LIMIT ?", [*params, first + 1]
        ).fetchall()
        items = [_event(row) for row in rows[:first]]
        cursors = [encode_cursor(row[7], row[0]) for row in rows[:first]]
        return Page(items, len(rows) > first, cursors[-1] if cursors else None, total_count, cursors)

    def chain_summaries(self, ids: Sequence[str]) -> dict[str, ChainSummary]:
        """Summaries of the given chains that exist."""
        rows = self._select_in(f"SELECT {schema.CHAIN_COLUMNS} FROM chains WHERE id IN ({{}})", ids)
        return {row[0]: _chain(row) for row in rows}

    def find_chains(self, filter: ChainFilter, first: int, after: str | None) -> Page[ChainSummary]:
        """Chains matching `filter`, most recently active first, after the keyset cursor `after`."""
        where: list[str] = []
        params: list[Any] = []
        if filter.complete is not None:
            where.append("complete = ?")
            params.append(int(filter.complete))
        if filter.since is not None:
            where.append("ended_at >= ?")
            params.append(_ts(filter.since))
        if filter.until is not None:
            where.append("started_at <= ?")
            params.append(_ts(filter.until))
        if filter.event_type is not None:
            where.append(
                f"EXISTS (SELECT 1 FROM events e WHERE e.type = ? "
                f"AND e.id IN ({schema.CHAIN_MEMBERS.replace(':chain', 'chains.id')}))"
            )
            params.append(filter.event_type)
        total = self._reader.execute(f"SELECT count(*) FROM chains{_where(where)}", params)
        total_count = int(total.fetchone()[0])
        if after is not None:
            sort_ts, chain_id = decode_cursor(after, 2)
            where.append("(sort_ts < ? OR (sort_ts = ? AND id < ?))")
            params.extend((sort_ts, sort_ts, chain_id))
        rows = self._reader.execute(
            f"SELECT {schema.CHAIN_COLUMNS} FROM chains{_where(where)} "
            "ORDER BY sort_ts DESC, id DESC LIMIT ?",
            [*params, first + 1],
        ).fetchall()
        items = [_chain(row) for row in rows[:first]]
        cursors = [encode_cursor(row[7], row[0]) for row in rows[:first]]
        return Page(items, len(rows) > first, cursors[-1] if cursors else None, total_count, cursors)

    def placeholder_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of `ids` are referenced by a link but have no stored event."""
        missing = set(ids) - set(self.event_digests(ids))
        if not missing:
            return set()
        referenced = {
            row[0]
            for column in ("from_id", "to_id")
            for row in self._select_in(
                f"SELECT DISTINCT {column} FROM links WHERE {column} IN ({{}})", sorted(missing)
            )
        }
        return referenced

    def stats(self) -> StoreStats:
        """Counts of what is stored."""
        read = self._reader.execute
        events = read("SELECT count(*) FROM events").fetchone()[0]
        links = read("SELECT count(*) FROM links").fetchone()[0]
        chains = read("SELECT count(*) FROM chains").fetchone()[0]
        placeholders = read(
            "SELECT count(*) FROM (SELECT from_id AS id FROM links WHERE from_id IS NOT NULL "
            "UNION SELECT to_id FROM links WHERE to_id IS NOT NULL) "
            "WHERE id NOT IN (SELECT id FROM events)"
        ).fetchone()[0]
        return StoreStats(events, links, chains, placeholders)

    def close(self) -> None:
        """Release connections and files."""
        for connection in self._connections:
            connection.close()
        self._connections.clear()

    def _select_in(
        self, query: str, ids: Sequence[str], params: Sequence[Any] = ()
    ) -> Iterator[tuple[Any, ...]]:
        """Run `query` with its `IN ({})` filled by chunks of `ids`, yielding every row."""
        for chunk in _chunks(list(dict.fromkeys(ids))):
            marks = ",".join("?" * len(chunk))
            yield from self._reader.execute(query.format(marks), (*chunk, *params))


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _row(record: dict[str, Any], keys: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(record[key] for key in keys)


def _event(row: tuple[Any, ...]) -> Event:
    return event_from_record(dict(zip(_EVENT_KEYS, row, strict=True)))


def _link(row: tuple[Any, ...]) -> Link:
    return link_from_record(dict(zip(_LINK_KEYS, row, strict=True)))


def _link_order(link: Link) -> tuple[str, str]:
    return (link.timestamp.isoformat() if link.timestamp else "", link.id)


def _chain(row: tuple[Any, ...]) -> ChainSummary:
    chain_id, count, started, ended, complete, start_id, end_id, _ = row
    return ChainSummary(
        id=chain_id,
        event_count=count,
        started_at=parse_time(started) if started else None,
        ended_at=parse_time(ended) if ended else None,
        complete=bool(complete),
        start_id=start_id,
        end_id=end_id,
    )


def _ts(value: datetime) -> str:
    return format_timestamp(value)


def _where(conditions: Sequence[str]) -> str:
    return f" WHERE {' AND '.join(conditions)}" if conditions else ""


def _event_conditions(filter: EventFilter) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    for column, values in (
        ("type", filter.types),
        ("subject_type", filter.subject_types),
        ("source", filter.sources),
    ):
        if values:
            where.append(f"{column} IN ({','.join('?' * len(values))})")
            params.extend(values)
    if filter.chain_id is not None:
        where.append("chain_id = ?")
        params.append(filter.chain_id)
    if filter.subject_id is not None:
        where.append("subject_id = ?")
        params.append(filter.subject_id)
    if filter.since is not None:
        where.append("ts >= ?")
        params.append(_ts(filter.since))
    if filter.until is not None:
        where.append("ts <= ?")
        params.append(_ts(filter.until))
    return where, params
