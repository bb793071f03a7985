"""Answers are bounded: a chain or an event too big to list is a clear error, not megabytes."""

from __future__ import annotations

from typing import Any

import pytest

from lineage.graphql_api import run_operation
from lineage.store import Store
from tests.support.scenarios import RELEASE, RELEASE_CHAIN, ingest

CHAIN = """
query ($id: ID!) {
  chain(id: $id) { id eventCount complete startId start { id } members: events { id } }
}
"""
SUMMARY = "query ($id: ID!) { chain(id: $id) { id eventCount complete end { id } status } }"
PAGE = """
query ($id: ID!) { events(filter: {chainId: $id}, first: 5) { totalCount edges { node { id } } } }
"""


@pytest.fixture
def release(store: Store) -> Store:
    ingest(store, RELEASE)  # 9 events
    return store


def run(store: Store, query: str, **variables: Any) -> dict[str, Any]:
    return run_operation(store, query, variables)


@pytest.mark.parametrize(
    ("field", "answer"),
    [
        ("events { id }", None),
        ("links { id }", None),
        ("islands { id }", None),
        ("fanGroups { label }", None),
        ("criticalPath { totalSeconds }", {"criticalPath": None}),  # nullable: only it is null
    ],
)
def test_listing_the_members_of_a_chain_over_the_cap_is_an_error_that_says_what_to_do(
    release: Store, monkeypatch: pytest.MonkeyPatch, field: str, answer: Any
) -> None:
    monkeypatch.setenv("LINEAGE_MAX_CHAIN_EVENTS", "8")

    result = run(release, f"query ($id: ID!) {{ chain(id: $id) {{ {field} }} }}", id=RELEASE_CHAIN)

    assert result["data"] == {"chain": answer}
    (error,) = result["errors"]
    assert error["message"] == (
        f"chain '{RELEASE_CHAIN}' has 9 events, more than the 8 an answer may list "
        "(LINEAGE_MAX_CHAIN_EVENTS); page through its events with "
        f'events(filter: {{chainId: "{RELEASE_CHAIN}"}}, first: 500, after: '
        "<pageInfo.endCursor>), or look at part of it with traverse(from: <event id>, "
        "maxDepth: …, limit: …)"
    )
    assert error["path"][0] == "chain"


def test_a_chain_over_the_cap_still_answers_its_summary_and_pages(
    release: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LINEAGE_MAX_CHAIN_EVENTS", "8")

    summary = run(release, SUMMARY, id=RELEASE_CHAIN)
    page = run(release, PAGE, id=RELEASE_CHAIN)

    assert summary["errors"] is None
    assert summary["data"]["chain"] == {
        "id": RELEASE_CHAIN, "eventCount": 9, "complete": True, "end": {"id": "deliver"},
        "status": "SUCCEEDED",
    }  # fmt: skip
    assert page["errors"] is None
    assert page["data"]["events"]["totalCount"] == 9


def test_a_chain_at_the_cap_is_listed_whole(
    release: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LINEAGE_MAX_CHAIN_EVENTS", "9")

    result = run(release, CHAIN, id=RELEASE_CHAIN)

    assert result["errors"] is None
    assert len(result["data"]["chain"]["members"]) == 9


LINKS = """
query ($direction: Direction) {
  event(id: "static-analysis") { links(direction: $direction) { id } }
}
"""


def test_an_event_with_more_links_than_the_cap_asks_to_narrow_them(
    release: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LINEAGE_MAX_EVENT_LINKS", "3")

    # static-analysis: a START link in, three PATH links out (to the builds).
    every = run(release, LINKS, direction="BOTH")
    out = run(release, LINKS, direction="DOWNSTREAM")

    assert every["data"] == {"event": None}
    assert every["errors"][0]["message"].startswith(
        "event 'static-analysis' has 4 such links, more than the 3 an answer may list "
        "(LINEAGE_MAX_EVENT_LINKS); narrow them with direction, types or includeInferred: false"
    )
    assert out["errors"] is None and len(out["data"]["event"]["links"]) == 3


def test_a_cap_that_is_not_a_positive_number_is_refused(
    release: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LINEAGE_MAX_CHAIN_EVENTS", "lots")

    result = run(release, SUMMARY, id=RELEASE_CHAIN)

    assert result["errors"][0]["message"] == (
        "LINEAGE_MAX_CHAIN_EVENTS must be a positive whole number, got 'lots'"
    )
