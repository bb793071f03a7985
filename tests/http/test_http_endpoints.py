"""GraphQL over HTTP (queries, GraphiQL), `/healthz` and `/metrics` on a live server."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from lineage.store import Store
from tests.support.live_server import ServedStore, serve_store
from tests.support.scenarios import RELEASE, RELEASE_CHAIN, ingest


@pytest.fixture
def served(store: Store) -> Iterator[ServedStore]:
    ingest(store, RELEASE)
    with serve_store(store) as served:
        yield served


def test_graphiql_is_served_to_browsers(served: ServedStore) -> None:
    response = httpx.get(f"{served.server.url}/graphql", headers={"accept": "text/html"})

    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    assert "graphiql" in response.text.lower()


def test_queries_over_get_and_post(served: ServedStore) -> None:
    query = f'{{ chain(id: "{RELEASE_CHAIN}") {{ eventCount complete }} }}'

    by_get = httpx.get(f"{served.server.url}/graphql", params={"query": query})
    by_post = httpx.post(f"{served.server.url}/graphql", json={"query": query})

    expected = {"data": {"chain": {"eventCount": 9, "complete": True}}}
    assert by_get.json() == by_post.json() == expected


def test_client_errors_come_back_as_graphql_errors(served: ServedStore) -> None:
    response = httpx.post(
        f"{served.server.url}/graphql",
        json={"query": '{ traverse(from: "promote", maxDepth: 50) { truncated } }'},
    )

    assert response.status_code == 200
    assert [e["message"] for e in response.json()["errors"]] == [
        "maxDepth 50 exceeds the server cap of 10"
    ]


def test_healthz(served: ServedStore) -> None:
    response = httpx.get(f"{served.server.url}/healthz")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_metrics_count_ingest_outcomes_and_time_requests(served: ServedStore) -> None:
    events = [r for r in RELEASE if "context" in r]
    httpx.post(f"{served.server.url}/events", json=[*events[:2], "junk"])
    httpx.post(
        f"{served.server.url}/graphql",
        json={
            "query": "mutation ($e: [JSON!]) { ingest(events: $e) { stored } }",
            "variables": {"e": events[:1]},
        },
    )

    text = httpx.get(f"{served.server.url}/metrics").text

    # RELEASE was ingested before serving (not through the app): both are duplicates now
    assert 'lineage_ingest_records_total{status="duplicate"} 3.0' in text
    assert 'lineage_ingest_records_total{status="rejected"} 1.0' in text
    assert 'lineage_ingest_records_total{status="stored"} 0.0' in text
    timed = 'lineage_http_request_duration_seconds_count{method="POST",route="/events",'
    assert f'{timed}status="400"}} 1.0' in text
    assert 'route="/graphql",status="200"' in text
