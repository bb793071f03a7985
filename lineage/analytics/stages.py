"""Pipeline stages and tests as DataFrames: each stage run, per-stage statistics (which stage to
speed up first), each finished test run, the flaky tests.

Every number comes from `lineage.services.stage_stats` and `lineage.services.flaky_tests`, whose
docstrings hold the definitions (durations, queue time, retries, critical-path share,
idempotency, flakiness); nothing here decides them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd

from lineage.analytics.tables import Column, frame, record_rows
from lineage.services.flaky_tests import finished_test_runs, flaky_tests
from lineage.services.stage_stats import StageStats, stage_runs, stage_stats
from lineage.store.protocol import Store

#: Columns of `stage_runs_frame` (`StageRun`).
STAGE_RUN_COLUMNS: dict[str, Column] = {
    "pipeline_run_id": Column.TEXT,
    "pipeline_name": Column.TEXT,
    "chain_id": Column.TEXT,
    "stage_id": Column.TEXT,  #: the task run's subject id
    "name": Column.TEXT,  #: the stage (task) name
    "attempt": Column.INT,  #: 1, then 2, 3 … for retries in the same pipeline run
    "status": Column.TEXT,
    "ready_at": Column.DATETIME,  #: when it could have started
    "started_at": Column.DATETIME,
    "finished_at": Column.DATETIME,
    "queue_seconds": Column.FLOAT,
    "duration_seconds": Column.FLOAT,
    "on_critical_path": Column.BOOL,
    "critical_seconds": Column.FLOAT,  #: its time on its chain's critical path
    "artifacts": Column.OBJECT,  #: list of artifact ids it produced
    "event_ids": Column.OBJECT,
}
#: Columns of `stage_stats_frame` (`StageStats`), the most critical-path time first.
STAGE_STATS_COLUMNS: dict[str, Column] = {
    "pipeline_name": Column.TEXT,
    "name": Column.TEXT,
    "runs": Column.INT,
    "pipeline_runs": Column.INT,
    "failures": Column.INT,
    "failure_rate": Column.FLOAT,
    "retries": Column.INT,
    "duration_median_seconds": Column.FLOAT,
    "duration_p90_seconds": Column.FLOAT,
    "queue_median_seconds": Column.FLOAT,
    "queue_p90_seconds": Column.FLOAT,
    "critical_runs": Column.INT,  #: runs on their chain's critical path
    "critical_rate": Column.FLOAT,
    "critical_seconds": Column.FLOAT,
    "critical_share": Column.FLOAT,  #: of its pipeline's critical-path time
    "idempotent": Column.BOOL,
    "non_idempotent_reruns": Column.OBJECT,  #: [(pipeline run, earlier stage id, later stage id)]
}
#: Columns of `test_runs_frame` (`TestRun`).
TEST_RUN_COLUMNS: dict[str, Column] = {
    "event_id": Column.TEXT,
    "subject_type": Column.TEXT,  #: testCaseRun or testSuiteRun
    "test_id": Column.TEXT,
    "test_name": Column.TEXT,
    "verdict": Column.TEXT,  #: passed / failed
    "timestamp": Column.DATETIME,
    "commit": Column.TEXT,
    "chain_id": Column.TEXT,
}
#: Columns of `flaky_tests_frame` (`FlakyTest`), the highest flaky rate first.
FLAKY_TEST_COLUMNS: dict[str, Column] = {
    "subject_type": Column.TEXT,
    "test_id": Column.TEXT,
    "name": Column.TEXT,
    "runs": Column.INT,
    "passes": Column.INT,
    "failures": Column.INT,
    "commits": Column.INT,
    "flaky_commits": Column.INT,
    "flaky_rate": Column.FLOAT,
    "flaky_commit_hashes": Column.OBJECT,  #: the commits it both passed and failed on
}


def stage_runs_frame(
    store: Store, since: datetime, until: datetime, pipeline_name: str | None = None
) -> pd.DataFrame:
    """Every stage run of the pipeline runs that began in `[since, until)`; `STAGE_RUN_COLUMNS`."""
    return frame(record_rows(stage_runs(store, since, until, pipeline_name)), STAGE_RUN_COLUMNS)


def stage_stats_frame(
    store: Store, since: datetime, until: datetime, pipeline_name: str | None = None
) -> pd.DataFrame:
    """Per stage of each pipeline: durations, queue, failures, retries, critical-path share,
    idempotency; `STAGE_STATS_COLUMNS`."""
    report = stage_stats(store, since, until, pipeline_name)
    return frame((_stats_row(s) for s in report.stages), STAGE_STATS_COLUMNS)


def test_runs_frame(store: Store, since: datetime, until: datetime) -> pd.DataFrame:
    """Every finished test case / suite run with a verdict in `[since, until)`;
    `TEST_RUN_COLUMNS`."""
    return frame(record_rows(finished_test_runs(store, since, until)), TEST_RUN_COLUMNS)


def flaky_tests_frame(store: Store, since: datetime, until: datetime) -> pd.DataFrame:
    """Tests that passed and failed on one commit within 14 days; `FLAKY_TEST_COLUMNS`."""
    report = flaky_tests(store, since, until)
    rows = [
        {
            "subject_type": t.subject_type,
            "test_id": t.test_id,
            "name": t.name,
            "runs": t.runs,
            "passes": t.passes,
            "failures": t.failures,
            "commits": t.commits,
            "flaky_commits": t.flaky_commits,
            "flaky_rate": t.flaky_rate,
            "flaky_commit_hashes": [c.commit for c in t.evidence],
        }
        for t in report.tests
    ]
    return frame(rows, FLAKY_TEST_COLUMNS)


test_runs_frame.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


def _stats_row(stats: StageStats) -> dict[str, Any]:
    return {
        "pipeline_name": stats.pipeline_name,
        "name": stats.name,
        "runs": stats.runs,
        "pipeline_runs": stats.pipeline_runs,
        "failures": stats.failures,
        "failure_rate": stats.failure_rate,
        "retries": stats.retries,
        "duration_median_seconds": stats.duration.median_seconds,
        "duration_p90_seconds": stats.duration.p90_seconds,
        "queue_median_seconds": stats.queue.median_seconds,
        "queue_p90_seconds": stats.queue.p90_seconds,
        "critical_runs": stats.critical_runs,
        "critical_rate": stats.critical_rate,
        "critical_seconds": stats.critical_seconds,
        "critical_share": stats.critical_share,
        "idempotent": stats.idempotent,
        "non_idempotent_reruns": [
            (r.pipeline_run_id, r.earlier.stage_id, r.later.stage_id)
            for r in stats.non_idempotent_reruns
        ],
    }
