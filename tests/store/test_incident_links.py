"""The incidents' producer links read by time (`incident_links_between`), on every backend: the
links either way of each incident-opening event of a window — whichever of a link and its event
arrives first, however often — without inferred links, START links or other events' links; the
same pairs as `link_ends` of those events. An embedded store written before its index existed
gets it when this version opens it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from lineage.ingest import Ingestor, SourceRecord
from lineage.model import Direction, Link, LinkType
from lineage.model.delivery import delivery_event
from lineage.services.dora import dora_metrics
from lineage.services.dora.outcomes import Attribution
from lineage.store import Store
from lineage.store.embedded import EmbeddedStore
from tests.conftest import StoreFactory
from tests.store.test_store_protocol import parsed
from tests.support.cdevents import cdevent, link
from tests.support.dora_scenarios import deploy, incident
from tests.support.old_stores import as_version
from tests.support.scenarios import Record, ingest

LINKED = (LinkType.PATH, LinkType.RELATION, LinkType.END)
SINCE, UNTIL = datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 3, tzinfo=UTC)


def records() -> list[Record]:
    """Two incidents' opening events (detected, reported) and a resolution, with producer links
    each way (standalone ones sent before the events they name, embedded ones), START and
    inferred links, links of deployments only, and incident events just outside the window."""
    return [
        # standalone links first: their ends are placeholders when they arrive
        link("PATH", chain="c1", from_="d1", to="i1"),
        link("RELATION", chain="c1", source="i1", target="ticket-1", kind="TRACKS"),
        link("START", chain="c1", start="i1"),
        link("PATH", chain="c1", from_="d1", to="d2"),
        cdevent("environment.created", "env", ts="2026-03-01T00:00:00Z", subject_id="prod"),
        deploy("d1", "2026-03-02T10:00:00Z"),
        incident("i1", "2026-03-02T10:20:00Z", "inc-1"),  # inferred link from `env`
        incident("i2", "2026-03-02T11:00:00Z", "inc-1", kind="incident.reported",
                 after=["d1", "i1"]),
        deploy("d2", "2026-03-02T11:10:00Z", after=["d1"]),
        cdevent("service.rolledback", "r1", ts="2026-03-02T11:30:00Z", subject_id="api",
                content={"environment": "prod"}, end_after="i2"),
        incident("i1-done", "2026-03-02T12:00:00Z", "inc-1", kind="incident.resolved",
                 after=["i1", "d2"]),
        incident("edge-in", "2026-03-02T00:00:00Z", "inc-2", after=["d0"]),
        incident("edge-out", "2026-03-03T00:00:00Z", "inc-3", after=["d2"]),
        incident("before", "2026-03-01T23:59:59Z", "inc-4", after=["d0"]),
    ]  # fmt: skip


#: Hand-computed: (incident-opening event, other end) of each producer link in the window.
EXPECTED = [
    ("edge-in", "d0"),
    ("i1", "d1"), ("i1", "i1-done"), ("i1", "i2"), ("i1", "ticket-1"),
    ("i2", "d1"), ("i2", "i1"), ("i2", "r1"),
]  # fmt: skip


def ends_of_openings(store: Store, since: datetime, until: datetime) -> list[tuple[str, str]]:
    """What the DORA metrics read before the index: `link_ends` of the window's opening events."""
    openings = [
        row.id for row in store.delivery_events_between(since, until) if row.what.opens_incident
    ]
    return store.link_ends(openings, Direction.BOTH, LINKED, include_inferred=False)


def test_a_windows_incident_links_either_way(store: Store) -> None:
    ingest(store, records())

    found = store.incident_links_between(SINCE, UNTIL)

    assert found == EXPECTED
    assert found == ends_of_openings(store, SINCE, UNTIL)
    touching_i1 = store.links_touching(["i1"], Direction.BOTH)
    assert any(link.inferred and link.from_id == "env" for link in touching_i1)
    assert any(link.type is LinkType.START for link in touching_i1)


def test_window_bounds_are_the_incident_events_time(store: Store) -> None:
    ingest(store, records())

    narrow = store.incident_links_between(datetime(2026, 3, 2, 10, 20, tzinfo=UTC),
                                          datetime(2026, 3, 2, 11, 0, tzinfo=UTC))  # fmt: skip
    before = store.incident_links_between(datetime(2026, 3, 1, tzinfo=UTC), SINCE)
    late = store.incident_links_between(UNTIL, datetime(2026, 3, 4, tzinfo=UTC))

    assert narrow == [("i1", "d1"), ("i1", "i1-done"), ("i1", "i2"), ("i1", "ticket-1")]
    assert before == [("before", "d0")]
    assert late == [("edge-out", "d2")]
    assert store.incident_links_between(UNTIL, UNTIL) == []


def test_arrival_order_and_duplicates_do_not_change_them(store_factory: StoreFactory) -> None:
    in_order = store_factory()
    ingest(in_order, records())
    expected = in_order.incident_links_between(SINCE, UNTIL)
    events_first = [SourceRecord(f"r:{i}", r) for i, r in enumerate(reversed(records()))]
    one_by_one = [SourceRecord(f"o:{i}", r) for i, r in enumerate(records())]
    sloppy = store_factory()
    Ingestor(sloppy, batch_size=2).ingest([*events_first, *events_first])
    Ingestor(sloppy, batch_size=1).ingest(one_by_one)

    assert expected == EXPECTED
    assert sloppy.incident_links_between(SINCE, UNTIL) == expected


def test_links_of_an_event_stored_later_and_a_link_stored_later(store: Store) -> None:
    ingest(store, [link("PATH", chain="c9", from_="i9", to="x9")])
    assert store.incident_links_between(SINCE, UNTIL) == []

    ingest(store, [incident("i9", "2026-03-02T09:00:00Z", "inc-9")])
    assert store.incident_links_between(SINCE, UNTIL) == [("i9", "x9")]

    ingest(store, [link("RELATION", chain="c9", source="y9", target="i9", kind="CAUSED")])
    assert store.incident_links_between(SINCE, UNTIL) == [("i9", "x9"), ("i9", "y9")]


def test_a_stored_link_stays_as_stored(store: Store) -> None:
    """A link written again with the same id (inferred the second time, or the first) keeps
    what was stored first: producer links are indexed, inferred ones never."""
    events, _ = parsed(incident("i7", "2026-03-02T09:00:00Z", "inc-7"),
                       incident("i8", "2026-03-02T09:30:00Z", "inc-8"))  # fmt: skip
    facts = [row for event in events if (row := delivery_event(event)) is not None]
    producer = Link(LinkType.PATH, "c7", "i7", "x7")
    inferred = Link(LinkType.PATH, None, "x8", "i8", inferred=True)
    store.write(events, [producer, inferred], facts)

    store.write([], [Link(LinkType.PATH, "c7", "i7", "x7", inferred=True),
                     Link(LinkType.PATH, None, "x8", "i8")])  # fmt: skip

    assert store.incident_links_between(SINCE, UNTIL) == [("i7", "x7")]


def test_a_redelivered_incident_event_keeps_its_stored_time(store: Store) -> None:
    ingest(store, [incident("i6", "2026-03-02T09:00:00Z", "inc-6", after=["d6"])])

    ingest(store, [incident("i6", "2026-03-05T09:00:00Z", "inc-6", after=["d6", "e6"])])

    assert store.incident_links_between(SINCE, UNTIL) == [("i6", "d6")]
    later = datetime(2026, 3, 5, tzinfo=UTC), datetime(2026, 3, 6, tzinfo=UTC)
    assert store.incident_links_between(*later) == []


# -- an embedded store written before the index existed ----------------------------------------


#: What version 8 added: the incident links index.
VERSION_8_ADDED = ("DROP TABLE incident_links",)


def test_an_embedded_store_of_version_7_gets_its_incident_links(tmp_path: Path) -> None:
    path = tmp_path / "v7.db"
    store = EmbeddedStore(path)
    ingest(store, records())
    metrics = dora_metrics(store, SINCE, UNTIL)
    store.close()
    as_version(path, 7, VERSION_8_ADDED)

    reopened = EmbeddedStore(path)

    assert reopened.incident_links_between(SINCE, UNTIL) == EXPECTED
    assert dora_metrics(reopened, SINCE, UNTIL) == metrics
    assert [(i.id, i.deployment_id, i.attribution) for i in metrics.incidents] == [
        ("inc-2", None, None), ("inc-1", "d1", Attribution.LINK),
    ]  # fmt: skip
    reopened.close()


def test_an_embedded_store_of_version_3_gets_them_with_its_delivery_events(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v3.db"
    store = EmbeddedStore(path)
    ingest(store, records())
    store.close()
    as_version(path, 3, (
        *VERSION_8_ADDED,
        "DROP TABLE delivery_events",
        "DELETE FROM facts WHERE kind IN ('DeliveryEvent', 'Derivation')",
    ))  # fmt: skip

    reopened = EmbeddedStore(path)

    assert reopened.incident_links_between(SINCE, UNTIL) == EXPECTED
    reopened.close()
