"""Flaky tests on hand-built runs (`tests.support.flaky_scenarios`), on every store."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lineage.services.errors import ServiceError
from lineage.services.flaky_tests import TestVerdict, finished_test_runs, flaky_tests
from lineage.store import Store
from tests.support.flaky_scenarios import COMMIT_A, COMMIT_B, flaky_runs
from tests.support.scenarios import ingest

APRIL = (datetime(2026, 4, 1, tzinfo=UTC), datetime(2026, 5, 1, tzinfo=UTC))


def test_a_pass_and_a_fail_on_one_commit_within_14_days_is_flaky(store: Store) -> None:
    """unit: verdicts on A (pass 04-01, fail 04-03: 2 days, flaky), B (pass 04-05, fail 04-25:
    20 days, not flaky), C (two passes); flaky on 1 of 3 commits. 7 runs with a verdict (the
    cancelled one has none): 5 passes, 2 failures. test-login: pass and fail on A: 1 of 1.
    test-logout: one failure, not flaky. Examined: 3 tests, 10 runs."""
    ingest(store, flaky_runs())

    report = flaky_tests(store, *APRIL)

    assert (report.tests_examined, report.runs_examined) == (3, 10)
    assert [(t.subject_type, t.test_id, t.flaky_commits, t.commits) for t in report.tests] == [
        ("testCaseRun", "test-login", 1, 1),
        ("testSuiteRun", "unit", 1, 3),
    ]
    login, unit = report.tests
    assert login.flaky_rate == 1.0
    assert unit.flaky_rate == pytest.approx(1 / 3)
    assert (unit.name, unit.runs, unit.passes, unit.failures) == ("Unit tests", 7, 5, 2)
    (evidence,) = unit.evidence
    assert evidence.commit == COMMIT_A
    assert [(r.event_id, r.verdict) for r in evidence.runs] == [
        ("f1-unit", TestVerdict.PASSED),
        ("f2-unit", TestVerdict.FAILED),
    ]


def test_commits_come_from_the_test_event_else_its_chain(store: Store) -> None:
    ingest(store, flaky_runs())

    commits = {r.event_id: r.commit for r in finished_test_runs(store, *APRIL)}

    assert commits["f1-unit"] == commits["f2-login"] == COMMIT_A
    assert commits["b-unit-fail"] == COMMIT_B
    assert commits["none-unit"] is None
    assert "f2-unit-cancelled" not in commits


def test_the_window_bounds_the_runs(store: Store) -> None:
    """From 04-02 on, A's passes (04-01) are outside: nothing is flaky any more."""
    ingest(store, flaky_runs())

    report = flaky_tests(store, datetime(2026, 4, 2, tzinfo=UTC), APRIL[1])

    assert report.tests == ()
    assert report.runs_examined == 8
    with pytest.raises(ServiceError):
        flaky_tests(store, APRIL[1], APRIL[1])
