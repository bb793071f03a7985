"""`FlakyTestsReport`: the tests that passed and failed on one commit, with the runs as evidence."""
# mypy: disable-error-code="untyped-decorator"
# (strawberry types `@strawberry.field(...)` with arguments as returning Any.)

from __future__ import annotations

from datetime import datetime

import strawberry

from lineage.graphql_api.context import Info
from lineage.graphql_api.enums import described_enum
from lineage.graphql_api.types.event import Event
from lineage.services import flaky_tests as service
from lineage.services.limits import listed

#: What a client over the cap can ask instead: a shorter window.
_NARROW_WINDOW = "narrow it with since/until"

described_enum(
    service.TestVerdict,
    "What a test run said.",
    {
        service.TestVerdict.PASSED: "The run passed.",
        service.TestVerdict.FAILED: "The run failed.",
    },
    name="TestVerdict",
)


@strawberry.type(description="One finished test case or suite run with a verdict.")
class TestRun:
    event_id: strawberry.ID = strawberry.field(description="The `*.finished` event's id.")
    verdict: service.TestVerdict = strawberry.field(description="Passed or failed.")
    timestamp: datetime = strawberry.field(description="When it finished.")
    commit: str | None = strawberry.field(
        description="The commit it ran on: named by the event, else by its chain."
    )
    chain_id: strawberry.ID | None = strawberry.field(description="Its chain.")

    @strawberry.field(description="The test run's finished event.")
    async def event(self, info: Info) -> Event:
        """The test run's finished event."""
        return Event.from_node(await info.context.loaders.nodes.load(str(self.event_id)))

    @classmethod
    def from_model(cls, run: service.TestRun) -> TestRun:
        """The GraphQL view of a test run."""
        return cls(
            event_id=strawberry.ID(run.event_id),
            verdict=run.verdict,
            timestamp=run.timestamp,
            commit=run.commit,
            chain_id=strawberry.ID(run.chain_id) if run.chain_id is not None else None,
        )


@strawberry.type(description="A commit a test passed and failed on within 14 days.")
class FlakyCommit:
    commit: str = strawberry.field(description="The commit hash.")
    test_runs: strawberry.Private[tuple[service.TestRun, ...]]
    owner: strawberry.Private[str]

    @strawberry.field(
        description="Every run of the test on it, by time; more than "
        "`LINEAGE_MAX_LISTED_ITEMS` is an error."
    )
    def runs(self) -> list[TestRun]:
        """Every run of the test on this commit, by time, within the listing cap."""
        shown = listed(
            f"commit {self.commit!r} of {self.owner}", "runs", self.test_runs, _NARROW_WINDOW
        )
        return [TestRun.from_model(run) for run in shown]


@strawberry.type(description="A test that both passed and failed on one commit within 14 days.")
class FlakyTest:
    subject_type: str = strawberry.field(description="`testCaseRun` or `testSuiteRun`.")
    test_id: str = strawberry.field(description="`testCase.id` / `testSuite.id` (else name).")
    name: str | None = strawberry.field(description="The test's name, if runs gave one.")
    runs: int = strawberry.field(description="Runs with a verdict in the window.")
    passes: int = strawberry.field(description="Runs that passed.")
    failures: int = strawberry.field(description="Runs that failed.")
    commits: int = strawberry.field(description="Commits it has a verdict on.")
    flaky_commits: int = strawberry.field(description="Commits it was flaky on.")
    flaky_rate: float = strawberry.field(description="Flaky commits ÷ commits (0..1).")
    flaky: strawberry.Private[tuple[service.FlakyCommit, ...]]
    window: strawberry.Private[str]

    def _owner(self) -> str:
        """How an error names this test."""
        return f"test {self.test_id!r} in {self.window}"

    @strawberry.field(
        description="Each flaky commit with its runs; more than `LINEAGE_MAX_LISTED_ITEMS` is "
        "an error."
    )
    def evidence(self) -> list[FlakyCommit]:
        """Each flaky commit with its runs, within the listing cap."""
        shown = listed(self._owner(), "flaky commits", self.flaky, _NARROW_WINDOW)
        return [
            FlakyCommit(commit=f.commit, test_runs=tuple(f.runs), owner=self._owner())
            for f in shown
        ]

    @classmethod
    def from_model(cls, test: service.FlakyTest, window: str) -> FlakyTest:
        """The GraphQL view of a flaky test (`window`: how errors name the window)."""
        return cls(
            subject_type=test.subject_type,
            test_id=test.test_id,
            name=test.name,
            runs=test.runs,
            passes=test.passes,
            failures=test.failures,
            commits=test.commits,
            flaky_commits=test.flaky_commits,
            flaky_rate=test.flaky_rate,
            flaky=tuple(test.evidence),
            window=window,
        )


@strawberry.type(description="The flaky tests of a window, highest flaky rate first.")
class FlakyTestsReport:
    since: datetime = strawberry.field(description="Start of the window (included).")
    until: datetime = strawberry.field(description="End of the window (excluded).")
    tests_examined: int = strawberry.field(description="Tests with a verdict in the window.")
    runs_examined: int = strawberry.field(description="Test runs with a verdict in the window.")
    report: strawberry.Private[service.FlakyTestsReport]

    def _window(self) -> str:
        """How an error names this report's window."""
        return f"the flaky-tests window {self.since.isoformat()} .. {self.until.isoformat()}"

    @strawberry.field(
        description="The flaky ones; more than `LINEAGE_MAX_LISTED_ITEMS` is an error."
    )
    def tests(self) -> list[FlakyTest]:
        """The flaky tests, highest flaky rate first, within the listing cap."""
        shown = listed(self._window(), "flaky tests", self.report.tests, _NARROW_WINDOW)
        return [FlakyTest.from_model(test, self._window()) for test in shown]

    @classmethod
    def from_model(cls, report: service.FlakyTestsReport) -> FlakyTestsReport:
        """The GraphQL view of a report."""
        return cls(
            since=report.since,
            until=report.until,
            tests_examined=report.tests_examined,
            runs_examined=report.runs_examined,
            report=report,
        )
