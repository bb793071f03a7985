"""`PipelineExecution`, its `Stage`s, the `PipelineEnvironment`s it promoted to, `Condition`s."""
# mypy: disable-error-code="untyped-decorator"
# (strawberry types `@strawberry.field(...)` with arguments as returning Any.)

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from lineage.graphql_api.context import Info
from lineage.graphql_api.types.chain import Chain
from lineage.graphql_api.types.event import Event
from lineage.model import pipeline as model
from lineage.services.limits import listed

EXECUTION_STATUSES = ", ".join(status.value for status in model.ExecutionStatus)
ENVIRONMENT_STATUSES = ", ".join(status.value for status in model.EnvironmentStatus)


def _narrow(event_filter: str) -> str:
    """How to page through, instead, the events an over-long list would have shown."""
    return f"page through them with events(filter: {{{event_filter}}}, first: 500, after: …)"


def listed_artifacts(owner: str, stage_id: str, artifact_ids: tuple[str, ...]) -> list[str]:
    """The artifacts of stage `stage_id`, within the listing cap (else: page its events)."""
    narrow = (
        f'page through its events with events(filter: {{subjectId: "{stage_id}"}}, '
        "first: 500, after: …)"
    )
    return list(listed(owner, "artifacts", artifact_ids, narrow))


async def listed_events(
    info: Info, owner: str, event_filter: str, ids: tuple[str, ...]
) -> list[Event]:
    """The events `ids` of `owner`, within the listing cap (else: page with `event_filter`)."""
    shown = listed(owner, "events", ids, _narrow(event_filter))
    nodes = await info.context.loaders.nodes.load_many(list(shown))
    return [Event.from_node(node) for node in nodes]


@strawberry.type(description="A Kubernetes-style status condition of an execution.")
class Condition:
    type: str = strawberry.field(description="The condition type, e.g. Ready.")
    status: str = strawberry.field(description="True, False or Unknown.")
    reason: str | None = strawberry.field(
        description="A one-word reason for the condition's last transition."
    )
    message: str | None = strawberry.field(
        description="A human-readable message about the transition."
    )
    last_transition_time: datetime | None = strawberry.field(
        description="When the condition last changed status."
    )

    @classmethod
    def from_model(cls, condition: model.Condition) -> Condition:
        """The GraphQL view of a condition."""
        return cls(
            type=condition.type,
            status=condition.status,
            reason=condition.reason,
            message=condition.message,
            last_transition_time=condition.last_transition_time,
        )


@strawberry.type(description="One stage (a CDEvents task run) of an execution.")
class Stage:
    id: strawberry.ID = strawberry.field(description="The task run's subject id.")
    name: str = strawberry.field(description="The task's name (`taskName`), else its id.")
    status: str = strawberry.field(description=f"One of: {EXECUTION_STATUSES}.")
    started_at: datetime | None = strawberry.field(
        description="When the task run started (else its first event)."
    )
    finished_at: datetime | None = strawberry.field(
        description="When the task run finished, if it has."
    )
    duration: float | None = strawberry.field(description="Seconds from start to finish.")
    artifact_ids: strawberry.Private[tuple[str, ...]]
    event_ids: strawberry.Private[tuple[str, ...]]

    @strawberry.field(
        description="Artifacts it produced: named by its content, or by artifact events linked "
        "to it while it ran; more than `LINEAGE_MAX_LISTED_ITEMS` is an error."
    )
    def artifacts(self) -> list[str]:
        """Artifacts it produced, within the listing cap."""
        return listed_artifacts(f"stage {str(self.id)!r}", str(self.id), self.artifact_ids)

    @strawberry.field(description="The task run's events, by time.")
    async def events(self, info: Info) -> list[Event]:
        """The task run's events, by time."""
        return await listed_events(
            info, f"stage {self.id!r}", f'subjectId: "{self.id}"', self.event_ids
        )

    @classmethod
    def from_model(cls, stage: model.Stage) -> Stage:
        """The GraphQL view of a stage."""
        duration = stage.duration
        return cls(
            id=strawberry.ID(stage.id),
            name=stage.name,
            status=stage.status.value,
            started_at=stage.started_at,
            finished_at=stage.finished_at,
            duration=duration.total_seconds() if duration is not None else None,
            artifact_ids=tuple(stage.artifacts),
            event_ids=stage.event_ids,
        )


@strawberry.type(description="An environment an execution promoted to, in promotion order.")
class PipelineEnvironment:
    name: str = strawberry.field(
        description="The environment's name (CDEvents `content.environment.id`)."
    )
    order: int = strawberry.field(description="Place in the promotion, from 0.")
    status: str = strawberry.field(description=f"One of: {ENVIRONMENT_STATUSES}.")
    time: datetime | None = strawberry.field(description="When the status was last reported.")
    artifact_id: str | None = strawberry.field(
        description="The artifact this execution left running there, when known."
    )
    event_ids: strawberry.Private[tuple[str, ...]]

    @strawberry.field(description="The deploy events behind it (CDEvents), by time.")
    async def events(self, info: Info) -> list[Event]:
        """The deploy events behind this environment, by time."""
        return await listed_events(
            info, f"environment {self.name!r} of an execution", "chainId: …", self.event_ids
        )

    @classmethod
    def from_model(cls, environment: model.EnvironmentRun) -> PipelineEnvironment:
        """The GraphQL view of an environment run."""
        return cls(
            name=environment.name,
            order=environment.order,
            status=environment.status.value,
            time=environment.time,
            artifact_id=environment.artifact_id,
            event_ids=environment.event_ids,
        )


@strawberry.type(
    description=(
        "One execution of a pipeline: a CDEvents pipeline run (its task runs as stages, the "
        "deploys downstream of it as environments) or a Weave GitOps PipelineExecution resource."
    )
)
class PipelineExecution:
    id: strawberry.ID = strawberry.field(
        description="The pipeline run's subject id, or `namespace/name` of a Weave resource."
    )
    name: str = strawberry.field(
        description="The execution's name: the run's subject id, or the Weave resource's name."
    )
    pipeline_name: str | None = strawberry.field(
        description="The pipeline it runs (`pipelineName`, or Weave `spec.pipelineRef`)."
    )
    namespace: str | None = strawberry.field(
        description="Its namespace (Weave resource, or the run's `namespace`), if any."
    )
    origin: str = strawberry.field(description="cdevents or weave.")
    status: str = strawberry.field(
        description=f"One of: {EXECUTION_STATUSES}. A failed or rolled-back environment fails it."
    )
    params: JSON = strawberry.field(
        description="Parameters of the run (Weave `spec.params`; empty for CDEvents runs)."
    )
    trigger: JSON | None = strawberry.field(
        description="What triggered it (Weave `spec.trigger`), if known."
    )
    started_at: datetime | None = strawberry.field(
        description="When it started (its first started/queued event, or Weave's start)."
    )
    finished_at: datetime | None = strawberry.field(description="When it finished, if it has.")
    updated_at: datetime | None = strawberry.field(
        description="When anything about it was last reported (the listing's order)."
    )
    duration: float | None = strawberry.field(description="Seconds from start to finish.")
    conditions: list[Condition] = strawberry.field(
        description="Status conditions of a Weave resource (empty for CDEvents runs)."
    )
    stage_models: strawberry.Private[tuple[model.Stage, ...]]
    environment_models: strawberry.Private[tuple[model.EnvironmentRun, ...]]
    chain_id: strawberry.ID | None = strawberry.field(
        description="The chain of the run's events (CDEvents), or null."
    )
    event_ids: strawberry.Private[tuple[str, ...]]

    @strawberry.field(description="The chain the run's events belong to (CDEvents), or null.")
    async def chain(self, info: Info) -> Chain | None:
        """The chain of the run's events."""
        if self.chain_id is None:
            return None
        view = await info.context.loaders.chain_views.load(self.chain_id)
        return Chain.from_view(view) if view is not None else None

    @strawberry.field(
        description="Its stages (CDEvents task runs), by start; more than "
        "`LINEAGE_MAX_LISTED_ITEMS` is an error."
    )
    def stages(self) -> list[Stage]:
        """Its stages, by start, within the listing cap."""
        stages = listed(f"execution {self.id!r}", "stages", self.stage_models, self._narrow_chain())
        return [Stage.from_model(stage) for stage in stages]

    @strawberry.field(
        description="The environments it promoted to, in promotion order; more than "
        "`LINEAGE_MAX_LISTED_ITEMS` is an error."
    )
    def environments(self) -> list[PipelineEnvironment]:
        """The environments it promoted to, in promotion order, within the listing cap."""
        runs = listed(
            f"execution {self.id!r}", "environments", self.environment_models, self._narrow_chain()
        )
        return [PipelineEnvironment.from_model(run) for run in runs]

    @strawberry.field(
        description="The pipeline run's own events (CDEvents), by time; more than "
        "`LINEAGE_MAX_LISTED_ITEMS` is an error."
    )
    async def events(self, info: Info) -> list[Event]:
        """The pipeline run's own events, by time."""
        return await listed_events(
            info, f"execution {self.id!r}", f'subjectId: "{self.id}"', self.event_ids
        )

    def _narrow_chain(self) -> str:
        """How to page through this execution's chain instead of listing it whole."""
        return _narrow(f'chainId: "{self.chain_id}"' if self.chain_id else "chainId: …")

    @classmethod
    def from_model(cls, execution: model.PipelineExecution) -> PipelineExecution:
        """The GraphQL view of an execution."""
        duration = execution.duration
        return cls(
            id=strawberry.ID(execution.id),
            name=execution.name,
            pipeline_name=execution.pipeline_name,
            namespace=execution.namespace,
            origin=execution.origin.value,
            status=execution.status.value,
            params=JSON(execution.params),
            trigger=JSON(execution.trigger) if execution.trigger is not None else None,
            started_at=execution.started_at,
            finished_at=execution.finished_at,
            updated_at=execution.updated_at,
            duration=duration.total_seconds() if duration is not None else None,
            conditions=[Condition.from_model(c) for c in execution.conditions],
            stage_models=tuple(execution.stages),
            environment_models=tuple(execution.environments),
            chain_id=strawberry.ID(execution.chain_id) if execution.chain_id else None,
            event_ids=execution.event_ids,
        )
