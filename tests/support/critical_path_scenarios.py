"""A fan-out / fan-in release whose critical path was computed by hand (see the test docstring).

Times on 2026-03-02 (UTC), all in chain `FANOUT_CHAIN`, PATH links as drawn:

    merged 10:00:00
      -> run queued 10:00:10 -> run started 10:00:40
      -> lint started 10:01:00 -> lint finished 10:03:00
         -> mac build   started 10:03:10 ........................ finished 10:13:10
            -> mac tests   started 10:13:20 ... finished 10:15:20
         -> sles build  queued 10:03:05, started 10:04:05 ....... finished 10:12:05
            -> sles tests  started 10:12:30 ... finished 10:16:30
         -> win build   started 10:03:20 ... finished 10:08:20
            -> win tests   started 10:08:30 ... finished 10:10:30
      (all three test suites finished) -> promote started 10:17:00 -> promote finished 10:18:00
      -> deployed 10:20:00 -> run finished 10:21:00
"""

from __future__ import annotations

from typing import Any

from tests.support.scenarios import cdevent

Record = dict[str, Any]

FANOUT_CHAIN = "chain-fanout-1"
RUN = "release-41"
CI = "/ci/jenkins"

_TYPES = {
    "merged": "dev.cdevents.change.merged.0.3.0",
    "run.queued": "dev.cdevents.pipelinerun.queued.0.3.0",
    "run.started": "dev.cdevents.pipelinerun.started.0.3.0",
    "run.finished": "dev.cdevents.pipelinerun.finished.0.3.0",
    "task.started": "dev.cdevents.taskrun.started.0.3.0",
    "task.finished": "dev.cdevents.taskrun.finished.0.3.0",
    "build.queued": "dev.cdevents.build.queued.0.3.0",
    "build.started": "dev.cdevents.build.started.0.3.0",
    "build.finished": "dev.cdevents.build.finished.0.3.0",
    "suite.started": "dev.cdevents.testsuiterun.started.0.3.0",
    "suite.finished": "dev.cdevents.testsuiterun.finished.0.3.0",
    "deployed": "dev.cdevents.service.deployed.0.3.0",
}


def _at(clock: str) -> str:
    return f"2026-03-02T{clock}Z"


def _event(event_id: str, kind: str, clock: str, subject: str, after: list[str],
           content: dict[str, Any] | None = None, chain: str = FANOUT_CHAIN) -> Record:  # fmt: skip
    return cdevent(event_id, _TYPES[kind], _at(clock), source=CI, subject=subject, chain=chain,
                   after=after, content=content)  # fmt: skip


def _task(name: str, outcome: str | None = None) -> dict[str, Any]:
    content: dict[str, Any] = {"taskName": name, "pipelineRun": {"id": RUN}}
    if outcome is not None:
        content["outcome"] = outcome
    return content


def fan_out_release() -> list[Record]:
    """The records of the hand-computed fan-out / fan-in release."""
    run = {"pipelineName": "release"}
    records = [
        _event("merged", "merged", "10:00:00", "myorg/app/pull/41", []),
        _event("run-queued", "run.queued", "10:00:10", RUN, ["merged"], run),
        _event("run-started", "run.started", "10:00:40", RUN, ["run-queued"], run),
        _event("lint-started", "task.started", "10:01:00", f"{RUN}-lint", ["run-started"],
               _task("lint")),
        _event("lint-finished", "task.finished", "10:03:00", f"{RUN}-lint", ["lint-started"],
               _task("lint", "success")),
    ]  # fmt: skip
    builds = {
        "mac": (None, "10:03:10", "10:13:10", "10:13:20", "10:15:20"),
        "sles": ("10:03:05", "10:04:05", "10:12:05", "10:12:30", "10:16:30"),
        "win": (None, "10:03:20", "10:08:20", "10:08:30", "10:10:30"),
    }
    for platform, (queued, started, finished, t_start, t_end) in builds.items():
        build = f"{RUN}-build-{platform}"
        first = ["lint-finished"]
        if queued is not None:
            records.append(_event(f"{platform}-build-queued", "build.queued", queued, build, first))
            first = [f"{platform}-build-queued"]
        suite = {"testSuite": {"id": f"smoke-{platform}", "name": f"smoke {platform}"}}
        records += [
            _event(f"{platform}-build-started", "build.started", started, build, first),
            _event(f"{platform}-build-finished", "build.finished", finished, build,
                   [f"{platform}-build-started"], {"artifactId": f"pkg:generic/app-{platform}@41"}),
            _event(f"{platform}-tests-started", "suite.started", t_start, f"{RUN}-{platform}-smoke",
                   [f"{platform}-build-finished"], suite),
            _event(f"{platform}-tests-finished", "suite.finished", t_end, f"{RUN}-{platform}-smoke",
                   [f"{platform}-tests-started"], {**suite, "outcome": "pass"}),
        ]  # fmt: skip
    records += [
        _event("promote-started", "task.started", "10:17:00", f"{RUN}-promote",
               [f"{p}-tests-finished" for p in builds], _task("promote")),
        _event("promote-finished", "task.finished", "10:18:00", f"{RUN}-promote",
               ["promote-started"], _task("promote", "success")),
        _event("deployed", "deployed", "10:20:00", "app", ["promote-finished"],
               {"environment": {"id": "prod"}, "artifactId": "pkg:generic/app@41"}),
        _event("run-finished", "run.finished", "10:21:00", RUN, ["deployed"],
               {**run, "outcome": "success"}),
    ]  # fmt: skip
    return records
