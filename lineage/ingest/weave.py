"""Weave GitOps' `PipelineExecution` resource (`gitops.weave.works/v1alpha1`) as an execution.

The resource is read as Kubernetes writes it (JSON or YAML, timestamps as RFC 3339 text, unix
seconds or YAML timestamps). Its status is settled by these rules, in order:

1. a `Succeeded`, `Completed` or `Ready` condition: `True` -> succeeded; `Unknown` -> running;
   `False` -> what its `reason` says when that is running / queued / cancelled, else failed;
2. a `Stalled=True` condition -> failed; `Reconciling` / `Progressing` / `Running` = `True` ->
   running;
3. else from the environments: none -> queued; all pending -> queued; all succeeded ->
   succeeded; otherwise running;
4. finally `settled_status`: a failed or rolled-back environment fails the execution.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from lineage.ingest.errors import RecordError, describe_validation_error
from lineage.ingest.instants import Instant, to_instant
from lineage.ingest.statuses import environment_status, execution_status, settled_status
from lineage.model.digest import digest_of
from lineage.model.identity import format_timestamp
from lineage.model.pipeline import (
    Condition,
    EnvironmentRun,
    EnvironmentStatus,
    ExecutionOrigin,
    ExecutionRevision,
    ExecutionStatus,
    PipelineExecution,
)

API_VERSION = "gitops.weave.works/v1alpha1"
KIND = "PipelineExecution"
DEFAULT_NAMESPACE = "default"

_DONE_CONDITIONS = ("succeeded", "completed", "ready")
_BUSY_CONDITIONS = ("reconciling", "progressing", "running")
_FALSE_REASONS = frozenset(
    {ExecutionStatus.RUNNING, ExecutionStatus.QUEUED, ExecutionStatus.CANCELLED}
)


class _Wire(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class WireObjectMeta(_Wire):
    """`metadata`: identity and bookkeeping of the resource."""

    name: str = Field(min_length=1)
    namespace: str | None = Field(default=None, min_length=1)
    uid: str | None = None
    resource_version: str | None = Field(default=None, alias="resourceVersion")
    generation: int | None = None
    creation_timestamp: Instant | None = Field(default=None, alias="creationTimestamp")
    labels: dict[str, str] = {}
    annotations: dict[str, str] = {}

    @field_validator("resource_version", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class WirePipelineRef(_Wire):
    """`spec.pipelineRef`: the `Pipeline` this is an execution of."""

    name: str = Field(min_length=1)
    namespace: str | None = Field(default=None, min_length=1)


class WireParam(_Wire):
    """One `{name, value}` entry when `spec.params` is written as a list."""

    name: str = Field(min_length=1)
    value: Any = None


class WireSpec(_Wire):
    """`spec`: what was asked for."""

    pipeline_ref: WirePipelineRef = Field(alias="pipelineRef")
    params: dict[str, Any] | list[WireParam] | None = None
    trigger: dict[str, Any] | None = None


class WireCondition(_Wire):
    """A `metav1.Condition` of `status.conditions`."""

    type: str = Field(min_length=1)
    status: Literal["True", "False", "Unknown"]
    reason: str | None = None
    message: str | None = None
    last_transition_time: Instant | None = Field(default=None, alias="lastTransitionTime")

    @field_validator("status", mode="before")
    @classmethod
    def _capitalized(cls, value: Any) -> Any:
        if isinstance(value, bool):
            return "True" if value else "False"
        return value.capitalize() if isinstance(value, str) else value


class WireEnvironmentStatus(_Wire):
    """`status.environments[].status`: `{type, time}`."""

    type: str = Field(min_length=1)
    time: Instant | None = None

    @field_validator("type")
    @classmethod
    def _known(cls, value: str) -> str:
        if environment_status(value) is None:
            known = ", ".join(s.value for s in EnvironmentStatus)
            raise ValueError(f"unknown environment status {value!r} (expected one of {known})")
        return value


class WireEnvironment(_Wire):
    """One environment of `status.environments`."""

    name: str = Field(min_length=1)
    order: int | None = Field(default=None, ge=0)
    status: WireEnvironmentStatus | None = None


class WireExecutionStatus(_Wire):
    """`status`: what happened so far."""

    conditions: list[WireCondition] = []
    environments: list[WireEnvironment] = []
    start_time: Instant | None = Field(default=None, alias="startTime")
    started_at: Instant | None = Field(default=None, alias="startedAt")
    completion_time: Instant | None = Field(default=None, alias="completionTime")
    finished_at: Instant | None = Field(default=None, alias="finishedAt")


class WirePipelineExecution(_Wire):
    """The whole resource."""

    api_version: Literal["gitops.weave.works/v1alpha1"] = Field(alias="apiVersion")
    kind: Literal["PipelineExecution"]
    metadata: WireObjectMeta
    spec: WireSpec
    status: WireExecutionStatus = WireExecutionStatus()


def is_weave_execution(raw: Any) -> bool:
    """Whether a raw record claims to be a Weave `PipelineExecution` (validity aside)."""
    return isinstance(raw, dict) and raw.get("kind") == KIND


def parse_weave_revision(raw: Any) -> ExecutionRevision:
    """Validate a `PipelineExecution` resource into the fact of this revision of it."""
    wire = _validate(raw)
    execution = _execution(wire)
    digest = execution_digest(execution)
    version = wire.metadata.resource_version
    return ExecutionRevision(
        id=f"{execution.id}@{version or digest}",
        execution=execution,
        revision=revision_key(execution, version, digest),
        digest=digest,
    )


def revision_key(execution: PipelineExecution, resource_version: str | None, digest: str) -> str:
    """Orders revisions of one resource: latest reported time, then resourceVersion, then digest."""
    updated = format_timestamp(execution.updated_at) if execution.updated_at else ""
    version = resource_version or ""
    if version.isdigit():
        version = version.rjust(20, "0")
    return f"{updated}|{version}|{digest}"


def parse_weave_execution(raw: Any) -> PipelineExecution:
    """Validate a `PipelineExecution` resource and map it onto `PipelineExecution`."""
    return _execution(_validate(raw))


def _validate(raw: Any) -> WirePipelineExecution:
    try:
        return WirePipelineExecution.model_validate(raw)
    except ValidationError as exc:
        raise RecordError(describe_validation_error(exc)) from None


def _execution(wire: WirePipelineExecution) -> PipelineExecution:
    meta, spec, status = wire.metadata, wire.spec, wire.status
    namespace = meta.namespace or DEFAULT_NAMESPACE
    conditions = tuple(
        Condition(c.type, c.status, c.reason, c.message, c.last_transition_time)
        for c in status.conditions
    )
    environments = _environments(status.environments)
    own = _own_status(conditions, environments)
    settled = settled_status(own, environments)
    started = status.start_time or status.started_at or meta.creation_timestamp
    finished = status.completion_time or status.finished_at
    if finished is None and settled.terminal:
        finished = _latest(
            [c.last_transition_time for c in conditions]
            + [e.time for e in environments if e.status is not EnvironmentStatus.PENDING]
        )
    updated = _latest(
        [meta.creation_timestamp, started, finished]
        + [c.last_transition_time for c in conditions]
        + [e.time for e in environments]
    )
    return PipelineExecution(
        id=f"{namespace}/{meta.name}",
        name=meta.name,
        origin=ExecutionOrigin.WEAVE,
        status=settled,
        pipeline_name=spec.pipeline_ref.name,
        namespace=namespace,
        pipeline_namespace=spec.pipeline_ref.namespace or namespace,
        started_at=started,
        finished_at=finished,
        updated_at=updated,
        params=plain_json(_params(spec.params)),
        trigger=plain_json(spec.trigger) if spec.trigger is not None else None,
        conditions=conditions,
        environments=environments,
    )


def execution_digest(execution: PipelineExecution) -> str:
    """Digest of everything an execution says: equal content, equal digest."""
    return digest_of(dataclasses.asdict(execution))


def _environments(wire: list[WireEnvironment]) -> tuple[EnvironmentRun, ...]:
    """Environments in promotion order (`order`, else as listed), renumbered from 0."""
    ranked = sorted(
        enumerate(wire),
        key=lambda item: (item[1].order if item[1].order is not None else item[0], item[0]),
    )
    runs = []
    for order, (_, env) in enumerate(ranked):
        state = env.status
        status = (
            environment_status(state.type) if state is not None else None
        ) or EnvironmentStatus.PENDING
        runs.append(EnvironmentRun(env.name, order, status, state.time if state else None))
    return tuple(runs)


def _own_status(
    conditions: tuple[Condition, ...], environments: tuple[EnvironmentRun, ...]
) -> ExecutionStatus:
    by_type = {c.type.lower(): c for c in conditions}
    for name in _DONE_CONDITIONS:
        condition = by_type.get(name)
        if condition is None:
            continue
        if condition.status == "True":
            return ExecutionStatus.SUCCEEDED
        if condition.status == "Unknown":
            return ExecutionStatus.RUNNING
        reason = execution_status(condition.reason)
        return reason if reason in _FALSE_REASONS else ExecutionStatus.FAILED
    stalled = by_type.get("stalled")
    if stalled is not None and stalled.status == "True":
        return ExecutionStatus.FAILED
    if any(by_type.get(name) and by_type[name].status == "True" for name in _BUSY_CONDITIONS):
        return ExecutionStatus.RUNNING
    statuses = {env.status for env in environments}
    if not statuses or statuses == {EnvironmentStatus.PENDING}:
        return ExecutionStatus.QUEUED
    if statuses == {EnvironmentStatus.SUCCEEDED}:
        return ExecutionStatus.SUCCEEDED
    return ExecutionStatus.RUNNING


def _params(params: dict[str, Any] | list[WireParam] | None) -> dict[str, Any]:
    if params is None:
        return {}
    if isinstance(params, dict):
        return params
    return {param.name: param.value for param in params}


def plain_json(value: Any) -> Any:
    """`value` with YAML's date and time objects written as text, so it is plain JSON."""
    if isinstance(value, dict):
        return {str(key): plain_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain_json(item) for item in value]
    if isinstance(value, datetime):
        return format_timestamp(to_instant(value))
    if isinstance(value, date):
        return value.isoformat()
    return value


def _latest(times: list[datetime | None]) -> datetime | None:
    known = [t for t in times if t is not None]
    return max(known) if known else None
