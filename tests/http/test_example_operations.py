"""Every example operation in `graphql/queries/` runs on a live server with meaningful answers.

Queries and the mutation go over HTTP POST; subscriptions over graphql-transport-ws.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from lineage.store import Store
from tests.support.graphql_ws import graphql_ws
from tests.support.live_server import ServedStore, serve_store
from tests.support.scenarios import DELIVERY, RELEASE, RELEASE_CHAIN, cdevent, ingest

QUERIES = Path(__file__).resolve().parents[2] / "graphql" / "queries"
C3 = "c0ffee00-0000-4000-8000-000000000003"
DELIVER = next(r for r in RELEASE if r.get("context", {}).get("id") == "deliver")
NOT_YET_DELIVERED = [r for r in RELEASE if r is not DELIVER]


def check_event(data: dict[str, Any]) -> None:
    event = data["event"]
    assert (event["id"], event["subjectType"], event["placeholder"]) == (C3, "build", False)
    assert {link["type"] for link in event["links"]} == {"PATH", "END", "RELATION"}
    assert all(link["from"]["id"] and link["to"]["id"] for link in event["links"])


def check_events(data: dict[str, Any]) -> None:
    events = data["events"]
    assert events["totalCount"] == 8 and events["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["id"] for e in events["edges"]] == ["static-analysis", "build-mac"]


def check_chain(data: dict[str, Any]) -> None:
    chain = data["chain"]
    assert (chain["eventCount"], chain["complete"], chain["start"]["id"]) == (
        8, False, "static-analysis",
    )  # fmt: skip
    (group,) = chain["fanGroups"]
    assert (group["source"]["id"], group["sink"]["id"]) == ("static-analysis", "promote")
    assert [len(b["events"]) for b in group["branches"]] == [2, 2, 2]
    assert len(chain["islands"]) == 1


def check_chains(data: dict[str, Any]) -> None:
    chains = data["chains"]
    assert chains["totalCount"] == 2
    assert {e["node"]["id"] for e in chains["edges"]} == {RELEASE_CHAIN, DELIVERY[0]["chainId"]}


def check_traverse(data: dict[str, Any]) -> None:
    sub = data["traverse"]
    assert sub["root"]["id"] == "static-analysis"
    assert [n["depth"] for n in sub["nodes"]] == [1, 1, 1, 2, 2, 2, 3]
    assert sub["truncated"] is False


def check_ingest(data: dict[str, Any]) -> None:
    result = data["ingest"]
    assert (result["stored"], result["duplicates"], result["rejected"]) == (1, 1, 0)
    assert [r["status"] for r in result["records"]] == ["STORED", "DUPLICATE"]


def check_search(data: dict[str, Any]) -> None:
    (hit,) = data["search"]
    assert (hit["kind"], hit["id"], hit["exact"]) == ("EVENT", C3, True)
    assert hit["chainId"] == DELIVERY[0]["chainId"]


#: file -> (variables, check of the data)
OPERATIONS: dict[str, tuple[dict[str, Any], Callable[[dict[str, Any]], None]]] = {
    "event.graphql": ({"id": C3}, check_event),
    "events.graphql": ({"filter": {"chainId": RELEASE_CHAIN}, "first": 2}, check_events),
    "chain.graphql": ({"id": RELEASE_CHAIN}, check_chain),
    "chains.graphql": ({"filter": {"since": "2026-01-01T00:00:00Z"}}, check_chains),
    "traverse.graphql": ({"from": "static-analysis"}, check_traverse),
    "ingest.graphql": ({"events": [DELIVER, NOT_YET_DELIVERED[1]]}, check_ingest),
    "search.graphql": ({"text": C3.upper()}, check_search),
}
SUBSCRIPTIONS = ("chain_updated.graphql", "events_ingested.graphql")


@pytest.fixture
def served(store: Store) -> Iterator[ServedStore]:
    ingest(store, NOT_YET_DELIVERED + DELIVERY)
    with serve_store(store) as served:
        yield served


#: Exercised on their own data by tests/http/test_trace_receiver.py.
TRACE_OPERATIONS = ("deployment.graphql", "deployment_trace.graphql", "deployment_traces.graphql")
#: Exercised on their own data by tests/http/test_pipeline_operations.py.
PIPELINE_OPERATIONS = ("application.graphql", "pipeline_execution.graphql",
                       "pipeline_executions.graphql")  # fmt: skip

#: Exercised in-process on hand-computed data by tests/graphql_api/test_*_queries.py.
ANALYTICS_OPERATIONS = ("chain_critical_path.graphql", "dora_metrics.graphql",
                        "flaky_tests.graphql", "stage_stats.graphql",
                        "deployment_changelog.graphql")  # fmt: skip


def test_every_example_file_is_exercised() -> None:
    assert {p.name for p in QUERIES.glob("*.graphql")} == {
        *OPERATIONS, *SUBSCRIPTIONS, *TRACE_OPERATIONS, *PIPELINE_OPERATIONS,
        *ANALYTICS_OPERATIONS,
    }  # fmt: skip


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_example_operation_over_http(served: ServedStore, name: str) -> None:
    variables, check = OPERATIONS[name]

    response = httpx.post(
        f"{served.server.url}/graphql",
        json={"query": (QUERIES / name).read_text(), "variables": variables},
        timeout=30,
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body.get("errors") is None, body["errors"]
    check(body["data"])


def test_chain_updated_example_over_websocket(served: ServedStore) -> None:
    query = (QUERIES / "chain_updated.graphql").read_text()

    with graphql_ws(f"{served.server.ws_url}/graphql") as ws:
        ws.subscribe("release", query, {"id": RELEASE_CHAIN})
        now = ws.next_data("release")["chainUpdated"]
        httpx.post(f"{served.server.url}/events", json=DELIVER, timeout=30).raise_for_status()
        after = ws.next_data("release")["chainUpdated"]
        ws.complete("release")

    assert (now["eventCount"], now["complete"]) == (8, False)
    assert (after["eventCount"], after["complete"]) == (9, True)
    assert after["events"][-1]["id"] == "deliver"
    assert after["fanGroups"][0]["complete"] is True


def test_events_ingested_example_over_websocket(served: ServedStore) -> None:
    query = (QUERIES / "events_ingested.graphql").read_text()
    hotfix = cdevent(
        "hotfix-deploy", "dev.cdevents.service.deployed.0.3.0", "2026-01-10T12:00:00Z",
        source="/cd/argocd", subject="payments-prod", chain="chain-hotfix",
        content={"environment": {"id": "prod"}},
    )  # fmt: skip

    with graphql_ws(f"{served.server.ws_url}/graphql") as ws:
        ws.subscribe("deploys", query, {"filter": {"subjectTypes": ["service"]}})
        assert served.notifier.wait_for_subscribers(1, timeout=10)
        httpx.post(f"{served.server.url}/events", json=hotfix, timeout=30).raise_for_status()
        event = ws.next_data("deploys")["eventsIngested"]
        ws.complete("deploys")

    assert (event["id"], event["chainId"]) == ("hotfix-deploy", "chain-hotfix")
    assert event["subject"]["content"] == {"environment": {"id": "prod"}}
