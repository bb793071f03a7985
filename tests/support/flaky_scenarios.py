"""Hand-built test runs for flaky-test detection (April 2026; verdicts worked out in the tests).

- Commit A: chain f1 names it on its merge; its suite `unit` and case `test-login` pass
  (04-01). Chain f2 names it on its pipeline run; both fail there (04-03), and a cancelled run of
  `unit` gives no verdict. Case `test-logout` fails once on A (chain f2).
- Commit B, named by the test events themselves: `unit` passes 04-05, fails 04-25 (20 days).
- Commit C: `unit` passes 04-10 and 04-11.
- No commit: `unit` passes 04-12 in chain f9, which names none.
"""

from __future__ import annotations

from typing import Any

from tests.support.scenarios import cdevent

Record = dict[str, Any]

COMMIT_A, COMMIT_B, COMMIT_C = "a" * 40, "b" * 40, "c" * 40


def _suite(event_id: str, day: str, outcome: str, chain: str,
           commit: str | None = None) -> Record:  # fmt: skip
    content = {"outcome": outcome, "testSuite": {"id": "unit", "name": "Unit tests"}}
    record = cdevent(event_id, "dev.cdevents.testsuiterun.finished.0.3.0",
                     f"2026-04-{day}T10:00:00Z", source="/ci", subject=f"run-{event_id}",
                     chain=chain, content=content)  # fmt: skip
    if commit is not None:
        record["customData"] = {"commitHash": commit}
    return record


def _case(event_id: str, day: str, outcome: str, chain: str, case: str) -> Record:
    return cdevent(event_id, "dev.cdevents.testcaserun.finished.0.3.0",
                   f"2026-04-{day}T10:00:05Z", source="/ci", subject=f"run-{event_id}",
                   chain=chain, content={"outcome": outcome, "testCase": {"id": case}})  # fmt: skip


def flaky_runs() -> list[Record]:
    """The records of the flaky-test scenario."""
    merge = cdevent("f1-merge", "dev.cdevents.change.merged.0.3.0", "2026-04-01T09:00:00Z",
                    source="/scm", subject="myorg/app/pull/1", chain="f1")  # fmt: skip
    merge["customData"] = {"commitHash": COMMIT_A}
    rerun = cdevent("f2-run", "dev.cdevents.pipelinerun.started.0.3.0", "2026-04-03T09:00:00Z",
                    source="/ci", subject="app-ci-2", chain="f2",
                    content={"pipelineName": "app-ci"})  # fmt: skip
    rerun["customData"] = {"commitHash": COMMIT_A}
    return [
        merge,
        _suite("f1-unit", "01", "pass", "f1"),
        _case("f1-login", "01", "pass", "f1", "test-login"),
        rerun,
        _suite("f2-unit", "03", "fail", "f2"),
        _suite("f2-unit-cancelled", "03", "cancel", "f2"),
        _case("f2-login", "03", "fail", "f2", "test-login"),
        _case("f2-logout", "03", "fail", "f2", "test-logout"),
        _suite("b-unit-pass", "05", "pass", "fb1", COMMIT_B),
        _suite("b-unit-fail", "25", "fail", "fb2", COMMIT_B),
        _suite("c-unit-1", "10", "pass", "fc1", COMMIT_C),
        _suite("c-unit-2", "11", "pass", "fc2", COMMIT_C),
        _suite("none-unit", "12", "pass", "f9"),
    ]
