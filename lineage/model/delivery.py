"""Delivery events: the compact row ingest derives from each deployment and incident CDEvent.

The DORA metrics read production deployments, rollbacks and incidents of a window; decoding
whole events for that is what made a 90-day window take minutes. So ingest derives, from each
`service.deployed` / `upgraded` / `rolledback` and `incident.detected` / `reported` / `resolved`
CDEvent (any schema version), one `DeliveryEvent` holding what the metrics need of it, written
with the event (a fact of kind `DeliveryEvent`, id = the event id). The row is a pure function of
its event, so it never has to change when other records arrive later, and a store that predates
it can derive it from the events it holds (`delivery_event`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

from lineage.model.event import Event

#: Type prefixes (every version) of the deployment events, and what each one is.
DEPLOYMENT_TYPES: Mapping[str, str] = {
    "dev.cdevents.service.deployed.": "deployed",
    "dev.cdevents.service.upgraded.": "upgraded",
    "dev.cdevents.service.rolledback.": "rolledback",
}
#: Type prefixes (every version) of the incident events, and what each one is.
INCIDENT_TYPES: Mapping[str, str] = {
    "dev.cdevents.incident.detected.": "detected",
    "dev.cdevents.incident.reported.": "reported",
    "dev.cdevents.incident.resolved.": "resolved",
}
#: Every type prefix a delivery event is derived from.
DELIVERY_TYPE_PREFIXES: tuple[str, ...] = (*DEPLOYMENT_TYPES, *INCIDENT_TYPES)


class DeliveryKind(StrEnum):
    """What a delivery event is (the event's predicate)."""

    DEPLOYED = "deployed"
    UPGRADED = "upgraded"
    ROLLEDBACK = "rolledback"
    DETECTED = "detected"
    REPORTED = "reported"
    RESOLVED = "resolved"

    @property
    def deploys(self) -> bool:
        """A deployment in the DORA sense: deployed or upgraded (not a rollback)."""
        return self in (DeliveryKind.DEPLOYED, DeliveryKind.UPGRADED)

    @property
    def is_deployment_kind(self) -> bool:
        """A deployment event's kind: deployed, upgraded or rolled back (not an incident's)."""
        return self in (DeliveryKind.DEPLOYED, DeliveryKind.UPGRADED, DeliveryKind.ROLLEDBACK)

    @property
    def opens_incident(self) -> bool:
        """An incident's opening: detected or reported."""
        return self in (DeliveryKind.DETECTED, DeliveryKind.REPORTED)


@dataclass(frozen=True, slots=True)
class DeliveryEvent:
    """What the DORA metrics need of one deployment or incident event.

    `subject_id`: the service (deployment events) or the incident (incident events).
    `environment`: `content.environment` (an object's `id`, or plain text). `artifact_id`:
    deployments: `content.artifactId` when it is text; incidents: `content.artifactId` (object
    `id` or non-empty text). `service`: incidents only, `content.service` likewise. `digest`: the
    event's digest (the row is a function of the event).
    """

    kind: ClassVar[str] = "DeliveryEvent"

    id: str
    digest: str
    what: DeliveryKind
    at: datetime
    subject_id: str
    environment: str | None
    artifact_id: str | None
    service: str | None
    chain_id: str | None

    @property
    def is_deployment_event(self) -> bool:
        """A `service.deployed` / `upgraded` / `rolledback` event."""
        return self.what.is_deployment_kind


def delivery_event(event: Event) -> DeliveryEvent | None:
    """The delivery event a CDEvent is, or None for any other event."""
    if not event.type.startswith(("dev.cdevents.service.", "dev.cdevents.incident.")):
        return None
    what: str | None = None
    deployment = False
    for prefix, kind in DEPLOYMENT_TYPES.items():
        if event.type.startswith(prefix):
            what, deployment = kind, True
    for prefix, kind in INCIDENT_TYPES.items():
        if event.type.startswith(prefix):
            what = kind
    if what is None:
        return None
    content = event.subject_content
    if deployment:
        artifact: Any = content.get("artifactId")
        artifact_id = artifact if isinstance(artifact, str) else None
        service = None
    else:
        artifact_id = content_reference(content, "artifactId")
        service = content_reference(content, "service")
    return DeliveryEvent(
        id=event.id,
        digest=event.digest,
        what=DeliveryKind(what),
        at=event.timestamp,
        subject_id=event.subject_id,
        environment=content_reference(content, "environment"),
        artifact_id=artifact_id,
        service=service,
        chain_id=event.chain_id,
    )


def content_reference(content: Mapping[str, Any], key: str) -> str | None:
    """The id `content[key]` gives: an object's `id`, or non-empty text; else None."""
    value: Any = content.get(key)
    if isinstance(value, Mapping):
        value = value.get("id")
    return value if isinstance(value, str) and value else None


@dataclass(frozen=True, slots=True)
class UpstreamCommits:
    """The commits named by a deployment event and every event upstream of it (the reach a
    commit trace walks: PATH and END links, producer and inferred, but not through
    environments), as ingest last computed them; a fact of kind `UpstreamCommits` whose id is
    the deployment event's. Ingest recomputes it whenever a record changes that reach (a later
    link or event upstream of the deployment), and the store replaces the stored one.

    `deployment`: the deployment event's delivery row (`service.deployed` / `upgraded` /
    `rolledback`). `hashes`: the commit hashes as the events name them (manifest commits not
    replaced: that is the reader's), sorted. `digest`: of the row's content.
    """

    kind: ClassVar[str] = "UpstreamCommits"

    id: str
    digest: str
    deployment: DeliveryEvent
    hashes: tuple[str, ...]
