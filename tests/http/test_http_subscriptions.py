"""Subscriptions over a real websocket (graphql-transport-ws), fed by HTTP and GraphQL writes."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from lineage.store import Store
from tests.support.graphql_ws import graphql_ws
from tests.support.live_server import ServedStore, serve_store
from tests.support.scenarios import pipeline

CHAIN_UPDATED = """
subscription ($id: ID!) { chainUpdated(id: $id) { id eventCount complete events { id } } }
"""
EVENTS_INGESTED = """
subscription ($filter: EventFilter) { eventsIngested(filter: $filter) { id chainId } }
"""
INGEST = """
mutation ($events: [JSON!], $links: [JSON!]) { ingest(events: $events, links: $links) { stored } }
"""


@pytest.fixture
def served(store: Store) -> Iterator[ServedStore]:
    with serve_store(store) as served:
        yield served


def graphql(served: ServedStore, query: str, **variables: object) -> dict[str, object]:
    response = httpx.post(
        f"{served.server.url}/graphql", json={"query": query, "variables": variables}, timeout=30
    )
    body = response.json()
    assert response.status_code == 200 and body.get("errors") is None, body
    return body["data"]  # type: ignore[no-any-return]


def test_a_chain_that_does_not_exist_yet_arrives_with_its_first_write(served: ServedStore) -> None:
    steps = pipeline("chain-new", [("checkout", []), ("build", ["checkout"])])

    with graphql_ws(f"{served.server.ws_url}/graphql") as ws:
        ws.subscribe("1", CHAIN_UPDATED, {"id": "chain-new"})
        assert served.notifier.wait_for_subscribers(1, timeout=10)
        graphql(served, INGEST, events=[r for r in steps if "context" in r])
        first = ws.next_data("1")["chainUpdated"]
        httpx.post(f"{served.server.url}/links", json=steps[0], timeout=30).raise_for_status()
        second = ws.next_data("1")["chainUpdated"]
        ws.complete("1")

    assert (first["eventCount"], first["complete"]) == (2, True)
    assert [e["id"] for e in first["events"]] == ["checkout", "build"]
    assert second["eventCount"] == 2  # the START link changed the chain's links, not its events


def test_events_ingested_applies_the_filter_and_sees_mutation_writes(served: ServedStore) -> None:
    ours = pipeline("chain-ours", [("ours-1", []), ("ours-2", ["ours-1"])], end=False)
    theirs = pipeline("chain-theirs", [("theirs-1", [])], end=False)

    with graphql_ws(f"{served.server.ws_url}/graphql") as ws:
        ws.subscribe("ours", EVENTS_INGESTED, {"filter": {"chainId": "chain-ours"}})
        ws.subscribe("all", EVENTS_INGESTED, {})
        assert served.notifier.wait_for_subscribers(2, timeout=10)
        graphql(served, INGEST, events=[r for r in theirs if "context" in r])
        graphql(served, INGEST, events=[r for r in ours if "context" in r])
        received: dict[str, list[str]] = {"ours": [], "all": []}
        while len(received["ours"]) < 2 or len(received["all"]) < 3:
            message = ws.receive()
            assert message["type"] == "next", message
            received[message["id"]].append(message["payload"]["data"]["eventsIngested"]["id"])
        ws.complete("ours")
        ws.complete("all")

    assert received == {"ours": ["ours-1", "ours-2"], "all": ["theirs-1", "ours-1", "ours-2"]}


def test_completing_a_subscription_unsubscribes_it(served: ServedStore) -> None:
    with graphql_ws(f"{served.server.ws_url}/graphql") as ws:
        ws.subscribe("1", EVENTS_INGESTED, {})
        assert served.notifier.wait_for_subscribers(1, timeout=10)
        ws.complete("1")
        # a query on the same connection is answered after the completion was processed
        ws.subscribe("2", "{ events(first: 0) { totalCount } }")
        assert ws.next_data("2") == {"events": {"totalCount": 0}}

    assert served.notifier.subscriber_count == 0
