"""The demo's CI habits (`_CiHabits`) give the bottleneck and flaky-test questions something to
show: retried and flaky unit tests, a rebuild with another digest, runners to wait for."""

from __future__ import annotations

from datetime import UTC, datetime

from lineage.demo import demo_records
from lineage.services.flaky_tests import flaky_tests
from lineage.services.stage_stats import stage_stats
from lineage.store import Store
from tests.support.scenarios import ingest

WINDOW = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC))


def test_demo_store_has_flaky_tests_retries_a_non_idempotent_stage_and_queues(
    store: Store,
) -> None:
    ingest(store, demo_records(chains=24, seed=7))

    stats = stage_stats(store, *WINDOW)
    flaky = flaky_tests(store, *WINDOW)

    assert flaky.tests and all(t.test_id.endswith("-unit") for t in flaky.tests)
    for test in flaky.tests:
        for evidence in test.evidence:
            verdicts = {run.verdict.value for run in evidence.runs}
            assert verdicts == {"passed", "failed"}
    retried = [s for s in stats.stages if s.retries]
    assert {s.name for s in retried} >= {"unit-tests", "build"}
    (rebuilt,) = [s for s in stats.stages if not s.idempotent]
    (evidence,) = rebuilt.non_idempotent_reruns
    assert rebuilt.name == "build"
    assert evidence.earlier.artifacts != evidence.later.artifacts
    waits = [s.queue.p90_seconds for s in stats.stages if s.name == "build"]
    assert max(w or 0.0 for w in waits) > 60.0
    assert all(0.0 <= (s.critical_share or 0.0) <= 1.0 for s in stats.stages)


def test_same_seed_same_habits() -> None:
    first = [r for r in demo_records(chains=24, seed=7) if "context" in r]
    again = [r for r in demo_records(chains=24, seed=7) if "context" in r]

    assert first == again
    retries = [r for r in first if r["subject"]["id"].endswith("-unit-tests-2")]
    assert retries
