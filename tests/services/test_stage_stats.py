"""Stage statistics on hand-built runs (`tests.support.stage_scenarios`), on every store."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lineage.model.pipeline import ExecutionStatus
from lineage.services.errors import ServiceError
from lineage.services.percentiles import Spread, percentile_cont
from lineage.services.stage_stats import (
    StageStatsReport,
    artifact_identity,
    stage_runs,
    stage_stats,
)
from lineage.store import Store
from tests.support.scenarios import ingest
from tests.support.stage_scenarios import image, payments_runs

APRIL = (datetime(2026, 4, 1, tzinfo=UTC), datetime(2026, 5, 1, tzinfo=UTC))


@pytest.fixture
def april(store: Store) -> StageStatsReport:
    ingest(store, payments_runs())
    return stage_stats(store, *APRIL, pipeline_name="payments-ci")


def test_durations_queues_failures_and_retries_per_stage(april: StageStatsReport) -> None:
    """build: attempts r1 300 s, r2 120 s (failed) and 240 s, r3 240 s and 180 s.
    Sorted [120, 180, 240, 240, 300]: median 240; p90 at position 0.9 * 4 = 3.6: 240 + 0.6 *
    (300 - 240) = 276. Queue (task runs have no queued event: start minus the latest event
    leading into it): r1 10:00:30 -> 10:01:40 = 70, r2 30 and 10 (after attempt 1 finished at
    10:03:00), r3 30 and 10: sorted [10, 10, 30, 30, 70], median 30, p90 30 + 0.6 * 40 = 54.
    1 failure of 5 finished runs: 0.2. Retries: r2 and r3 ran it twice: 2.
    test: 120, 180, 60 s: median 120, p90 at 1.8: 120 + 0.8 * 60 = 168; r3's failed: 1/3.
    Its queue: r1 20 (build finished 10:06:40, lint long before), r2 10, r3 10: median 10,
    p90 10 + 0.8 * 10 = 18. lint: r1 only, 120 s, queue 10.
    r4 is in May, r5 is checkout-ci: neither counts."""
    stats = {s.name: s for s in april.stages}

    assert april.pipeline_runs == 3
    build, test, lint = stats["build"], stats["test"], stats["lint"]
    assert (build.runs, build.pipeline_runs, build.failures, build.retries) == (5, 3, 1, 2)
    assert build.failure_rate == 0.2
    assert build.duration == Spread(240.0, 276.0, 5)
    assert build.queue == Spread(30.0, 54.0, 5)
    assert (test.runs, test.failures, test.retries) == (3, 1, 0)
    assert test.failure_rate == pytest.approx(1 / 3)
    assert test.duration == Spread(120.0, 168.0, 3)
    assert test.queue == Spread(10.0, 18.0, 3)
    assert (lint.runs, lint.duration, lint.queue) == (
        1, Spread(120.0, 120.0, 1), Spread(10.0, 10.0, 1),
    )  # fmt: skip


def test_critical_path_counts_and_shares(april: StageStatsReport) -> None:
    """Each chain's critical path (the pipeline run is a container: its start step carries the
    30 s queue; waits between steps are not work): r1 30 + build 300 + test 120 = 450 (lint ran
    beside build with 180 s of slack); r2 30 + 120 + 240 + 180 = 570; r3 30 + 240 + 180 + 60 =
    510; 1530 in all. build: on it in 3 of 3 runs, 300 + 120 + 240 + 240 + 180 = 1080 s, share
    1080 / 1530. test: 120 + 180 + 60 = 360 s, share 360 / 1530. lint: never, 0 s."""
    stats = {s.name: s for s in april.stages}

    assert april.critical_path_seconds == {"payments-ci": 1530.0}
    assert [s.name for s in april.stages] == ["build", "test", "lint"]
    build, test, lint = stats["build"], stats["test"], stats["lint"]
    assert (build.critical_runs, build.critical_rate, build.critical_seconds) == (3, 1.0, 1080.0)
    assert build.critical_share == pytest.approx(1080 / 1530)
    assert (test.critical_runs, test.critical_seconds) == (3, 360.0)
    assert test.critical_share == pytest.approx(360 / 1530)
    assert (lint.critical_runs, lint.critical_rate, lint.critical_seconds) == (0, 0.0, 0.0)
    assert lint.critical_share == 0.0


def test_a_rerun_with_other_outputs_is_not_idempotent(april: StageStatsReport) -> None:
    """r3 built image c, then its re-run built image d in the same run: not idempotent. r2's
    first attempt failed without output, so there is nothing to compare there."""
    stats = {s.name: s for s in april.stages}

    build = stats["build"]
    assert build.idempotent is False
    (evidence,) = build.non_idempotent_reruns
    assert evidence.pipeline_run_id == "r3"
    assert (evidence.earlier.stage_id, evidence.earlier.artifacts) == ("r3-build-1", (image("c"),))
    assert (evidence.later.stage_id, evidence.later.artifacts) == ("r3-build-2", (image("d"),))
    assert (evidence.earlier.attempt, evidence.later.attempt) == (1, 2)
    assert stats["test"].idempotent is True


def test_stage_runs_are_the_evidence_rows(store: Store) -> None:
    ingest(store, payments_runs())

    runs = stage_runs(store, *APRIL)

    assert [(r.pipeline_run_id, r.name, r.attempt, r.status) for r in runs] == [
        ("r1", "lint", 1, ExecutionStatus.SUCCEEDED),
        ("r1", "build", 1, ExecutionStatus.SUCCEEDED),
        ("r1", "test", 1, ExecutionStatus.SUCCEEDED),
        ("r5", "build", 1, ExecutionStatus.SUCCEEDED),
        ("r2", "build", 1, ExecutionStatus.FAILED),
        ("r2", "build", 2, ExecutionStatus.SUCCEEDED),
        ("r2", "test", 1, ExecutionStatus.SUCCEEDED),
        ("r3", "build", 1, ExecutionStatus.SUCCEEDED),
        ("r3", "build", 2, ExecutionStatus.SUCCEEDED),
        ("r3", "test", 1, ExecutionStatus.FAILED),
    ]
    lint = runs[0]
    assert (lint.on_critical_path, lint.critical_seconds, lint.duration_seconds) == (
        False, 0.0, 120.0,
    )  # fmt: skip


def test_without_a_pipeline_name_every_pipeline_is_its_own_group(store: Store) -> None:
    """r5 (checkout-ci) was never queued: its 600 s build is its whole critical path."""
    ingest(store, payments_runs())

    report = stage_stats(store, *APRIL)

    assert report.pipeline_runs == 4
    assert {(s.pipeline_name, s.name) for s in report.stages} == {
        ("payments-ci", "build"), ("payments-ci", "test"), ("payments-ci", "lint"),
        ("checkout-ci", "build"),
    }  # fmt: skip
    checkout = next(s for s in report.stages if s.pipeline_name == "checkout-ci")
    assert (checkout.critical_share, checkout.duration.median_seconds) == (1.0, 600.0)


def test_an_empty_window_has_no_stages_and_a_reversed_one_is_an_error(store: Store) -> None:
    ingest(store, payments_runs())

    empty = stage_stats(store, datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 2, 1, tzinfo=UTC))

    assert (empty.pipeline_runs, empty.stages) == (0, ())
    with pytest.raises(ServiceError, match=r"since .* must be before until"):
        stage_stats(store, APRIL[1], APRIL[0])


def test_artifacts_compare_by_digest_else_by_id() -> None:
    moved = image("a").replace(REGISTRY_HOST, "mirror.example.com")

    assert artifact_identity(image("a")) == artifact_identity(moved) == "sha256:" + "a" * 64
    assert artifact_identity("pkg:generic/app@1.2.3") == "pkg:generic/app@1.2.3"


def test_percentiles_interpolate_like_percentile_cont() -> None:
    assert percentile_cont([], 0.5) is None
    assert percentile_cont([7.0], 0.9) == 7.0
    assert percentile_cont([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert percentile_cont([10.0, 20.0, 30.0, 40.0, 50.0], 0.9) == pytest.approx(46.0)


REGISTRY_HOST = "registry.example.com"


def test_a_chain_that_changes_is_computed_again(store: Store) -> None:
    """Per-chain results are kept per store, keyed by the chain's summary: new events of a
    chain replace them (r3's re-run and test arrive after a first answer)."""
    records = payments_runs()
    late = {"r3-build-2-started", "r3-build-2-finished", "r3-test-started", "r3-test-finished",
            "r3-run-finished"}  # fmt: skip
    ingest(store, [r for r in records if r["context"]["id"] not in late])
    before = {s.name: s for s in stage_stats(store, *APRIL, pipeline_name="payments-ci").stages}

    ingest(store, [r for r in records if r["context"]["id"] in late])
    after = {s.name: s for s in stage_stats(store, *APRIL, pipeline_name="payments-ci").stages}

    assert (before["build"].runs, before["build"].idempotent) == (4, True)
    assert (after["build"].runs, after["build"].idempotent) == (5, False)
    assert after["test"].runs == before["test"].runs + 1
