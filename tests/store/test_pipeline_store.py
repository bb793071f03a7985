"""Pipeline executions in every store: Weave revisions, CDEvents run summaries, listing."""

from __future__ import annotations

import copy
import itertools
from typing import Any

from lineage.ingest import read_records
from lineage.model.pipeline import ExecutionOrigin, ExecutionStatus
from lineage.store import Store
from lineage.store.pipelines import ExecutionFilter
from tests.conftest import StoreFactory
from tests.support.pipelines import IMAGE_6, RELEASE_6, RELEASE_7, WEAVE_YAML, release_run
from tests.support.scenarios import ingest


def weave() -> list[dict[str, Any]]:
    return [record.raw for record in read_records(WEAVE_YAML)]


def run_records(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in records if r["context"]["type"].startswith("dev.cdevents.pipelinerun.")]


def test_weave_resources_are_stored_whole(store: Store) -> None:
    ingest(store, weave())

    (execution,) = store.get_pipeline_executions(["flux-system/podinfo-6.5.4-q9w3e"])

    assert (execution.origin, execution.status) == (ExecutionOrigin.WEAVE, ExecutionStatus.FAILED)
    assert [e.name for e in execution.environments] == ["dev", "test", "prod"]
    assert execution.params["version"] == "6.5.4"
    assert execution.conditions[0].reason == "RolledBack"


def test_a_later_revision_of_a_resource_replaces_it_in_any_order(
    store_factory: StoreFactory,
) -> None:
    running = copy.deepcopy(weave()[1])
    running["metadata"]["resourceVersion"] = "920001"
    running["status"] = {
        "conditions": [{"type": "Ready", "status": "Unknown", "reason": "Progressing",
                        "lastTransitionTime": "2026-02-04T09:03:10Z"}],
        "environments": [{"name": "dev", "order": 0,
                          "status": {"type": "Succeeded", "time": "2026-02-04T09:03:10Z"}}],
    }  # fmt: skip
    done = weave()[1]
    for order in ([running, done], [done, running]):
        store = store_factory()
        for resource in order:
            ingest(store, [resource])

        (execution,) = store.get_pipeline_executions(["flux-system/podinfo-6.5.4-q9w3e"])

        assert execution.status is ExecutionStatus.FAILED
        assert len(execution.environments) == 3


def test_run_summaries_merge_to_the_same_row_in_any_order(store_factory: StoreFactory) -> None:
    parts = run_records(RELEASE_7)
    expected = None
    for order in itertools.permutations(parts):
        store = store_factory()
        for record in order:
            ingest(store, [record])
        (summary,) = store.get_pipeline_executions(["payments-release-7"])
        if expected is None:
            expected = summary
        assert summary == expected
    assert expected is not None
    assert (expected.status, expected.pipeline_name, expected.namespace, expected.chain_id) == (
        ExecutionStatus.FAILED, "payments-release", "ci", "chain-release-7",
    )  # fmt: skip
    assert expected.started_at is not None and expected.started_at.minute == 0
    assert expected.finished_at is not None and expected.finished_at.hour == 11


def test_listing_is_newest_first_with_filters_and_cursors(store: Store) -> None:
    ingest(store, RELEASE_6 + RELEASE_7 + weave())
    ingest(store, release_run(8, 1, IMAGE_6, chain="c8"))

    everything = store.find_pipeline_executions(ExecutionFilter(), 10, None)
    assert [x.id for x in everything.items] == [
        "flux-system/podinfo-6.5.4-q9w3e", "payments-release-7",
        "flux-system/podinfo-6.5.3-x7k2p", "payments-release-6", "payments-release-8",
    ]  # fmt: skip
    assert everything.total_count == 5

    payments = ExecutionFilter(pipeline_name="payments-release")
    first = store.find_pipeline_executions(payments, 2, None)
    assert [x.id for x in first.items] == ["payments-release-7", "payments-release-6"]
    assert (first.has_next, first.total_count) == (True, 3)
    rest = store.find_pipeline_executions(payments, 2, first.end_cursor)
    assert [x.id for x in rest.items] == ["payments-release-8"]
    assert not rest.has_next

    weave_ns = store.find_pipeline_executions(ExecutionFilter(namespace="flux-system"), 10, None)
    assert {x.origin for x in weave_ns.items} == {ExecutionOrigin.WEAVE}
    failed = store.find_pipeline_executions(ExecutionFilter(statuses=["failed"]), 10, None)
    assert {x.id for x in failed.items} == {
        "flux-system/podinfo-6.5.4-q9w3e", "payments-release-7",
    }  # fmt: skip


def test_event_reads_for_computing_runs(store: Store) -> None:
    ingest(store, RELEASE_6 + RELEASE_7)

    runs = store.events_of_subjects(["payments-release-7", "nope"], ["pipelineRun"])
    assert [e.id for e in runs] == ["r7-queued", "r7-started", "r7-finished"]
    deploys = store.events_in_chains(["chain-release-7"], ["service"])
    assert [e.id for e in deploys] == [
        "r7-deploy-dev", "r7-deploy-staging", "r7-deploy-prod", "r7-rollback",
    ]  # fmt: skip
    latest = store.latest_subject_events("payments", ["service"], 2)
    assert [e.id for e in latest] == ["r7-rollback", "r7-deploy-prod"]
    assert latest[0].subject_content["artifactId"] == IMAGE_6
    assert store.events_of_subjects([], ["service"]) == []
