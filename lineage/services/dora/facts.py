"""What the DORA metrics read from the store: production deployments, rollbacks, incidents.

Everything is read for a span `[start, until)` from the delivery events ingest derives per
deployment and incident event (`lineage.model.delivery`: indexed range reads of the production
environments' deployment events and of every incident event, no event decoded) and the
successful PipeCD deployments to a production environment: deployments
(`service.deployed` / `upgraded`, any schema version), `service.rolledback` events,
`incident.detected` / `reported` events grouped by incident (subject id) with their first
`incident.resolved`, and the ends of the producer links touching the incidents' events (read by
the events' time: `incident_links_between`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

from lineage.model.delivery import DeliveryEvent, DeliveryKind
from lineage.model.deployment_status import DeploymentOrigin, DeploymentStatus
from lineage.model.pipecd import Deployment
from lineage.services.dora.production import ProductionEnvironments
from lineage.store.delivery import DeliveryRow
from lineage.store.protocol import Store

#: How long before its first event a PipeCD deployment may have been created.
PIPECD_LEAD = timedelta(days=1)
#: The delivery kinds that are deployments (deployed, upgraded) and that open an incident.
_DEPLOYS = frozenset(kind for kind in DeliveryKind if kind.deploys)
_OPENS = frozenset(kind for kind in DeliveryKind if kind.opens_incident)

# The records of a window (deployments, rollbacks, incidents; outcomes and blames in
# `outcomes`) are immutable named tuples rather than frozen dataclasses: a 90-day window makes
# ~150,000 of them, and a frozen dataclass's __init__ sets each field through
# object.__setattr__, five times what building a tuple costs.


class ProductionDeployment(NamedTuple):
    """A deployment to production: a successful PipeCD deployment or a deployed/upgraded event.

    `deployed_at`: the event's time, or the PipeCD deployment's completion (else creation) time.
    `names`: every name the service goes by (PipeCD: application id and name). `record`: the
    PipeCD deployment (explicit ones), else None.
    """

    id: str
    origin: DeploymentOrigin
    service: str
    environment: str
    deployed_at: datetime
    artifact_id: str | None
    chain_id: str | None
    names: frozenset[str]
    record: Deployment | None = None

    @property
    def key(self) -> tuple[str, str]:
        """(service, environment): deployments of one key replace one another."""
        return (self.service, self.environment)


class Rollback(NamedTuple):
    """A `service.rolledback` event: which service, in which environment, when."""

    id: str
    service: str
    environment: str | None
    at: datetime


class Incident(NamedTuple):
    """An incident (subject id) opened by `incident.detected` / `reported` events.

    `event_ids`: those events (by time); `opened_at`: the first one's time; `resolved_at`: its
    first `incident.resolved` after that. `service`, `environment`, `artifact_id`: what its
    first event naming each says.
    """

    id: str
    event_ids: tuple[str, ...]
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
    deployments: list[ProductionDeployment | None] = []
    rollbacks: list[Rollback] = []
    opened: list[DeliveryRow] = []
    resolved: list[DeliveryRow] = []
    for row in store.delivery_events_in(start, until, production.ids()):  # one pass, by kind
        what = row.what
        if what in _DEPLOYS:
            deployments.append(derived_deployment(row, production))
        elif what is DeliveryKind.ROLLEDBACK:
            rollbacks.append(Rollback(row.id, row.subject_id, row.environment, row.at))
        elif what in _OPENS:
            opened.append(row)
        else:
            resolved.append(row)
    explicit = [
        pipecd
        for record in store.deployments_between(start - PIPECD_LEAD, until)
        if (pipecd := explicit_deployment(record, production)) is not None
        and start <= pipecd.deployed_at < until
    ]
    # The rows come in (time, id) order and within the span: only PipeCD's need sorting in.
    derived = [d for d in deployments if d is not None]
    chosen = sorted([*derived, *explicit], key=_time_order) if explicit else derived
    incidents = _incidents(opened, resolved)
    linked = _linked(store, incidents, start, until)
    ends = {i for ids in linked.values() for i in ids}
    # Linked ends the span knows: its deployments, and its rollbacks and incident events (no
    # deployment by their delivery row; taken to be no PipeCD deployment's id either).
    ends.difference_update(d.id for d in chosen)
    ends.difference_update(r.id for r in rollbacks)
    ends.difference_update(row.id for row in resolved)  # opened: `_linked` left them out
    outside = sorted(ends)
    found = store.delivery_events(outside) if outside else {}
    elsewhere = {
        d.id: d
        for row in found.values()
        if row.what.deploys and (d := derived_deployment(row, production)) is not None
    }
    for record in (store.get_deployments(outside) if outside else {}).values():
        pipecd = explicit_deployment(record, production)
        if pipecd is not None:
            elsewhere[pipecd.id] = pipecd
    return History(chosen, rollbacks, incidents, linked, elsewhere)


def _time_order(deployment: ProductionDeployment) -> tuple[datetime, str]:
    return (deployment.deployed_at, deployment.id)


def derived_deployment(
    row: DeliveryEvent | DeliveryRow, production: ProductionEnvironments
) -> ProductionDeployment | None:
    """The production deployment a deployed/upgraded event (its delivery row) is, or None (not
    to production)."""
    if row.environment is None or row.environment not in production:
        return None
    # positional, in field order (id, origin, service, environment, deployed_at, artifact_id,
    # chain_id, names): one per production deployment, tens of thousands per window
    return ProductionDeployment(row.id, DeploymentOrigin.DERIVED, row.subject_id, row.environment,
                                row.at, row.artifact_id, row.chain_id,
                                frozenset((row.subject_id,)))  # fmt: skip


def explicit_deployment(
    record: Deployment, production: ProductionEnvironments
) -> ProductionDeployment | None:
    """The production deployment a PipeCD record is, or None (not successful, not production)."""
    if record.status is not DeploymentStatus.SUCCESS or record.env_id not in production:
        return None
    assert record.env_id is not None
    names = {record.application_id, *([record.application_name] if record.application_name else [])}
    return ProductionDeployment(
        id=record.id,
        origin=DeploymentOrigin.EXPLICIT,
        service=record.application_name or record.application_id,
        environment=record.env_id,
        deployed_at=record.completed_at or record.created_at,
        artifact_id=None,
        chain_id=None,
        names=frozenset(names),
        record=record,
    )


def _incidents(opened: Sequence[DeliveryRow], resolved: Sequence[DeliveryRow]) -> list[Incident]:
    """Incidents by opening time: their opening events, and their first resolution after it."""
    events: dict[str, list[DeliveryRow]] = {}
    for row in opened:
        found = events.get(row.subject_id)
        if found is None:
            events[row.subject_id] = [row]
        else:
            found.append(row)
    resolutions: dict[str, list[DeliveryRow]] = {}
    for row in resolved:
        resolutions.setdefault(row.subject_id, []).append(row)
    incidents: list[Incident] = []
    for incident_id, found in events.items():
        first = found[0]
        resolution = next((r for r in resolutions.get(incident_id, ()) if r.at >= first.at), None)
        if len(found) == 1:  # the usual incident: what its one event names
            service, environment, artifact_id = first.service, first.environment, first.artifact_id
            event_ids: tuple[str, ...] = (first.id,)
            chains = frozenset((first.chain_id,)) if first.chain_id else frozenset()
        else:  # what its first event naming each says
            service = next((r.service for r in found if r.service is not None), None)
            environment = next((r.environment for r in found if r.environment is not None), None)
            artifact_id = next((r.artifact_id for r in found if r.artifact_id is not None), None)
            event_ids = tuple(row.id for row in found)
            chains = frozenset(r.chain_id for r in found if r.chain_id)
        incidents.append(
            Incident(
                id=incident_id,
                event_ids=event_ids,
                opened_at=first.at,
                service=service,
                environment=environment,
                artifact_id=artifact_id,
                resolved_at=resolution.at if resolution is not None else None,
                resolution_id=resolution.id if resolution is not None else None,
                chain_ids=chains,
            )
        )
    return sorted(incidents, key=lambda i: (i.opened_at, i.id))


def _linked(
    store: Store, incidents: Sequence[Incident], start: datetime, until: datetime
) -> dict[str, set[str]]:
    """For each incident, the ids its events are joined to by producer links (either way); its
    events are the span's incident-opening events, so their links are the span's."""
    owner = {event_id: incident.id for incident in incidents for event_id in incident.event_ids}
    if not owner:
        return {}
    linked: dict[str, set[str]] = {}
    for end, other in store.incident_links_between(start, until):
        incident = owner.get(end)
        if incident is not None and other not in owner:
            linked.setdefault(incident, set()).add(other)
    return linked
