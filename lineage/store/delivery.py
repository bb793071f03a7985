"""The delivery part of the store protocol: deployment and incident rows for the DORA metrics.

`Store` composes this protocol; each backend implements it in its own module
(`lineage.store.embedded.delivery`, `lineage.store.neo4j.delivery`), which also registers the
writer of the fact kind `DeliveryEvent` (rows ingest derives per event,
`lineage.model.delivery`) and derives the rows of events stored before the kind existed when it
opens an older store. `delivery_record` / `delivery_from_record` are the one flat shape both
backends store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple, Protocol

from lineage.model import Direction, LinkType, format_timestamp
from lineage.model.delivery import DeliveryEvent, DeliveryKind, UpstreamCommits

#: The fact kind whose ids name derivations done for every stored record (a store written
#: before a derived kind existed lacks it until the derivation has been run over it).
DERIVATION = "Derivation"


@dataclass(frozen=True, slots=True)
class UpstreamCommit:
    """One commit named upstream of a deployment event (`UpstreamCommits`), with the
    deployment's time, kind, service and environment."""

    deployment_id: str
    hash: str
    at: datetime
    what: DeliveryKind
    subject_id: str
    environment: str | None


class DeliveryRow(NamedTuple):
    """A delivery event as a window read gives it (`delivery_events_in`): the fields of
    `DeliveryEvent` without its digest. A named tuple: a 90-day window reads ~60,000 of them,
    and a frozen dataclass costs five times as much to build."""

    id: str
    what: DeliveryKind
    at: datetime
    subject_id: str
    environment: str | None
    artifact_id: str | None
    service: str | None
    chain_id: str | None


class DeliveryStore(Protocol):
    """Delivery events (deployments, rollbacks, incidents) and the producer links around them."""

    def delivery_events_between(self, since: datetime, until: datetime) -> list[DeliveryEvent]:
        """Delivery events at or after `since` and before `until`, by (time, id)."""
        ...

    def delivery_events_in(
        self, since: datetime, until: datetime, environments: Sequence[str]
    ) -> list[DeliveryRow]:
        """The deployment events (deployed, upgraded, rolled back) in one of `environments` and
        every incident event, at or after `since` and before `until`, by (time, id): what the
        DORA metrics read of a window, without the other environments' deployments (nor the
        digests)."""
        ...

    def delivery_environments(self) -> list[str]:
        """Every environment id a delivery event names, in text order."""
        ...

    def delivery_events(self, ids: Sequence[str]) -> dict[str, DeliveryEvent]:
        """The delivery events among `ids`."""
        ...

    def subject_delivery_events_before(
        self, subject_id: str, at: datetime, event_id: str, limit: int
    ) -> list[DeliveryEvent]:
        """Up to `limit` delivery events of `subject_id` before (`at`, `event_id`), newest
        (time, id) first."""
        ...

    def link_ends(
        self,
        ids: Sequence[str],
        direction: Direction,
        types: Sequence[LinkType],
        include_inferred: bool = True,
        skipped_inferred_kinds: Sequence[str] = (),
    ) -> list[tuple[str, str]]:
        """(id, other end) of every link of `types` leaving (DOWNSTREAM), entering (UPSTREAM) or
        touching (BOTH) one of `ids`, without inferred links if not `include_inferred` and
        without inferred links of `skipped_inferred_kinds`; distinct pairs, in text order. Only
        the ends are read (walks that need no more than where links lead). START links, which
        have one end, are never among them."""
        ...

    def incident_links_between(self, since: datetime, until: datetime) -> list[tuple[str, str]]:
        """(incident event id, other end) of every producer link (PATH, RELATION, END; not
        inferred) touching, either way, an incident-opening event (detected, reported) at or after
        `since` and before `until`: `link_ends` of those events, read by the events' time instead
        of event by event. Distinct pairs, in text order."""
        ...

    def event_kinds(self, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """(subject type, predicate) of each stored event among `ids`, without reading the
        events (which of a commit's mentions are its merges)."""
        ...

    def upstream_commits_between(self, since: datetime, until: datetime) -> list[UpstreamCommit]:
        """The upstream commits of the deployment events at or after `since` and before
        `until`, by (deployment time, deployment id, hash)."""
        ...

    def upstream_commits_of(self, deployment_ids: Sequence[str]) -> list[UpstreamCommit]:
        """The upstream commits of the given deployment events."""
        ...

    def upstream_hashes_in(
        self, since: datetime, until: datetime, environments: Sequence[str]
    ) -> list[tuple[str, str]]:
        """(deployment id, hash) of the upstream commits of the deployment events (deployed,
        upgraded, rolled back) in one of `environments` at or after `since` and before `until`,
        in no set order: what a window's deployments and their predecessors shipped, in one
        range read per environment instead of a lookup per deployment."""
        ...

    def deployment_times_naming(
        self, hashes: Sequence[str], environments: Sequence[str]
    ) -> list[tuple[str, datetime, str]]:
        """(hash, deployment time, deployment id) of the upstream commits whose hash is one of
        `hashes` of the deployments (deployed, upgraded: not rolled back) in one of
        `environments`, in no set order (what a commit's first production deployment needs:
        the deployments downstream of the events naming it, without the other environments'
        or the rollbacks')."""
        ...

    def upstream_commits_naming(self, hashes: Sequence[str]) -> list[UpstreamCommit]:
        """The upstream commits whose hash is one of `hashes` (the deployments downstream of
        the events naming them)."""
        ...


def delivery_record(row: DeliveryEvent) -> dict[str, Any]:
    """The flat record a backend stores for a delivery event (timestamps as fixed-width text)."""
    return {
        "id": row.id,
        "digest": row.digest,
        "what": row.what.value,
        "at": format_timestamp(row.at),
        "subjectId": row.subject_id,
        "environment": row.environment,
        "artifactId": row.artifact_id,
        "service": row.service,
        "chainId": row.chain_id,
    }


def delivery_from_record(record: Mapping[str, Any]) -> DeliveryEvent:
    """A delivery event from its flat record (`delivery_record`); absent keys read as None."""
    return DeliveryEvent(
        id=record["id"],
        digest=record["digest"],
        what=DeliveryKind(record["what"]),
        at=datetime.fromisoformat(record["at"]),
        subject_id=record["subjectId"],
        environment=record.get("environment"),
        artifact_id=record.get("artifactId"),
        service=record.get("service"),
        chain_id=record.get("chainId"),
    )


def delivery_row_from_record(record: Mapping[str, Any]) -> DeliveryRow:
    """A window read's row from a delivery event's flat record (`delivery_record`)."""
    return DeliveryRow(
        record["id"], DeliveryKind(record["what"]), datetime.fromisoformat(record["at"]),
        record["subjectId"], record.get("environment"), record.get("artifactId"),
        record.get("service"), record.get("chainId"),
    )  # fmt: skip


def upstream_records(fact: UpstreamCommits) -> list[dict[str, Any]]:
    """The flat records a backend stores for one deployment's upstream commits."""
    d = fact.deployment
    at = format_timestamp(d.at)
    return [
        {"deploymentId": d.id, "hash": h, "at": at, "what": d.what.value,
         "subjectId": d.subject_id, "environment": d.environment}
        for h in fact.hashes
    ]  # fmt: skip


def upstream_from_record(record: Mapping[str, Any]) -> UpstreamCommit:
    """An upstream commit from its flat record (`upstream_records`)."""
    return UpstreamCommit(
        deployment_id=record["deploymentId"],
        hash=record["hash"],
        at=datetime.fromisoformat(record["at"]),
        what=DeliveryKind(record["what"]),
        subject_id=record["subjectId"],
        environment=record.get("environment"),
    )
