"""A chain's critical path as a DataFrame: each step's times, queue, run, slack (for a Gantt)."""

from __future__ import annotations

import pandas as pd

from lineage.analytics.tables import Column, frame
from lineage.services.critical_path import CriticalPath, critical_path_of_chain
from lineage.services.errors import NotFoundError
from lineage.store.protocol import Store

#: Columns of `critical_path_frame`, one row per step in schedule (topological) order.
STEP_COLUMNS: dict[str, Column] = {
    "step_id": Column.TEXT,  #: id of the step's first event
    "name": Column.TEXT,
    "kind": Column.TEXT,  #: run / opening / closing / instant / missing
    "subject_type": Column.TEXT,
    "subject_id": Column.TEXT,
    "status": Column.TEXT,
    "queued_at": Column.DATETIME,
    "started_at": Column.DATETIME,
    "finished_at": Column.DATETIME,
    "queue_seconds": Column.FLOAT,
    "duration_seconds": Column.FLOAT,  #: run time; NaN when unknown
    "earliest_start_seconds": Column.FLOAT,  #: from the schedule's start
    "earliest_finish_seconds": Column.FLOAT,
    "latest_start_seconds": Column.FLOAT,
    "latest_finish_seconds": Column.FLOAT,
    "slack_seconds": Column.FLOAT,
    "on_critical_path": Column.BOOL,
    "event_ids": Column.OBJECT,
}


def critical_path(store: Store, chain_id: str) -> CriticalPath:
    """The critical-path schedule of a chain (`lineage.services.critical_path`); raises
    `NotFoundError` for an unknown chain."""
    found = critical_path_of_chain(store, chain_id)
    if found is None:
        raise NotFoundError(f"no chain with id {chain_id!r}")
    return found


def critical_path_frame(store: Store, chain_id: str) -> pd.DataFrame:
    """Every step of a chain's schedule with its slack; columns `STEP_COLUMNS`."""
    path = critical_path(store, chain_id)
    rows = [
        {
            "step_id": s.step.id,
            "name": s.step.name,
            "kind": s.step.kind,
            "subject_type": s.step.subject_type,
            "subject_id": s.step.subject_id,
            "status": s.step.status,
            "queued_at": s.step.queued_at,
            "started_at": s.step.started_at,
            "finished_at": s.step.finished_at,
            "queue_seconds": s.step.queue_seconds,
            "duration_seconds": s.step.duration_seconds,
            "earliest_start_seconds": s.earliest_start_seconds,
            "earliest_finish_seconds": s.earliest_finish_seconds,
            "latest_start_seconds": s.latest_start_seconds,
            "latest_finish_seconds": s.latest_finish_seconds,
            "slack_seconds": s.slack_seconds,
            "on_critical_path": s.on_critical_path,
            "event_ids": s.step.event_ids,
        }
        for s in path.steps
    ]
    return frame(rows, STEP_COLUMNS)
