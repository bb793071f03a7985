"""GraphQL enums: the model's own enums, registered with strawberry under their model names.

Import the enums from here (not from the model) in GraphQL code, so registration has happened.
Every enum value carries a description (`described_enum`): GraphiQL's docs and the explorer's
details panel show them.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import TypeVar

import strawberry

from lineage.ingest import Status
from lineage.model import Direction, LinkType
from lineage.model.deployment_status import DeploymentOrigin
from lineage.services.dora import Attribution, FailureCause, RestoredBy
from lineage.services.outcomes import Outcome

E = TypeVar("E", bound=Enum)


def described_enum(
    cls: type[E], description: str, values: Mapping[E, str], name: str | None = None
) -> type[E]:
    """Register `cls` as a GraphQL enum with a description for the type and for each value."""
    missing = [member.name for member in cls if member not in values]
    if missing:
        raise ValueError(f"enum {cls.__name__} lacks descriptions of {', '.join(missing)}")
    registered = strawberry.enum(cls, name=name, description=description)
    by_name = {member.name: text for member, text in values.items()}
    for value in registered.__strawberry_definition__.values:  # type: ignore[attr-defined]
        value.description = by_name[value.name]
    return registered


described_enum(
    LinkType,
    "The four CDEvents link types.",
    {
        LinkType.START: "Marks the first event of a chain (only `to` is set).",
        LinkType.END: "Marks the last event of a chain: `from` the event before it, `to` it.",
        LinkType.PATH: "One event led to the next within a chain (`from` cause, `to` effect).",
        LinkType.RELATION: "A typed reference between events (`kind` says which, e.g. TRIGGER).",
    },
)
described_enum(
    Direction,
    "Which way to follow links: towards causes, effects, both.",
    {
        Direction.UPSTREAM: "Towards causes: links entering the event (followed backwards).",
        Direction.DOWNSTREAM: "Towards effects: links leaving the event.",
        Direction.BOTH: "Links either way.",
    },
)
described_enum(
    Status,
    "What happened to one ingested record.",
    {
        Status.STORED: "New, and now stored.",
        Status.DUPLICATE: "Already stored with the same content; nothing changed.",
        Status.CONFLICT: "Its id is stored with other content; the stored record was kept.",
        Status.REJECTED: "Invalid; not stored (the error says why).",
    },
    name="IngestStatus",
)

described_enum(
    DeploymentOrigin,
    "Where a deployment comes from.",
    {
        DeploymentOrigin.EXPLICIT: "A PipeCD deployment record.",
        DeploymentOrigin.DERIVED: "A deployment CDEvent in the graph (its id is the event id).",
    },
)

described_enum(
    FailureCause,
    "Why a production deployment counts as failed (DORA metrics).",
    {
        FailureCause.ROLLED_BACK: (
            "A service.rolledback of its service and environment came before its next deployment."
        ),
        FailureCause.INCIDENT: "An incident is attributed to it.",
    },
)

described_enum(
    RestoredBy,
    "What ended a failed deployment's failure (DORA metrics).",
    {
        RestoredBy.ROLLBACK: "Its rollback.",
        RestoredBy.INCIDENT_RESOLVED: "The resolution of the last incident attributed to it.",
        RestoredBy.NEXT_DEPLOYMENT: "The next deployment of its service and environment.",
    },
)

described_enum(
    Attribution,
    "How an incident was attributed to a deployment; the rules are tried in this order.",
    {
        Attribution.LINK: "A producer link joins an event of the incident and the deployment.",
        Attribution.CHAIN: "An event of the incident shares the deployment's chainId.",
        Attribution.ARTIFACT: "The latest production deployment of the artifact it names.",
        Attribution.TIME: (
            "The last production deployment of the service and environment it names, within "
            "24 h before it."
        ),
    },
)

described_enum(
    Outcome,
    "How an event, a fan branch or a chain turned out (what the explorer colours nodes by).",
    {
        Outcome.SUCCEEDED: "Done and fine: a success outcome, or an event that reports none "
        "(finished, deployed, published, merged ...).",
        Outcome.FAILED: "A failure or error outcome, `errors`, or an incident detected/reported.",
        Outcome.ROLLED_BACK: "A service.rolledback event (or a rolled-back status word).",
        Outcome.CANCELLED: "Cancelled, aborted or skipped.",
        Outcome.RUNNING: "Started and not finished (a chain: no END link yet).",
        Outcome.QUEUED: "Queued, not started.",
        Outcome.PLACEHOLDER: "Referenced by a link; the event has not arrived.",
    },
)


__all__ = [
    "Attribution",
    "DeploymentOrigin",
    "Direction",
    "FailureCause",
    "LinkType",
    "Outcome",
    "RestoredBy",
    "Status",
    "described_enum",
]
