"""`ApplicationLiveState` records (PipeCD livestate) as `LiveStateReport`s.

A report is identified by (applicationId, deployTarget, reportedAt); its resources are sorted by
(kind, namespace, name), so a reporter listing them in another order sends the same report.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from lineage.ingest.errors import RecordError, describe_validation_error
from lineage.ingest.instants import Instant
from lineage.model.digest import digest_of
from lineage.model.identity import format_timestamp
from lineage.model.livestate import LiveResource, LiveStateReport, livestate_id

KIND = "ApplicationLiveState"


class _Wire(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class WireLiveResource(_Wire):
    """One resource as the reporter saw it."""

    kind: str = Field(min_length=1)
    name: str = Field(min_length=1)
    namespace: str | None = None
    health: str | None = None
    version: str | None = None


class WireLiveState(_Wire):
    """A whole report."""

    kind: Literal["ApplicationLiveState"]
    application_id: str = Field(alias="applicationId", min_length=1)
    application_name: str | None = Field(default=None, alias="applicationName")
    deploy_target: str = Field(alias="deployTarget", min_length=1)
    reported_at: Instant = Field(alias="reportedAt")
    resources: list[WireLiveResource] = []


def is_live_state(raw: Any) -> bool:
    """Whether a raw record claims to be an `ApplicationLiveState` report (validity aside)."""
    return isinstance(raw, dict) and raw.get("kind") == KIND


def parse_live_state(raw: Any) -> LiveStateReport:
    """Validate an `ApplicationLiveState` record into a `LiveStateReport`."""
    try:
        wire = WireLiveState.model_validate(raw)
    except ValidationError as exc:
        raise RecordError(describe_validation_error(exc)) from None
    listed = (
        LiveResource(r.kind, r.name, r.namespace, r.health, r.version) for r in wire.resources
    )
    resources = tuple(
        sorted(
            listed,
            key=lambda r: (r.kind, r.namespace or "", r.name, r.version or "", r.health or ""),
        )
    )
    reported_text = format_timestamp(wire.reported_at)
    digest = digest_of(
        {
            "applicationId": wire.application_id,
            "applicationName": wire.application_name,
            "deployTarget": wire.deploy_target,
            "reportedAt": reported_text,
            "resources": [
                [r.kind, r.name, r.namespace, r.health, r.version] for r in resources
            ],
        }
    )
    return LiveStateReport(
        id=livestate_id(wire.application_id, wire.deploy_target, reported_text),
        application_id=wire.application_id,
        deploy_target=wire.deploy_target,
        reported_at=wire.reported_at,
        resources=resources,
        application_name=wire.application_name,
        digest=digest,
    )
