"""Stage runs, stage statistics, test runs and flaky tests as frames: the services' answers."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest

from lineage.analytics.stages import (
    FLAKY_TEST_COLUMNS,
    STAGE_RUN_COLUMNS,
    STAGE_STATS_COLUMNS,
    TEST_RUN_COLUMNS,
    flaky_tests_frame,
    stage_runs_frame,
    stage_stats_frame,
    test_runs_frame,
)
from lineage.analytics.tables import Column
from lineage.store import Store
from tests.support.flaky_scenarios import COMMIT_A, flaky_runs
from tests.support.scenarios import ingest
from tests.support.stage_scenarios import payments_runs

APRIL = (datetime(2026, 4, 1, tzinfo=UTC), datetime(2026, 5, 1, tzinfo=UTC))
DTYPES = {Column.DATETIME: "datetime64[us, UTC]", Column.FLOAT: "float64", Column.INT: "int64",
          Column.BOOL: "bool"}  # fmt: skip


def assert_typed(frame: pd.DataFrame, columns: dict[str, Column]) -> None:
    assert list(frame.columns) == list(columns)
    for name, kind in columns.items():
        assert str(frame[name].dtype) == DTYPES.get(kind, "object"), name


def test_stage_statistics_per_stage(store: Store) -> None:
    ingest(store, payments_runs())

    frame = stage_stats_frame(store, *APRIL, pipeline_name="payments-ci")
    stats = frame.set_index("name")

    assert_typed(frame, STAGE_STATS_COLUMNS)
    build = stats.loc["build"]
    assert (build["runs"], build["failures"], build["retries"]) == (5, 1, 2)
    assert (build["duration_median_seconds"], build["duration_p90_seconds"]) == (240.0, 276.0)
    assert (build["queue_median_seconds"], build["queue_p90_seconds"]) == (30.0, 54.0)
    assert bool(build["idempotent"]) is False and len(build["non_idempotent_reruns"]) == 1
    assert bool(stats.loc["lint", "idempotent"]) is True


def test_every_stage_run_with_its_attempt(store: Store) -> None:
    ingest(store, payments_runs())

    runs = stage_runs_frame(store, *APRIL)

    assert_typed(runs, STAGE_RUN_COLUMNS)
    assert set(runs["pipeline_name"]) == {"payments-ci", "checkout-ci"}
    builds = runs[(runs["pipeline_name"] == "payments-ci") & (runs["name"] == "build")]
    assert sorted(builds["attempt"]) == [1, 1, 1, 2, 2]
    assert sorted(builds["duration_seconds"]) == [120.0, 180.0, 240.0, 240.0, 300.0]
    assert runs["started_at"].min() >= pd.Timestamp("2026-04-01T00:00:00Z")


def test_flaky_tests_and_their_runs(store: Store) -> None:
    ingest(store, flaky_runs())

    flaky = flaky_tests_frame(store, *APRIL)
    runs = test_runs_frame(store, *APRIL)

    assert_typed(flaky, FLAKY_TEST_COLUMNS)
    assert_typed(runs, TEST_RUN_COLUMNS)
    assert list(flaky["test_id"]) == ["test-login", "unit"]
    assert flaky.set_index("test_id").loc["unit", "flaky_rate"] == pytest.approx(1 / 3)
    assert flaky.set_index("test_id").loc["unit", "flaky_commit_hashes"] == [COMMIT_A]
    assert len(runs) == 10 and set(runs["verdict"]) == {"passed", "failed"}


def test_an_empty_window(store: Store) -> None:
    assert_typed(stage_stats_frame(store, *APRIL), STAGE_STATS_COLUMNS)
    assert_typed(stage_runs_frame(store, *APRIL), STAGE_RUN_COLUMNS)
    assert flaky_tests_frame(store, *APRIL).empty
