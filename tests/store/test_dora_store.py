"""The store reads DORA metrics rely on: event types by prefix, PipeCD deployments by time."""

from __future__ import annotations

from datetime import UTC, datetime

from lineage.store import Store
from tests.support.cdevents import cdevent
from tests.support.dora_scenarios import unix
from tests.support.scenarios import ingest


def test_event_types_lists_every_version_of_a_prefix(store: Store) -> None:
    old = cdevent("service.deployed", "old", subject_id="api")
    old["context"]["type"] = "dev.cdevents.service.deployed.0.1.1"
    ingest(store, [
        old,
        cdevent("service.deployed", "new", subject_id="api"),
        cdevent("service.upgraded", "up", subject_id="api"),
        cdevent("service.rolledback", "back", subject_id="api"),
    ])  # fmt: skip

    found = store.event_types(["dev.cdevents.service.deployed.", "dev.cdevents.service.upgraded."])

    assert found == [
        "dev.cdevents.service.deployed.0.1.1",
        "dev.cdevents.service.deployed.0.3.0",
        "dev.cdevents.service.upgraded.0.3.0",
    ]
    assert store.event_types(["dev.cdevents.incident."]) == []
    assert store.event_types([]) == []


def test_deployments_between_is_half_open_and_ordered(store: Store) -> None:
    def record(deployment_id: str, created: str) -> dict[str, object]:
        return {
            "kind": "Deployment", "id": deployment_id, "applicationId": "app-web",
            "envId": "prod", "status": "DEPLOYMENT_SUCCESS", "createdAt": unix(created),
        }  # fmt: skip

    ingest(store, [
        record("b", "2026-03-02T10:00:00Z"),
        record("a", "2026-03-02T10:00:00Z"),
        record("before", "2026-03-01T23:59:59Z"),
        record("at-until", "2026-03-03T00:00:00Z"),
        record("first", "2026-03-02T00:00:00Z"),
    ])  # fmt: skip

    found = store.deployments_between(
        datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 3, tzinfo=UTC)
    )

    assert [d.id for d in found] == ["first", "a", "b"]
