"""Fan-out / fan-in groups, exactly as issue 3 defines them."""

from __future__ import annotations

from collections.abc import Sequence

from lineage.services import FanGroup, Node, Placeholder, chain_view, fan_groups
from lineage.services.fans import all_fan_groups
from lineage.store import Store
from tests.support.scenarios import RELEASE, RELEASE_CHAIN, cdevent, ingest, pipeline


def groups_of(store: Store, chain: str) -> list[FanGroup]:
    view = chain_view(store, chain)
    assert view is not None
    return fan_groups(view)


def ids(nodes: Sequence[Node]) -> list[str]:
    return [node.id for node in nodes]


def test_release_fans_out_to_three_platforms_and_rejoins_at_promote(store: Store) -> None:
    ingest(store, RELEASE)

    (group,) = groups_of(store, RELEASE_CHAIN)

    assert group.source.id == "static-analysis"
    assert group.sink is not None and group.sink.id == "promote"
    assert [ids(b.events) for b in group.branches] == [
        ["build-mac", "test-mac"],
        ["build-sles", "test-sles"],
        ["build-windows", "test-windows"],
    ]
    assert [b.via.id for b in group.branches] == ["build-mac", "build-sles", "build-windows"]
    assert all(b.groups == [] for b in group.branches)
    assert group.complete is True


def test_a_linear_chain_has_no_fan_groups(store: Store) -> None:
    ingest(store, pipeline("chain-line", [("a", []), ("b", ["a"]), ("c", ["b"])]))

    assert groups_of(store, "chain-line") == []


def test_nested_fans_sit_in_the_branch_that_contains_their_source(store: Store) -> None:
    #        ┌─ unit ────────────────────────┐
    # build ─┤        ┌─ e2e-chrome ─┐        ├─ release
    #        └─ e2e ──┤              ├─ e2e-report ┘
    #                 └─ e2e-firefox ┘
    steps = [
        ("build", []), ("unit", ["build"]), ("e2e", ["build"]),
        ("e2e-chrome", ["e2e"]), ("e2e-firefox", ["e2e"]),
        ("e2e-report", ["e2e-chrome", "e2e-firefox"]), ("release", ["unit", "e2e-report"]),
    ]  # fmt: skip
    ingest(store, pipeline("chain-nested", steps))

    (outer,) = groups_of(store, "chain-nested")

    assert outer.source.id == "build" and outer.sink is not None and outer.sink.id == "release"
    unit, e2e = outer.branches
    assert ids(unit.events) == ["unit"] and unit.groups == []
    assert ids(e2e.events) == ["e2e", "e2e-chrome", "e2e-firefox", "e2e-report"]
    (inner,) = e2e.groups
    assert inner.source.id == "e2e" and inner.sink is not None and inner.sink.id == "e2e-report"
    assert [ids(b.events) for b in inner.branches] == [["e2e-chrome"], ["e2e-firefox"]]
    assert inner.complete and outer.complete
    view = chain_view(store, "chain-nested")
    assert view is not None
    assert [g.source.id for g in all_fan_groups(view)] == ["build", "e2e"]


def test_a_fan_that_never_rejoins_has_no_sink_and_is_not_complete(store: Store) -> None:
    # One artifact deployed to two regions; nothing waits for both.
    steps = [
        ("publish", []), ("deploy-eu", ["publish"]), ("deploy-us", ["publish"]),
        ("smoke-eu", ["deploy-eu"]), ("smoke-us", ["deploy-us"]),
    ]  # fmt: skip
    ingest(store, pipeline("chain-split", steps, end=False))

    (group,) = groups_of(store, "chain-split")

    assert group.sink is None
    assert [ids(b.events) for b in group.branches] == [
        ["deploy-eu", "smoke-eu"],
        ["deploy-us", "smoke-us"],
    ]
    assert group.complete is False


def test_a_successor_that_is_the_sink_gives_an_empty_branch(store: Store) -> None:
    # lint runs beside the build; package waits for both, and also directly follows checkout.
    steps = [
        ("checkout", []), ("build", ["checkout"]), ("lint", ["build"]),
        ("package", ["checkout", "build", "lint"]),
    ]  # fmt: skip
    ingest(store, pipeline("chain-empty-branch", steps))

    groups = groups_of(store, "chain-empty-branch")

    assert [(g.source.id, g.sink.id if g.sink else None) for g in groups] == [
        ("checkout", "package")
    ]
    (group,) = groups
    by_via = {b.via.id: ids(b.events) for b in group.branches}
    assert by_via == {"build": ["build", "lint"], "package": []}
    (nested,) = group.branches[0].groups
    assert nested.source.id == "build" and nested.sink is not None
    assert nested.sink.id == "package"
    assert {b.via.id: ids(b.events) for b in nested.branches} == {"lint": ["lint"], "package": []}


def test_a_sink_not_yet_arrived_makes_the_group_incomplete(store: Store) -> None:
    # Both tests name `merge-results` as their successor, but that event has not arrived.
    steps = [("build", []), ("test-a", ["build"]), ("test-b", ["build"])]
    records = pipeline("chain-waiting", steps)
    records += [
        {"chainId": "chain-waiting", "linkType": "PATH", "from": {"contextId": t},
         "to": {"contextId": "merge-results"}}
        for t in ("test-a", "test-b")
    ]  # fmt: skip
    ingest(store, records)

    (group,) = groups_of(store, "chain-waiting")

    assert isinstance(group.sink, Placeholder) and group.sink.id == "merge-results"
    assert group.complete is False


def test_a_cycle_in_path_links_does_not_break_the_analysis(store: Store) -> None:
    records = pipeline("chain-cycle", [("a", []), ("b", ["a"]), ("c", ["a"]), ("d", ["b", "c"])])
    records.append(
        cdevent(
            "e", "dev.cdevents.taskrun.finished.0.2.0", "2026-02-02T09:00:00Z", source="/ci",
            subject="e", chain="chain-cycle", after=["d"],
        )
    )
    records.append(
        {"chainId": "chain-cycle", "linkType": "PATH", "from": {"contextId": "e"},
         "to": {"contextId": "a"}}
    )  # fmt: skip
    ingest(store, records)

    (group,) = groups_of(store, "chain-cycle")

    assert group.source.id == "a" and group.sink is not None and group.sink.id == "d"
