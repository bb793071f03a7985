"""The chain view: members in time order, placeholders after them, links, span, islands."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from lineage.model import Event, LinkType
from lineage.services import Placeholder, chain_islands, chain_view, list_chains
from lineage.store import ChainFilter, Store
from tests.support.scenarios import (
    DELIVERY,
    DELIVERY_CHAIN,
    RELEASE,
    RELEASE_CHAIN,
    cdevent,
    ingest,
    pipeline,
)


def test_release_chain_lists_its_events_in_time_order_with_start_end_and_span(store: Store) -> None:
    ingest(store, RELEASE)

    view = chain_view(store, RELEASE_CHAIN)

    assert view is not None
    assert [e.id for e in view.events] == [
        "static-analysis", "build-mac", "build-sles", "build-windows",
        "test-mac", "test-sles", "test-windows", "promote", "deliver",
    ]  # fmt: skip
    assert view.event_count == 9
    assert (view.start_id, view.end_id, view.complete) == ("static-analysis", "deliver", True)
    assert view.started_at == datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    assert view.ended_at == datetime(2026, 1, 5, 9, 40, tzinfo=UTC)
    assert view.duration == timedelta(minutes=40)


def test_links_are_the_chains_links_plus_links_between_its_members(store: Store) -> None:
    # A RELATION from a chain member to another member, sent without the chainId, still counts;
    # a link from a member to an event outside the chain does not.
    ingest(store, RELEASE)
    ingest(
        store,
        [
            {"linkType": "RELATION", "linkKind": "ARTIFACT", "source": {"contextId": "promote"},
             "target": {"contextId": "build-mac"}},
            {"linkType": "PATH", "from": {"contextId": "deliver"},
             "to": {"contextId": "elsewhere"}},
        ],
    )  # fmt: skip

    view = chain_view(store, RELEASE_CHAIN)

    assert view is not None
    kinds = {(link.type, link.from_id, link.to_id) for link in view.links}
    assert (LinkType.RELATION, "promote", "build-mac") in kinds
    assert (LinkType.START, None, "static-analysis") in kinds
    assert (LinkType.END, "promote", "deliver") in kinds
    assert not any(link.to_id == "elsewhere" for link in view.links)
    assert sum(link.type is LinkType.PATH for link in view.links) == 10


def test_placeholders_come_after_real_events_and_are_flagged(store: Store) -> None:
    # The deploy arrived; the build it follows has not (the producer's event is still in flight).
    ingest(
        store,
        [
            cdevent(
                "deploy-1", "dev.cdevents.service.deployed.0.3.0", "2026-01-07T10:00:00Z",
                source="/cd/argocd", subject="checkout-prod", chain="chain-late",
                after=["build-late"],
            ),
            cdevent(
                "ticket-1", "dev.cdevents.ticket.created.0.2.0", "2026-01-07T09:00:00Z",
                source="/jira", subject="OPS-7", chain="chain-late",
            ),
        ],
    )  # fmt: skip

    view = chain_view(store, "chain-late")

    assert view is not None
    assert [(type(n).__name__, n.id) for n in view.events] == [
        ("Event", "ticket-1"), ("Event", "deploy-1"), ("Placeholder", "build-late"),
    ]  # fmt: skip
    assert view.event_count == 2
    assert view.complete is False and view.end_id is None
    assert view.start_id == "ticket-1"


def test_chain_ids_are_normalized_like_event_ids(store: Store) -> None:
    ingest(store, DELIVERY)

    view = chain_view(store, DELIVERY_CHAIN.upper())

    assert view is not None and view.id == DELIVERY_CHAIN
    first = view.events[0]
    assert isinstance(first, Event) and first.id == "c0ffee00-0000-4000-8000-000000000001"


def test_unknown_chain_is_none(store: Store) -> None:
    ingest(store, RELEASE)

    assert chain_view(store, "no-such-chain") is None


def test_a_healthy_chain_is_one_island(store: Store) -> None:
    ingest(store, RELEASE)
    view = chain_view(store, RELEASE_CHAIN)
    assert view is not None

    islands = chain_islands(view)

    assert [[n.id for n in island] for island in islands] == [[n.id for n in view.events]]


def test_a_gap_splits_the_chain_into_islands_biggest_then_earliest_first(store: Store) -> None:
    # `package` lost its PATH link to `build`; `notify` was never linked at all.
    ingest(
        store,
        pipeline(
            "chain-gappy",
            [("checkout", []), ("build", ["checkout"]), ("notify", []),
             ("package", []), ("publish", ["package"]), ("deploy", ["publish"])],
            end=False,
        ),
    )  # fmt: skip
    view = chain_view(store, "chain-gappy")
    assert view is not None

    islands = chain_islands(view)

    assert [[n.id for n in island] for island in islands] == [
        ["package", "publish", "deploy"],
        ["checkout", "build"],
        ["notify"],
    ]


def test_islands_include_placeholders_that_join_pieces(store: Store) -> None:
    ingest(
        store,
        [
            cdevent(
                "scan", "dev.cdevents.taskrun.finished.0.2.0", "2026-01-08T10:00:00Z",
                source="/ci", subject="scan", chain="chain-p", after=["compile"],
            ),
            cdevent(
                "compile", "dev.cdevents.taskrun.finished.0.2.0", "2026-01-08T09:00:00Z",
                source="/ci", subject="compile", chain="chain-p", after=["fetch"],
            ),
        ],
    )  # fmt: skip
    view = chain_view(store, "chain-p")
    assert view is not None

    (island,) = chain_islands(view)

    assert [(n.id, isinstance(n, Placeholder)) for n in island] == [
        ("compile", False), ("scan", False), ("fetch", True),
    ]  # fmt: skip


def test_list_chains_filters_complete_and_incomplete(store: Store) -> None:
    ingest(store, RELEASE + DELIVERY)
    ingest(store, pipeline("chain-open", [("a", []), ("b", ["a"])], end=False))

    complete = list_chains(store, ChainFilter(complete=True))
    incomplete = list_chains(store, ChainFilter(complete=False))

    assert {c.id for c in complete.items} == {RELEASE_CHAIN, DELIVERY_CHAIN}
    assert [c.id for c in incomplete.items] == ["chain-open"]
    assert complete.total_count == 2
