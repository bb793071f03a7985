"""Pipeline executions through the services, on every store: listing, statuses, one execution."""

from __future__ import annotations

import pytest

from lineage.ingest import read_records
from lineage.model.pipeline import EnvironmentStatus, ExecutionOrigin, ExecutionStatus
from lineage.services.errors import ServiceError
from lineage.services.pipelines import (
    GATHER_DEPTH,
    find_pipeline_execution,
    list_pipeline_executions,
)
from lineage.store import Store
from tests.support.counting_store import CountingStore, as_store
from tests.support.pipelines import IMAGE_6, IMAGE_7, RELEASE_6, RELEASE_7, WEAVE_YAML, release_run
from tests.support.scenarios import ingest

WEAVE = [record.raw for record in read_records(WEAVE_YAML)]
#: Run 9 is still going: its own events say running, but prod was already rolled back.
RELEASE_9 = release_run(9, 5, IMAGE_7, chain="chain-release-9", rollback_to=IMAGE_6, finish=False)
#: Run 10 is still going too, nothing bad yet.
RELEASE_10 = [
    r for r in release_run(10, 6, IMAGE_7, chain="chain-release-10", finish=False)
    if "deploy-prod" not in r["context"]["id"]
]  # fmt: skip


@pytest.fixture
def loaded(store: Store) -> Store:
    ingest(store, RELEASE_6 + RELEASE_7 + RELEASE_9 + RELEASE_10 + WEAVE)
    return store


def test_the_release_with_a_prod_rollback_failed(loaded: Store) -> None:
    run = find_pipeline_execution(loaded, "payments-release-7")

    assert run is not None
    assert run.status is ExecutionStatus.FAILED
    assert [(s.name, s.status, s.artifacts) for s in run.stages] == [
        ("build", ExecutionStatus.SUCCEEDED, (IMAGE_7,)),
        ("unit-tests", ExecutionStatus.SUCCEEDED, ()),
    ]
    assert [(e.name, e.order, e.status) for e in run.environments] == [
        ("dev", 0, EnvironmentStatus.SUCCEEDED),
        ("staging", 1, EnvironmentStatus.SUCCEEDED),
        ("prod", 2, EnvironmentStatus.ROLLED_BACK),
    ]
    assert run.chain_id == "chain-release-7"


def test_the_earlier_release_is_not_touched_by_the_later_rollback_to_its_image(
    loaded: Store,
) -> None:
    run = find_pipeline_execution(loaded, "payments-release-6")

    assert run is not None
    assert run.status is ExecutionStatus.SUCCEEDED
    assert [e.status for e in run.environments] == [EnvironmentStatus.SUCCEEDED] * 3


def test_the_weave_example_is_fetched_by_namespace_and_name(loaded: Store) -> None:
    run = find_pipeline_execution(loaded, "flux-system/podinfo-6.5.3-x7k2p")

    assert run is not None
    assert (run.origin, run.status, run.pipeline_name) == (
        ExecutionOrigin.WEAVE, ExecutionStatus.SUCCEEDED, "podinfo",
    )  # fmt: skip
    assert find_pipeline_execution(loaded, "flux-system/nope") is None
    assert find_pipeline_execution(loaded, "payments-release-99") is None


def test_listing_is_newest_first_across_origins(loaded: Store) -> None:
    page = list_pipeline_executions(loaded)

    assert [(x.id, x.status.value) for x in page.items] == [
        ("payments-release-10", "running"),
        ("payments-release-9", "failed"),
        ("flux-system/podinfo-6.5.4-q9w3e", "failed"),
        ("payments-release-7", "failed"),
        ("flux-system/podinfo-6.5.3-x7k2p", "succeeded"),
        ("payments-release-6", "succeeded"),
    ]
    assert not page.has_next


def test_status_filter_uses_the_settled_status(loaded: Store) -> None:
    failed = list_pipeline_executions(loaded, status="failed")
    running = list_pipeline_executions(loaded, status="RUNNING")
    succeeded = list_pipeline_executions(loaded, status="success", pipeline_name="payments-release")

    assert [x.id for x in failed.items] == [
        "payments-release-9", "flux-system/podinfo-6.5.4-q9w3e", "payments-release-7",
    ]  # fmt: skip
    assert [x.id for x in running.items] == ["payments-release-10"]
    assert [x.id for x in succeeded.items] == ["payments-release-6"]
    with pytest.raises(ServiceError, match="unknown status 'exploded'"):
        list_pipeline_executions(loaded, status="exploded")


def test_pages_follow_each_other_with_and_without_a_status_filter(loaded: Store) -> None:
    for status in (None, "failed"):
        seen: list[str] = []
        after = None
        while True:
            page = list_pipeline_executions(loaded, status=status, first=1, after=after)
            seen += [x.id for x in page.items]
            if not page.has_next:
                break
            after = page.end_cursor
        expected = list_pipeline_executions(loaded, status=status)
        assert seen == [x.id for x in expected.items]


def test_namespace_filter(loaded: Store) -> None:
    page = list_pipeline_executions(loaded, namespace="ci")

    assert {x.id for x in page.items} == {
        "payments-release-6", "payments-release-7", "payments-release-9", "payments-release-10",
    }  # fmt: skip


def test_a_page_costs_a_bounded_number_of_store_calls(loaded: Store) -> None:
    # One listing read, then gather: 3 reads plus 3 per round, whatever the page holds.
    bound = 1 + 3 + 3 * GATHER_DEPTH
    counting = CountingStore(loaded)
    for first in (1, 3, 50):
        counting.reset()
        list_pipeline_executions(as_store(counting), first=first)
        assert counting.reads <= bound, counting.calls
