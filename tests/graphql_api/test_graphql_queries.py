"""Every query field, run in-process through the schema the server uses."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from lineage.graphql_api import run_operation
from lineage.store import Store
from tests.support.scenarios import (
    DELIVERY,
    DELIVERY_CHAIN,
    RELEASE,
    RELEASE_CHAIN,
    ingest,
    pipeline,
)

C1, C2, C3, C4 = (f"c0ffee00-0000-4000-8000-00000000000{i}" for i in range(1, 5))


@pytest.fixture
def populated(store: Store) -> Store:
    ingest(store, RELEASE + DELIVERY)
    ingest(store, pipeline("chain-open", [("open-a", []), ("open-b", ["open-a"])], end=False))
    return store


def data(store: Store, query: str, **variables: Any) -> dict[str, Any]:
    result = run_operation(store, query, variables)
    assert result["errors"] is None, result["errors"]
    assert result["data"] is not None
    return result["data"]


def errors(store: Store, query: str, **variables: Any) -> list[str]:
    result = run_operation(store, query, variables)
    assert result["errors"], result
    return [e["message"] for e in result["errors"]]


EVENT = """
query ($id: ID!) {
  event(id: $id) {
    id type subjectType predicate typeVersion specVersion source timestamp chainId placeholder
    subject { id source type content } customData
    links { type kind fromId toId from { id placeholder } to { id } }
    downstream: links(direction: DOWNSTREAM) { toId }
    relations: links(types: [RELATION]) { kind toId }
  }
}
"""


def test_event_returns_the_cdevent_and_its_links_both_ways(populated: Store) -> None:
    event = data(populated, EVENT, id=C3.upper())["event"]

    assert {k: event[k] for k in ("id", "type", "subjectType", "predicate", "placeholder")} == {
        "id": C3, "type": "dev.cdevents.build.finished.0.3.0", "subjectType": "build",
        "predicate": "finished", "placeholder": False,
    }  # fmt: skip
    assert (event["typeVersion"], event["specVersion"]) == ("0.3.0", "0.5.1")
    assert event["source"] == "/ci/tekton" and event["chainId"] == DELIVERY_CHAIN
    assert event["timestamp"] == "2026-01-06T09:05:00.000000Z"
    assert event["subject"] == {
        "id": "payments-build-981", "source": "/ci/tekton", "type": "build", "content": {},
    }  # fmt: skip
    assert event["customData"] is None
    pairs = {(link["type"], link["fromId"], link["toId"]) for link in event["links"]}
    assert pairs == {
        ("PATH", C2, C3), ("PATH", C3, C4), ("END", C3, C4), ("RELATION", C3, C1),
    }  # fmt: skip
    assert sorted(link["toId"] for link in event["downstream"]) == sorted([C1, C4, C4])
    assert event["relations"] == [{"kind": "TRIGGER", "toId": C1}]


def test_event_normalizes_timestamps_to_utc(populated: Store) -> None:
    # The producer sent 10:00:00+01:00.
    event = data(populated, "query ($id: ID!) { event(id: $id) { timestamp } }", id=C1)["event"]

    assert event["timestamp"] == "2026-01-06T09:00:00.000000Z"


def test_event_of_a_placeholder_and_of_an_unknown_id(populated: Store) -> None:
    ingest(populated, [{"linkType": "PATH", "from": {"contextId": "deliver"},
                        "to": {"contextId": "announce"}}])  # fmt: skip
    query = "query ($id: ID!) { event(id: $id) { id placeholder type links { fromId } } }"

    placeholder = data(populated, query, id="announce")["event"]
    unknown = data(populated, query, id="never-heard-of")["event"]

    assert placeholder == {
        "id": "announce", "placeholder": True, "type": None, "links": [{"fromId": "deliver"}],
    }  # fmt: skip
    assert unknown is None


EVENTS = """
query ($filter: EventFilter, $first: Int, $after: String) {
  events(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id } }
  }
}
"""


def test_events_pages_with_keyset_cursors(populated: Store) -> None:
    release = {"chainId": RELEASE_CHAIN}
    first = data(populated, EVENTS, filter=release, first=4)["events"]
    rest = data(populated, EVENTS, filter=release, first=10,
                after=first["pageInfo"]["endCursor"])["events"]  # fmt: skip

    assert first["totalCount"] == rest["totalCount"] == 9
    assert [e["node"]["id"] for e in first["edges"]] == [
        "static-analysis", "build-mac", "build-sles", "build-windows",
    ]  # fmt: skip
    assert first["pageInfo"]["hasNextPage"] is True
    assert first["pageInfo"]["endCursor"] == first["edges"][-1]["cursor"]
    assert [e["node"]["id"] for e in rest["edges"]] == [
        "test-mac", "test-sles", "test-windows", "promote", "deliver",
    ]  # fmt: skip
    assert rest["pageInfo"]["hasNextPage"] is False


@pytest.mark.parametrize(
    ("event_filter", "expected"),
    [
        ({"types": ["dev.cdevents.service.deployed.0.3.0"]}, [C4]),
        ({"subjectTypes": ["change", "pipelineRun"]}, [C1, C2]),
        ({"sources": ["/cd/release-portal"]}, ["deliver"]),
        ({"chainId": DELIVERY_CHAIN.upper(), "since": "2026-01-06T10:04:00+01:00"}, [C3, C4]),
        ({"subjectId": "edge-agent-sles"}, ["build-sles"]),
        ({"since": "2026-01-05T09:30:00Z", "until": "2026-01-05T09:40:00Z"},
         ["promote", "deliver"]),
    ],
)  # fmt: skip
def test_events_filters(
    populated: Store, event_filter: dict[str, Any], expected: list[str]
) -> None:
    found = data(populated, EVENTS, filter=event_filter)["events"]

    assert [e["node"]["id"] for e in found["edges"]] == expected
    assert found["totalCount"] == len(expected)


def test_events_page_size_is_capped_and_cursors_checked(populated: Store) -> None:
    assert errors(populated, EVENTS, first=501) == ["first 501 exceeds the server cap of 500"]
    assert errors(populated, EVENTS, after="not-a-cursor") == ["invalid cursor 'not-a-cursor'"]


CHAIN = """
query ($id: ID!) {
  chain(id: $id) {
    id complete eventCount startedAt endedAt duration
    start { id } end { id }
    events { id placeholder }
    links { type fromId toId }
    islands { id }
    fanGroups { source { id } sink { id } complete branches { events { id } } }
  }
}
"""


def test_chain_answers_every_contracted_field(populated: Store) -> None:
    chain = data(populated, CHAIN, id=RELEASE_CHAIN)["chain"]

    assert {k: chain[k] for k in ("id", "complete", "eventCount", "duration")} == {
        "id": RELEASE_CHAIN, "complete": True, "eventCount": 9, "duration": 2400.0,
    }  # fmt: skip
    assert (chain["startedAt"], chain["endedAt"]) == (
        "2026-01-05T09:00:00.000000Z", "2026-01-05T09:40:00.000000Z",
    )  # fmt: skip
    assert (chain["start"]["id"], chain["end"]["id"]) == ("static-analysis", "deliver")
    assert [e["id"] for e in chain["events"]][:2] == ["static-analysis", "build-mac"]
    assert len(chain["links"]) == 12  # START, 10 PATH, END
    assert len(chain["islands"]) == 1 and len(chain["islands"][0]) == 9
    (group,) = chain["fanGroups"]
    assert (group["source"]["id"], group["sink"]["id"], group["complete"]) == (
        "static-analysis", "promote", True,
    )  # fmt: skip
    assert [[e["id"] for e in b["events"]] for b in group["branches"]] == [
        ["build-mac", "test-mac"], ["build-sles", "test-sles"], ["build-windows", "test-windows"],
    ]  # fmt: skip


def test_unknown_chain_is_null(populated: Store) -> None:
    assert data(populated, CHAIN, id="nope")["chain"] is None


CHAINS = """
query ($filter: ChainFilter, $first: Int, $after: String) {
  chains(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id complete eventCount start { id } end { id } events { id } } }
  }
}
"""


def test_chains_are_listed_most_recent_first_and_page(populated: Store) -> None:
    first = data(populated, CHAINS, first=2)["chains"]
    rest = data(populated, CHAINS, first=2, after=first["pageInfo"]["endCursor"])["chains"]

    order = [e["node"]["id"] for e in first["edges"] + rest["edges"]]
    assert order == ["chain-open", DELIVERY_CHAIN, RELEASE_CHAIN]
    assert first["totalCount"] == 3
    assert (first["pageInfo"]["hasNextPage"], rest["pageInfo"]["hasNextPage"]) == (True, False)
    release = rest["edges"][0]["node"]
    assert (release["eventCount"], release["start"]["id"], release["end"]["id"]) == (
        9, "static-analysis", "deliver",
    )  # fmt: skip
    assert len(release["events"]) == 9


@pytest.mark.parametrize(
    ("chain_filter", "expected"),
    [
        ({"complete": True}, [DELIVERY_CHAIN, RELEASE_CHAIN]),
        ({"complete": False}, ["chain-open"]),
        ({"eventType": "dev.cdevents.service.deployed.0.3.0"}, [DELIVERY_CHAIN]),
        ({"until": "2026-01-05T23:00:00Z"}, [RELEASE_CHAIN]),
    ],
)
def test_chains_filters(
    populated: Store, chain_filter: dict[str, Any], expected: list[str]
) -> None:
    found = data(populated, CHAINS, filter=chain_filter)["chains"]

    assert [e["node"]["id"] for e in found["edges"]] == expected


TRAVERSE = """
query ($from: ID!, $direction: Direction, $maxDepth: Int, $linkTypes: [LinkType!], $limit: Int) {
  traverse(from: $from, direction: $direction, maxDepth: $maxDepth, linkTypes: $linkTypes,
           limit: $limit) {
    root { id }
    nodes { depth event { id } }
    links { type fromId toId }
    truncated
  }
}
"""


def test_traverse_defaults_to_immediate_downstream_neighbours(populated: Store) -> None:
    sub = data(populated, TRAVERSE, **{"from": "promote"})["traverse"]

    assert sub["root"] == {"id": "promote"}
    assert sub["nodes"] == [{"depth": 1, "event": {"id": "deliver"}}]
    assert {link["type"] for link in sub["links"]} == {"PATH", "END"}
    assert sub["truncated"] is False


def test_traverse_depth_direction_types_and_limit(populated: Store) -> None:
    up = data(populated, TRAVERSE, **{"from": "deliver"}, direction="UPSTREAM", maxDepth=3,
              linkTypes=["PATH"], limit=4)["traverse"]  # fmt: skip

    assert [(n["depth"], n["event"]["id"]) for n in up["nodes"]] == [
        (1, "promote"), (2, "test-mac"), (2, "test-sles"), (2, "test-windows"),
    ]  # fmt: skip
    assert up["truncated"] is True


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"maxDepth": 11}, "maxDepth 11 exceeds the server cap of 10"),
        ({"limit": 10_001}, "limit 10001 exceeds the server cap of 10000"),
        ({}, "no event with id 'ghost'"),
    ],
)
def test_traverse_errors_are_clear(
    populated: Store, variables: dict[str, Any], message: str
) -> None:
    assert errors(populated, TRAVERSE, **{"from": "ghost"}, **variables) == [message]


INGEST = """
mutation ($events: [JSON!], $links: [JSON!]) {
  ingest(events: $events, links: $links) {
    stored duplicates conflicts rejected
    records { origin index kind id status reason }
  }
}
"""


def test_ingest_reports_each_record(store: Store) -> None:
    events = [r for r in RELEASE if "context" in r]
    links = [r for r in RELEASE if "context" not in r]
    data(store, INGEST, events=events[:1])
    changed = copy.deepcopy(events[1])
    changed["subject"]["content"]["artifactId"] = "pkg:generic/edge-agent-mac@9.9.9"
    data(store, INGEST, events=[changed])

    result = data(store, INGEST, events=[events[0], events[1], {"context": {}}], links=links)

    ingest_result = result["ingest"]
    assert {k: ingest_result[k] for k in ("stored", "duplicates", "conflicts", "rejected")} == {
        "stored": 1, "duplicates": 1, "conflicts": 1, "rejected": 1,
    }  # fmt: skip
    records = ingest_result["records"]
    assert [(r["origin"], r["index"], r["status"]) for r in records] == [
        ("events[0]", 0, "DUPLICATE"), ("events[1]", 1, "CONFLICT"),
        ("events[2]", 2, "REJECTED"), ("links[0]", 0, "STORED"),
    ]  # fmt: skip
    assert records[0]["id"] == "static-analysis" and records[0]["kind"] == "event"
    assert "already stored with different content" in records[1]["reason"]
    assert records[2]["reason"].startswith("context.")
    assert records[3]["kind"] == "link"
