"""Commit traces on every backend: derived and explicit deployments, prefixes, manifest hops."""

from __future__ import annotations

import pytest

from lineage.model.deployment_status import DeploymentOrigin, DeploymentStatus
from lineage.services.commits import (
    AmbiguousCommitError,
    commit_details,
    commit_timestamps,
    merge_commit,
)
from lineage.services.deployments import find_deployment
from lineage.services.errors import ServiceError
from lineage.services.traces import deployment_trace, list_traces, trace_deployments
from lineage.store import Store
from tests.support import trace_scenarios
from tests.support.cdevents import cdevent
from tests.support.scenarios import ingest
from tests.support.trace_scenarios import (
    IDLE_SHA,
    MANIFEST_SHA,
    PIPECD_SHA,
    PURL,
    SHA,
    SOURCE_SHA,
    idle_commit,
    manifest_hop,
    pipecd_trace,
    promotion,
)

PROMOTION_PATHS = {
    "dev": ["merge", "ci", "build", "package", "dev"],
    "staging": ["merge", "ci", "build", "package", "staging"],
    "prod": ["merge", "ci", "build", "package", "prod"],
}


def deployments(store: Store, commit: str) -> list[tuple[str, str | None, str, str]]:
    view = deployment_trace(store, commit)
    assert view is not None
    return [
        (d.id, d.environment, d.origin.value, d.status.value)
        for d in trace_deployments(store, view)
    ]


@pytest.mark.parametrize("order", ["as sent", "deploys first"])
def test_commit_reaches_dev_staging_prod_joined_only_by_artifact_id(
    store: Store, order: str
) -> None:
    records = promotion()
    ingest(store, records if order == "as sent" else list(reversed(records)))

    view = deployment_trace(store, SHA)
    assert view is not None
    found = trace_deployments(store, view)

    assert [(d.id, d.environment, d.application) for d in found] == [
        ("dev", "dev", "payments"), ("staging", "staging", "payments"),
        ("prod", "prod", "payments"),
    ]  # fmt: skip
    assert {d.origin for d in found} == {DeploymentOrigin.DERIVED}
    assert [d.status for d in found] == [DeploymentStatus.SUCCESS] * 3
    assert {d.artifact_id for d in found} == {PURL}
    assert {d.trace_commit_hash for d in found} == {SHA}
    for deployment in found:
        assert [e.id for e in deployment.path] == PROMOTION_PATHS[deployment.id]
    assert (view.commit.title, view.commit.author) == ("Fix rounding in totals", "alice")
    assert view.commit.url == f"https://git.example.com/c/{SHA}"


def test_prefix_resolves_to_the_full_hash(store: Store) -> None:
    ingest(store, promotion())

    by_prefix = deployment_trace(store, SHA[:7].upper())

    assert by_prefix is not None and by_prefix.hash == SHA
    assert deployments(store, SHA[:12]) == deployments(store, SHA)


def test_ambiguous_prefix_is_a_clear_error(store: Store) -> None:
    twin = SHA[:8] + "ffffffffffffffffffffffffffffffff"
    ingest(store, promotion() + promotion(sha=twin, purl=PURL + "2", tag="-2"))

    with pytest.raises(AmbiguousCommitError, match=f"'{SHA[:7]}' is ambiguous.*give more digits"):
        deployment_trace(store, SHA[:7])
    view = deployment_trace(store, SHA[:9])
    assert view is not None and view.hash == SHA


def test_a_commit_stored_under_many_abbreviations_resolves_to_its_full_hash(
    store: Store,
) -> None:
    # Producers abbreviate the same commit to different lengths; more forms are stored than a
    # prefix lookup lists (it lists a few to tell an ambiguous prefix), yet it is one commit.
    forms = [SHA[:n] for n in range(7, 16)]
    ingest(store, promotion())
    ingest(
        store,
        [
            cdevent(
                "change.merged", f"abbrev-{len(form)}", ts="2026-01-09T09:00:00Z",
                subject_id=f"acme/x/pull/{len(form)}", custom_data={"commitHash": form},
            )
            for form in forms
        ],
    )  # fmt: skip

    for text in (SHA[:7], SHA[:9], SHA[:15]):
        view = deployment_trace(store, text)
        assert view is not None and view.hash == SHA, text
        assert set(view.aliases) == {SHA, *forms}


@pytest.mark.parametrize("text", ["abc123", "main", SHA + "0"])
def test_text_that_is_no_hash_or_prefix_is_refused(store: Store, text: str) -> None:
    with pytest.raises(ServiceError, match="7 to 40 hexadecimal digits"):
        deployment_trace(store, text)


def test_abbreviated_and_full_hashes_are_one_commit(store: Store) -> None:
    ingest(store, promotion())
    ingest(
        store,
        [
            cdevent(
                "service.deployed", "hotfix", ts="2026-01-09T09:00:00Z", subject_id="payments",
                content={"environment": {"id": "qa"}}, custom_data={"revision": SHA[:10]},
            )
        ],
    )  # fmt: skip

    view = deployment_trace(store, SHA[:10])

    assert view is not None and view.hash == SHA
    assert set(view.aliases) == {SHA, SHA[:10]}
    assert [d[0] for d in deployments(store, SHA)] == ["dev", "staging", "prod", "hotfix"]


def test_unknown_commit_is_none_and_an_undeployed_one_has_no_deployments(store: Store) -> None:
    ingest(store, promotion() + idle_commit())

    idle = deployment_trace(store, IDLE_SHA)

    assert deployment_trace(store, "0123456789abcdef") is None
    assert idle is not None and idle.commit.title == "Fix typo"
    assert trace_deployments(store, idle) == []


def test_pipecd_trace_with_two_deployments_of_two_applications(store: Store) -> None:
    report = ingest(store, pipecd_trace())

    view = deployment_trace(store, PIPECD_SHA[:8])

    assert report.counts["stored"] == 3
    assert view is not None
    assert (view.commit.title, view.commit.author, view.project_id) == (
        "Add retry to upstream client", "bob", "acme",
    )  # fmt: skip
    assert deployments(store, PIPECD_SHA) == [
        ("deploy-checkout", "prod", "EXPLICIT", "SUCCESS"),
        ("deploy-cart", "staging", "EXPLICIT", "RUNNING"),
    ]
    cart = find_deployment(store, "deploy-cart")
    assert cart is not None and cart.application == "cart" and cart.completed_at is None


@pytest.mark.parametrize("order", ["as sent", "reversed"])
def test_manifest_commit_trailer_hop(store: Store, order: str) -> None:
    records = manifest_hop()
    ingest(store, records if order == "as sent" else list(reversed(records)))

    view = deployment_trace(store, SOURCE_SHA)
    assert view is not None
    found = trace_deployments(store, view)

    assert [(d.id, d.origin, d.manifest_commit_hash, d.trace_commit_hash) for d in found] == [
        ("deploy-api", DeploymentOrigin.EXPLICIT, MANIFEST_SHA, SOURCE_SHA),
        ("argo-sync", DeploymentOrigin.DERIVED, MANIFEST_SHA, SOURCE_SHA),
    ]
    api = find_deployment(store, "deploy-api")
    assert api is not None and api.trace_commit_hash == SOURCE_SHA


def test_listing_is_newest_updated_first_and_keyset_paginated(store: Store) -> None:
    ingest(store, promotion() + idle_commit() + pipecd_trace() + manifest_hop())

    first = list_traces(store, first=2)
    rest = list_traces(store, first=2, after=first.end_cursor)
    acme = list_traces(store, project_id="acme")

    assert [v.hash for v in first.items + rest.items] == [SOURCE_SHA, IDLE_SHA, SHA, PIPECD_SHA]
    assert (first.total_count, first.has_next, rest.has_next) == (4, True, False)
    assert [v.hash for v in acme.items] == [PIPECD_SHA]
    assert MANIFEST_SHA not in {v.hash for v in first.items + rest.items}


def test_commit_details_are_the_merged_views_without_index_entries(store: Store) -> None:
    ingest(store, [
        *trace_scenarios.promotion(),  # SHA: named by several events
        *trace_scenarios.pipecd_trace(),  # PIPECD_SHA: a PipeCD trace and events
        *trace_scenarios.idle_commit(),  # IDLE_SHA: one event
    ])  # fmt: skip
    hashes = [trace_scenarios.SHA, trace_scenarios.PIPECD_SHA, trace_scenarios.IDLE_SHA]
    mentions = store.commit_mentions(hashes)

    details = commit_details(store, hashes, mentions)

    for h in hashes:  # what merge_commit makes of each one's traces and mentions, no entries
        merged = merge_commit([h], {}, store.deployment_traces([h]), store.commit_mentions([h]))
        assert details[h] == merged, h
    assert details[trace_scenarios.IDLE_SHA].commit.hash == trace_scenarios.IDLE_SHA


def test_commit_timestamps_are_those_of_the_commit_details(store: Store) -> None:
    ingest(store, [
        *trace_scenarios.promotion(),
        *trace_scenarios.pipecd_trace(),
        *trace_scenarios.idle_commit(),
        *trace_scenarios.manifest_hop(),
    ])  # fmt: skip
    hashes = [trace_scenarios.SHA, trace_scenarios.PIPECD_SHA, trace_scenarios.IDLE_SHA,
              trace_scenarios.SOURCE_SHA, trace_scenarios.MANIFEST_SHA, "0" * 40]  # fmt: skip
    stamps = commit_timestamps(store, hashes, store.mention_times(hashes))

    details = commit_details(store, hashes, store.commit_mentions(hashes))
    assert stamps == {h: details[h].commit.timestamp for h in hashes}
    assert any(stamp is not None for stamp in stamps.values())
    assert stamps["0" * 40] is None
