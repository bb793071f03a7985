"""Upstream commits: the commits ingest finds upstream of each deployment event, on every
backend — what they are, that they follow records arriving late (a link or an event upstream of
a stored deployment), in any order, and the reads lead times take (by deployment, by time, by
hash)."""

from __future__ import annotations

from datetime import UTC, datetime

from lineage.ingest import Ingestor, SourceRecord
from lineage.store import Store
from lineage.store.delivery import UpstreamCommit
from tests.conftest import StoreFactory
from tests.support import dora_scenarios as scenarios
from tests.support.cdevents import cdevent, link
from tests.support.dora_scenarios import C0, C1, C2, C3, deploy
from tests.support.scenarios import Record, ingest

EVER = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


def by_deployment(rows: list[UpstreamCommit]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for row in rows:
        found.setdefault(row.deployment_id, []).append(row.hash)
    return {key: sorted(value) for key, value in sorted(found.items())}


def merge(event_id: str, ts: str, sha: str) -> Record:
    return cdevent("change.merged", event_id, ts=ts, subject_id=f"pr/{event_id}",
                   custom_data={"commitHash": sha})  # fmt: skip


def test_each_deployment_event_has_the_commits_named_upstream(store: Store) -> None:
    ingest(store, scenarios.lead_times())

    rows = store.upstream_commits_between(*EVER)

    assert by_deployment(rows) == {
        "prod-0": [C0], "prod-1": [C0, C1, C2], "prod-3": [C3], "staging-1": [C0, C1, C2],
    }  # fmt: skip
    prod_1 = next(r for r in rows if r.deployment_id == "prod-1")
    assert (prod_1.at, prod_1.what.value, prod_1.subject_id, prod_1.environment) == (
        datetime(2026, 3, 2, 10, tzinfo=UTC), "upgraded", "api", "prod"
    )
    assert by_deployment(store.upstream_commits_naming([C1, "f" * 40])) == {
        "prod-1": [C1], "staging-1": [C1],
    }  # fmt: skip
    assert by_deployment(store.upstream_commits_of(["prod-3", "build-3"])) == {"prod-3": [C3]}
    window = store.upstream_commits_between(
        datetime(2026, 3, 2, 9, 45, tzinfo=UTC), datetime(2026, 3, 2, 10, tzinfo=UTC)
    )
    assert by_deployment(window) == {"staging-1": [C0, C1, C2]}


def test_a_late_link_and_a_late_upstream_event_change_a_stored_deployment(store: Store) -> None:
    ingest(store, [
        merge("m1", "2026-03-02T08:00:00Z", C1),
        cdevent("build.finished", "b1", ts="2026-03-02T09:00:00Z", subject_id="b1",
                after=["m1", "m2"]),  # m2 has not arrived yet: a placeholder
        deploy("d1", "2026-03-02T10:00:00Z"),  # nothing links it to b1 yet
        deploy("d2", "2026-03-02T11:00:00Z", after=["d1"]),
    ])  # fmt: skip
    assert by_deployment(store.upstream_commits_of(["d1", "d2"])) == {}

    ingest(store, [link("PATH", chain="late", from_="b1", to="d1")])
    assert by_deployment(store.upstream_commits_of(["d1", "d2"])) == {"d1": [C1], "d2": [C1]}

    ingest(store, [merge("m2", "2026-03-02T08:30:00Z", C2)])
    assert by_deployment(store.upstream_commits_of(["d1", "d2"])) == {
        "d1": [C1, C2], "d2": [C1, C2],
    }  # fmt: skip


def test_the_deployments_of_some_environments_naming_a_commit(store: Store) -> None:
    ingest(store, [
        merge("m1", "2026-03-02T08:00:00Z", C1),
        cdevent("build.finished", "b1", ts="2026-03-02T09:00:00Z", subject_id="b1", after=["m1"]),
        deploy("dev-1", "2026-03-02T09:30:00Z", env="dev", after=["b1"]),
        deploy("prod-1", "2026-03-02T10:00:00Z", after=["b1"]),
        deploy("back-1", "2026-03-02T10:30:00Z", kind="service.rolledback", after=["b1"]),
        deploy("prod-2", "2026-03-02T11:00:00Z", kind="service.deployed", after=["b1"]),
        deploy("prod-3", "2026-03-02T12:00:00Z", after=["b1"]),
    ])  # fmt: skip

    prod = sorted(store.deployment_times_naming([C1, "f" * 40], ["prod"]))
    every = sorted(store.deployment_times_naming([C1], ["prod", "dev", "qa"]))

    # deployed and upgraded events of those environments: no rollback, no other environment
    assert [(h, deployment) for h, _, deployment in prod] == [
        (C1, "prod-1"), (C1, "prod-2"), (C1, "prod-3"),
    ]  # fmt: skip
    assert [deployment for _, _, deployment in every] == ["dev-1", "prod-1", "prod-2", "prod-3"]
    assert prod[0][1] == datetime(2026, 3, 2, 10, tzinfo=UTC)
    assert store.deployment_times_naming([C1], []) == []
    assert prod == sorted(
        (r.hash, r.at, r.deployment_id) for r in store.upstream_commits_naming([C1])
        if r.environment == "prod" and r.what.deploys
    )  # fmt: skip


def test_rows_do_not_depend_on_arrival_order_or_duplicates(store_factory: StoreFactory) -> None:
    in_order = store_factory()
    ingest(in_order, scenarios.lead_times())
    expected = by_deployment(in_order.upstream_commits_between(*EVER))
    sloppy = store_factory()
    backwards = [SourceRecord(f"r:{i}", r) for i, r in enumerate(reversed(scenarios.lead_times()))]

    Ingestor(sloppy, batch_size=1).ingest([*backwards, *backwards])

    assert by_deployment(sloppy.upstream_commits_between(*EVER)) == expected


def test_the_upstream_hashes_of_a_window_of_some_environments(store: Store) -> None:
    ingest(store, [
        merge("m1", "2026-03-02T08:00:00Z", C1),
        merge("m2", "2026-03-02T08:30:00Z", C2),
        cdevent("build.finished", "b1", ts="2026-03-02T09:00:00Z", subject_id="b1",
                after=["m1", "m2"]),
        deploy("dev-1", "2026-03-02T09:30:00Z", env="dev", after=["b1"]),
        deploy("prod-1", "2026-03-02T10:00:00Z", after=["b1"]),
        deploy("back-1", "2026-03-02T10:30:00Z", kind="service.rolledback", after=["b1"]),
        deploy("prod-2", "2026-03-02T11:00:00Z", kind="service.deployed", after=["b1"]),
    ])  # fmt: skip

    def pairs(since: str, until: str, environments: list[str]) -> list[tuple[str, str]]:
        bounds = (datetime.fromisoformat(since), datetime.fromisoformat(until))
        return sorted(store.upstream_hashes_in(*bounds, environments))

    # every deployment event of those environments, rollbacks included; `since` is in the
    # window, `until` is not
    assert pairs("2026-03-02T10:00:00+00:00", "2026-03-02T11:00:00+00:00", ["prod", "qa"]) == [
        ("back-1", C1), ("back-1", C2), ("prod-1", C1), ("prod-1", C2),
    ]  # fmt: skip
    assert pairs("2026-03-02T09:00:00+00:00", "2026-03-02T12:00:00+00:00", ["dev", "prod"]) == (
        sorted((r.deployment_id, r.hash) for r in store.upstream_commits_between(*EVER))
    )
    assert pairs("2026-03-02T10:00:00.000001+00:00", "2026-03-02T12:00:00+00:00", ["prod"]) == [
        ("back-1", C1), ("back-1", C2), ("prod-2", C1), ("prod-2", C2),
    ]  # fmt: skip
    assert pairs("2026-03-02T09:00:00+00:00", "2026-03-02T12:00:00+00:00", []) == []
