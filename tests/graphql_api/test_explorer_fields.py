"""Fields the browser explorer reads: each view's data in one query, on every backend."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from lineage.graphql_api import run_operation
from lineage.store import Store
from tests.support.pipelines import RELEASE_7
from tests.support.scenarios import RELEASE, cdevent, ingest, pipeline
from tests.support.trace_scenarios import SHA, promotion


@pytest.fixture
def release(store: Store) -> Store:
    report = ingest(store, RELEASE_7)
    assert not report.problems, report.problems
    return store


def data(store: Store, query: str, **variables: Any) -> dict[str, Any]:
    result = run_operation(store, query, variables)
    assert result["errors"] is None, result["errors"]
    assert result["data"] is not None
    return result["data"]


EVENT_LINKS = """
query ($id: ID!) {
  event(id: $id) {
    all: links { id type inferred fromId toId chainId }
    sent: links(includeInferred: false) { id inferred }
    out: links(direction: DOWNSTREAM, includeInferred: true) { id fromId inferred }
  }
}
"""


def test_event_links_include_inferred_edges_unless_asked_not_to(release: Store) -> None:
    event = data(release, EVENT_LINKS, id="r7-built")["event"]

    inferred = [link for link in event["all"] if link["inferred"]]
    assert inferred, "the build names the image the deploys deploy: ingest infers edges"
    assert {link["chainId"] for link in event["all"] if not link["inferred"]} == {
        "chain-release-7"
    }
    assert [link["id"] for link in event["sent"]] == [
        link["id"] for link in event["all"] if not link["inferred"]
    ]
    assert all(link["fromId"] == "r7-built" for link in event["out"])
    assert any(link["inferred"] for link in event["out"])


OUTCOMES = """
{
  chain(id: "chain-release-7") {
    status complete
    events { id outcome }
  }
}
"""


def test_events_and_chains_say_how_they_turned_out(release: Store) -> None:
    chain = data(release, OUTCOMES)["chain"]
    outcome = {event["id"]: event["outcome"] for event in chain["events"]}

    assert chain["complete"] and chain["status"] == "FAILED"  # the run finished with failure
    assert outcome["r7-queued"] == "QUEUED"
    assert outcome["r7-started"] == "RUNNING"
    assert outcome["r7-build-finished"] == "SUCCEEDED"
    assert outcome["r7-deploy-prod"] == "SUCCEEDED"
    assert outcome["r7-incident"] == "FAILED"
    assert outcome["r7-rollback"] == "ROLLED_BACK"
    assert outcome["r7-finished"] == "FAILED"


def test_an_open_chain_is_running_and_placeholders_say_so(store: Store) -> None:
    ingest(store, pipeline("open", [("a", []), ("b", ["a"]), ("c", ["ghost"])], end=False))

    found = data(store, '{ chain(id: "open") { status events { id outcome } } }')["chain"]

    assert found["status"] == "RUNNING"
    assert {"id": "ghost", "outcome": "PLACEHOLDER"} in found["events"]


CHAIN_LINKS = """
query ($inferred: Boolean) {
  chain(id: "chain-release-7") { links(includeInferred: $inferred) { id inferred fromId toId } }
}
"""


def test_chain_links_add_inferred_edges_between_members_when_asked(release: Store) -> None:
    plain = data(release, CHAIN_LINKS, inferred=None)["chain"]["links"]
    every = data(release, CHAIN_LINKS, inferred=True)["chain"]["links"]
    members = {e["id"] for e in data(release, OUTCOMES)["chain"]["events"]}

    assert not any(link["inferred"] for link in plain)
    inferred = [link for link in every if link["inferred"]]
    assert inferred
    assert all(link["fromId"] in members and link["toId"] in members for link in inferred)
    assert [link for link in every if not link["inferred"]] == plain


FANS = """
{
  chain(id: "release-chain-2026-01") {
    fanGroups { label outcomes { outcome count } branches { outcome via { id } } }
  }
}
"""


def test_a_fan_group_says_what_its_folded_node_shows(store: Store) -> None:
    failing = copy.deepcopy(RELEASE)
    for record in failing:
        if record.get("context", {}).get("id") == "test-sles":
            record["subject"]["content"]["outcome"] = "fail"
    ingest(store, failing)

    (group,) = data(store, FANS)["chain"]["fanGroups"]

    assert group["label"] == "3\u00d7 build · 1✗ 2✓"
    assert group["outcomes"] == [
        {"outcome": "FAILED", "count": 1}, {"outcome": "SUCCEEDED", "count": 2},
    ]  # fmt: skip
    by_via = {branch["via"]["id"]: branch["outcome"] for branch in group["branches"]}
    assert by_via == {
        "build-mac": "SUCCEEDED", "build-sles": "FAILED", "build-windows": "SUCCEEDED",
    }  # fmt: skip


MIXED_FANS = """
{ chain(id: "chain-mixed") { fanGroups { source { id } label } } }
"""


def mixed_fan(chain: str, branches: list[tuple[str, str]], *, direct: bool = False) -> list[Any]:
    """A task run fanning out to one event of each (id, type) and, if `direct`, to the join."""
    at, src = "2026-02-02T08:00:00Z", "/ci/mixed"
    records = [cdevent("split", "dev.cdevents.taskrun.finished.0.2.0", at, source=src,
                       subject="split", chain=chain)]  # fmt: skip
    for event_id, event_type in branches:
        records.append(cdevent(event_id, event_type, at, source=src, subject=event_id,
                               chain=chain, after=["split"]))  # fmt: skip
    after = [event_id for event_id, _ in branches] + (["split"] if direct else [])
    records.append(cdevent("join", "dev.cdevents.taskrun.finished.0.2.0", at, source=src,
                           subject="join", chain=chain, after=after))  # fmt: skip
    return records


BUILD, SUITE = "dev.cdevents.build.finished.0.2.0", "dev.cdevents.testsuiterun.finished.0.2.0"


@pytest.mark.parametrize(
    ("branches", "direct", "label"),
    [
        ([("b1", BUILD), ("s1", SUITE)], False, "1\u00d7 build + 1\u00d7 testSuiteRun · 2✓"),
        ([("b1", BUILD), ("b2", BUILD), ("s1", SUITE)], False,
         "2\u00d7 build + 1\u00d7 testSuiteRun · 3✓"),
        ([("b1", BUILD), ("b2", BUILD)], True, "2\u00d7 build + 1\u00d7 direct · 2✓"),
        ([("b1", BUILD), ("b2", BUILD)], False, "2\u00d7 build · 2✓"),
    ],
)  # fmt: skip
def test_a_mixed_fan_group_names_each_kind_of_branch(
    store: Store, branches: list[tuple[str, str]], direct: bool, label: str
) -> None:
    ingest(store, mixed_fan("chain-mixed", branches, direct=direct))

    (group,) = data(store, MIXED_FANS)["chain"]["fanGroups"]

    assert group == {"source": {"id": "split"}, "label": label}


def test_a_branch_whose_subject_started_and_finished_is_not_running(store: Store) -> None:
    at, src, chain = "2026-02-02T08:00:00Z", "/ci/fan", "chain-started"
    task = "dev.cdevents.taskrun.finished.0.2.0"
    started, finished = "dev.cdevents.build.started.0.2.0", "dev.cdevents.build.finished.0.2.0"
    steps = [
        ("split", task, "split", []), ("b1-start", started, "b1", ["split"]),
        ("b1-done", finished, "b1", ["b1-start"]), ("b2-start", started, "b2", ["split"]),
        ("join", task, "join", ["b1-done", "b2-start"]),
    ]  # fmt: skip
    ingest(store, [
        cdevent(event_id, event_type, at, source=src, subject=subject, chain=chain, after=after)
        for event_id, event_type, subject, after in steps
    ])  # fmt: skip
    query = '{ chain(id: "chain-started") { fanGroups { label branches { outcome } } } }'

    (group,) = data(store, query)["chain"]["fanGroups"]

    assert group["label"] == "2\u00d7 build · 1… 1✓"
    assert [branch["outcome"] for branch in group["branches"]] == ["SUCCEEDED", "RUNNING"]


TRAVERSE = """
query ($perLevel: Int) {
  traverse(from: "static-analysis", maxDepth: 3, perLevel: $perLevel) {
    nodes { depth event { id } }
    links { fromId toId }
    levels { depth reached shown more }
  }
}
"""


def test_traverse_caps_each_level_and_counts_what_it_left_out(store: Store) -> None:
    ingest(store, RELEASE)

    whole = data(store, TRAVERSE, perLevel=None)["traverse"]
    capped = data(store, TRAVERSE, perLevel=1)["traverse"]

    assert whole["levels"] == [
        {"depth": 1, "reached": 3, "shown": 3, "more": 0},
        {"depth": 2, "reached": 3, "shown": 3, "more": 0},
        {"depth": 3, "reached": 1, "shown": 1, "more": 0},
    ]
    assert [(n["depth"], n["event"]["id"]) for n in capped["nodes"]] == [
        (1, "build-mac"), (2, "test-mac"), (3, "promote"),
    ]  # fmt: skip
    assert capped["levels"] == [
        {"depth": 1, "reached": 3, "shown": 1, "more": 2},
        {"depth": 2, "reached": 3, "shown": 1, "more": 2},
        {"depth": 3, "reached": 1, "shown": 1, "more": 0},
    ]
    kept = {"static-analysis", "build-mac", "test-mac", "promote"}
    assert capped["links"] and all(
        link["fromId"] in kept and link["toId"] in kept for link in capped["links"]
    )


def test_traverse_refuses_a_per_level_cap_below_one(store: Store) -> None:
    ingest(store, RELEASE)

    result = run_operation(store, TRAVERSE, {"perLevel": 0})

    assert result["errors"] is not None
    assert result["errors"][0]["message"] == "perLevel must be at least 1, got 0"


def test_a_commit_trace_lists_its_environments_in_promotion_order(store: Store) -> None:
    ingest(store, promotion())

    trace = data(store, f'{{ deploymentTrace(commitHash: "{SHA[:9]}") {{ environments }} }}')

    assert trace["deploymentTrace"]["environments"] == ["dev", "staging", "prod"]
