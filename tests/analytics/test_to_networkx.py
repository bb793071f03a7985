"""`to_networkx`: a chain, a neighbourhood, a time window as a MultiDiGraph, on every backend."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lineage.analytics import to_networkx
from lineage.analytics.elements import window_elements
from lineage.analytics.graph import collect
from lineage.analytics.schema import EDGE_ATTRIBUTES, NODE_ATTRIBUTES
from lineage.services.errors import NotFoundError, ServiceError
from lineage.store import Store
from tests.support.analytics_scenario import AWKWARD, CHAIN, ingest


def at(hh: int, mm: int, day: int = 5) -> datetime:
    return datetime(2026, 1, day, hh, mm, tzinfo=UTC)


def edges(graph: object) -> set[tuple[str, str, str, str | None, bool]]:
    return {
        (u, v, d["type"], d["kind"], d["inferred"])
        for u, v, d in graph.edges(data=True)  # type: ignore[attr-defined]
    }


def test_a_chain_with_typed_parallel_edges_placeholders_and_its_start(store: Store) -> None:
    graph = to_networkx(ingest(store), chain=CHAIN)

    assert set(graph) == {"merge", "ci", "tests", "build", "package", "dev", "ticket-7"}
    assert graph.graph == {"selection": "chain", "chain_id": CHAIN, "include_inferred": True}
    # PATH and RELATION between the same two events stay two edges, keyed by link id
    between = graph.get_edge_data("build", "package")
    assert sorted((d["type"], d["kind"] or "", d["inferred"]) for d in between.values()) == [
        ("PATH", "", False), ("PATH", "ARTIFACT", True), ("RELATION", "PRODUCED", False),
    ]  # fmt: skip
    assert all(len(key) == 32 for key in between)
    assert ("dev", "ticket-7", "RELATION", "TICKET", False) in edges(graph)
    assert all(d["chain_id"] == CHAIN for _, _, d in graph.edges(data=True) if not d["inferred"])
    ticket = graph.nodes["ticket-7"]
    assert ticket["placeholder"] is True and ticket["type"] is None
    merge = graph.nodes["merge"]
    assert merge["placeholder"] is False and merge["label"] == "change.merged"
    assert merge["timestamp"] == at(9, 0) and merge["timestamp"].tzinfo is not None
    assert [(o["type"], o["chain_id"], o["to"]) for o in merge["open_links"]] == [
        ("START", CHAIN, "merge")
    ]
    assert graph.nodes["tests"]["custom_data"] == AWKWARD
    for _, data in graph.nodes(data=True):
        assert set(data) == set(NODE_ATTRIBUTES)
    for _, _, data in graph.edges(data=True):
        assert set(data) == set(EDGE_ATTRIBUTES)


def test_inferred_edges_can_be_left_out(store: Store) -> None:
    graph = to_networkx(ingest(store), chain=CHAIN, include_inferred=False)

    assert graph.number_of_edges() == 7
    assert not any(d["inferred"] for _, _, d in graph.edges(data=True))


def test_around_an_event_takes_every_link_between_what_it_reached(store: Store) -> None:
    ingest(store)

    near = to_networkx(store, around="build", depth=1)
    producers_only = to_networkx(store, around="build", depth=1, include_inferred=False)

    assert set(near) == {"build", "ci", "package", "dev", "staging", "prod"}
    assert near.graph["root"] == "build" and near.graph["truncated"] is False
    # package -> dev is between two events reached from build: it is in the graph too
    assert ("package", "dev", "PATH", None, False) in edges(near)
    assert set(producers_only) == {"build", "ci", "package"}


def test_a_window_is_half_open_and_keeps_links_inside_it(store: Store) -> None:
    ingest(store)

    graph = to_networkx(store, since=at(9, 4), until=at(9, 10))

    assert set(graph) == {"tests", "build", "package"}  # ci at 9:01 and dev at 9:10 are out
    assert edges(graph) == {
        ("build", "package", "PATH", None, False),
        ("build", "package", "RELATION", "PRODUCED", False),
        ("build", "package", "PATH", "ARTIFACT", True),
    }


def test_a_window_brings_the_placeholders_its_events_link_to(store: Store) -> None:
    ingest(store)

    graph = to_networkx(store, since=at(9, 10), until=at(9, 11))

    assert set(graph) == {"dev", "ticket-7"}
    assert edges(graph) == {("dev", "ticket-7", "RELATION", "TICKET", False)}


def test_a_window_read_in_small_pages_is_the_same_graph(store: Store) -> None:
    ingest(store)
    since, until = at(0, 0), at(0, 0, day=7)

    whole = collect(window_elements(store, since, until))
    paged = collect(window_elements(store, since, until, page=2))

    assert whole.number_of_nodes() == 9  # 8 events + the placeholder
    assert dict(paged.nodes(data=True)) == dict(whole.nodes(data=True))
    assert sorted(paged.edges(keys=True)) == sorted(whole.edges(keys=True))
    assert paged.number_of_edges() == whole.number_of_edges()


@pytest.mark.parametrize(
    ("selection", "message"),
    [
        ({}, "choose exactly one selection"),
        ({"chain": CHAIN, "around": "dev"}, "got chain and around"),
        ({"since": at(9, 0)}, "needs both since and until"),
        ({"since": at(9, 0), "until": at(8, 0)}, "must be after since"),
        ({"since": datetime(2026, 1, 5), "until": at(9, 0)}, "time zone"),
    ],
)
def test_selection_mistakes_are_named(store: Store, selection: dict[str, object],
                                      message: str) -> None:  # fmt: skip
    with pytest.raises(ServiceError, match=message):
        to_networkx(store, **selection)  # type: ignore[arg-type]


def test_unknown_chain_or_event(store: Store) -> None:
    ingest(store)
    with pytest.raises(NotFoundError, match="no chain"):
        to_networkx(store, chain="nope")
    with pytest.raises(NotFoundError, match="no event"):
        to_networkx(store, around="nope")
