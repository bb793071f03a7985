"""`chain_graph` and `walk` answer exactly what the per-level store calls they replace answered.

The references below are the services as they were before those store calls existed: a chain
view from `chain_events`, `chain_links` and `links_touching`, a traverse and a trace reach
breadth-first with one `links_touching` call per level. Both backends, many walks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

from lineage.model import Direction, Link, LinkType
from lineage.model.reach import SKIPPED_INFERRED_KINDS, TRACE_LINK_TYPES
from lineage.services import traverse
from lineage.services.ordering import link_order
from lineage.services.reach import reach
from lineage.store import Store
from tests.support.scenarios import DELIVERY, DELIVERY_CHAIN, RELEASE, RELEASE_CHAIN, ingest
from tests.support.trace_scenarios import manifest_hop, pipecd_trace, promotion


@dataclass
class Reference:
    """What the level-by-level walk found."""

    depth: dict[str, int] = field(default_factory=dict)
    links: list[str] = field(default_factory=list)
    truncated: bool = False


def reference_traverse(
    store: Store,
    root: str,
    direction: Direction,
    max_depth: int,
    limit: int,
    types: list[LinkType],
    include_inferred: bool,
) -> Reference:
    """`traverse` as it was: one `links_touching` per level, links in link order."""
    depth_of = {root: 0}
    followed: dict[str, Link] = {}
    frontier = [root]
    truncated = False
    for depth in range(1, max_depth + 1):
        if not frontier:
            break
        links = sorted(
            store.links_touching(frontier, direction, types, include_inferred), key=link_order
        )
        at_frontier = set(frontier)
        frontier = []
        for link in links:
            ahead = []
            if direction is not Direction.UPSTREAM and link.from_id in at_frontier and link.to_id:
                ahead.append(link.to_id)
            if direction is not Direction.DOWNSTREAM and link.to_id in at_frontier and link.from_id:
                ahead.append(link.from_id)
            for neighbour in ahead:
                if neighbour in depth_of:
                    continue
                if len(depth_of) - 1 >= limit:
                    truncated = True
                    continue
                depth_of[neighbour] = depth
                frontier.append(neighbour)
            if link.from_id in depth_of and link.to_id in depth_of:
                followed.setdefault(link.id, link)
        if truncated:
            break
    return Reference(depth_of, list(followed), truncated)


def reference_reach(
    store: Store, roots: list[str], direction: Direction, max_depth: int, max_events: int
) -> Reference:
    """`reach` as it was: one `links_touching` per level, in the store's order."""
    result = Reference(dict.fromkeys(roots, 0))
    followed: dict[str, Link] = {}
    frontier = sorted(roots)
    for depth in range(1, max_depth + 1):
        if not frontier:
            break
        links = store.links_touching(frontier, direction, TRACE_LINK_TYPES, include_inferred=True)
        at_frontier = set(frontier)
        frontier = []
        for link in links:
            if link.inferred and link.kind in SKIPPED_INFERRED_KINDS:
                continue
            origin, target = (
                (link.to_id, link.from_id)
                if direction is Direction.UPSTREAM
                else (link.from_id, link.to_id)
            )
            if origin not in at_frontier or target is None:
                continue
            if target not in result.depth:
                if len(result.depth) >= max_events:
                    result.truncated = True
                    continue
                result.depth[target] = depth
                frontier.append(target)
            followed[link.id] = link
        if result.truncated:
            break
        frontier.sort()
    else:
        result.truncated = bool(frontier)
    result.links = list(followed)
    return result


def loaded(store: Store) -> Store:
    ingest(store, [*RELEASE, *DELIVERY, *promotion(), *pipecd_trace(), *manifest_hop()])
    # a second promotion of the same artifact: inferred edges join the two stories
    ingest(store, promotion(tag="-2"))
    return store


def test_chain_graph_is_chain_events_chain_links_and_the_links_touching_members(
    store: Store,
) -> None:
    loaded(store)

    for chain in (RELEASE_CHAIN, DELIVERY_CHAIN, "chain-promotion", "no-such-chain"):
        graph = store.chain_graph(chain)
        events = store.chain_events(chain)
        links = store.chain_links(chain)
        members = {e.id for e in events} | {end for link in links for end in link.endpoints()}
        touching = store.links_touching(sorted(members), Direction.BOTH) if members else []

        assert graph.events == events
        assert graph.links == links
        assert graph.touching == touching
        assert any(link.inferred for link in graph.touching) or chain != "chain-promotion"


def test_traverse_answers_what_the_level_by_level_walk_answered(store: Store) -> None:
    loaded(store)
    roots = ["static-analysis", "promote", "merge", "package", "dev", "build-2", "c0ffee"]
    kinds = [
        ([], True),
        ([], False),
        ([LinkType.PATH], True),
        ([LinkType.RELATION, LinkType.END], True),
    ]

    checked, truncated = 0, 0
    for root, direction, (types, inferred), (depth, limit) in product(
        roots, list(Direction), kinds, [(1, 1000), (3, 2), (10, 5), (10, 1000)]
    ):
        expected = reference_traverse(store, root, direction, depth, limit, types, inferred)
        if len(expected.depth) == 1 and not store.get_events([root]):
            continue  # an unknown root: NotFoundError, tested elsewhere
        result = traverse(store, root, direction, depth, types, limit, inferred)

        got = {result.root.id: 0} | {r.node.id: r.depth for r in result.nodes}
        assert got == expected.depth, (root, direction, types, inferred, depth, limit)
        assert [link.id for link in result.links] == expected.links
        assert result.truncated is expected.truncated
        checked += 1
        truncated += result.truncated
    assert checked > 200 and truncated > 20


def test_reach_answers_what_the_level_by_level_walk_answered(store: Store) -> None:
    loaded(store)
    cases = [
        (["merge"], Direction.DOWNSTREAM),
        (["merge", "merge-2", "src-merge"], Direction.DOWNSTREAM),
        (["dev"], Direction.UPSTREAM),
        (["prod", "staging-2"], Direction.UPSTREAM),
        (["deliver"], Direction.UPSTREAM),
    ]

    truncated = 0
    for (roots, direction), (max_depth, max_events) in product(
        cases, [(64, 20_000), (2, 20_000), (64, 3), (1, 2)]
    ):
        expected = reference_reach(store, roots, direction, max_depth, max_events)
        result = reach(store, roots, direction, max_depth, max_events)

        assert result.depth == expected.depth, (roots, direction, max_depth, max_events)
        assert list(result.links) == expected.links
        assert result.truncated is expected.truncated
        assert set(result.events) == set(store.get_events(list(expected.depth)))
        truncated += result.truncated
    assert truncated > 3
