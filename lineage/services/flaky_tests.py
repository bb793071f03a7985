"""Flaky tests: a test that both passed and failed on the same commit within 14 days.

Definitions:

- A **test run** is a `testcaserun.finished` or `testsuiterun.finished` event in `[since, until)`.
  Its **test** is `content.testCase.id` (test case runs) or `content.testSuite.id` (test suite
  runs), else the name, else the run's subject id; case and suite ids are kept apart. Its
  **verdict** is its `outcome` word: passed (`pass`, `success`, …) or failed (`fail`, `error`,
  …); other outcomes (cancelled, skipped) give no verdict and are not counted.
- Its **commit** is the one the test event names itself (commit keys of its content or
  customData, as the trace index reads them), else the one named by the earliest change,
  pipeline run or task run event of its chain that names one (the merge, the pipeline run).
  Runs with no known commit are counted in `runs` but cannot show flakiness.
- A test is **flaky on a commit** when, on that commit, a passing run and a failing run are at
  most `FLAKY_WITHIN` (14 days) apart. Its **flaky rate** is the commits it was flaky on ÷ the
  commits it has a verdict on. Evidence: per flaky commit, every run with a verdict on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from lineage.ingest.statuses import execution_status
from lineage.model import Event
from lineage.model.pipeline import ExecutionStatus
from lineage.services.windows import window
from lineage.store.protocol import EventFilter, Store

#: How far apart a pass and a fail on one commit may be and still make the test flaky.
FLAKY_WITHIN = timedelta(days=14)
#: Events read per store page while collecting the window's test runs.
TEST_PAGE = 5000
TEST_SUBJECTS = ("testCaseRun", "testSuiteRun")
#: Subjects whose events in a test run's chain may name the commit it ran on.
COMMIT_SUBJECTS = ("change", "pipelineRun", "taskRun")

__all__ = [
    "FLAKY_WITHIN",
    "FlakyCommit",
    "FlakyTest",
    "FlakyTestsReport",
    "TestRun",
    "TestVerdict",
    "finished_test_runs",
    "flaky_tests",
]  # fmt: skip


class TestVerdict(StrEnum):
    """What one test run said."""

    __test__ = False  # not a pytest test class

    PASSED = "passed"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class TestRun:
    """One finished test case or suite run with a verdict."""

    __test__ = False  # not a pytest test class

    event_id: str
    subject_type: str
    test_id: str
    test_name: str | None
    verdict: TestVerdict
    timestamp: datetime
    commit: str | None
    chain_id: str | None


@dataclass(frozen=True, slots=True)
class FlakyCommit:
    """A commit a test both passed and failed on within `FLAKY_WITHIN`: every run on it."""

    commit: str
    runs: tuple[TestRun, ...]


@dataclass(frozen=True, slots=True)
class FlakyTest:
    """A test that was flaky on at least one commit of the window."""

    subject_type: str
    test_id: str
    name: str | None
    runs: int
    passes: int
    failures: int
    commits: int
    flaky_commits: int
    flaky_rate: float
    evidence: tuple[FlakyCommit, ...]


@dataclass(frozen=True, slots=True)
class FlakyTestsReport:
    """The flaky tests of a window, highest flaky rate first; how much was examined."""

    since: datetime
    until: datetime
    tests_examined: int
    runs_examined: int
    tests: tuple[FlakyTest, ...]


def flaky_tests(store: Store, since: datetime, until: datetime) -> FlakyTestsReport:
    """The tests that passed and failed on one commit within 14 days, in `[since, until)`."""
    start, end = window(since, until)
    runs = finished_test_runs(store, start, end)
    by_test: dict[tuple[str, str], list[TestRun]] = {}
    for run in runs:
        by_test.setdefault((run.subject_type, run.test_id), []).append(run)
    found = [t for t in (_flaky(key, members) for key, members in by_test.items()) if t]
    found.sort(key=lambda t: (-t.flaky_rate, -t.flaky_commits, t.subject_type, t.test_id))
    return FlakyTestsReport(start, end, len(by_test), len(runs), tuple(found))


def finished_test_runs(store: Store, since: datetime, until: datetime) -> list[TestRun]:
    """Every finished test case / suite run with a verdict in `[since, until)`, by time."""
    start, end = window(since, until)
    events = _finished_tests(store, start, end)
    if not events:
        return []
    commits = _commits_of(store, events)
    runs = []
    for event in events:
        verdict = _verdict(event.subject_content)
        if verdict is None:
            continue
        test_id, name = _test_of(event)
        runs.append(TestRun(event.id, event.subject_type, test_id, name, verdict,
                            event.timestamp, commits.get(event.id), event.chain_id))  # fmt: skip
    return runs


def _finished_tests(store: Store, start: datetime, end: datetime) -> list[Event]:
    filter = EventFilter(subject_types=TEST_SUBJECTS, since=start, until=end)
    found: list[Event] = []
    after: str | None = None
    while True:
        page = store.find_events(filter, TEST_PAGE, after)
        found += [e for e in page.items if e.predicate == "finished" and e.timestamp < end]
        if not page.has_next:
            return found
        after = page.end_cursor


def _commits_of(store: Store, events: Sequence[Event]) -> dict[str, str]:
    """The commit of each test event: its own, else its chain's earliest named one."""
    own: dict[str, str] = {}
    for mention in store.event_commit_mentions([e.id for e in events]):
        own.setdefault(mention.event_id, mention.commit.hash)
    chains = sorted({e.chain_id for e in events if e.id not in own and e.chain_id is not None})
    by_chain: dict[str, str] = {}
    if chains:
        chain_events = store.events_in_chains(chains, COMMIT_SUBJECTS)
        chain_of = {e.id: e.chain_id for e in chain_events}
        mentions = store.event_commit_mentions(sorted(chain_of))
        for mention in sorted(mentions, key=lambda m: (m.event_timestamp, m.event_id)):
            chain = chain_of.get(mention.event_id)
            if chain is not None:
                by_chain.setdefault(chain, mention.commit.hash)
    commits = dict(own)
    for event in events:
        if event.id not in commits and event.chain_id in by_chain:
            commits[event.id] = by_chain[event.chain_id]
    return commits


def _verdict(content: dict[str, Any]) -> TestVerdict | None:
    outcome = content.get("outcome")
    status = execution_status(outcome) if isinstance(outcome, str) else None
    if status is ExecutionStatus.SUCCEEDED:
        return TestVerdict.PASSED
    if status is ExecutionStatus.FAILED:
        return TestVerdict.FAILED
    return None


def _test_of(event: Event) -> tuple[str, str | None]:
    key = "testCase" if event.subject_type == "testCaseRun" else "testSuite"
    holder = event.subject_content.get(key)
    if isinstance(holder, dict):
        test_id, name = holder.get("id"), holder.get("name")
        name = name if isinstance(name, str) and name else None
        if isinstance(test_id, str) and test_id:
            return test_id, name
        if name is not None:
            return name, name
    return event.subject_id, None


def _flaky(key: tuple[str, str], runs: Iterable[TestRun]) -> FlakyTest | None:
    members = sorted(runs, key=lambda r: (r.timestamp, r.event_id))
    by_commit: dict[str, list[TestRun]] = {}
    for run in members:
        if run.commit is not None:
            by_commit.setdefault(run.commit, []).append(run)
    evidence = [
        FlakyCommit(commit, tuple(on_commit))
        for commit, on_commit in sorted(by_commit.items())
        if _pass_and_fail_within(on_commit)
    ]
    if not evidence:
        return None
    evidence.sort(key=lambda f: (f.runs[0].timestamp, f.commit))
    passes = sum(1 for r in members if r.verdict is TestVerdict.PASSED)
    return FlakyTest(
        subject_type=key[0],
        test_id=key[1],
        name=next((r.test_name for r in reversed(members) if r.test_name), None),
        runs=len(members),
        passes=passes,
        failures=len(members) - passes,
        commits=len(by_commit),
        flaky_commits=len(evidence),
        flaky_rate=len(evidence) / len(by_commit),
        evidence=tuple(evidence),
    )


def _pass_and_fail_within(runs: list[TestRun]) -> bool:
    """Whether a pass and a fail (runs in time order) are at most `FLAKY_WITHIN` apart."""
    last: dict[TestVerdict, datetime] = {}
    for run in runs:
        other = TestVerdict.FAILED if run.verdict is TestVerdict.PASSED else TestVerdict.PASSED
        seen = last.get(other)
        if seen is not None and run.timestamp - seen <= FLAKY_WITHIN:
            return True
        last[run.verdict] = run.timestamp
    return False
