"""Traversal: shortest depths, directions, link types, limits, caps, bounded store calls."""

from __future__ import annotations

import pytest

from lineage.model import Direction, LinkType
from lineage.services import LimitExceededError, NotFoundError, Placeholder, traverse
from lineage.services.limits import MAX_TRAVERSE_DEPTH, MAX_TRAVERSE_LIMIT
from lineage.store import Store
from tests.support.counting_store import CountingStore, as_store
from tests.support.scenarios import DELIVERY, RELEASE, cdevent, ingest, pipeline

C1, C2, C3, C4 = (f"c0ffee00-0000-4000-8000-00000000000{i}" for i in range(1, 5))


def reached(store: Store, root: str, **kwargs: object) -> list[tuple[int, str]]:
    result = traverse(store, root, **kwargs)  # type: ignore[arg-type]
    return [(r.depth, r.node.id) for r in result.nodes]


def test_default_is_the_immediate_downstream_neighbours(store: Store) -> None:
    ingest(store, RELEASE)

    assert reached(store, "static-analysis") == [
        (1, "build-mac"), (1, "build-sles"), (1, "build-windows"),
    ]  # fmt: skip


def test_each_event_is_reported_once_at_its_shortest_depth(store: Store) -> None:
    ingest(store, RELEASE)

    result = traverse(store, "static-analysis", max_depth=4)

    assert [(r.depth, r.node.id) for r in result.nodes] == [
        (1, "build-mac"), (1, "build-sles"), (1, "build-windows"),
        (2, "test-mac"), (2, "test-sles"), (2, "test-windows"),
        (3, "promote"), (4, "deliver"),
    ]  # fmt: skip
    assert result.root.id == "static-analysis"
    assert result.truncated is False
    # PATH links plus the END link promote -> deliver
    assert len(result.links) == 11
    assert {link.type for link in result.links} == {LinkType.PATH, LinkType.END}


def test_upstream_follows_links_backwards(store: Store) -> None:
    ingest(store, RELEASE)

    assert reached(store, "promote", direction=Direction.UPSTREAM, max_depth=2) == [
        (1, "test-mac"), (1, "test-sles"), (1, "test-windows"),
        (2, "build-mac"), (2, "build-sles"), (2, "build-windows"),
    ]  # fmt: skip


def test_both_directions_and_link_type_filter(store: Store) -> None:
    ingest(store, DELIVERY)

    both = reached(store, C3, direction=Direction.BOTH)
    relations_only = reached(store, C3, direction=Direction.BOTH, link_types=[LinkType.RELATION])

    assert both == [(1, C1), (1, C2), (1, C4)]
    assert relations_only == [(1, C1)]


def test_limit_truncates_and_says_so(store: Store) -> None:
    ingest(store, RELEASE)

    result = traverse(store, "static-analysis", max_depth=5, limit=4)

    assert [r.node.id for r in result.nodes] == [
        "build-mac", "build-sles", "build-windows", "test-mac",
    ]  # fmt: skip
    assert result.truncated is True
    assert all(
        link.from_id in {"static-analysis", "build-mac", "build-sles", "build-windows"}
        for link in result.links
    )


def test_a_limit_met_exactly_is_not_truncated(store: Store) -> None:
    ingest(store, RELEASE)

    assert traverse(store, "static-analysis", limit=3).truncated is False
    assert traverse(store, "static-analysis", max_depth=2, limit=3).truncated is True


def test_placeholders_are_reached_and_can_be_roots(store: Store) -> None:
    ingest(
        store,
        [
            cdevent(
                "deploy-9", "dev.cdevents.service.deployed.0.3.0", "2026-01-07T10:00:00Z",
                source="/cd/argocd", subject="checkout", chain="chain-9", after=["build-9"],
            )
        ],
    )  # fmt: skip

    from_placeholder = traverse(store, "build-9")
    upstream = traverse(store, "deploy-9", direction=Direction.UPSTREAM)

    assert isinstance(from_placeholder.root, Placeholder)
    assert [r.node.id for r in from_placeholder.nodes] == ["deploy-9"]
    assert [(type(r.node).__name__, r.node.id) for r in upstream.nodes] == [
        ("Placeholder", "build-9")
    ]


def test_an_event_without_links_has_an_empty_subgraph(store: Store) -> None:
    ingest(store, pipeline("chain-solo", [("alone", [])], end=False))

    result = traverse(store, "alone", max_depth=3)

    assert result.root.id == "alone" and result.nodes == () and result.links == ()


def test_unknown_root_is_not_found(store: Store) -> None:
    ingest(store, RELEASE)

    with pytest.raises(NotFoundError, match="no event with id 'nope'"):
        traverse(store, "nope")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"max_depth": MAX_TRAVERSE_DEPTH + 1}, "maxDepth 11 exceeds the server cap of 10"),
        ({"max_depth": 0}, "maxDepth must be at least 1"),
        ({"limit": MAX_TRAVERSE_LIMIT + 1}, "limit 10001 exceeds the server cap of 10000"),
        ({"limit": 0}, "limit must be at least 1"),
    ],
)
def test_caps_are_enforced_with_a_clear_error(
    store: Store, kwargs: dict[str, int], message: str
) -> None:
    with pytest.raises(LimitExceededError, match=message):
        traverse(store, "static-analysis", **kwargs)  # type: ignore[arg-type]


def test_store_calls_grow_with_depth_not_with_the_number_of_events(store: Store) -> None:
    # A wide fan: 40 builds after one checkout, each followed by a test.
    steps: list[tuple[str, list[str]]] = [("checkout", [])]
    steps += [(f"build-{i}", ["checkout"]) for i in range(40)]
    steps += [(f"test-{i}", [f"build-{i}"]) for i in range(40)]
    ingest(store, pipeline("chain-wide", steps, end=False))
    proxy = CountingStore(store)

    result = traverse(as_store(proxy), "checkout", max_depth=3)

    assert len(result.nodes) == 80
    # one walk: it brings the links of every level and the events reached
    assert proxy.calls == {"walk": 1}
