"""`search(text, first)`: what the explorer's search box finds by id, on every backend."""

from __future__ import annotations

from typing import Any

import pytest

from lineage.graphql_api import run_operation
from lineage.store import Store
from tests.support.cdevents import cdevent
from tests.support.pipelines import RELEASE_7, live_report
from tests.support.scenarios import DELIVERY, DELIVERY_CHAIN, ingest
from tests.support.trace_scenarios import SHA, promotion

SEARCH = """
query ($text: String!, $first: Int) {
  search(text: $text, first: $first) { kind id label chainId exact }
}
"""
C3 = "c0ffee00-0000-4000-8000-000000000003"
#: A second commit sharing the first 8 digits of SHA: an 8-digit prefix names both.
TWIN_SHA = SHA[:8] + "0" * 32


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    twin = cdevent(
        "change.merged", "twin-merge", ts="2026-01-08T09:00:00Z", subject_id="acme/api/pull/7",
        custom_data={"commitHash": TWIN_SHA, "title": "Twin commit"},
    )  # fmt: skip
    return [
        *DELIVERY,
        *RELEASE_7,
        *promotion(),
        twin,
        live_report("prod", "2026-02-03T11:00:00Z", "registry.example.com/myorg/payments:7"),
    ]


@pytest.fixture
def searchable(store: Store, records: list[dict[str, Any]]) -> Store:
    report = ingest(store, records)
    assert not report.rejected and not report.problems, report.problems
    return store


def hits(store: Store, text: str, first: int | None = None) -> list[dict[str, Any]]:
    result = run_operation(store, SEARCH, {"text": text, "first": first})
    assert result["errors"] is None, result["errors"]
    found: list[dict[str, Any]] = result["data"]["search"]
    return found


def kinds_and_ids(found: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(hit["kind"], hit["id"]) for hit in found]


def test_a_chain_id_finds_the_chain_in_any_case(searchable: Store) -> None:
    found = hits(searchable, DELIVERY_CHAIN.upper())

    assert kinds_and_ids(found) == [("CHAIN", DELIVERY_CHAIN)]
    assert found[0]["chainId"] == DELIVERY_CHAIN and found[0]["exact"] is True
    assert "4 events" in found[0]["label"] and "complete" in found[0]["label"]


def test_an_event_id_finds_the_event_and_its_chain(searchable: Store) -> None:
    found = hits(searchable, f"  {C3.upper()} ")

    assert kinds_and_ids(found) == [("EVENT", C3)]
    assert found[0]["chainId"] == DELIVERY_CHAIN
    assert "build.finished payments-build-981" in found[0]["label"]


def test_a_full_hash_or_a_prefix_finds_the_commit(searchable: Store) -> None:
    full = hits(searchable, SHA.upper())
    prefix = hits(searchable, SHA[:10])

    assert kinds_and_ids(full) == [("COMMIT", SHA)]
    assert full[0]["exact"] is True and "Fix rounding in totals" in full[0]["label"]
    assert kinds_and_ids(prefix) == [("COMMIT", SHA)]
    assert prefix[0]["exact"] is False


def test_an_ambiguous_prefix_lists_every_commit_it_names(searchable: Store) -> None:
    found = hits(searchable, SHA[:8])

    # In hash order, like `deploymentTrace`'s ambiguity error lists them.
    assert kinds_and_ids(found) == [("COMMIT", TWIN_SHA), ("COMMIT", SHA)]


def test_a_subject_id_points_at_its_latest_event(searchable: Store) -> None:
    found = hits(searchable, "payments-release-7-build")

    assert kinds_and_ids(found) == [("SUBJECT", "r7-build-finished")]
    assert found[0]["chainId"] == "chain-release-7"


def test_a_pipeline_run_id_finds_the_execution_and_its_latest_event(searchable: Store) -> None:
    found = hits(searchable, "payments-release-7")

    assert kinds_and_ids(found) == [
        ("PIPELINE_RUN", "payments-release-7"),
        ("SUBJECT", "r7-finished"),
    ]
    assert found[0]["chainId"] == "chain-release-7"


def test_an_application_id_finds_the_application_and_its_latest_event(searchable: Store) -> None:
    found = hits(searchable, "payments")

    # The promotion's prod upgrade (2026-01-06) is older than release 7's rollback (2026-02-03).
    assert kinds_and_ids(found) == [("APPLICATION", "payments"), ("SUBJECT", "r7-rollback")]


def test_exact_hits_come_before_prefix_hits_and_first_caps_them(searchable: Store) -> None:
    every = hits(searchable, SHA[:8])
    one = hits(searchable, SHA[:8], first=1)

    assert kinds_and_ids(one) == kinds_and_ids(every)[:1]


@pytest.mark.parametrize("text", ["", "   ", "no-such-id", "0000000", "abc"])
def test_text_that_names_nothing_finds_nothing(searchable: Store, text: str) -> None:
    assert hits(searchable, text) == []


def test_a_page_size_beyond_the_cap_is_a_clear_error(searchable: Store) -> None:
    result = run_operation(searchable, SEARCH, {"text": "payments", "first": 101})

    assert result["errors"] is not None
    assert result["errors"][0]["message"] == "first 101 exceeds the server cap of 100"
