"""A CDEvents pipeline execution computed in memory: stages, environments, status."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from lineage.ingest import parse_record
from lineage.model import Event, Link
from lineage.model.pipeline import EnvironmentStatus, ExecutionOrigin, ExecutionStatus
from lineage.services.pipeline_runs import cdevents_execution
from tests.support.pipelines import IMAGE_6, IMAGE_7, RELEASE_6, RELEASE_7, release_run
from tests.support.scenarios import cdevent


def pool(records: list[dict[str, Any]]) -> tuple[list[Event], list[Link]]:
    events: list[Event] = []
    links: list[Link] = []
    for raw in records:
        parsed = parse_record(raw)
        if isinstance(parsed, Event):
            events.append(parsed)
            links.extend(parsed.links)
        elif isinstance(parsed, Link):
            links.append(parsed)
    return events, links


def at(day: int, clock: str) -> datetime:
    hours, minutes, seconds = (int(part) for part in clock.split(":"))
    return datetime(2026, 2, day, hours, minutes, seconds, tzinfo=UTC)


def test_release_run_with_prod_rollback_failed_and_shows_its_promotion() -> None:
    events, links = pool(RELEASE_6 + RELEASE_7)

    run = cdevents_execution("payments-release-7", events, links)

    assert run is not None
    assert (run.origin, run.status) == (ExecutionOrigin.CDEVENTS, ExecutionStatus.FAILED)
    assert (run.pipeline_name, run.namespace, run.chain_id) == (
        "payments-release", "ci", "chain-release-7",
    )  # fmt: skip
    assert (run.started_at, run.finished_at) == (at(3, "10:00:30"), at(3, "11:00:00"))
    assert run.trigger == {
        "eventId": "r7-merged", "type": "dev.cdevents.change.merged.0.3.0",
        "subjectId": "myorg/payments/pull/7",
    }  # fmt: skip
    assert [(s.name, s.status) for s in run.stages] == [
        ("build", ExecutionStatus.SUCCEEDED), ("unit-tests", ExecutionStatus.SUCCEEDED),
    ]  # fmt: skip
    build, tests = run.stages
    assert build.artifacts == (IMAGE_7,)
    assert tests.artifacts == ()  # the package made after the tests is not theirs
    assert build.duration == timedelta(minutes=3, seconds=30)
    assert (tests.started_at, tests.finished_at) == (at(3, "10:04:10"), at(3, "10:07:05"))
    assert [(e.name, e.order, e.status, e.time) for e in run.environments] == [
        ("dev", 0, EnvironmentStatus.SUCCEEDED, at(3, "10:10:00")),
        ("staging", 1, EnvironmentStatus.SUCCEEDED, at(3, "10:25:00")),
        ("prod", 2, EnvironmentStatus.ROLLED_BACK, at(3, "10:58:00")),
    ]
    prod = run.environments[2]
    assert prod.artifact_id == IMAGE_6  # what runs in prod after the rollback
    assert prod.event_ids == ("r7-deploy-prod", "r7-rollback")


def test_the_earlier_release_succeeded_and_keeps_its_own_deploys() -> None:
    events, links = pool(RELEASE_6 + RELEASE_7)

    run = cdevents_execution("payments-release-6", events, links)

    assert run is not None
    assert run.status is ExecutionStatus.SUCCEEDED
    assert [(e.name, e.status, e.artifact_id) for e in run.environments] == [
        ("dev", EnvironmentStatus.SUCCEEDED, IMAGE_6),
        ("staging", EnvironmentStatus.SUCCEEDED, IMAGE_6),
        ("prod", EnvironmentStatus.SUCCEEDED, IMAGE_6),
    ]


def test_a_rollback_fails_the_run_even_before_the_orchestrator_says_so() -> None:
    records = release_run(8, 4, IMAGE_7, chain="c8", rollback_to=IMAGE_6, finish=False)
    events, links = pool(records)

    run = cdevents_execution("payments-release-8", events, links)

    assert run is not None
    assert run.status is ExecutionStatus.FAILED
    assert run.finished_at is None


def test_a_run_in_flight_is_running_with_the_environments_reached_so_far() -> None:
    records = [
        r for r in release_run(9, 5, IMAGE_7, chain="c9", finish=False)
        if r["context"]["id"] not in ("r9-deploy-staging", "r9-deploy-prod")
    ]  # fmt: skip
    events, links = pool(records)

    run = cdevents_execution("payments-release-9", events, links)

    assert run is not None
    assert run.status is ExecutionStatus.RUNNING
    assert [e.name for e in run.environments] == ["dev"]


def test_deploys_joined_only_by_artifact_id_are_inferred() -> None:
    # No chain ids and no links: the deploys name the image the build stage produced.
    records = release_run(10, 6, IMAGE_7, chain=None, deploy_relations=False)
    for record in records:
        record["context"].pop("links", None)
    events, links = pool(records)

    run = cdevents_execution("payments-release-10", events, links)

    assert run is not None
    assert [s.artifacts for s in run.stages] == [(IMAGE_7,), ()]
    assert [e.name for e in run.environments] == ["dev", "staging", "prod"]
    assert run.status is ExecutionStatus.SUCCEEDED


def test_promotion_order_is_first_arrival_not_name() -> None:
    run_id = "ordering-1"
    records = [
        cdevent("o-started", "dev.cdevents.pipelinerun.started.0.3.0", "2026-02-07T10:00:00Z",
                source="/ci", subject=run_id, chain="co"),
        *(
            cdevent(f"o-{env}", "dev.cdevents.service.deployed.0.3.0", f"2026-02-07T1{i}:00:00Z",
                    source="/cd", subject="svc", chain="co",
                    content={"environment": {"id": env}, "artifactId": "pkg:generic/svc@1"})
            for i, env in enumerate(("qa", "canary", "prod"), start=1)
        ),
    ]  # fmt: skip
    events, links = pool(records)

    run = cdevents_execution(run_id, events, links)

    assert run is not None
    assert [(e.name, e.order) for e in run.environments] == [("qa", 0), ("canary", 1), ("prod", 2)]


def test_explicit_deploy_outcomes_are_read() -> None:
    run_id = "outcome-1"
    records = [
        cdevent("x-started", "dev.cdevents.pipelinerun.started.0.3.0", "2026-02-07T10:00:00Z",
                source="/ci", subject=run_id, chain="cx"),
        cdevent("x-dev", "dev.cdevents.service.deployed.0.3.0", "2026-02-07T10:05:00Z",
                source="/cd", subject="svc", chain="cx",
                content={"environment": {"id": "dev"}, "outcome": "failure"}),
        cdevent("x-qa", "dev.cdevents.service.deployed.0.3.0", "2026-02-07T10:06:00Z",
                source="/cd", subject="svc", chain="cx",
                content={"environment": {"id": "qa"}, "status": "In Progress"}),
    ]  # fmt: skip
    events, links = pool(records)

    run = cdevents_execution(run_id, events, links)

    assert run is not None
    assert [e.status for e in run.environments] == [
        EnvironmentStatus.FAILED, EnvironmentStatus.RUNNING,
    ]  # fmt: skip
    assert run.status is ExecutionStatus.FAILED


def test_unknown_run_is_none() -> None:
    events, links = pool(RELEASE_7)

    assert cdevents_execution("no-such-run", events, links) is None
