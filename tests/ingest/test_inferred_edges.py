"""Inferred edges in the stored graph: made in any arrival order, flagged, never producer links."""

from __future__ import annotations

import itertools

import pytest

from lineage.model import Direction, LinkType
from lineage.services import traverse
from lineage.store import Store
from tests.support.scenarios import ingest
from tests.support.trace_scenarios import promotion

#: The inferred edges of the promotion scenario: (from, to, kind).
EXPECTED = {
    ("merge", "package", "CHANGE"),
    ("build", "package", "ARTIFACT"),
    ("build", "dev", "ARTIFACT"),
    ("build", "staging", "ARTIFACT"),
    ("build", "prod", "ARTIFACT"),
    ("package", "dev", "ARTIFACT"),
    ("package", "staging", "ARTIFACT"),
    ("package", "prod", "ARTIFACT"),
}
IDS = ["merge", "ci", "build", "package", "dev", "staging", "prod"]


def inferred(store: Store) -> set[tuple[str | None, str | None, str | None]]:
    links = store.links_touching(IDS, Direction.BOTH)
    return {(link.from_id, link.to_id, link.kind) for link in links if link.inferred}


@pytest.mark.parametrize(
    "order",
    [
        list(range(7)),
        list(reversed(range(7))),
        [6, 4, 0, 2, 5, 1, 3],
    ],
    ids=["as sent", "reversed", "shuffled"],
)
def test_edges_appear_whichever_event_arrives_first(store: Store, order: list[int]) -> None:
    records = promotion()

    for index in order:  # one record per batch: each edge is made against the stored side
        ingest(store, [records[index]])

    assert inferred(store) == EXPECTED


def test_one_batch_and_redelivery_give_the_same_edges(store: Store) -> None:
    records = promotion()

    ingest(store, records)
    again = ingest(store, list(itertools.chain(records, records)))

    assert inferred(store) == EXPECTED
    assert again.counts["stored"] == 0


def test_inferred_edges_are_flagged_paths_without_chain(store: Store) -> None:
    ingest(store, promotion())

    links = [link for link in store.links_touching(["prod"], Direction.UPSTREAM) if link.inferred]

    assert {(link.type, link.chain_id) for link in links} == {(LinkType.PATH, None)}
    assert {link.tags.get("subject") for link in links} == {promotion()[3]["subject"]["id"]}


def test_traversals_can_include_or_exclude_inferred_edges(store: Store) -> None:
    ingest(store, promotion())

    with_inferred = store.links_touching(["package"], Direction.DOWNSTREAM)
    without = store.links_touching(["package"], Direction.DOWNSTREAM, include_inferred=False)

    assert {link.to_id for link in with_inferred} == {"dev", "staging", "prod"}
    assert {link.to_id for link in without} == {"dev"}
    reached = traverse(store, "merge", max_depth=5)
    assert {r.node.id for r in reached.nodes} >= {"staging", "prod"}
    producer_only = traverse(store, "merge", max_depth=5, include_inferred=False)
    assert all(not link.inferred for link in producer_only.links)
    assert {r.node.id for r in producer_only.nodes} < {r.node.id for r in reached.nodes}


def test_chain_views_keep_producer_links_only(store: Store) -> None:
    from lineage.services import chain_view

    ingest(store, promotion())
    view = chain_view(store, "chain-promotion")

    assert view is not None
    assert not any(link.inferred for link in view.links)
    assert any(link.inferred for link in view.touching["package"])
