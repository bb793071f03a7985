"""The bottleneck part of the `Query` root: stageStats and flakyTests."""
# mypy: disable-error-code="untyped-decorator"
# (strawberry types `@strawberry.field(...)` with arguments as returning Any.)

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Annotated

import strawberry

from lineage.graphql_api.context import Info
from lineage.graphql_api.types.flaky_tests import FlakyTestsReport
from lineage.graphql_api.types.stage_stats import StageStatsReport
from lineage.services.flaky_tests import flaky_tests
from lineage.services.stage_stats import stage_stats

SINCE = strawberry.argument(description="Start of the window (included).")
UNTIL = strawberry.argument(description="End of the window (excluded).")


@strawberry.type
class BottleneckQuery:
    @strawberry.field(
        description=(
            "Per stage (task name) of the pipeline runs that began in [since, until): median "
            "and p90 duration and queue time, runs, failure rate, retries, how often it is on "
            "the critical path and its share of critical-path time, idempotency of re-runs."
        )
    )
    async def stage_stats(
        self,
        info: Info,
        since: Annotated[datetime, SINCE],
        until: Annotated[datetime, UNTIL],
        pipeline_name: Annotated[
            str | None, strawberry.argument(description="Only this pipeline's runs.")
        ] = None,
    ) -> StageStatsReport:
        """Per-stage statistics of the window."""
        report = await asyncio.to_thread(
            stage_stats, info.context.store, since, until, pipeline_name
        )
        return StageStatsReport.from_model(report)

    @strawberry.field(
        description=(
            "Tests (case or suite) that both passed and failed on one commit within 14 days, "
            "among the test runs that finished in [since, until), with their flaky rate and "
            "the runs as evidence."
        )
    )
    async def flaky_tests(
        self,
        info: Info,
        since: Annotated[datetime, SINCE],
        until: Annotated[datetime, UNTIL],
    ) -> FlakyTestsReport:
        """The flaky tests of the window."""
        report = await asyncio.to_thread(flaky_tests, info.context.store, since, until)
        return FlakyTestsReport.from_model(report)
