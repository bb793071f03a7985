"""No N+1: a chain query costs the same number of store calls whatever the chain's size."""

from __future__ import annotations

from lineage.graphql_api import run_operation
from lineage.store import Store
from tests.support.counting_store import CountingStore, as_store
from tests.support.scenarios import ingest, pipeline

#: A chain query that asks for everything nested: events with their links and both ends of each
#: link, the chain's links with their ends, islands, start/end, and two levels of fan groups.
CHAIN = """
query ($id: ID!) {
  chain(id: $id) {
    id complete eventCount startedAt endedAt duration
    start { id type } end { id type }
    events { id type links { type from { id type } to { id type } } }
    links { type from { id } to { id } }
    islands { id }
    fanGroups {
      source { id } sink { id } complete
      branches { via { id } events { id } groups { source { id } sink { id } } }
    }
  }
}
"""

#: chain_graph (the view: events, links, links touching the members), then the events at the
#: far end of links that leave the chain (one batch).
CHAIN_QUERY_BUDGET = 2


def fanned_release(chain: str, platforms: int) -> list[dict[str, object]]:
    """checkout, then build -> unit + e2e -> report per platform, then publish and deploy."""
    steps: list[tuple[str, list[str]]] = [("checkout", [])]
    for p in range(platforms):
        steps += [
            (f"build-{p}", ["checkout"]),
            (f"unit-{p}", [f"build-{p}"]),
            (f"e2e-{p}", [f"build-{p}"]),
            (f"report-{p}", [f"unit-{p}", f"e2e-{p}"]),
        ]
    steps += [("publish", [f"report-{p}" for p in range(platforms)]), ("deploy", ["publish"])]
    records = pipeline(chain, steps)
    # the deploy triggered a smoke test in another chain: a link that leaves this chain
    records.append(
        {"linkType": "RELATION", "linkKind": "TRIGGER", "source": {"contextId": "deploy"},
         "target": {"contextId": f"smoke-after-{chain}"}}
    )  # fmt: skip
    return records


def reads_for_chain_query(store: Store, chain: str) -> tuple[int, dict[str, int]]:
    proxy = CountingStore(store)
    result = run_operation(as_store(proxy), CHAIN, {"id": chain})
    assert result["errors"] is None, result["errors"]
    return proxy.reads, dict(proxy.calls)


def test_chain_query_store_calls_do_not_grow_with_the_chain(store: Store) -> None:
    ingest(store, fanned_release("chain-small", platforms=2))
    ingest(store, fanned_release("chain-large", platforms=25))

    small, small_calls = reads_for_chain_query(store, "chain-small")
    large, large_calls = reads_for_chain_query(store, "chain-large")

    assert small_calls == large_calls == {"chain_graph": 1, "get_events": 1}
    assert small == large == CHAIN_QUERY_BUDGET


def test_the_large_chain_really_is_large_and_fanned(store: Store) -> None:
    ingest(store, fanned_release("chain-large", platforms=25))

    result = run_operation(store, CHAIN, {"id": "chain-large"})

    chain = result["data"]["chain"]
    assert chain["eventCount"] == 103
    (outer,) = chain["fanGroups"]
    assert len(outer["branches"]) == 25
    assert all(len(branch["groups"]) == 1 for branch in outer["branches"])
