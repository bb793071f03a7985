"""Hand-built pipeline runs for stage statistics (numbers worked out in the tests' docstrings).

`payments-ci` runs, each in its own chain, PATH links in time order unless said otherwise:

- r1 (2026-04-01): run queued 10:00:00, started 10:00:30; from the start, in parallel:
  build 10:01:40 .. 10:06:40 (image A), and
  lint started 10:00:40, finished 10:02:40; both -> test 10:07:00 .. 10:09:00; run finished.
- r2 (2026-04-02): build attempt 1 10:01:00 .. 10:03:00 failed (no output), attempt 2
  10:03:10 .. 10:07:10 (image B); test 10:07:20 .. 10:10:20.
- r3 (2026-04-03): build 10:01:00 .. 10:05:00 (image C), re-run 10:05:10 .. 10:08:10 (image D:
  same run, different output); test 10:08:20 .. 10:09:20 failed; run failed.
- r4 (2026-05-01): outside the April window.
- `checkout-ci` r5 (2026-04-02): one build 10:00:00 .. 10:10:00.
"""

from __future__ import annotations

from typing import Any

from tests.support.scenarios import cdevent

Record = dict[str, Any]

REGISTRY = "registry.example.com/myorg"


def image(letter: str) -> str:
    """The PURL of test image `letter` (its digest is the letter 64 times)."""
    return f"pkg:oci/payments@sha256%3A{letter * 64}?repository_url={REGISTRY}"


class _Run:
    """Writes the events of one pipeline run into its own chain."""

    def __init__(self, run: str, day: str, pipeline: str = "payments-ci") -> None:
        self.run, self.day, self.pipeline = run, day, pipeline
        self.chain = f"chain-{run}"
        self.records: list[Record] = []

    def event(self, event_id: str, kind: str, clock: str, subject: str, after: list[str],
              content: dict[str, Any]) -> str:  # fmt: skip
        full = f"{self.run}-{event_id}"
        record = cdevent(full, f"dev.cdevents.{kind}.0.3.0", f"{self.day}T{clock}Z",
                         source="/ci", subject=subject, chain=self.chain,
                         after=[f"{self.run}-{a}" for a in after], content=content)  # fmt: skip
        self.records.append(record)
        return event_id

    def pipeline_event(self, predicate: str, clock: str, after: list[str],
                       outcome: str | None = None) -> str:  # fmt: skip
        content: dict[str, Any] = {"pipelineName": self.pipeline}
        if outcome is not None:
            content["outcome"] = outcome
        return self.event(f"run-{predicate}", f"pipelinerun.{predicate}", clock, self.run, after,
                          content)  # fmt: skip

    def task(self, task_id: str, name: str, after: list[str], started: str, finished: str,
             outcome: str = "success", artifact: str | None = None) -> str:  # fmt: skip
        subject = f"{self.run}-{task_id}"
        content: dict[str, Any] = {"taskName": name, "pipelineRun": {"id": self.run}}
        begin = self.event(f"{task_id}-started", "taskrun.started", started, subject, after,
                           content)  # fmt: skip
        done: dict[str, Any] = {**content, "outcome": outcome}
        if artifact is not None:
            done["artifactId"] = artifact
        return self.event(f"{task_id}-finished", "taskrun.finished", finished, subject, [begin],
                          done)  # fmt: skip


def payments_runs() -> list[Record]:
    """Runs r1 .. r4 of `payments-ci` and r5 of `checkout-ci`."""
    r1 = _Run("r1", "2026-04-01")
    start = r1.pipeline_event("started", "10:00:30", [r1.pipeline_event("queued", "10:00:00", [])])
    build = r1.task("build", "build", [start], "10:01:40", "10:06:40", artifact=image("a"))
    lint = r1.task("lint", "lint", [start], "10:00:40", "10:02:40")
    test = r1.task("test", "test", [build, lint], "10:07:00", "10:09:00")
    r1.pipeline_event("finished", "10:10:00", [test], "success")

    r2 = _Run("r2", "2026-04-02")
    start = r2.pipeline_event("started", "10:00:30", [r2.pipeline_event("queued", "10:00:00", [])])
    first = r2.task("build-1", "build", [start], "10:01:00", "10:03:00", outcome="failure")
    second = r2.task("build-2", "build", [first], "10:03:10", "10:07:10", artifact=image("b"))
    test = r2.task("test", "test", [second], "10:07:20", "10:10:20")
    r2.pipeline_event("finished", "10:11:00", [test], "success")

    r3 = _Run("r3", "2026-04-03")
    start = r3.pipeline_event("started", "10:00:30", [r3.pipeline_event("queued", "10:00:00", [])])
    first = r3.task("build-1", "build", [start], "10:01:00", "10:05:00", artifact=image("c"))
    second = r3.task("build-2", "build", [first], "10:05:10", "10:08:10", artifact=image("d"))
    test = r3.task("test", "test", [second], "10:08:20", "10:09:20", outcome="failure")
    r3.pipeline_event("finished", "10:10:00", [test], "failure")

    r4 = _Run("r4", "2026-05-01")
    start = r4.pipeline_event("started", "10:00:00", [])
    build = r4.task("build", "build", [start], "10:00:10", "10:30:10", artifact=image("e"))
    r4.pipeline_event("finished", "10:31:00", [build], "success")

    r5 = _Run("r5", "2026-04-02", pipeline="checkout-ci")
    start = r5.pipeline_event("started", "09:59:00", [])
    build = r5.task("build", "build", [start], "10:00:00", "10:10:00")
    r5.pipeline_event("finished", "10:11:00", [build], "success")
    return [*r1.records, *r2.records, *r3.records, *r4.records, *r5.records]
