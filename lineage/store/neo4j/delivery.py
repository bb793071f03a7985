"""Delivery events and upstream commits in Neo4j (`DeliveryStore`): nodes, their writers,
reads, and the one-time derivation of the delivery events of events stored before they existed.

Model: `(:DeliveryEvent {id, digest, what, at, subjectId, environment, artifactId, service,
chainId})`, one per deployment or incident event (`lineage.model.delivery`), indexed on `at` (a
window's range read), `subjectId` (a service's previous deployment), and (`environment`, `at`)
and (`what`, `at`) (the DORA metrics' window: production deployments, every incident event);
`(:UpstreamCommit {deploymentId, hash, at, what, subjectId, environment})`, one per commit named
upstream of a deployment event, indexed on `deploymentId`, `at`, `hash` and (`environment`, `at`)
(what a window's production deployments shipped).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Final, TypeVar

from neo4j import ManagedTransaction, Session

from lineage.model import Direction, LinkType, format_timestamp
from lineage.model.delivery import (
    DELIVERY_TYPE_PREFIXES,
    DeliveryEvent,
    DeliveryKind,
    UpstreamCommits,
    delivery_event,
)
from lineage.model.derivation import MARKED_KINDS, Derivation
from lineage.model.fact import Fact
from lineage.store.codec import event_from_record
from lineage.store.delivery import (
    DeliveryRow,
    UpstreamCommit,
    delivery_from_record,
    delivery_record,
    delivery_row_from_record,
    upstream_from_record,
    upstream_records,
)
from lineage.store.neo4j.statements import Row, _rows, _rows_in, _run_batches

R = TypeVar("R")

#: Constraints and indexes of delivery events, created idempotently with the store's schema.
DELIVERY_SCHEMA_STATEMENTS: Final = (
    "constraint_delivery_event_id",
    "index_delivery_event_at",
    "index_delivery_event_subject",
    "index_delivery_event_environment",
    "index_delivery_event_what",
    "index_upstream_commit_deployment",
    "index_upstream_commit_at",
    "index_upstream_commit_hash",
    "index_upstream_commit_environment",
)
#: Relationship type of each link type with two ends (START has one).
_RELATIONSHIP: Final = {LinkType.PATH: "PATH", LinkType.RELATION: "RELATION", LinkType.END: "END"}
#: link_ends statement of each direction.
LINK_ENDS_STATEMENTS: Final = {
    Direction.DOWNSTREAM: "link_ends_downstream",
    Direction.UPSTREAM: "link_ends_upstream",
    Direction.BOTH: "link_ends_both",
}
#: Kinds of deployment events, of deployments (not rollbacks), and of incident events.
_DEPLOYMENT_KINDS: Final = [kind.value for kind in DeliveryKind if kind.is_deployment_kind]
_DEPLOYS: Final = [kind.value for kind in DeliveryKind if kind.deploys]
_INCIDENT_KINDS: Final = [kind.value for kind in DeliveryKind if not kind.is_deployment_kind]
#: Kinds of the incident-opening events.
_OPENINGS: Final = [kind.value for kind in DeliveryKind if kind.opens_incident]
#: Events derived per write transaction when deriving the rows of an older store.
_BACKFILL_PAGE: Final = 2_000


def write_delivery_events(tx: ManagedTransaction, facts: Sequence[Fact]) -> None:
    """Store new delivery events (a stored one stays: it is a function of its event)."""
    rows = [delivery_record(f) for f in facts if isinstance(f, DeliveryEvent)]
    _run_batches(tx, "write_delivery_events", rows)


def write_upstream_commits(tx: ManagedTransaction, facts: Sequence[Fact]) -> None:
    """Replace the stored upstream commits of each deployment a fact is about."""
    latest = {f.id: f for f in facts if isinstance(f, UpstreamCommits)}
    _rows_in(tx, "delete_upstream_commits", sorted(latest))
    rows = [record for fact in latest.values() for record in upstream_records(fact)]
    _run_batches(tx, "write_upstream_commits", rows)


def write_derivations(tx: ManagedTransaction, facts: Sequence[Fact]) -> None:
    """Derivation markers are their identity nodes alone (`:Fact`): nothing to project."""


def prepare_derivations(session: Session) -> None:
    """Make sure of the derived kinds of a store opened by this version: an empty store has them
    all (marked); one written before delivery events existed gets them derived here, once
    (its upstream commits need graph walks: `lineage db derive`)."""
    marked = {
        row["id"]
        for row in session.execute_read(
            lambda tx: _rows(tx, "fact_digests", kind=Derivation.kind, ids=list(MARKED_KINDS))
        )
    }
    if marked >= set(MARKED_KINDS):
        return
    counts = session.execute_read(lambda tx: _rows(tx, "stats"))[0]
    if counts["events"] + counts["placeholders"] == 0:
        _mark(session, MARKED_KINDS)
        return
    if DeliveryEvent.kind not in marked:
        backfill_delivery_events(session)


def backfill_delivery_events(session: Session) -> int:
    """Derive the delivery events of stored events that have none, then mark the kind done;
    returns how many events were derived from."""
    added = 0
    for prefix in DELIVERY_TYPE_PREFIXES:
        while count := session.execute_write(_backfill_page, prefix):
            added += count
    _mark(session, [DeliveryEvent.kind])
    return added


def _mark(session: Session, kinds: Sequence[str]) -> None:
    rows = [{"kind": Derivation.kind, "id": k, "digest": Derivation(k).digest} for k in kinds]
    session.execute_write(lambda tx: _run_batches(tx, "write_facts", rows))


def _backfill_page(tx: ManagedTransaction, prefix: str) -> int:
    rows = _rows(tx, "delivery_backfill_events", prefix=prefix, limit=_BACKFILL_PAGE)
    derived = [d for row in rows if (d := delivery_event(event_from_record(row))) is not None]
    _run_batches(
        tx, "write_facts", [{"kind": d.kind, "id": d.id, "digest": d.digest} for d in derived]
    )
    write_delivery_events(tx, derived)
    return len(rows)


class Neo4jDelivery:
    """`DeliveryStore` reads over the Neo4j store's sessions (a mixin of `Neo4jStore`)."""

    def _read(self, work: Callable[[ManagedTransaction], R]) -> R:
        raise NotImplementedError  # provided by Neo4jStore

    def delivery_events_between(self, since: datetime, until: datetime) -> list[DeliveryEvent]:
        """Delivery events at or after `since` and before `until`, by (time, id)."""
        params = {"since": format_timestamp(since), "until": format_timestamp(until)}
        rows = self._read(lambda tx: _rows(tx, "delivery_events_between", **params))
        return [delivery_from_record(row["record"]) for row in rows]

    def delivery_events_in(
        self, since: datetime, until: datetime, environments: Sequence[str]
    ) -> list[DeliveryRow]:
        """The deployment events (deployed, upgraded, rolled back) in one of `environments` and
        every incident event, at or after `since` and before `until`, by (time, id)."""
        bounds = {"since": format_timestamp(since), "until": format_timestamp(until)}

        def work(tx: ManagedTransaction) -> list[Row]:
            places = {"environments": list(environments), "kinds": _DEPLOYMENT_KINDS}
            rows = (
                _rows(tx, "delivery_events_in_environments", **places, **bounds)
                if environments
                else []
            )
            return rows + _rows(tx, "delivery_events_of_kinds", kinds=_INCIDENT_KINDS, **bounds)

        found = [delivery_row_from_record(row["record"]) for row in self._read(work)]
        return sorted(found, key=lambda row: (row.at, row.id))

    def delivery_environments(self) -> list[str]:
        """Every environment id a delivery event names, in text order (one index step each)."""

        def work(tx: ManagedTransaction) -> list[str]:
            found: list[str] = []
            while rows := _rows(tx, "delivery_environment_after", after=found[-1] if found else ""):
                found.append(rows[0]["environment"])
            return found

        return self._read(work)

    def delivery_events(self, ids: Sequence[str]) -> dict[str, DeliveryEvent]:
        """The delivery events among `ids`."""
        rows = self._read(lambda tx: _rows_in(tx, "delivery_events_by_id", ids))
        found = (delivery_from_record(row["record"]) for row in rows)
        return {row.id: row for row in found}

    def subject_delivery_events_before(
        self, subject_id: str, at: datetime, event_id: str, limit: int
    ) -> list[DeliveryEvent]:
        """Up to `limit` delivery events of `subject_id` before (`at`, `event_id`), newest
        (time, id) first."""
        params = {"subjectId": subject_id, "at": format_timestamp(at), "id": event_id,
                  "limit": limit}  # fmt: skip
        rows = self._read(lambda tx: _rows(tx, "subject_delivery_events_before", **params))
        return [delivery_from_record(row["record"]) for row in rows]

    def link_ends(
        self,
        ids: Sequence[str],
        direction: Direction,
        types: Sequence[LinkType],
        include_inferred: bool = True,
        skipped_inferred_kinds: Sequence[str] = (),
    ) -> list[tuple[str, str]]:
        """(id, other end) of every link of `types` leaving, entering or touching one of `ids`
        (see `DeliveryStore.link_ends`), read from the relationships' ends alone."""
        rel_types = sorted({_RELATIONSHIP[t] for t in types if t in _RELATIONSHIP})
        if not ids or not rel_types:
            return []
        params = {"relTypes": rel_types, "includeInferred": include_inferred,
                  "skippedKinds": list(skipped_inferred_kinds)}  # fmt: skip
        name = LINK_ENDS_STATEMENTS[direction]
        rows = self._read(lambda tx: _rows_in(tx, name, ids, **params))
        return sorted({(row["id"], row["otherId"]) for row in rows if row["otherId"] is not None})

    def incident_links_between(self, since: datetime, until: datetime) -> list[tuple[str, str]]:
        """(incident event id, other end) of the producer links touching the incident-opening
        events at or after `since` and before `until`: the events from the (what, at) index, their
        links from the graph's adjacency."""
        params = {"kinds": _OPENINGS, "since": format_timestamp(since),
                  "until": format_timestamp(until)}  # fmt: skip
        rows = self._read(lambda tx: _rows(tx, "incident_links_between", **params))
        return sorted({(row["id"], row["otherId"]) for row in rows})

    def event_kinds(self, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """(subject type, predicate) of each stored event among `ids`, from their properties."""
        rows = self._read(lambda tx: _rows_in(tx, "event_kinds", ids))
        return {row["id"]: (row["subjectType"], row["predicate"]) for row in rows}

    def upstream_commits_between(self, since: datetime, until: datetime) -> list[UpstreamCommit]:
        """The upstream commits of the deployment events at or after `since` and before
        `until`, by (deployment time, deployment id, hash)."""
        params = {"since": format_timestamp(since), "until": format_timestamp(until)}
        rows = self._read(lambda tx: _rows(tx, "upstream_commits_between", **params))
        return [upstream_from_record(row["record"]) for row in rows]

    def upstream_commits_of(self, deployment_ids: Sequence[str]) -> list[UpstreamCommit]:
        """The upstream commits of the given deployment events."""
        rows = self._read(lambda tx: _rows_in(tx, "upstream_commits_of", deployment_ids))
        return [upstream_from_record(row["record"]) for row in rows]

    def upstream_hashes_in(
        self, since: datetime, until: datetime, environments: Sequence[str]
    ) -> list[tuple[str, str]]:
        """(deployment id, hash) of the upstream commits of the deployment events in one of
        `environments` at or after `since` and before `until` (one range seek of the
        (environment, at) index per environment), in no set order."""
        if not environments:
            return []
        params = {"environments": list(dict.fromkeys(environments)),
                  "since": format_timestamp(since), "until": format_timestamp(until)}  # fmt: skip
        rows = self._read(lambda tx: _rows(tx, "upstream_hashes_in_environments", **params))
        return [(row["deploymentId"], row["hash"]) for row in rows]

    def deployment_times_naming(
        self, hashes: Sequence[str], environments: Sequence[str]
    ) -> list[tuple[str, datetime, str]]:
        """(hash, deployment time, deployment id) of the upstream commits whose hash is one of
        `hashes` of the deployments in one of `environments`, in no set order."""
        if not environments:
            return []
        params = {"environments": list(environments), "kinds": _DEPLOYS}
        rows = self._read(lambda tx: _rows_in(tx, "deployment_times_naming", hashes, **params))
        return [
            (row["hash"], datetime.fromisoformat(row["at"]), row["deploymentId"]) for row in rows
        ]

    def upstream_commits_naming(self, hashes: Sequence[str]) -> list[UpstreamCommit]:
        """The upstream commits whose hash is one of `hashes` (the deployments downstream of
        the events naming them)."""
        rows = self._read(lambda tx: _rows_in(tx, "upstream_commits_naming", hashes))
        return [upstream_from_record(row["record"]) for row in rows]
