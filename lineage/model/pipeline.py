"""Pipeline executions: one run of a pipeline, its stages, and the environments it promoted to.

One shape for both sources: a run derived from CDEvents (`pipelinerun.*`, `taskrun.*` and the
`service.*` deploys downstream of it) and Weave GitOps' `PipelineExecution` resource
(`gitops.weave.works/v1alpha1`), whose fields map one to one: `metadata.name/namespace` ->
`name`/`namespace`, `spec.pipelineRef` -> `pipeline_name`/`pipeline_namespace`, `spec.params` ->
`params`, `spec.trigger` -> `trigger`, `status.conditions` -> `conditions`,
`status.environments[{name, order, status {type, time}}]` -> `environments`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, ClassVar


class ExecutionStatus(StrEnum):
    """Where a pipeline execution (or one of its stages) stands."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"

    @property
    def terminal(self) -> bool:
        """True once nothing more will happen: succeeded, failed or cancelled."""
        return self in _TERMINAL


_TERMINAL = frozenset(
    {ExecutionStatus.SUCCEEDED, ExecutionStatus.FAILED, ExecutionStatus.CANCELLED}
)


class EnvironmentStatus(StrEnum):
    """Where an execution stands in one environment of its promotion."""

    PENDING = "pending"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    ROLLED_BACK = "rolled_back"

    @property
    def bad(self) -> bool:
        """True when the environment ended failed or rolled back."""
        return self in (EnvironmentStatus.FAILED, EnvironmentStatus.ROLLED_BACK)


class ExecutionOrigin(StrEnum):
    """Where an execution comes from."""

    CDEVENTS = "cdevents"
    WEAVE = "weave"


@dataclass(frozen=True, slots=True)
class Condition:
    """A Kubernetes-style status condition (`metav1.Condition`)."""

    type: str
    status: str
    reason: str | None = None
    message: str | None = None
    last_transition_time: datetime | None = None


@dataclass(frozen=True, slots=True)
class Stage:
    """One stage (CDEvents task run) of an execution, with the artifacts it produced."""

    id: str
    name: str
    status: ExecutionStatus
    started_at: datetime | None = None
    finished_at: datetime | None = None
    artifacts: tuple[str, ...] = ()
    event_ids: tuple[str, ...] = ()

    @property
    def duration(self) -> timedelta | None:
        """Time from start to finish, when both are known."""
        if self.started_at is None or self.finished_at is None:
            return None
        return self.finished_at - self.started_at


@dataclass(frozen=True, slots=True)
class EnvironmentRun:
    """An environment the execution promoted to: its place in the promotion and how it went.

    `order` counts from 0 in promotion order; `time` is when the status was last reported;
    `artifact_id` is the artifact now deployed there by this execution (if known) and
    `event_ids` the deploy events behind it (CDEvents).
    """

    name: str
    order: int
    status: EnvironmentStatus
    time: datetime | None = None
    artifact_id: str | None = None
    event_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PipelineExecution:
    """One execution of a pipeline, whatever its origin.

    `id` is the CDEvents pipeline run's subject id, or `namespace/name` of a Weave resource.
    `updated_at` is when anything about it was last reported (its listing order, newest first).
    """

    id: str
    name: str
    origin: ExecutionOrigin
    status: ExecutionStatus
    pipeline_name: str | None = None
    namespace: str | None = None
    pipeline_namespace: str | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    updated_at: datetime | None = None
    params: dict[str, Any] = field(default_factory=dict)
    trigger: dict[str, Any] | None = None
    conditions: tuple[Condition, ...] = ()
    stages: tuple[Stage, ...] = ()
    environments: tuple[EnvironmentRun, ...] = ()
    chain_id: str | None = None
    event_ids: tuple[str, ...] = ()

    @property
    def duration(self) -> timedelta | None:
        """Time from start to finish, when both are known."""
        if self.started_at is None or self.finished_at is None:
            return None
        return self.finished_at - self.started_at


#: Key sentinels: no value sorts below every key (max-merges) / above every key (min-merges).
NO_KEY_LOW = ""
NO_KEY_HIGH = "\uffff"


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What `pipelinerun.*` events say about a CDEvents run, mergeable in any order.

    Made per event by ingest and merged by stores, the way `merge` does it: the status is the
    one with the greatest `status_key` (phase queued < started < finished, then time, then event
    id); `pipeline_name` / `namespace` come from the latest event naming either (`label_key`);
    `chain_id` from the earliest event carrying one (`chain_key`); times merge by min / max.
    Keys are text (fixed-width UTC timestamps), so stores merge them with plain comparisons.
    """

    run_id: str
    status: ExecutionStatus
    status_key: str
    first_at: datetime
    last_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    pipeline_name: str | None = None
    namespace: str | None = None
    label_key: str = NO_KEY_LOW
    chain_id: str | None = None
    chain_key: str = NO_KEY_HIGH

    def merge(self, other: RunSummary) -> RunSummary:
        """Both parts as one (commutative and associative)."""
        if other.run_id != self.run_id:
            raise ValueError(f"cannot merge runs {self.run_id!r} and {other.run_id!r}")
        status = max(self, other, key=lambda part: part.status_key)
        label = max(self, other, key=lambda part: part.label_key)
        chain = min(self, other, key=lambda part: part.chain_key)
        return RunSummary(
            run_id=self.run_id,
            status=status.status,
            status_key=status.status_key,
            first_at=min(self.first_at, other.first_at),
            last_at=max(self.last_at, other.last_at),
            started_at=_merged(min, self.started_at, other.started_at),
            finished_at=_merged(max, self.finished_at, other.finished_at),
            pipeline_name=label.pipeline_name,
            namespace=label.namespace,
            label_key=label.label_key,
            chain_id=chain.chain_id,
            chain_key=chain.chain_key,
        )

    def as_execution(self) -> PipelineExecution:
        """The execution as far as the run's own events tell (no stages, no environments)."""
        return PipelineExecution(
            id=self.run_id,
            name=self.run_id,
            origin=ExecutionOrigin.CDEVENTS,
            status=self.status,
            pipeline_name=self.pipeline_name,
            namespace=self.namespace,
            started_at=self.started_at,
            finished_at=self.finished_at,
            updated_at=self.last_at,
            chain_id=self.chain_id,
        )


def _merged(
    pick: Callable[[datetime, datetime], datetime], a: datetime | None, b: datetime | None
) -> datetime | None:
    if a is None:
        return b
    if b is None:
        return a
    return pick(a, b)


@dataclass(frozen=True, slots=True)
class ExecutionRevision:
    """One revision of a Weave `PipelineExecution` resource: a fact of kind `PipelineExecution`.

    `id` is `namespace/name@resourceVersion` (or `@digest` without a resourceVersion), so one
    revision sent twice is a duplicate and two contents under one resourceVersion a conflict.
    `revision` orders the revisions of one resource (the greatest is the current one).
    """

    kind: ClassVar[str] = "PipelineExecution"

    id: str
    execution: PipelineExecution
    revision: str
    digest: str


@dataclass(frozen=True, slots=True)
class RunEvent:
    """What one `pipelinerun.*` event says about its run: a fact derived from the event.

    Identified by the event (id and digest), so it is written exactly once per stored event.
    """

    kind: ClassVar[str] = "PipelineRunEvent"

    id: str
    summary: RunSummary
    digest: str
