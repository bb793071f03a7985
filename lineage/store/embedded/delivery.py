"""Delivery events and upstream commits in the embedded store (`DeliveryStore`): the tables,
their writers, reads, and the migration that derives the delivery events of events stored before
the table existed.

`delivery_events` holds one row per deployment or incident event (`lineage.model.delivery`),
indexed by time (a window's range read), by subject and time (a service's previous deployment),
and by environment and by kind, each with time (the DORA metrics' window: the production
environments' deployment events, every incident event); the last two hold every column, so that
read never leaves the index. `upstream_commits` holds, per deployment event, the commits named
upstream of it, indexed by the deployment's time, by environment and time (what a window's
production deployments shipped, one index range per environment) and by hash and environment (the
deployments downstream of a commit; holding every column, so a commit's production deployments
are one index range). `incident_links` (`lineage.store.embedded.incident_links`)
indexes the producer links of the incident-opening events by the event's time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from lineage.model import Direction, LinkType, format_timestamp
from lineage.model.delivery import (
    DELIVERY_TYPE_PREFIXES,
    DeliveryEvent,
    DeliveryKind,
    UpstreamCommits,
    delivery_event,
)
from lineage.model.derivation import Derivation
from lineage.model.fact import Fact
from lineage.store.delivery import DeliveryRow, UpstreamCommit, upstream_records
from lineage.store.embedded import incident_links, schema
from lineage.store.embedded.chains import select_in
from lineage.store.embedded.rows import event_from_row

DDL = (
    """CREATE TABLE IF NOT EXISTS delivery_events (
        id TEXT PRIMARY KEY,
        what TEXT NOT NULL,
        ts TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        environment TEXT,
        artifact_id TEXT,
        service TEXT,
        chain_id TEXT,
        digest TEXT NOT NULL) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS ix_delivery_events_ts ON delivery_events (ts, id)",
    "CREATE INDEX IF NOT EXISTS ix_delivery_events_subject ON delivery_events (subject_id, ts, id)",
    # Covering: a window's rows of some environments, or of some kinds, read from the index alone.
    """CREATE INDEX IF NOT EXISTS ix_delivery_events_environment ON delivery_events
        (environment, ts, id, what, subject_id, artifact_id, service, chain_id, digest)""",
    """CREATE INDEX IF NOT EXISTS ix_delivery_events_what ON delivery_events
        (what, ts, id, subject_id, environment, artifact_id, service, chain_id, digest)""",
    """CREATE TABLE IF NOT EXISTS upstream_commits (
        deployment_id TEXT NOT NULL,
        hash TEXT NOT NULL,
        ts TEXT NOT NULL,
        what TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        environment TEXT,
        PRIMARY KEY (deployment_id, hash)) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS ix_upstream_commits_ts ON upstream_commits (ts, deployment_id)",
    # Covering (the key rides along): what a window's deployments of some environments shipped.
    """CREATE INDEX IF NOT EXISTS ix_upstream_commits_environment ON upstream_commits
        (environment, ts, deployment_id, hash)""",
    # Covering: the deployments of some environments naming a commit, from the index alone.
    """CREATE INDEX IF NOT EXISTS ix_upstream_commits_hash_environment ON upstream_commits
        (hash, environment, what, ts, deployment_id, subject_id)""",
    *incident_links.DDL,
)

_COLUMNS = "id, what, ts, subject_id, environment, artifact_id, service, chain_id, digest"
_UPSTREAM_COLUMNS = "deployment_id, hash, ts, what, subject_id, environment"
_SELECT_UPSTREAM = f"SELECT {_UPSTREAM_COLUMNS} FROM upstream_commits"
_SELECT = f"SELECT {_COLUMNS} FROM delivery_events"
#: What a window read (`DeliveryRow`) takes: the columns but the digest.
_SELECT_ROW = f"SELECT {_COLUMNS.removesuffix(', digest')} FROM delivery_events"
#: The stored text of the deployment kinds (deployed, upgraded: not rolled back), and of the
#: incident events' kinds.
_DEPLOYS = tuple(kind.value for kind in DeliveryKind if kind.deploys)
_INCIDENT_KINDS = tuple(kind.value for kind in DeliveryKind if not kind.is_deployment_kind)
_DEPLOYMENT_KINDS = tuple(kind.value for kind in DeliveryKind if kind.is_deployment_kind)
_INSERT = f"INSERT OR IGNORE INTO delivery_events ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?)"
#: Events read per step when deriving the rows of an older store.
_BACKFILL_PAGE = 5_000

Row = tuple[Any, ...]

#: Each kind by its stored text (faster than calling the enum for every row).
_KINDS: dict[str, DeliveryKind] = {kind.value: kind for kind in DeliveryKind}
#: (near, far) link columns of each direction: DOWNSTREAM leaves `ids`, UPSTREAM enters them.
_ENDS: dict[Direction, tuple[tuple[str, str], ...]] = {
    Direction.DOWNSTREAM: (("from_id", "to_id"),),
    Direction.UPSTREAM: (("to_id", "from_id"),),
    Direction.BOTH: (("from_id", "to_id"), ("to_id", "from_id")),
}


def write_delivery_events(cursor: sqlite3.Cursor, facts: Sequence[Fact]) -> None:
    """Store new delivery events (a row already stored stays: it is a function of its event),
    and index the links already stored around the incident-opening ones (`incident_links`)."""
    rows = [f for f in facts if isinstance(f, DeliveryEvent)]
    cursor.executemany(_INSERT, [_row(f) for f in rows])
    openings = [f.id for f in rows if f.what.opens_incident]
    if openings:
        incident_links.index_incident_events(cursor, openings)


def write_upstream_commits(cursor: sqlite3.Cursor, facts: Sequence[Fact]) -> None:
    """Replace the stored upstream commits of each deployment a fact is about."""
    latest = {f.id: f for f in facts if isinstance(f, UpstreamCommits)}
    cursor.executemany(
        "DELETE FROM upstream_commits WHERE deployment_id = ?", [(key,) for key in latest]
    )
    cursor.executemany(
        f"INSERT INTO upstream_commits ({_UPSTREAM_COLUMNS}) VALUES (?,?,?,?,?,?)",
        [
            (r["deploymentId"], r["hash"], r["at"], r["what"], r["subjectId"], r["environment"])
            for fact in latest.values()
            for r in upstream_records(fact)
        ],
    )


def write_derivations(cursor: sqlite3.Cursor, facts: Sequence[Fact]) -> None:
    """Derivation markers are their identity rows alone (`facts`): nothing to project."""


def mark_derived(cursor: sqlite3.Cursor, kinds: Sequence[str]) -> None:
    """Record that the derived kinds are there for every stored record."""
    cursor.executemany(
        "INSERT OR IGNORE INTO facts (kind, id, digest) VALUES (?, ?, ?)",
        [(Derivation.kind, kind, Derivation(kind).digest) for kind in kinds],
    )


def backfill_delivery_events(cursor: sqlite3.Cursor) -> int:
    """Derive and store the delivery event of every stored event of a delivery type (a store
    written before the rows existed; rows already there stay); returns how many were derived."""
    added = 0
    reader = cursor.connection.cursor()  # reads events while `cursor` writes the rows
    for prefix in DELIVERY_TYPE_PREFIXES:
        bound = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        reader.execute(f"{schema.SELECT_EVENTS} WHERE type >= ? AND type < ?", (prefix, bound))
        while rows := reader.fetchmany(_BACKFILL_PAGE):
            derived = [d for row in rows if (d := delivery_event(event_from_row(row))) is not None]
            cursor.executemany(
                "INSERT OR IGNORE INTO facts (kind, id, digest) VALUES (?, ?, ?)",
                [(d.kind, d.id, d.digest) for d in derived],
            )
            write_delivery_events(cursor, derived)
            added += len(derived)
    mark_derived(cursor, [DeliveryEvent.kind])
    return added


def _row(row: DeliveryEvent) -> Row:
    return (
        row.id, row.what.value, format_timestamp(row.at), row.subject_id, row.environment,
        row.artifact_id, row.service, row.chain_id, row.digest,
    )  # fmt: skip


def _upstream(row: Row) -> UpstreamCommit:
    # positional, in field order (deployment_id, hash, at, what, subject_id, environment): rows
    # come by the ten thousand, and keywords cost a frozen dataclass half as much again
    return UpstreamCommit(row[0], row[1], datetime.fromisoformat(row[2]), _KINDS[row[3]], row[4],
                          row[5])  # fmt: skip


def _delivery(row: Row) -> DeliveryEvent:
    # positional, in field order (id, digest, what, at, subject_id, environment, artifact_id,
    # service, chain_id), from the columns in `_COLUMNS` order
    return DeliveryEvent(row[0], row[8], _KINDS[row[1]], datetime.fromisoformat(row[2]), row[3],
                         row[4], row[5], row[6], row[7])  # fmt: skip


class EmbeddedDelivery:
    """`DeliveryStore` over the embedded store's connections (a mixin of `EmbeddedStore`)."""

    @property
    def _reader(self) -> sqlite3.Connection:
        raise NotImplementedError  # provided by EmbeddedStore

    def delivery_events_between(self, since: datetime, until: datetime) -> list[DeliveryEvent]:
        """Delivery events at or after `since` and before `until`, by (time, id)."""
        rows = self._reader.execute(
            f"{_SELECT} WHERE ts >= ? AND ts < ? ORDER BY ts, id",
            (format_timestamp(since), format_timestamp(until)),
        )
        return [_delivery(row) for row in rows]

    def delivery_events_in(
        self, since: datetime, until: datetime, environments: Sequence[str]
    ) -> list[DeliveryRow]:
        """The deployment events (deployed, upgraded, rolled back) in one of `environments` and
        every incident event, at or after `since` and before `until`, by (time, id)."""
        bounds = (format_timestamp(since), format_timestamp(until))
        places = ",".join("?" * len(environments))
        kinds = ",".join("?" * len(_INCIDENT_KINDS))
        deployments = ",".join("?" * len(_DEPLOYMENT_KINDS))
        rows = self._reader.execute(
            f"{_SELECT_ROW} INDEXED BY ix_delivery_events_environment "
            f"WHERE environment IN ({places}) AND ts >= ? AND ts < ? AND what IN ({deployments}) "
            f"UNION ALL {_SELECT_ROW} INDEXED BY ix_delivery_events_what "
            f"WHERE what IN ({kinds}) AND ts >= ? AND ts < ? ORDER BY 3, 1",
            (*environments, *bounds, *_DEPLOYMENT_KINDS, *_INCIDENT_KINDS, *bounds),
        )
        parse, kind_of = datetime.fromisoformat, _KINDS
        return [
            DeliveryRow(i, kind_of[what], parse(ts), subject, env, artifact, service, chain)
            for i, what, ts, subject, env, artifact, service, chain in rows
        ]

    def delivery_environments(self) -> list[str]:
        """Every environment id a delivery event names, in text order (one index step each)."""
        found: list[str] = []
        after = ""
        while True:
            row = self._reader.execute(
                "SELECT environment FROM delivery_events WHERE environment > ? "
                "ORDER BY environment LIMIT 1",
                (after,),
            ).fetchone()
            if row is None:
                return found
            after = row[0]
            found.append(after)

    def delivery_events(self, ids: Sequence[str]) -> dict[str, DeliveryEvent]:
        """The delivery events among `ids`."""
        rows = select_in(self._reader, f"{_SELECT} WHERE id IN ({{}})", ids)
        return {row[0]: _delivery(row) for row in rows}

    def subject_delivery_events_before(
        self, subject_id: str, at: datetime, event_id: str, limit: int
    ) -> list[DeliveryEvent]:
        """Up to `limit` delivery events of `subject_id` before (`at`, `event_id`), newest
        (time, id) first."""
        ts = format_timestamp(at)
        rows = self._reader.execute(
            f"{_SELECT} WHERE subject_id = ? AND ts <= ? AND (ts < ? OR id < ?) "
            "ORDER BY ts DESC, id DESC LIMIT ?",
            (subject_id, ts, ts, event_id, limit),
        )
        return [_delivery(row) for row in rows]

    def link_ends(
        self,
        ids: Sequence[str],
        direction: Direction,
        types: Sequence[LinkType],
        include_inferred: bool = True,
        skipped_inferred_kinds: Sequence[str] = (),
    ) -> list[tuple[str, str]]:
        """(id, other end) of every link of `types` leaving, entering or touching one of `ids`
        (see `DeliveryStore.link_ends`), read from the link columns alone."""
        kinds = [t.value for t in types if t is not LinkType.START]
        if not ids or not kinds:
            return []
        where = f"type IN ({','.join('?' * len(kinds))})"
        params: list[Any] = list(kinds)
        if not include_inferred:
            where += " AND inferred = 0"
        elif skipped_inferred_kinds:
            marks = ",".join("?" * len(skipped_inferred_kinds))
            where += f" AND NOT (inferred = 1 AND coalesce(kind, '') IN ({marks}))"
            params.extend(skipped_inferred_kinds)
        found: set[tuple[str, str]] = set()
        for near, far in _ENDS[direction]:
            query = (
                f"SELECT {near}, {far} FROM links WHERE {near} IN ({{}}) AND {where} "
                f"AND {far} IS NOT NULL"
            )
            found.update((row[0], row[1]) for row in select_in(self._reader, query, ids, params))
        return sorted(found)

    def incident_links_between(self, since: datetime, until: datetime) -> list[tuple[str, str]]:
        """(incident event id, other end) of the producer links touching the incident-opening
        events at or after `since` and before `until`: one range read of `incident_links`."""
        bounds = (format_timestamp(since), format_timestamp(until))
        return sorted(self._reader.execute(incident_links.SELECT_BETWEEN, bounds))

    def event_kinds(self, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """(subject type, predicate) of each stored event among `ids`, from their columns."""
        query = "SELECT id, subject_type, predicate FROM events WHERE id IN ({})"
        return {row[0]: (row[1], row[2]) for row in select_in(self._reader, query, ids)}

    def upstream_commits_between(self, since: datetime, until: datetime) -> list[UpstreamCommit]:
        """The upstream commits of the deployment events at or after `since` and before
        `until`, by (deployment time, deployment id, hash)."""
        rows = self._reader.execute(
            f"{_SELECT_UPSTREAM} WHERE ts >= ? AND ts < ? ORDER BY ts, deployment_id, hash",
            (format_timestamp(since), format_timestamp(until)),
        )
        return [_upstream(row) for row in rows]

    def upstream_commits_of(self, deployment_ids: Sequence[str]) -> list[UpstreamCommit]:
        """The upstream commits of the given deployment events."""
        query = f"{_SELECT_UPSTREAM} WHERE deployment_id IN ({{}})"
        return [_upstream(row) for row in select_in(self._reader, query, deployment_ids)]

    def upstream_hashes_in(
        self, since: datetime, until: datetime, environments: Sequence[str]
    ) -> list[tuple[str, str]]:
        """(deployment id, hash) of the upstream commits of the deployment events in one of
        `environments` at or after `since` and before `until` (one range of
        `ix_upstream_commits_environment` per environment), in no set order."""
        bounds = (format_timestamp(since), format_timestamp(until))
        found: list[tuple[str, str]] = []
        for environment in dict.fromkeys(environments):
            found.extend(
                self._reader.execute(
                    "SELECT deployment_id, hash FROM upstream_commits "
                    "WHERE environment = ? AND ts >= ? AND ts < ?",
                    (environment, *bounds),
                )
            )
        return found

    def deployment_times_naming(
        self, hashes: Sequence[str], environments: Sequence[str]
    ) -> list[tuple[str, datetime, str]]:
        """(hash, deployment time, deployment id) of the upstream commits whose hash is one of
        `hashes` of the deployments in one of `environments`, in no set order."""
        if not environments:
            return []
        places = ",".join("?" * len(environments))
        kinds = ",".join("?" * len(_DEPLOYS))
        # `+what`: a key's few rows are filtered, rather than one seek per kind and key
        query = (
            f"SELECT hash, ts, deployment_id FROM upstream_commits WHERE hash IN ({{}}) "
            f"AND environment IN ({places}) AND +what IN ({kinds})"
        )
        rows = select_in(self._reader, query, hashes, (*environments, *_DEPLOYS))
        return [(h, datetime.fromisoformat(at), deployment_id) for h, at, deployment_id in rows]

    def upstream_commits_naming(self, hashes: Sequence[str]) -> list[UpstreamCommit]:
        """The upstream commits whose hash is one of `hashes` (the deployments downstream of
        the events naming them)."""
        query = f"{_SELECT_UPSTREAM} WHERE hash IN ({{}})"
        return [_upstream(row) for row in select_in(self._reader, query, hashes)]
