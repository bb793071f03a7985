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
from lineage.model.derivation import MARKED_KINDS
from lineage.model.fact import Fact
from lineage.store.codec import parse_time
from lineage.store.embedded import facts as fact_tables
from lineage.store.embedded import schema
from lineage.store.embedded.chains import select_in, update_chains
from lineage.store.embedded.delivery import (
    EmbeddedDelivery,
    backfill_delivery_events,
    mark_derived,
)
from lineage.store.embedded.incident_links import fill_incident_links, index_links
from lineage.store.embedded.livestate import EmbeddedLiveState
from lineage.store.embedded.paging import keyset_page
from lineage.store.embedded.pipelines import EmbeddedPipelines
from lineage.store.embedded.placement import place
from lineage.store.embedded.rows import (
    Row,
    event_from_row,
    event_row,
    link_body,
    link_from_body,
    link_row,
    time_order,
)
from lineage.store.embedded.stages import EmbeddedStages
from lineage.store.embedded.traces import EmbeddedTraces
from lineage.store.faults import is_read_only
from lineage.store.protocol import (
    ChainFilter,
    ChainGraph,
    EventFilter,
    Existing,
    Page,
    StoreStats,
    Walk,
)
from lineage.store.walk import BreadthFirst


class StoreVersionError(RuntimeError):
    """The file was written by a newer version of this program."""


class EmbeddedStore(
    EmbeddedDelivery, EmbeddedLiveState, EmbeddedPipelines, EmbeddedStages, EmbeddedTraces
):
    """A lineage store in a single SQLite file."""

    def __init__(self, path: str | Path, busy_timeout: float = schema.BUSY_TIMEOUT) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.busy_timeout = busy_timeout
        self._write_lock = threading.Lock()
        self._writer_read_only = False
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        # The page size only takes for a new file, and must come before WAL mode creates it.
        self._writer = self._connect(
            (f"PRAGMA page_size={schema.PAGE_SIZE}",), schema.WRITER_PRAGMAS
        )
        self._prepare()

    def _prepare(self) -> None:
        """Create what is missing and bring an older store up to this schema version."""
        ddl = (*schema.DDL, *fact_tables.FACTS_DDL, *fact_tables.FACT_DDL)
        version = self._schema_version()
        if version is not None and version > schema.SCHEMA_VERSION:
            raise StoreVersionError(
                f"{self.path} has schema version {version}; this program reads up to "
                f"{schema.SCHEMA_VERSION}"
            )
        if version == schema.SCHEMA_VERSION:
            # The usual open: statements for what exists are no-ops that take no write lock, so
            # opening neither waits for nor blocks a running ingest.
            for statement in ddl:
                self._writer.execute(statement)
            return
        with self._write_lock, self._transaction(self._writer) as cursor:
            for statement in ddl:
                cursor.execute(statement)
            if version is not None:  # an older version: step by step up to this one
                _add_missing_columns(cursor)
                for step in schema.MIGRATIONS[version - 1 :]:
                    for statement in step:
                        cursor.execute(statement)
                if version < schema.DELIVERY_EVENTS_SINCE:
                    # Upstream commits need graph walks: `lineage db derive` (ingest) does them.
                    backfill_delivery_events(cursor)  # indexes the incidents' links with them
                elif version < schema.INCIDENT_LINKS_SINCE:
                    fill_incident_links(cursor)
            else:  # a new store: every derived kind is there for the nothing it holds
                mark_derived(cursor, MARKED_KINDS)
            cursor.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                (str(schema.SCHEMA_VERSION),),
            )

    def _schema_version(self) -> int | None:
        try:
            row = self._writer.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).fetchone()
        except sqlite3.OperationalError:  # a new file: no meta table yet
            return None
        return int(row[0]) if row is not None else None

    def _connect(self, first: Iterable[str], then: Iterable[str]) -> sqlite3.Connection:
        connection = sqlite3.connect(
            self.path, check_same_thread=False, isolation_level=None, timeout=self.busy_timeout
        )
        for pragma in (*first, *schema.PRAGMAS, *then):
            connection.execute(pragma)
        self._connections.append(connection)
        return connection

    @property
    def _reader(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._connect((), schema.READER_PRAGMAS)
            self._local.connection = connection
        return connection

    # -- writes ------------------------------------------------------------------------------

    def event_digests(self, ids: Sequence[str]) -> dict[str, str]:
        """Digest of each given event id that is stored."""
        return dict(self._select_in("SELECT id, digest FROM events WHERE id IN ({})", ids))

    def link_digests(self, ids: Sequence[str]) -> dict[str, str]:
        """Digest of each given link id that is stored."""
        return dict(self._select_in("SELECT id, digest FROM links WHERE id IN ({})", ids))

    def fact_digests(self, kind: str, ids: Sequence[str]) -> dict[str, str]:
        """Digest of each given fact id of `kind` that is stored."""
        query = "SELECT id, digest FROM facts WHERE id IN ({}) AND kind = ?"
        return dict(self._select_in(query, ids, (kind,)))

    def write(
        self, events: Sequence[Event], links: Sequence[Link], facts: Sequence[Fact] = ()
    ) -> Existing:
        """Durably store new events, links and facts in one transaction; existing ids stay and
        are named in the answer (read inside the write transaction, which holds the file's one
        write lock, so no other writer can store an id between the look and the insert)."""
        if not events and not links and not facts:
            return Existing()
        event_rows = []
        formatted: dict[int, str] = {}  # id() of an event's timestamp -> its text, for its links
        for event in events:
            row = event_row(event)
            formatted[id(event.timestamp)] = row[7]
            event_rows.append(row)
        link_rows = [link_row(link, formatted) for link in links]
        with self._write_lock, self._writing() as cursor:
            existing = _existing(cursor, events, links, facts)
            cursor.executemany(schema.INSERT_EVENT, _placed(cursor, "events", event_rows, 8))
            all_new = cursor.rowcount == len(event_rows)
            cursor.executemany(schema.INSERT_LINK, _placed(cursor, "links", link_rows, 3))
            index_links(cursor, links)
            update_chains(cursor, events, links, all_new)
            fact_tables.write_facts(cursor, facts)
        return existing

    def check_writable(self) -> None:
        """Raise the storage's error unless a write could be committed now; nothing is written."""
        if not self._write_lock.acquire(timeout=0):
            return  # a write of this process is under way: the file takes writes
        try:
            self._writer.execute(f"PRAGMA busy_timeout={schema.PROBE_BUSY_TIMEOUT_MS}")
            try:
                with self._writing(rollback=True) as cursor:
                    cursor.execute(schema.WRITE_PROBE)
            finally:
                self._writer.execute(f"PRAGMA busy_timeout={int(self.busy_timeout * 1000)}")
        finally:
            self._write_lock.release()

    @contextmanager
    def _writing(self, rollback: bool = False) -> Iterator[sqlite3.Cursor]:
        """A write transaction on the writer (held `_write_lock`), reopened if it was read-only.

        A file that was read-only when opened keeps its connection read-only after the file is
        made writable again; so after a read-only failure the writer is reopened on next use.
        """
        if self._writer_read_only:
            self._reopen_writer()
        try:
            with self._transaction(self._writer, rollback) as cursor:
                yield cursor
        except sqlite3.Error as exc:
            if is_read_only(exc):
                self._writer_read_only = True
            raise

    def _reopen_writer(self) -> None:
        self._connections.remove(self._writer)
        self._writer.close()
        self._writer = self._connect((), schema.WRITER_PRAGMAS)
        self._writer_read_only = False

    @contextmanager
    def _transaction(
        self, connection: sqlite3.Connection, rollback: bool = False
    ) -> Iterator[sqlite3.Cursor]:
        cursor = connection.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        try:
            yield cursor
        except BaseException:
            if connection.in_transaction:  # SQLite may have rolled back already (SQLITE_FULL)
                cursor.execute("ROLLBACK")
            raise
        try:
            cursor.execute("ROLLBACK" if rollback else "COMMIT")
        except BaseException:
            if connection.in_transaction:  # a COMMIT that failed (full disk, I/O) leaves it open
                cursor.execute("ROLLBACK")
            raise

    # -- reads -------------------------------------------------------------------------------

    def get_events(self, ids: Sequence[str]) -> dict[str, Event]:
        """The stored events among `ids` (placeholders are absent)."""
        rows = self._select_in(f"{schema.SELECT_EVENTS} WHERE id IN ({{}})", ids)
        return {row[0]: event_from_row(row) for row in rows}

    def latest_events_about(self, subject_ids: Sequence[str]) -> dict[str, Event]:
        """For each of `subject_ids` that events are about, the newest (timestamp, id) of them."""
        found: dict[str, Event] = {}
        query = f"{schema.SELECT_EVENTS} WHERE subject_id = ? ORDER BY ts DESC, id DESC LIMIT 1"
        for subject_id in dict.fromkeys(subject_ids):
            row = self._reader.execute(query, (subject_id,)).fetchone()
            if row is not None:
                found[subject_id] = event_from_row(row)
        return found

    def chain_events(self, chain_id: str) -> list[Event]:
        """Events of a chain (own chainId, or joined to it by a link of that chain), by time."""
        read = self._reader.execute
        if read(schema.HAS_JOINED, (chain_id,)).fetchone() is None:  # the usual case
            rows = read(schema.OWN_CHAIN_EVENTS, (chain_id,)).fetchall()  # in index order
        else:
            rows = read(schema.CHAIN_EVENTS, {"chain": chain_id}).fetchall()
        return [event_from_row(row) for row in rows]

    def chain_links(self, chain_id: str) -> list[Link]:
        """Links that carry this chainId."""
        rows = self._reader.execute(f"{schema.SELECT_LINKS} WHERE chain_id = ?", (chain_id,))
        return [link_from_body(body) for body in sorted(map(link_body, rows), key=time_order)]

    def chain_path_links(self, chain_ids: Sequence[str]) -> list[Link]:
        """The PATH links carrying any of `chain_ids`, in link order (many chains at once)."""
        query = f"{schema.SELECT_LINKS} WHERE chain_id IN ({{}}) AND type = 'PATH'"
        bodies = map(link_body, self._select_in(query, chain_ids))
        return [link_from_body(body) for body in sorted(bodies, key=time_order)]

    def chain_graph(self, chain_id: str, max_events: int | None = None) -> ChainGraph:
        """A chain's events, its links and every link touching its members (a few queries); with
        `max_events`, only the count of its events (`oversized`) if it has more than that."""
        if max_events is not None:
            count = self._reader.execute(schema.COUNT_CHAIN_EVENTS, {"chain": chain_id}).fetchone()
            if count[0] > max_events:
                return ChainGraph([], [], [], oversized=count[0])
        events = self.chain_events(chain_id)
        links = self.chain_links(chain_id)
        members = {event.id for event in events}
        members.update(end for link in links for end in link.endpoints())
        touching = self.links_touching(sorted(members), Direction.BOTH) if members else []
        return ChainGraph(events, links, touching)

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
        found: dict[str, list[Any]] = {}
        for column in columns:
            query = f"{schema.SELECT_LINKS} WHERE {column} IN ({{}}){extra}"
            for row in self._select_in(query, ids, params):
                body = link_body(row)
                found.setdefault(body[0], body)
        return [link_from_body(body) for body in sorted(found.values(), key=time_order)]

    def walk(
        self,
        roots: Sequence[str],
        direction: Direction,
        max_depth: int,
        limit: int,
        types: Sequence[LinkType] = (),
        include_inferred: bool = True,
        skipped_inferred_kinds: Sequence[str] = (),
    ) -> Walk:
        """The breadth-first walk of `lineage.store.walk`: one query per level, then the events."""
        walker = BreadthFirst(roots, direction, limit, skipped_inferred_kinds)
        while not walker.done and walker.level < max_depth:
            walker.step(self.links_touching(walker.frontier, direction, types, include_inferred))
        reached = list(walker.depth)
        events = self.get_events(reached)
        missing_roots = [root for root in reached[: walker.roots] if root not in events]
        placeholders = {i for i in reached[walker.roots :] if i not in events}
        placeholders.update(self.placeholder_ids(missing_roots) if missing_roots else ())
        return Walk(
            walker.depth,
            list(walker.followed.values()),
            walker.truncated,
            events,
            frozenset(placeholders),
        )

    def find_events(self, filter: EventFilter, first: int, after: str | None) -> Page[Event]:
        """Events matching `filter` in (timestamp, id) order, after the keyset cursor `after`."""
        where, params = _event_conditions(filter)
        return keyset_page(
            self._reader,
            table="events",
            select=schema.SELECT_EVENTS,
            where=where,
            params=params,
            order=("ts", "id"),
            descending=False,
            first=first,
            after=after,
            item=event_from_row,
            key=lambda row: (row[1], row[0]),
        )

    def event_types(self, prefixes: Sequence[str]) -> list[str]:
        """The distinct stored event types starting with any of `prefixes`, in text order."""
        found: set[str] = set()
        for prefix in dict.fromkeys(prefixes):
            # A loose scan of the (type, ts) index: one seek per distinct type, not one per event.
            bound = prefix + "\uffff"
            row = self._reader.execute(schema.FIRST_TYPE_FROM, (prefix, bound)).fetchone()
            while row is not None and row[0].startswith(prefix):
                found.add(row[0])
                row = self._reader.execute(schema.NEXT_TYPE_AFTER, (row[0], bound)).fetchone()
        return sorted(found)

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
            where.append(schema.CHAIN_HAS_TYPE)
            params.extend((filter.event_type, filter.event_type))
        return keyset_page(
            self._reader,
            table="chains",
            select=f"SELECT {schema.CHAIN_COLUMNS} FROM chains",
            where=where,
            params=params,
            order=("sort_ts", "id"),
            descending=True,
            first=first,
            after=after,
            item=_chain,
            key=lambda row: (row[7], row[0]),
        )

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
        return select_in(self._reader, query, ids, params)


def _existing(
    cursor: sqlite3.Cursor, events: Sequence[Event], links: Sequence[Link], facts: Sequence[Fact]
) -> Existing:
    """Which of the ids about to be written are stored already."""
    kinds: dict[str, list[str]] = {}
    for fact in facts:
        kinds.setdefault(fact.kind, []).append(fact.id)
    fact_query = "SELECT id FROM facts WHERE id IN ({}) AND kind = ?"
    return Existing(
        events=frozenset(
            row[0]
            for row in select_in(
                cursor, "SELECT id FROM events WHERE id IN ({})", [e.id for e in events]
            )
        ),
        links=frozenset(
            row[0]
            for row in select_in(
                cursor, "SELECT id FROM links WHERE id IN ({})", [link.id for link in links]
            )
        ),
        facts=frozenset(
            (kind, row[0])
            for kind, ids in kinds.items()
            for row in select_in(cursor, fact_query, ids, (kind,))
        ),
    )


def _placed(cursor: sqlite3.Cursor, table: str, rows: list[Row], chain_column: int) -> list[Row]:
    """`rows` with their rowid (see `placement`) in front, in rowid order."""
    if not rows:
        return rows
    rowids = place(cursor, table, [row[chain_column] for row in rows])
    return sorted([(rowid, *row) for rowid, row in zip(rowids, rows, strict=True)])


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


def _add_missing_columns(cursor: sqlite3.Cursor) -> None:
    """Add the columns of `schema.ADDED_COLUMNS` an older store's tables lack."""
    for table, column, kind in schema.ADDED_COLUMNS:
        present = {row[1] for row in cursor.execute(f"PRAGMA table_info({table})")}
        if column not in present:
            cursor.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
