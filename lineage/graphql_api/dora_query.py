"""The DORA part of the `Query` root: `doraMetrics(since, until, service, environments)`."""
# mypy: disable-error-code="untyped-decorator"
# (strawberry types `@strawberry.field(...)` with arguments as returning Any.)

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types.nodes import SelectedField, Selection

from lineage.graphql_api.context import Info
from lineage.graphql_api.types.dora import AGGREGATE_FIELDS, DoraMetrics
from lineage.services.dora import dora_metrics


@strawberry.type
class DoraQuery:
    @strawberry.field(
        description=(
            "DORA metrics (deployment frequency, lead time for changes, change failure rate, "
            "failed deployment recovery time, incident time to restore, rework rate) of the "
            "window [since, until), with the deployments, commits and incidents behind them."
        )
    )
    async def dora_metrics(
        self,
        info: Info,
        since: Annotated[datetime, strawberry.argument(description="Window start (inclusive).")],
        until: Annotated[datetime, strawberry.argument(description="Window end (exclusive).")],
        service: Annotated[
            str | None,
            strawberry.argument(
                description="Only this service (subject id, or PipeCD application id or name)."
            ),
        ] = None,
        environments: Annotated[
            list[str] | None,
            strawberry.argument(
                description=(
                    "The production environment ids/names (any case); default "
                    "LINEAGE_PRODUCTION_ENVIRONMENTS, else prod and production."
                )
            ),
        ] = None,
    ) -> DoraMetrics:
        """DORA metrics of the window, with their evidence."""
        evidence = any(_beyond_aggregates(s) for f in info.selected_fields for s in f.selections)
        metrics = await asyncio.to_thread(
            dora_metrics, info.context.store, since, until, service, environments, evidence
        )
        return DoraMetrics.from_metrics(metrics)


def _beyond_aggregates(selection: Selection) -> bool:
    """Whether a selection under `doraMetrics` (a field, or a fragment's fields) asks anything
    but the aggregates: an evidence list, or a field not known to be an aggregate."""
    if isinstance(selection, SelectedField):
        return selection.name not in AGGREGATE_FIELDS
    return any(_beyond_aggregates(s) for s in selection.selections)
