"""What the DORA metrics read from the store: production deployments, rollbacks, incidents.

Everything is read for a span `[start, until)`: deployment CDEvents (`service.deployed` /
`upgraded`, any schema version) and successful PipeCD deployments to a production environment,
`service.rolledback` events, `incident.detected` / `reported` events grouped by incident (subject
id) with their first `incident.resolved`, and the producer links touching the incidents' events.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from lineage.model import Direction, Event
from lineage.model.deployment_status import DeploymentOrigin, DeploymentStatus
from lineage.model.pipecd import Deployment
from lineage.services.deployments import DeploymentView, derived_view, environment_of, explicit_view
from lineage.services.dora.production import ProductionEnvironments
from lineage.store.protocol import EventFilter, Store

DEPLOYED = ("dev.cdevents.service.deployed.", "dev.cdevents.service.upgraded.")
ROLLED_BACK = ("dev.cdevents.service.rolledback.",)
INCIDENT_OPENED = ("dev.cdevents.incident.detected.", "dev.cdevents.incident.reported.")
INCIDENT_RESOLVED = ("dev.cdevents.incident.resolved.",)
#: Events per `find_events` page.
PAGE = 5_000
#: How long before its first event a PipeCD deployment may have been created.
PIPECD_LEAD = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class ProductionDeployment:
    """A deployment to production: a successful PipeCD deployment or a deployed/upgraded event.

    `deployed_at`: the event's time, or the PipeCD deployment's completion (else creation) time.
    `names`: every name the service goes by (PipeCD: application id and name).
    """

    id: str
    origin: DeploymentOrigin
    service: str
    environment: str
    deployed_at: datetime
    artifact_id: str | None
    chain_id: str | None
    names: frozenset[str]
    view: DeploymentView

    @property
    def key(self) -> tuple[str, str]:
        """(service, environment): deployments of one key replace one another."""
        return (self.service, self.environment)


@dataclass(frozen=True, slots=True)
class Rollback:
    """A `service.rolledback` event: which service, in which environment, when."""

    id: str
    service: str
    environment: str | None
    at: datetime


@dataclass(frozen=True, slots=True)
class Incident:
    """An incident (subject id) opened by `incident.detected` / `reported` events.

    `opened_at`: its first such event; `resolved_at`: its first `incident.resolved` after that.
    `service`, `environment`, `artifact_id`: what its first event naming each says.
    """

    id: str
    events: tuple[Event, ...]
    opened_at: datetime
    service: str | None
    environment: str | None
    artifact_id: str | None
    resolved_at: datetime | None = None
    resolution_id: str | None = None
    chain_ids: frozenset[str] = frozenset()


@dataclass(slots=True)
class History:
    """Production deployments (by time), rollbacks, incidents (by opening) of a span, the ids
    each incident's events are linked to (`linked`), and the production deployments outside the
    span among those ids (`elsewhere`)."""

    deployments: list[ProductionDeployment] = field(default_factory=list)
    rollbacks: list[Rollback] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    linked: dict[str, set[str]] = field(default_factory=dict)
    elsewhere: dict[str, ProductionDeployment] = field(default_factory=dict)


def read_history(
    store: Store, production: ProductionEnvironments, start: datetime, until: datetime
) -> History:
    """Production deployments, rollbacks and incidents with `start <= time < until`."""
    deployments = [
        *(derived_deployment(e, production) for e in events_between(store, DEPLOYED, start, until)),
        *(
            explicit_deployment(record, production)
            for record in store.deployments_between(start - PIPECD_LEAD, until)
        ),
    ]
    chosen = sorted(
        (d for d in deployments if d is not None and start <= d.deployed_at < until),
        key=lambda d: (d.deployed_at, d.id),
    )
    rollbacks = [
        Rollback(e.id, e.subject_id, environment_of(e), e.timestamp)
        for e in events_between(store, ROLLED_BACK, start, until)
    ]
    incidents = _incidents(
        events_between(store, INCIDENT_OPENED, start, until),
        events_between(store, INCIDENT_RESOLVED, start, until),
    )
    linked = _linked(store, incidents)
    known = {d.id for d in chosen}
    outside = sorted({i for ids in linked.values() for i in ids} - known)
    found = store.get_events(outside) if outside else {}
    elsewhere = {
        d.id: d
        for event in found.values()
        if _deployed(event) and (d := derived_deployment(event, production)) is not None
    }
    for record in (store.get_deployments(outside) if outside else {}).values():
        explicit = explicit_deployment(record, production)
        if explicit is not None:
            elsewhere[explicit.id] = explicit
    return History(chosen, rollbacks, incidents, linked, elsewhere)


def _deployed(event: Event) -> bool:
    return any(event.type.startswith(prefix) for prefix in DEPLOYED)


def events_between(
    store: Store, prefixes: Sequence[str], start: datetime, until: datetime
) -> list[Event]:
    """Events of any version of the types `prefixes` name, `start <= time < until`, by time."""
    runs = [_of_type(store, kind, start, until) for kind in store.event_types(prefixes)]
    return list(heapq.merge(*runs, key=lambda e: (e.timestamp, e.id)))


def _of_type(store: Store, kind: str, start: datetime, until: datetime) -> list[Event]:
    """Events of one type in the span: one indexed range per type, page by page."""
    wanted = EventFilter(types=[kind], since=start, until=until)
    found: list[Event] = []
    after: str | None = None
    while True:
        page = store.find_events(wanted, PAGE, after)
        found.extend(e for e in page.items if e.timestamp < until)
        if not page.has_next:
            return found
        after = page.end_cursor


def derived_deployment(
    event: Event, production: ProductionEnvironments
) -> ProductionDeployment | None:
    """The production deployment a deployed/upgraded event is, or None (not to production)."""
    environment = environment_of(event)
    if environment is None or environment not in production:
        return None
    view = derived_view(event, None, [event])
    return ProductionDeployment(
        id=event.id,
        origin=DeploymentOrigin.DERIVED,
        service=event.subject_id,
        environment=environment,
        deployed_at=event.timestamp,
        artifact_id=view.artifact_id,
        chain_id=event.chain_id,
        names=frozenset({event.subject_id}),
        view=view,
    )


def explicit_deployment(
    record: Deployment, production: ProductionEnvironments
) -> ProductionDeployment | None:
    """The production deployment a PipeCD record is, or None (not successful, not production)."""
    if record.status is not DeploymentStatus.SUCCESS or record.env_id not in production:
        return None
    assert record.env_id is not None
    view = explicit_view(record, record.trace_commit_hash, None)
    names = {record.application_id, *([record.application_name] if record.application_name else [])}
    return ProductionDeployment(
        id=record.id,
        origin=DeploymentOrigin.EXPLICIT,
        service=view.application,
        environment=record.env_id,
        deployed_at=record.completed_at or record.created_at,
        artifact_id=None,
        chain_id=None,
        names=frozenset(names),
        view=view,
    )


def _incidents(opened: Iterable[Event], resolved: Iterable[Event]) -> list[Incident]:
    """Incidents by opening time: their opening events, and their first resolution after it."""
    events: dict[str, list[Event]] = {}
    for event in opened:
        events.setdefault(event.subject_id, []).append(event)
    resolutions: dict[str, list[Event]] = {}
    for event in resolved:
        resolutions.setdefault(event.subject_id, []).append(event)
    incidents: list[Incident] = []
    for incident_id, found in events.items():
        first = found[0]
        resolution = next(
            (r for r in resolutions.get(incident_id, ()) if r.timestamp >= first.timestamp), None
        )
        incidents.append(
            Incident(
                id=incident_id,
                events=tuple(found),
                opened_at=first.timestamp,
                service=_first(found, "service"),
                environment=_first(found, "environment"),
                artifact_id=_first(found, "artifactId"),
                resolved_at=resolution.timestamp if resolution is not None else None,
                resolution_id=resolution.id if resolution is not None else None,
                chain_ids=frozenset(e.chain_id for e in found if e.chain_id),
            )
        )
    return sorted(incidents, key=lambda i: (i.opened_at, i.id))


def _first(events: Iterable[Event], key: str) -> str | None:
    """The id the first event naming `key` in its content gives (object with `id`, or text)."""
    for event in events:
        value = _reference(event.subject_content, key)
        if value is not None:
            return value
    return None


def _reference(content: Mapping[str, Any], key: str) -> str | None:
    value: Any = content.get(key)
    if isinstance(value, Mapping):
        value = value.get("id")
    return value if isinstance(value, str) and value else None


def _linked(store: Store, incidents: Sequence[Incident]) -> dict[str, set[str]]:
    """For each incident, the ids its events are joined to by producer links (either way)."""
    owner = {event.id: incident.id for incident in incidents for event in incident.events}
    if not owner:
        return {}
    linked: dict[str, set[str]] = {}
    for link in store.links_touching(list(owner), Direction.BOTH, include_inferred=False):
        for end, other in ((link.from_id, link.to_id), (link.to_id, link.from_id)):
            incident = owner.get(end) if end is not None else None
            if incident is not None and other is not None and other not in owner:
                linked.setdefault(incident, set()).add(other)
    return linked
