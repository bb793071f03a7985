"""`CriticalPath` of a chain and its `CriticalPathStep`s (see `lineage.services.critical_path`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import strawberry

from lineage.graphql_api.enums import described_enum
from lineage.graphql_api.types.event import Event
from lineage.services import critical_path as service
from lineage.services.steps import StepKind

described_enum(
    StepKind,
    "What a step stands for: `run` (a timed subject's queued/started/finished events, with "
    "the lone events it enclosed), `opening`/`closing` (start and finish of a run that "
    "encloses other runs, such as a pipeline run), `instant` (any other event, 0 s), "
    "`missing` (an event links reference that never arrived, 0 s).",
    {
        StepKind.RUN: "A timed subject's queued/started/finished events (and the lone events "
        "it enclosed).",
        StepKind.OPENING: "The start of a run that encloses other runs (e.g. a pipeline run).",
        StepKind.CLOSING: "The finish of a run that encloses other runs.",
        StepKind.INSTANT: "Any other event, scheduled as 0 s.",
        StepKind.MISSING: "An event links reference that never arrived, scheduled as 0 s.",
    },
    name="StepKind",
)


@strawberry.type(
    description=(
        "One step of a chain in the critical-path schedule. Times in the schedule are seconds "
        "from its start, every step starting as soon as all its PATH predecessors finished."
    )
)
class CriticalPathStep:
    event: Event = strawberry.field(description="The step's first event (in time order).")
    events: list[Event] = strawberry.field(description="Every event of the step, by time.")
    name: str = strawberry.field(
        description="Task or pipeline name, test suite or case name, else subject id; "
        "instants are `subjectType.predicate subjectId`."
    )
    kind: StepKind = strawberry.field(description="What the step stands for.")
    status: str | None = strawberry.field(
        description="What its finished event reported (succeeded, failed, …), if it has one."
    )
    queued_at: datetime | None = strawberry.field(description="Its first `queued` event's time.")
    started_at: datetime | None = strawberry.field(description="Its first `started` event's time.")
    finished_at: datetime | None = strawberry.field(
        description="Its last `finished` event's time."
    )
    duration_seconds: float | None = strawberry.field(
        description="Run time: last finished minus first started (minus queued without a "
        "start); null when its finish (or start) is missing, then scheduled as 0 s."
    )
    queue_seconds: float | None = strawberry.field(
        description="Queue time: first started minus first queued, null when unknown."
    )
    weight_seconds: float = strawberry.field(
        description="Time the schedule gives it: queue plus run time (unknown parts as 0)."
    )
    earliest_start: float = strawberry.field(
        description="Earliest start, seconds from the schedule's start."
    )
    earliest_finish: float = strawberry.field(description="Earliest start plus weight.")
    latest_start: float = strawberry.field(
        description="Latest start that does not delay the whole, seconds from the start."
    )
    latest_finish: float = strawberry.field(description="Latest start plus weight.")
    slack_seconds: float = strawberry.field(
        description="Latest minus earliest start: how much longer it could take for free."
    )
    on_critical_path: bool = strawberry.field(description="True when its slack is 0.")

    @classmethod
    def from_model(
        cls, scheduled: service.ScheduledStep, event: Callable[[str], Event]
    ) -> CriticalPathStep:
        """The GraphQL view of a scheduled step; `event` gives the GraphQL event of an id."""
        step = scheduled.step
        return cls(
            event=event(step.id),
            events=[event(i) for i in step.event_ids],
            name=step.name,
            kind=step.kind,
            status=step.status.value if step.status is not None else None,
            queued_at=step.queued_at,
            started_at=step.started_at,
            finished_at=step.finished_at,
            duration_seconds=step.duration_seconds,
            queue_seconds=step.queue_seconds,
            weight_seconds=step.weight_seconds,
            earliest_start=scheduled.earliest_start_seconds,
            earliest_finish=scheduled.earliest_finish_seconds,
            latest_start=scheduled.latest_start_seconds,
            latest_finish=scheduled.latest_finish_seconds,
            slack_seconds=scheduled.slack_seconds,
            on_critical_path=scheduled.on_critical_path,
        )


@strawberry.type(
    description=(
        "The critical-path method over a chain's PATH links: steps (events collapsed into units "
        "of work), their earliest/latest start and slack, and the zero-slack path. Waiting "
        "between steps is not work, so `totalSeconds` is at most the chain's span."
    )
)
class CriticalPath:
    total_seconds: float = strawberry.field(
        description="Length of the critical path: queue plus run time of its steps."
    )
    queue_seconds: float = strawberry.field(description="Queue time on the critical path.")
    run_seconds: float = strawberry.field(description="Run time on the critical path.")
    island_count: int = strawberry.field(
        description="Pieces of the chain with no PATH link between them (1 when healthy); "
        "every piece is scheduled from time 0."
    )
    ignored_link_ids: list[strawberry.ID] = strawberry.field(
        description="PATH links left out to break cycles (the most time-backward of each)."
    )
    steps: list[CriticalPathStep] = strawberry.field(
        description="Every step, in topological order (ties by time)."
    )
    path: list[CriticalPathStep] = strawberry.field(
        description="One zero-slack path from a first to a last step, in order."
    )

    @classmethod
    def from_model(
        cls, answer: service.CriticalPath, event: Callable[[str], Event]
    ) -> CriticalPath:
        """The GraphQL view of a critical path."""
        steps = {s.step.id: CriticalPathStep.from_model(s, event) for s in answer.steps}
        return cls(
            total_seconds=answer.total_seconds,
            queue_seconds=answer.queue_seconds,
            run_seconds=answer.run_seconds,
            island_count=answer.island_count,
            ignored_link_ids=[strawberry.ID(i) for i in answer.ignored_link_ids],
            steps=list(steps.values()),
            path=[steps[s.step.id] for s in answer.path],
        )
