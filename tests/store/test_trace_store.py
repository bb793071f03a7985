"""The trace index of every backend: commit entries merge in any order, lookups, PipeCD records."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from lineage.model.commit import CommitEntry, MentionTime
from lineage.model.deployment_status import DeploymentStatus
from lineage.store import Store
from tests.support.cdevents import cdevent
from tests.support.scenarios import ingest
from tests.support.trace_scenarios import (
    MANIFEST_SHA,
    PIPECD_SHA,
    SHA,
    SOURCE_SHA,
    manifest_hop,
    pipecd_trace,
    promotion,
)

T0 = datetime(2026, 1, 5, 9, tzinfo=UTC)


def mention(event_id: str, sha: str, minutes: int) -> dict[str, object]:
    ts = (T0 + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return cdevent(
        "change.merged", event_id, ts=ts, subject_id=f"pull/{event_id}",
        custom_data={"commitHash": sha},
    )  # fmt: skip


@pytest.mark.parametrize("reverse", [False, True], ids=["oldest first", "newest first"])
def test_commit_entries_merge_to_the_same_span_in_any_order(store: Store, reverse: bool) -> None:
    records = [mention("a", SHA, 0), mention("b", SHA, 30), mention("c", SHA, 10)]

    for record in reversed(records) if reverse else records:
        ingest(store, [record])

    assert store.commit_entries([SHA]) == {
        SHA: CommitEntry(SHA, T0, T0 + timedelta(minutes=30), None, True)
    }
    assert [m.event_id for m in store.commit_mentions([SHA])] == ["a", "c", "b"]
    assert [m.commit.hash for m in store.event_commit_mentions(["c", "x"])] == [SHA]


def test_prefix_lookup_in_hash_order(store: Store) -> None:
    ingest(store, promotion() + pipecd_trace())

    assert store.commit_hashes(SHA[:7], 5) == [SHA]
    assert store.commit_hashes("c0ffee1", 5) == [PIPECD_SHA]
    assert store.commit_hashes("fffffff", 5) == []


def test_pipecd_records_round_trip(store: Store) -> None:
    ingest(store, pipecd_trace())

    (trace,) = store.deployment_traces([PIPECD_SHA])
    found = store.get_deployments(["deploy-cart", "deploy-checkout", "other"])

    assert (trace.id, trace.project_id, trace.author) == ("trace-1", "acme", "bob")
    assert set(found) == {"deploy-cart", "deploy-checkout"}
    assert found["deploy-cart"].status is DeploymentStatus.RUNNING
    assert found["deploy-cart"].completed_at is None
    assert [d.id for d in store.deployments_tracing([PIPECD_SHA])] == [
        "deploy-checkout", "deploy-cart",
    ]  # fmt: skip
    entry = store.commit_entries([PIPECD_SHA])[PIPECD_SHA]
    assert (entry.project_id, entry.listed) == ("acme", True)


def test_manifest_commits_and_their_sources(store: Store) -> None:
    ingest(store, manifest_hop())

    (manifest,) = store.manifest_commits_naming([SOURCE_SHA])

    assert manifest.hash == MANIFEST_SHA and manifest.source_hashes == (SOURCE_SHA,)
    assert set(store.manifest_commits([MANIFEST_SHA, SOURCE_SHA])) == {MANIFEST_SHA}
    assert store.commit_entries([SOURCE_SHA])[SOURCE_SHA].listed is True


def test_previous_pipecd_deployment_is_same_application_and_environment(store: Store) -> None:
    def record(deployment_id: str, app: str, env: str | None, created: int) -> dict[str, object]:
        return {"kind": "Deployment", "id": deployment_id, "applicationId": app, "envId": env,
                "status": "DEPLOYMENT_SUCCESS", "createdAt": created}  # fmt: skip

    ingest(store, [record("a1", "api", "prod", 100), record("a2", "api", "prod", 200),
                   record("b1", "web", "prod", 150), record("a3", "api", "dev", 150),
                   record("a4", "api", "prod", 300)])  # fmt: skip
    latest = store.get_deployments(["a4", "a1"])

    previous = store.previous_deployment(latest["a4"])

    assert previous is not None and previous.id == "a2"
    assert store.previous_deployment(latest["a1"]) is None


def test_subject_events_before_newest_first(store: Store) -> None:
    ingest(store, promotion())
    prod = store.get_events(["prod"])["prod"]

    older = store.subject_events_before(prod, 5)

    assert [e.id for e in older] == ["staging", "dev"]
    assert [e.id for e in store.subject_events_before(prod, 1)] == ["staging"]


def test_pipecd_deployments_of_an_application_and_its_latest_by_status(store: Store) -> None:
    def record(deployment_id: str, app: str, env: str | None, created: int,
               status: str = "DEPLOYMENT_SUCCESS") -> dict[str, object]:
        return {"kind": "Deployment", "id": deployment_id, "applicationId": app, "envId": env,
                "status": status, "createdAt": created}  # fmt: skip

    ingest(store, [record("a1", "api", "prod", 100), record("a2", "api", "prod", 200),
                   record("b1", "web", "prod", 250), record("a3", "api", "dev", 150),
                   record("a4", "api", "prod", 300, "DEPLOYMENT_FAILURE"),
                   record("a5", "api", None, 300), record("a0", "api", "prod", 300)])  # fmt: skip

    assert [d.id for d in store.deployments_of_application("api", 10)] == [
        "a5", "a4", "a0", "a2", "a3", "a1",
    ]  # fmt: skip
    assert [d.id for d in store.deployments_of_application("api", 2)] == ["a5", "a4"]
    assert store.deployments_of_application("nobody", 5) == []

    def latest(env: str | None, *statuses: DeploymentStatus) -> str | None:
        found = store.latest_deployment("api", env, statuses)
        return found.id if found is not None else None

    assert latest("prod", DeploymentStatus.SUCCESS) == "a0"
    assert latest("prod", DeploymentStatus.FAILURE, DeploymentStatus.SUCCESS) == "a4"
    assert latest("prod", DeploymentStatus.RUNNING) is None
    assert latest("dev", DeploymentStatus.SUCCESS) == "a3"
    assert latest(None, DeploymentStatus.SUCCESS) == "a5"
    assert latest("prod") is None


def test_a_commit_mention_records_the_kind_of_the_event_naming_it(store: Store) -> None:
    ingest(store, [
        mention("m1", SHA, 0),
        cdevent("build.finished", "b1", ts="2026-01-05T09:30:00Z", subject_id="b1",
                custom_data={"commitHash": SHA}),
    ])  # fmt: skip

    by_hash = store.commit_mentions([SHA])
    by_event = store.event_commit_mentions(["b1", "m1"])
    facts = store.commit_facts([SHA])

    # what `event_kinds` would answer, read with the mention (merges need no event lookup)
    assert {m.event_id: m.event_kind for m in by_hash} == {
        "m1": "change.merged", "b1": "build.finished",
    }  # fmt: skip
    assert {m.event_id: m.kind_pair for m in by_hash} == store.event_kinds(["m1", "b1"])
    assert sorted(by_event, key=lambda m: m.event_id) == sorted(by_hash, key=lambda m: m.event_id)
    assert sorted(facts.mentions, key=lambda m: m.event_id) == sorted(
        by_hash, key=lambda m: m.event_id
    )


def test_mention_times_are_what_the_mentions_tell_of_time(store: Store) -> None:
    short = SHA[:8]
    ingest(store, [
        cdevent("change.merged", "m1", ts="2026-01-05T09:00:00Z", subject_id="pr/1",
                custom_data={"commitHash": SHA, "timestamp": "2026-01-05T08:00:00+02:00"}),
        cdevent("build.finished", "b1", ts="2026-01-05T09:30:00Z", subject_id="b1",
                custom_data={"commitHash": SHA}),
        cdevent("build.finished", "b2", ts="2026-01-05T09:40:00Z", subject_id="b2",
                custom_data={"commitHash": short}),
    ])  # fmt: skip

    def key(m: MentionTime) -> tuple[str, str]:
        return (m.hash, m.event_id)

    times = sorted(store.mention_times([SHA, short, "0" * 40]), key=key)

    assert times == sorted(
        (MentionTime.of(m) for m in store.commit_mentions([SHA, short])), key=key
    )
    assert [(t.hash, t.event_id, t.event_kind, t.timestamp) for t in times] == [
        (short, "b2", "build.finished", None),
        (SHA, "b1", "build.finished", None),
        (SHA, "m1", "change.merged", datetime(2026, 1, 5, 6, tzinfo=UTC)),
    ]  # fmt: skip
    assert times[2].event_timestamp == datetime(2026, 1, 5, 9, tzinfo=UTC)
    assert store.mention_times([]) == []
