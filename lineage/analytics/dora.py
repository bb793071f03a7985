"""DORA evidence as DataFrames: the deployments counted (failed, rework), the commits with their
lead times, the incidents with their attribution, and the metrics week by week.

Every number comes from `lineage.services.dora.dora_metrics`, whose docstring holds the
definitions; nothing here decides what a deployment, a failure or a lead time is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pandas as pd

from lineage.analytics.tables import Column, frame, record_rows
from lineage.services.dora import DoraMetrics, dora_metrics
from lineage.store.protocol import Store

#: Columns of `DoraFrames.deployments` (`DeploymentEvidence`).
DEPLOYMENT_COLUMNS: dict[str, Column] = {
    "id": Column.TEXT,  #: deploy event id (or PipeCD deployment id)
    "origin": Column.TEXT,  #: CDEVENTS or PIPECD
    "service": Column.TEXT,
    "environment": Column.TEXT,
    "deployed_at": Column.DATETIME,
    "artifact_id": Column.TEXT,
    "failed": Column.BOOL,  #: rolled back, or an incident attributed to it
    "causes": Column.OBJECT,  #: list of ROLLED_BACK / INCIDENT
    "rollback_id": Column.TEXT,
    "incident_ids": Column.OBJECT,  #: list of incident ids attributed to it
    "restored_at": Column.DATETIME,
    "restored_by": Column.TEXT,  #: ROLLBACK / INCIDENT_RESOLVED / NEXT_DEPLOYMENT
    "recovery_seconds": Column.FLOAT,  #: failed deployment recovery time
    "rework": Column.BOOL,  #: made while the previous deployment of its key was failed
    "rework_of": Column.TEXT,  #: the failed deployment it fixed
    "commit_count": Column.INT,  #: commits it shipped first to production
}
#: Columns of `DoraFrames.lead_times` (`CommitLeadTime`).
LEAD_TIME_COLUMNS: dict[str, Column] = {
    "hash": Column.TEXT,
    "deployment_id": Column.TEXT,  #: its first production deployment
    "service": Column.TEXT,
    "environment": Column.TEXT,
    "deployed_at": Column.DATETIME,
    "committed_at": Column.DATETIME,  #: commit timestamp, else change.merged time
    "from_merge": Column.BOOL,  #: committed_at is the merge time
    "lead_time_seconds": Column.FLOAT,
    "counted": Column.BOOL,  #: counted in the lead time (above 0)
    "title": Column.TEXT,
    "author": Column.TEXT,
    "url": Column.TEXT,
}
#: Columns of `DoraFrames.incidents` (`IncidentEvidence`).
INCIDENT_COLUMNS: dict[str, Column] = {
    "id": Column.TEXT,  #: the incident's subject id
    "event_ids": Column.OBJECT,
    "service": Column.TEXT,
    "environment": Column.TEXT,
    "artifact_id": Column.TEXT,
    "opened_at": Column.DATETIME,
    "resolved_at": Column.DATETIME,
    "time_to_restore_seconds": Column.FLOAT,
    "deployment_id": Column.TEXT,  #: the deployment it was attributed to
    "attribution": Column.TEXT,  #: LINK / CHAIN / ARTIFACT / TIME, None if unattributed
}
#: Columns of `dora_weekly`: one row per window (and service).
WEEKLY_COLUMNS: dict[str, Column] = {
    "since": Column.DATETIME,
    "until": Column.DATETIME,
    "service": Column.TEXT,  #: None: every service
    "deployment_count": Column.INT,
    "deployments_per_day": Column.FLOAT,
    "lead_time_median_seconds": Column.FLOAT,
    "lead_time_p90_seconds": Column.FLOAT,
    "change_failure_rate": Column.FLOAT,  #: NaN without deployments
    "recovery_median_seconds": Column.FLOAT,
    "incident_restore_median_seconds": Column.FLOAT,
    "rework_rate": Column.FLOAT,
}


@dataclass(frozen=True, slots=True)
class DoraFrames:
    """The metrics of one window and their evidence as frames."""

    metrics: DoraMetrics
    deployments: pd.DataFrame
    lead_times: pd.DataFrame
    incidents: pd.DataFrame


def dora_frames(
    store: Store,
    since: datetime,
    until: datetime,
    service: str | None = None,
    environments: Sequence[str] | None = None,
) -> DoraFrames:
    """DORA metrics of `[since, until)` (for one service if given) and their evidence as frames
    (columns `DEPLOYMENT_COLUMNS`, `LEAD_TIME_COLUMNS`, `INCIDENT_COLUMNS`)."""
    metrics = dora_metrics(store, since, until, service, environments)
    return DoraFrames(
        metrics=metrics,
        deployments=frame(record_rows(metrics.deployments), DEPLOYMENT_COLUMNS),
        lead_times=frame(record_rows(metrics.commits), LEAD_TIME_COLUMNS),
        incidents=frame(record_rows(metrics.incidents), INCIDENT_COLUMNS),
    )


def deployments_frame(
    store: Store, since: datetime, until: datetime, service: str | None = None,
    environments: Sequence[str] | None = None,
) -> pd.DataFrame:  # fmt: skip
    """Production deployments of `[since, until)` with `failed` and `rework` flags and why."""
    return dora_frames(store, since, until, service, environments).deployments


def lead_times_frame(
    store: Store, since: datetime, until: datetime, service: str | None = None,
    environments: Sequence[str] | None = None,
) -> pd.DataFrame:  # fmt: skip
    """Commits first deployed to production in `[since, until)`, with their lead times."""
    return dora_frames(store, since, until, service, environments).lead_times


def incidents_frame(
    store: Store, since: datetime, until: datetime, service: str | None = None,
    environments: Sequence[str] | None = None,
) -> pd.DataFrame:  # fmt: skip
    """Incidents opened in `[since, until)`, the deployment each was attributed to and how."""
    return dora_frames(store, since, until, service, environments).incidents


def dora_weekly(
    store: Store,
    since: datetime,
    until: datetime,
    services: Sequence[str | None] = (None,),
    period: timedelta = timedelta(days=7),
    environments: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The metrics of each `period` from `since` up to `until` (the last one cut at `until`),
    for each of `services` (None: all of them together); columns `WEEKLY_COLUMNS`."""
    rows: list[dict[str, Any]] = []
    start = since
    while start < until:
        end = min(start + period, until)
        for service in services:
            m = dora_metrics(store, start, end, service, environments)
            rows.append({
                "since": start, "until": end, "service": service,
                "deployment_count": m.deployment_count,
                "deployments_per_day": m.deployments_per_day,
                "lead_time_median_seconds": m.lead_time.median_seconds,
                "lead_time_p90_seconds": m.lead_time.p90_seconds,
                "change_failure_rate": m.change_failure_rate,
                "recovery_median_seconds": m.failed_deployment_recovery_time.median_seconds,
                "incident_restore_median_seconds": m.incident_time_to_restore.median_seconds,
                "rework_rate": m.rework_rate,
            })  # fmt: skip
        start = end
    return frame(rows, WEEKLY_COLUMNS)
