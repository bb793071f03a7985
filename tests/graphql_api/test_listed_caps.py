"""Every other list that grows with the data is capped (`LINEAGE_MAX_LISTED_ITEMS`): a
traversal's links, an execution's stages, environments and events, a deployment's commits.
Over the cap is a clear error naming the object, its size, the cap and how to narrow it."""

from __future__ import annotations

from typing import Any

import pytest

from lineage.graphql_api import run_operation
from lineage.store import Store
from tests.services.test_changelog import SHAS
from tests.services.test_changelog import release as changelog_release
from tests.support import dora_scenarios
from tests.support.pipelines import RELEASE_7
from tests.support.scenarios import RELEASE, cdevent, ingest

TRAVERSE = """
{ traverse(from: "static-analysis", maxDepth: 3) { nodes { event { id } } links { id } } }
"""
EXECUTION = """
query { pipelineExecution(id: "payments-release-7") { id %s } }
"""
COMMITS = 'query { deployment(id: "prod-2") { id commits { commitHash } } }'


def run(store: Store, query: str) -> dict[str, Any]:
    return run_operation(store, query, {})


def only_error(result: dict[str, Any]) -> str:
    (error,) = result["errors"]
    return str(error["message"])


def test_a_traversal_whose_links_exceed_the_cap_is_an_error_saying_how_to_narrow_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(store, RELEASE)
    whole = run(store, TRAVERSE)["data"]["traverse"]
    size = len(whole["links"])
    assert size > len(whole["nodes"])  # a dense graph: more links than events reached

    monkeypatch.setenv("LINEAGE_MAX_LISTED_ITEMS", str(size - 1))
    result = run(store, TRAVERSE)

    assert result["data"] is None
    assert only_error(result) == (
        f"the traversal from 'static-analysis' has {size} links, more than the {size - 1} an "
        "answer may list (LINEAGE_MAX_LISTED_ITEMS); narrow it with a smaller maxDepth, limit "
        "or perLevel, linkTypes, or includeInferred: false"
    )
    monkeypatch.setenv("LINEAGE_MAX_LISTED_ITEMS", str(size))
    assert run(store, TRAVERSE)["data"]["traverse"]["links"] == whole["links"]


@pytest.mark.parametrize(
    ("cap", "field", "message"),
    [
        (
            2,
            "events { id }",
            "execution 'payments-release-7' has 3 events, more than the 2 an answer may list "
            "(LINEAGE_MAX_LISTED_ITEMS); page through them with events(filter: "
            '{subjectId: "payments-release-7"}, first: 500, after: …)',
        ),
        (
            2,
            "environments { name }",
            "execution 'payments-release-7' has 3 environments, more than the 2 an answer may "
            "list (LINEAGE_MAX_LISTED_ITEMS); page through them with events(filter: "
            '{chainId: "chain-release-7"}, first: 500, after: …)',
        ),
        (
            1,
            "stages { name }",
            "execution 'payments-release-7' has 2 stages, more than the 1 an answer may list "
            "(LINEAGE_MAX_LISTED_ITEMS); page through them with events(filter: "
            '{chainId: "chain-release-7"}, first: 500, after: …)',
        ),
    ],
)
def test_an_execution_list_over_the_cap_is_an_error_naming_it_its_size_and_the_cap(
    store: Store, monkeypatch: pytest.MonkeyPatch, cap: int, field: str, message: str
) -> None:
    ingest(store, RELEASE_7)
    monkeypatch.setenv("LINEAGE_MAX_LISTED_ITEMS", str(cap))

    result = run(store, EXECUTION % field)

    assert result["data"] == {"pipelineExecution": None}
    assert only_error(result) == message


def test_the_events_of_a_stage_are_capped_too(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    retried = cdevent(
        "r7-build-retried", "dev.cdevents.taskrun.started.0.3.0", "2026-02-03T10:01:00Z",
        source="/ci/tekton", subject="payments-release-7-build", chain="chain-release-7",
        after=["r7-build-started"],
        content={"taskName": "build", "pipelineRun": {"id": "payments-release-7"}},
    )  # fmt: skip
    ingest(store, [*RELEASE_7, retried])  # the build stage now has 3 events, more than 2 stages
    query = EXECUTION % "stages { id events { id } }"
    whole = run(store, query)["data"]["pipelineExecution"]
    assert [len(stage["events"]) for stage in whole["stages"]] == [3, 2]

    monkeypatch.setenv("LINEAGE_MAX_LISTED_ITEMS", "2")
    result = run(store, query)

    assert result["data"] == {"pipelineExecution": None}
    assert only_error(result) == (
        "stage 'payments-release-7-build' has 3 events, more than the 2 an answer may list "
        "(LINEAGE_MAX_LISTED_ITEMS); page through them with events(filter: "
        '{subjectId: "payments-release-7-build"}, first: 500, after: …)'
    )
    monkeypatch.setenv("LINEAGE_MAX_LISTED_ITEMS", "3")
    assert run(store, query)["data"]["pipelineExecution"] == whole


def test_a_deployment_that_shipped_more_commits_than_the_cap_is_an_error(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(store, changelog_release())  # prod-2 ships six commits
    monkeypatch.setenv("LINEAGE_MAX_LISTED_ITEMS", "5")

    result = run(store, COMMITS)

    assert result["data"] == {"deployment": None}
    assert only_error(result) == (
        "deployment 'prod-2' has 6 shipped commits, more than the 5 an answer may list "
        "(LINEAGE_MAX_LISTED_ITEMS); see them grouped and counted with changelog "
        "{ commitCount groups { type } }, or trace one commit with deploymentTrace(commitHash: …)"
    )
    monkeypatch.setenv("LINEAGE_MAX_LISTED_ITEMS", "6")
    shipped = run(store, COMMITS)["data"]["deployment"]["commits"]
    assert {commit["commitHash"] for commit in shipped} == set(SHAS.values()) - {SHAS["old"]}


def test_dora_evidence_over_the_cap_is_an_error_that_says_to_narrow_the_window(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(store, dora_scenarios.failures())  # five production deployments, one incident
    query = """
    query ($since: DateTime!, $until: DateTime!) {
      doraMetrics(since: $since, until: $until) { deploymentCount %s }
    }
    """
    window = {"since": "2026-03-02T00:00:00Z", "until": "2026-03-16T00:00:00Z"}
    monkeypatch.setenv("LINEAGE_MAX_LISTED_ITEMS", "4")

    counted = run_operation(store, query % "incidents { id }", window)
    listed = run_operation(store, query % "deployments { id }", window)

    assert counted["errors"] is None and counted["data"]["doraMetrics"]["deploymentCount"] == 5
    assert listed["data"] is None  # doraMetrics is non-null
    assert only_error(listed) == (
        "the DORA window 2026-03-02T00:00:00+00:00 .. 2026-03-16T00:00:00+00:00 has 5 "
        "deployments, more than the 4 an answer may list (LINEAGE_MAX_LISTED_ITEMS); narrow it "
        "with since/until, service or environments"
    )
