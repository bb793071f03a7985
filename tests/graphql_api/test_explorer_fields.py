"""Fields the browser explorer reads: each view's data in one query, on every backend."""

from __future__ import annotations

from typing import Any

import pytest

from lineage.graphql_api import run_operation
from lineage.store import Store
from tests.support.pipelines import RELEASE_7
from tests.support.scenarios import ingest


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
