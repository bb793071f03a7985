"""The critical path of a chain: steps, CPM schedule, slack, on every store."""

from __future__ import annotations

import pytest

from lineage.services.critical_path import CriticalPath, critical_path_of_chain
from lineage.services.steps import StepKind
from lineage.store import Store
from tests.support.critical_path_scenarios import FANOUT_CHAIN, fan_out_release
from tests.support.scenarios import cdevent, ingest


def _by_name(path: CriticalPath) -> dict[str, tuple[float, float, float, float | None, bool]]:
    return {
        s.step.name: (
            s.earliest_start_seconds,
            s.latest_start_seconds,
            s.slack_seconds,
            s.step.queue_seconds,
            s.on_critical_path,
        )
        for s in path.steps
    }


def test_fan_out_fan_in_critical_path_and_slack_match_the_hand_computation(store: Store) -> None:
    """The release of `tests.support.critical_path_scenarios`, computed by hand.

    Steps (weight = queue + run, seconds):
      merged: instant, 0.
      release (start): the pipeline run encloses task runs, so it is a container; its opening
        step holds queued 10:00:10 -> started 10:00:40: queue 30, run 0, weight 30.
      lint 10:01:00 -> 10:03:00: 120.
      mac build 600; sles build: queue 10:03:05 -> 10:04:05 = 60, run 10:04:05 -> 10:12:05
        = 480, weight 540; win build 300.
      smoke mac 120, smoke sles 240, smoke win 120. promote 60. deployed 0. release (finish) 0.
    Forward pass (ES, EF):
      merged (0, 0); start (0, 30); lint (30, 150);
      mac (150, 750) -> smoke mac (750, 870); sles (150, 690) -> smoke sles (690, 930);
      win (150, 450) -> smoke win (450, 570);
      promote: ES = max(870, 930, 570) = 930, EF 990; deployed (990, 990); finish (990, 990).
      Total T = 990.
    Backward pass (LS, slack = LS - ES):
      finish 990, 0; deployed 990, 0; promote LF 990, LS 930, 0;
      smoke mac LS 930-120 = 810, slack 60; smoke sles 690, 0; smoke win 810, 360;
      mac LF 810 LS 210, slack 60; sles LF 690 LS 150, 0; win LF 810 LS 510, 360;
      lint LF = min(210, 150, 510) = 150, LS 30, 0; start LS 0, 0; merged 0, 0.
    Critical path: merged, release (start), lint, sles build, smoke sles, promote, deployed,
      release (finish); 990 s = 90 s queue (30 run + 60 sles build) + 900 s run.
    """
    ingest(store, fan_out_release())

    path = critical_path_of_chain(store, FANOUT_CHAIN)

    assert path is not None
    assert path.total_seconds == 990.0
    assert (path.queue_seconds, path.run_seconds) == (90.0, 900.0)
    assert path.island_count == 1
    assert path.ignored_link_ids == ()
    assert _by_name(path) == {
        "change.merged myorg/app/pull/41": (0.0, 0.0, 0.0, None, True),
        "release (start)": (0.0, 0.0, 0.0, 30.0, True),
        "lint": (30.0, 30.0, 0.0, None, True),
        "release-41-build-mac": (150.0, 210.0, 60.0, None, False),
        "release-41-build-sles": (150.0, 150.0, 0.0, 60.0, True),
        "release-41-build-win": (150.0, 510.0, 360.0, None, False),
        "smoke mac": (750.0, 810.0, 60.0, None, False),
        "smoke sles": (690.0, 690.0, 0.0, None, True),
        "smoke win": (450.0, 810.0, 360.0, None, False),
        "promote": (930.0, 930.0, 0.0, None, True),
        "service.deployed app": (990.0, 990.0, 0.0, None, True),
        "release (finish)": (990.0, 990.0, 0.0, None, True),
    }
    assert [s.step.name for s in path.path] == [
        "change.merged myorg/app/pull/41", "release (start)", "lint", "release-41-build-sles",
        "smoke sles", "promote", "service.deployed app", "release (finish)",
    ]  # fmt: skip


def test_a_step_collapses_its_events_and_durations_come_from_them(store: Store) -> None:
    ingest(store, fan_out_release())

    path = critical_path_of_chain(store, FANOUT_CHAIN)

    assert path is not None
    sles = next(s.step for s in path.steps if s.step.name == "release-41-build-sles")
    assert sles.kind is StepKind.RUN
    assert sles.event_ids == (
        "sles-build-queued", "sles-build-started", "sles-build-finished",
    )  # fmt: skip
    assert (sles.queue_seconds, sles.duration_seconds) == (60.0, 480.0)
    assert sles.id == "sles-build-queued"
    kinds = {s.step.name: s.step.kind for s in path.steps}
    assert kinds["release (start)"] is StepKind.OPENING
    assert kinds["release (finish)"] is StepKind.CLOSING
    assert kinds["service.deployed app"] is StepKind.INSTANT


def test_a_run_absorbs_the_lone_events_it_encloses(store: Store) -> None:
    """task started -> build.finished -> task finished: one 'build' step of 250 s."""
    chain = "chain-absorb"
    task = {"taskName": "build", "pipelineRun": {"id": "run-1"}}
    ingest(store, [
        cdevent("t-start", "dev.cdevents.taskrun.started.0.3.0", "2026-03-02T10:00:00Z",
                source="/ci", subject="run-1-build", chain=chain, content=task),
        cdevent("built", "dev.cdevents.build.finished.0.3.0", "2026-03-02T10:04:00Z",
                source="/ci", subject="run-1-build", chain=chain, after=["t-start"],
                content={"artifactId": "pkg:oci/app@sha256%3Aaa"}),
        cdevent("t-end", "dev.cdevents.taskrun.finished.0.3.0", "2026-03-02T10:04:10Z",
                source="/ci", subject="run-1-build", chain=chain, after=["built"],
                content={**task, "outcome": "success"}),
    ])  # fmt: skip

    path = critical_path_of_chain(store, chain)

    assert path is not None
    assert [(s.step.name, s.step.event_ids, s.step.absorbed_ids) for s in path.steps] == [
        ("build", ("t-start", "built", "t-end"), ("built",)),
    ]
    assert path.total_seconds == 250.0


def test_missing_finish_islands_cycles_and_placeholders_are_reported_not_fatal(
    store: Store,
) -> None:
    """Island 1: a -> b (task without a finish) -> c, and c -> a closes a cycle (c is the most
    time-backward link, 10:10 -> 10:00, so it is ignored). b has no duration: 0 s.
    Island 2: a 5-minute task x (10:00 -> 10:05) whose successor `ghost` never arrived.
    Total: 300 s, all of it x; island 1 has slack 300 everywhere."""
    chain = "chain-odd"
    ingest(store, [
        cdevent("a", "dev.cdevents.change.merged.0.3.0", "2026-03-02T10:00:00Z",
                source="/scm", subject="pr-1", chain=chain, after=["c"]),
        cdevent("b", "dev.cdevents.taskrun.started.0.3.0", "2026-03-02T10:01:00Z",
                source="/ci", subject="task-b", chain=chain, after=["a"],
                content={"taskName": "slow"}),
        cdevent("c", "dev.cdevents.service.deployed.0.3.0", "2026-03-02T10:10:00Z",
                source="/cd", subject="app", chain=chain, after=["b"]),
        cdevent("x1", "dev.cdevents.taskrun.started.0.3.0", "2026-03-02T10:00:00Z",
                source="/ci", subject="task-x", chain=chain, content={"taskName": "x"}),
        cdevent("x2", "dev.cdevents.taskrun.finished.0.3.0", "2026-03-02T10:05:00Z",
                source="/ci", subject="task-x", chain=chain, after=["x1"],
                content={"taskName": "x", "outcome": "success"}),
        {"chainId": chain, "linkType": "PATH", "from": {"contextId": "x2"},
         "to": {"contextId": "ghost"}},
    ])  # fmt: skip

    path = critical_path_of_chain(store, chain)

    assert path is not None
    assert path.island_count == 2
    assert len(path.ignored_link_ids) == 1
    assert path.total_seconds == 300.0
    steps = {s.step.name: s for s in path.steps}
    slow = steps["slow"]
    assert slow.step.duration_seconds is None and not slow.step.complete
    assert slow.slack_seconds == 300.0
    assert steps["missing event"].step.kind is StepKind.MISSING
    assert [s.step.name for s in path.path] == ["x", "missing event"]


def test_unknown_chain_has_no_critical_path(store: Store) -> None:
    assert critical_path_of_chain(store, "no-such-chain") is None


@pytest.mark.parametrize("missing", ["promote-finished"])
def test_a_join_step_without_its_finish_counts_zero_seconds(store: Store, missing: str) -> None:
    records = [r for r in fan_out_release() if r["context"]["id"] != missing]
    for record in records:  # the deploy followed the promote start instead
        if record["context"]["id"] == "deployed":
            record["context"]["links"] = [
                {"linkType": "PATH", "from": {"contextId": "promote-started"}}
            ]
    ingest(store, records)

    path = critical_path_of_chain(store, FANOUT_CHAIN)

    assert path is not None
    promote = next(s for s in path.steps if s.step.name == "promote")
    assert promote.step.duration_seconds is None
    assert path.total_seconds == 930.0
