"""`StageStatsReport`, its `StageStats`, `StageRun`s and non-idempotent re-runs."""
# mypy: disable-error-code="untyped-decorator"
# (strawberry types `@strawberry.field(...)` with arguments as returning Any.)

from __future__ import annotations

from datetime import datetime

import strawberry

from lineage.graphql_api.context import Info
from lineage.graphql_api.types.event import Event
from lineage.graphql_api.types.pipeline import (
    EXECUTION_STATUSES,
    listed_artifacts,
    listed_events,
)
from lineage.services import percentiles
from lineage.services import stage_stats as service
from lineage.services.limits import listed

#: What a client over the cap on a window's lists can ask instead.
_NARROW_WINDOW = "narrow it with since/until or pipelineName"


@strawberry.type(description="Median and 90th percentile of some durations (PERCENTILE_CONT).")
class DurationSpread:
    median_seconds: float | None = strawberry.field(description="Median, null without values.")
    p90_seconds: float | None = strawberry.field(description="90th percentile, or null.")
    count: int = strawberry.field(description="How many durations were known.")

    @classmethod
    def from_model(cls, spread: percentiles.Spread) -> DurationSpread:
        """The GraphQL view of a spread."""
        return cls(
            median_seconds=spread.median_seconds, p90_seconds=spread.p90_seconds, count=spread.count
        )


@strawberry.type(description="One run of a stage (a CDEvents task run) in a pipeline run.")
class StageRun:
    pipeline_run_id: strawberry.ID = strawberry.field(description="The pipeline run's subject id.")
    pipeline_name: str | None = strawberry.field(description="The pipeline's name.")
    chain_id: strawberry.ID | None = strawberry.field(description="The pipeline run's chain.")
    stage_id: strawberry.ID = strawberry.field(description="The task run's subject id.")
    name: str = strawberry.field(description="The task's name (`taskName`), else its id.")
    attempt: int = strawberry.field(
        description="1 for the first run of this stage in its pipeline run, 2 for its retry, …"
    )
    status: str = strawberry.field(description=f"One of: {EXECUTION_STATUSES}.")
    ready_at: datetime | None = strawberry.field(
        description="When it could start: the latest event with a PATH link into its start."
    )
    started_at: datetime | None = strawberry.field(description="Its `started` event's time.")
    finished_at: datetime | None = strawberry.field(description="Its `finished` event's time.")
    queue_seconds: float | None = strawberry.field(description="Start minus `readyAt`.")
    duration_seconds: float | None = strawberry.field(description="Finish minus start.")
    on_critical_path: bool = strawberry.field(
        description="Whether one of its steps is on its chain's zero-slack path."
    )
    critical_seconds: float = strawberry.field(
        description="Queue plus run time of its steps on that path."
    )
    artifact_ids: strawberry.Private[tuple[str, ...]]
    event_ids: strawberry.Private[tuple[str, ...]]

    @strawberry.field(
        description="Artifacts it produced (ids or PURLs); more than `LINEAGE_MAX_LISTED_ITEMS` "
        "is an error."
    )
    def artifacts(self) -> list[str]:
        """Artifacts it produced, within the listing cap."""
        stage_id = str(self.stage_id)
        return listed_artifacts(f"stage run {stage_id!r}", stage_id, self.artifact_ids)

    @strawberry.field(
        description="The task run's events, by time; more than `LINEAGE_MAX_LISTED_ITEMS` is an "
        "error."
    )
    async def events(self, info: Info) -> list[Event]:
        """The task run's events, by time, within the listing cap."""
        return await listed_events(
            info,
            f"stage run {str(self.stage_id)!r}",
            f'subjectId: "{self.stage_id}"',
            self.event_ids,
        )

    @classmethod
    def from_model(cls, run: service.StageRun) -> StageRun:
        """The GraphQL view of a stage run."""
        return cls(
            pipeline_run_id=strawberry.ID(run.pipeline_run_id),
            pipeline_name=run.pipeline_name,
            chain_id=strawberry.ID(run.chain_id) if run.chain_id is not None else None,
            stage_id=strawberry.ID(run.stage_id),
            name=run.name,
            attempt=run.attempt,
            status=run.status.value,
            ready_at=run.ready_at,
            started_at=run.started_at,
            finished_at=run.finished_at,
            queue_seconds=run.queue_seconds,
            duration_seconds=run.duration_seconds,
            on_critical_path=run.on_critical_path,
            critical_seconds=run.critical_seconds,
            artifact_ids=tuple(run.artifacts),
            event_ids=run.event_ids,
        )


@strawberry.type(
    description="Two consecutive attempts of a stage in one pipeline run (same inputs) whose "
    "outputs differ (by sha256 digest, else by artifact id): the stage is not idempotent."
)
class RerunEvidence:
    pipeline_run_id: strawberry.ID = strawberry.field(description="The pipeline run.")
    earlier: StageRun = strawberry.field(description="The earlier attempt and its outputs.")
    later: StageRun = strawberry.field(description="The later attempt and its outputs.")


@strawberry.type(description="What the window says about one stage (task name) of a pipeline.")
class StageStats:
    pipeline_name: str | None = strawberry.field(description="The pipeline the stage belongs to.")
    name: str = strawberry.field(description="The stage's task name.")
    runs: int = strawberry.field(description="Stage runs (retries included).")
    pipeline_runs: int = strawberry.field(description="Pipeline runs it ran in.")
    failures: int = strawberry.field(description="Stage runs that failed.")
    failure_rate: float | None = strawberry.field(
        description="Failed ÷ finished (succeeded, failed, cancelled) runs; null if none finished."
    )
    retries: int = strawberry.field(
        description="Runs beyond the first of this stage within one pipeline run."
    )
    duration: DurationSpread = strawberry.field(description="Run time (finish minus start).")
    queue: DurationSpread = strawberry.field(
        description="Queue time: start minus the moment it was ready (latest event leading in)."
    )
    critical_runs: int = strawberry.field(
        description="Pipeline runs in which it was on the chain's critical path."
    )
    critical_rate: float | None = strawberry.field(
        description="Critical runs ÷ pipeline runs it ran in."
    )
    critical_seconds: float = strawberry.field(
        description="Its queue plus run time on critical paths, summed over the window."
    )
    critical_share: float | None = strawberry.field(
        description="Critical seconds ÷ total critical-path time of its pipeline's runs (0..1)."
    )
    idempotent: bool = strawberry.field(
        description="False when a re-run in one pipeline run produced different outputs."
    )
    reruns: strawberry.Private[list[service.RerunEvidence]]
    window: strawberry.Private[str]

    @strawberry.field(
        description="The re-runs whose outputs differ, with both attempts; more than "
        "`LINEAGE_MAX_LISTED_ITEMS` is an error."
    )
    def non_idempotent_reruns(self) -> list[RerunEvidence]:
        """The re-runs whose outputs differ, within the listing cap."""
        pipeline = f" of pipeline {self.pipeline_name!r}" if self.pipeline_name else ""
        shown = listed(
            f"stage {self.name!r}{pipeline} in {self.window}",
            "non-idempotent re-runs",
            self.reruns,
            _NARROW_WINDOW,
        )
        return [
            RerunEvidence(
                pipeline_run_id=strawberry.ID(e.pipeline_run_id),
                earlier=StageRun.from_model(e.earlier),
                later=StageRun.from_model(e.later),
            )
            for e in shown
        ]

    @classmethod
    def from_model(cls, stats: service.StageStats, window: str) -> StageStats:
        """The GraphQL view of one stage's statistics (`window`: how errors name the window)."""
        return cls(
            pipeline_name=stats.pipeline_name,
            name=stats.name,
            runs=stats.runs,
            pipeline_runs=stats.pipeline_runs,
            failures=stats.failures,
            failure_rate=stats.failure_rate,
            retries=stats.retries,
            duration=DurationSpread.from_model(stats.duration),
            queue=DurationSpread.from_model(stats.queue),
            critical_runs=stats.critical_runs,
            critical_rate=stats.critical_rate,
            critical_seconds=stats.critical_seconds,
            critical_share=stats.critical_share,
            idempotent=stats.idempotent,
            reruns=list(stats.non_idempotent_reruns),
            window=window,
        )


@strawberry.type(description="Critical-path time of one pipeline's runs in the window.")
class PipelineCriticalTime:
    pipeline_name: str | None = strawberry.field(description="The pipeline.")
    seconds: float = strawberry.field(description="Sum of its runs' chains' critical paths.")


@strawberry.type(
    description="Per-stage statistics of the pipeline runs that began in the window, the stage "
    "with the most critical-path time first: the one to speed up first."
)
class StageStatsReport:
    since: datetime = strawberry.field(description="Start of the window (included).")
    until: datetime = strawberry.field(description="End of the window (excluded).")
    pipeline_name: str | None = strawberry.field(description="The pipeline asked for, if any.")
    pipeline_runs: int = strawberry.field(description="Pipeline runs that began in the window.")
    report: strawberry.Private[service.StageStatsReport]

    def _window(self) -> str:
        """How an error names this report's window."""
        return f"the stage-stats window {self.since.isoformat()} .. {self.until.isoformat()}"

    @strawberry.field(
        description="Total critical-path time per pipeline (the shares' denominators); more "
        "than `LINEAGE_MAX_LISTED_ITEMS` pipelines is an error."
    )
    def critical_path_seconds(self) -> list[PipelineCriticalTime]:
        """Total critical-path time per pipeline, by name, within the listing cap."""
        totals = sorted(self.report.critical_path_seconds.items(), key=lambda item: item[0] or "")
        shown = listed(self._window(), "pipelines", totals, _NARROW_WINDOW)
        return [
            PipelineCriticalTime(pipeline_name=name, seconds=seconds) for name, seconds in shown
        ]

    @strawberry.field(
        description="Every stage, most critical first; more than `LINEAGE_MAX_LISTED_ITEMS` is "
        "an error."
    )
    def stages(self) -> list[StageStats]:
        """Every stage, most critical first, within the listing cap."""
        shown = listed(self._window(), "stages", self.report.stages, _NARROW_WINDOW)
        return [StageStats.from_model(stats, self._window()) for stats in shown]

    @classmethod
    def from_model(cls, report: service.StageStatsReport) -> StageStatsReport:
        """The GraphQL view of a report."""
        return cls(
            since=report.since,
            until=report.until,
            pipeline_name=report.pipeline_name,
            pipeline_runs=report.pipeline_runs,
            report=report,
        )
