"""Delivery events: the DORA row ingest derives per deployment and incident event, on every
backend — what each row holds, that arrival order and duplicates do not change it, and the reads
the DORA metrics take (a window, by id, a subject's earlier rows, producer link ends)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from lineage.ingest import Ingestor, SourceRecord
from lineage.model import Direction, LinkType
from lineage.model.delivery import DeliveryEvent, DeliveryKind
from lineage.store import Store
from lineage.store.delivery import DeliveryRow
from tests.conftest import StoreFactory
from tests.support.cdevents import cdevent, link
from tests.support.dora_scenarios import deploy, incident
from tests.support.scenarios import Record, ingest

TYPES = (LinkType.PATH, LinkType.RELATION, LinkType.END, LinkType.START)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def records() -> list[Record]:
    """Deployments (environment as object and as text, v0.1 and v0.3 types), a rollback, an
    incident naming service/environment/artifact by object and by text, its resolution, and
    events that are not delivery events."""
    sloppy = cdevent("service.deployed", "d-text", ts="2026-03-02T11:00:00Z", subject_id="web",
                     content={"environment": "prod", "artifactId": ""})  # fmt: skip
    sloppy["context"]["type"] = "dev.cdevents.service.deployed.0.1.1"
    found = [
        cdevent("change.merged", "merge", ts="2026-03-02T09:00:00Z", subject_id="pr-1"),
        deploy("d1", "2026-03-02T10:00:00Z", artifact="pkg:oci/api@sha256:1", chain="rel-1"),
        sloppy,
        deploy("r1", "2026-03-02T10:30:00Z", kind="service.rolledback"),
        incident("i1-open", "2026-03-02T10:20:00Z", "inc-1", artifact="pkg:oci/api@sha256:1",
                 after=["d1"]),
        cdevent("incident.reported", "i1-ticket", ts="2026-03-02T10:25:00Z", subject_id="inc-1",
                content={"service": "api", "environment": "", "artifactId": {"id": "a-x"}}),
        incident("i1-done", "2026-03-02T11:30:00Z", "inc-1", kind="incident.resolved"),
        cdevent("environment.created", "env", ts="2026-03-01T00:00:00Z", subject_id="prod"),
    ]  # fmt: skip
    return found


EXPECTED = [
    DeliveryEvent("d1", "", DeliveryKind.UPGRADED, at("2026-03-02T10:00:00Z"), "api", "prod",
                  "pkg:oci/api@sha256:1", None, "rel-1"),
    DeliveryEvent("i1-open", "", DeliveryKind.DETECTED, at("2026-03-02T10:20:00Z"), "inc-1",
                  "prod", "pkg:oci/api@sha256:1", "api", None),
    DeliveryEvent("i1-ticket", "", DeliveryKind.REPORTED, at("2026-03-02T10:25:00Z"), "inc-1",
                  None, "a-x", "api", None),
    DeliveryEvent("r1", "", DeliveryKind.ROLLEDBACK, at("2026-03-02T10:30:00Z"), "api", "prod",
                  None, None, None),
    DeliveryEvent("d-text", "", DeliveryKind.DEPLOYED, at("2026-03-02T11:00:00Z"), "web", "prod",
                  "", None, None),
    DeliveryEvent("i1-done", "", DeliveryKind.RESOLVED, at("2026-03-02T11:30:00Z"), "inc-1",
                  "prod", None, "api", None),
]  # fmt: skip


def without_digest(rows: Sequence[DeliveryEvent | DeliveryRow]) -> list[tuple[object, ...]]:
    return [
        (r.id, r.what, r.at, r.subject_id, r.environment, r.artifact_id, r.service, r.chain_id)
        for r in rows
    ]


def window(store: Store) -> list[DeliveryEvent]:
    return store.delivery_events_between(at("2026-03-01T00:00:00Z"), at("2026-03-03T00:00:00Z"))


def test_each_deployment_and_incident_event_gets_its_row(store: Store) -> None:
    ingest(store, records())

    rows = window(store)

    assert without_digest(rows) == without_digest(EXPECTED)
    digests = store.event_digests([r.id for r in rows])
    assert all(r.digest == digests[r.id] for r in rows)


def test_rows_do_not_depend_on_arrival_order_or_duplicates(store_factory: StoreFactory) -> None:
    in_order = store_factory()
    ingest(in_order, records())
    expected = window(in_order)
    sloppy = store_factory()
    backwards = [SourceRecord(f"r:{i}", r) for i, r in enumerate(reversed(records()))]
    Ingestor(sloppy, batch_size=2).ingest([*backwards, *backwards])  # one batch at a time, twice

    assert window(sloppy) == expected


def test_window_bounds_and_lookups(store: Store) -> None:
    ingest(store, records())

    between = store.delivery_events_between(at("2026-03-02T10:20:00Z"), at("2026-03-02T11:00:00Z"))
    by_id = store.delivery_events(["r1", "merge", "nowhere", "d1"])

    assert [r.id for r in between] == ["i1-open", "i1-ticket", "r1"]
    assert sorted(by_id) == ["d1", "r1"] and by_id["r1"].what is DeliveryKind.ROLLEDBACK


def test_a_subjects_earlier_rows_newest_first(store: Store) -> None:
    ingest(store, [
        deploy("a", "2026-03-02T10:00:00Z"), deploy("b", "2026-03-02T10:00:00Z"),
        deploy("c", "2026-03-02T11:00:00Z", kind="service.rolledback"),
        deploy("d", "2026-03-02T12:00:00Z"), deploy("other", "2026-03-02T11:30:00Z", "web"),
    ])  # fmt: skip

    before_d = store.subject_delivery_events_before("api", at("2026-03-02T12:00:00Z"), "d", 10)
    before_b = store.subject_delivery_events_before("api", at("2026-03-02T10:00:00Z"), "b", 10)
    two = store.subject_delivery_events_before("api", at("2026-03-02T12:00:00Z"), "d", 2)

    assert [r.id for r in before_d] == ["c", "b", "a"]
    assert [r.id for r in before_b] == ["a"]
    assert [r.id for r in two] == ["c", "b"]


def test_link_ends_either_way_without_inferred_or_start_links(store: Store) -> None:
    chain = "rel-9"
    ingest(store, [
        # the links come first: their ends are placeholders when they arrive
        link("PATH", chain=chain, from_="i9", to="rollback-9"),
        link("START", chain=chain, start="d9"),
        deploy("d9", "2026-03-02T10:00:00Z", artifact="pkg:oci/api@sha256:9"),
        incident("i9", "2026-03-02T10:10:00Z", "inc-9", after=["d9"]),
        # an inferred ARTIFACT edge joins d9's build to d9: not a producer link
        cdevent("build.finished", "b9", ts="2026-03-02T09:00:00Z", subject_id="b9",
                content={"artifactId": "pkg:oci/api@sha256:9"}),
    ])  # fmt: skip

    ends = store.link_ends(["i9", "d9", "b9"], Direction.BOTH, TYPES, include_inferred=False)

    assert any(link.inferred for link in store.links_touching(["b9"], Direction.BOTH))
    assert ends == [("d9", "i9"), ("i9", "d9"), ("i9", "rollback-9")]
    upstream = store.link_ends(["d9"], Direction.UPSTREAM, TYPES)
    downstream = store.link_ends(["d9", "b9"], Direction.DOWNSTREAM, (LinkType.PATH,))
    no_artifact = store.link_ends(
        ["d9"], Direction.UPSTREAM, TYPES, skipped_inferred_kinds=["ARTIFACT"]
    )
    assert upstream == [("d9", "b9")]
    assert downstream == [("b9", "d9"), ("d9", "i9")]
    assert no_artifact == []


def test_event_kinds_without_reading_events(store: Store) -> None:
    ingest(store, [*records(), link("PATH", chain="c", from_="ghost", to="d1")])

    kinds = store.event_kinds(["d1", "merge", "i1-done", "ghost", "nowhere"])

    assert kinds == {
        "d1": ("service", "upgraded"), "merge": ("change", "merged"),
        "i1-done": ("incident", "resolved"),
    }  # fmt: skip


def test_a_windows_deployments_of_some_environments_and_every_incident_event(
    store: Store,
) -> None:
    ingest(store, [
        *records(),
        deploy("s1", "2026-03-02T10:10:00Z", env="staging"),
        deploy("s2", "2026-03-02T10:40:00Z", env="staging", kind="service.rolledback"),
        deploy("q1", "2026-03-02T10:50:00Z", env="qa"),
        incident("i2", "2026-03-02T10:45:00Z", "inc-2", env="staging"),
        deploy("late", "2026-03-04T00:00:00Z"),
    ])  # fmt: skip
    since, until = at("2026-03-01T00:00:00Z"), at("2026-03-03T00:00:00Z")

    prod = store.delivery_events_in(since, until, ["prod"])
    both = store.delivery_events_in(since, until, ["staging", "prod"])
    none = store.delivery_events_in(since, until, [])
    narrow = store.delivery_events_in(at("2026-03-02T10:20:00Z"), at("2026-03-02T11:00:00Z"),
                                      ["prod"])  # fmt: skip

    # every deployment event of those environments, and every incident event (any environment or
    # none): the rows delivery_events_between has, less the other environments' deployments
    assert without_digest(prod) == without_digest(
        [r for r in window(store) if r.id not in ("s1", "s2", "q1")]
    )
    assert [r.id for r in both] == [
        "d1", "s1", "i1-open", "i1-ticket", "r1", "s2", "i2", "d-text", "i1-done",
    ]  # fmt: skip
    assert [r.id for r in none] == ["i1-open", "i1-ticket", "i2", "i1-done"]
    assert [r.id for r in narrow] == ["i1-open", "i1-ticket", "r1", "i2"]
    # the rows are the delivery events' fields but the digest, as `DeliveryRow`s
    assert all(isinstance(r, DeliveryRow) for r in [*prod, *both, *none, *narrow])
    assert list(prod) == without_digest([r for r in window(store) if r.id in {r.id for r in prod}])


def test_the_environments_delivery_events_name(store: Store) -> None:
    assert store.delivery_environments() == []
    ingest(store, [
        *records(),
        deploy("s1", "2026-03-02T10:10:00Z", env="staging"),
        deploy("q1", "2026-03-02T10:50:00Z", env="QA"),
        incident("i2", "2026-03-02T10:45:00Z", "inc-2", env="ops"),
    ])  # fmt: skip

    assert store.delivery_environments() == ["QA", "ops", "prod", "staging"]
