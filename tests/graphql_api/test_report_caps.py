"""The lists of reports and views are capped like every other data-sized list
(`LINEAGE_MAX_LISTED_ITEMS`): a changelog's groups, entries and authors (and its Markdown), a
commit's deployments and environments and a deployment's path, stage statistics (stages,
pipelines, non-idempotent re-runs, a stage run's events), a pipeline stage's artifacts, flaky
tests (tests, evidence, runs), an application's live states, drift and resources. One over the
cap is a clear error naming the object, its size, the cap and how to narrow the question; at the
cap the list answers."""

from __future__ import annotations

from typing import Any

import pytest

from lineage.graphql_api import run_operation
from lineage.store import Store
from tests.services.test_changelog import release as changelog_release
from tests.support.cdevents import cdevent as spec_event
from tests.support.dora_scenarios import deploy
from tests.support.pipelines import IMAGE_6, LIVE_6, LIVE_7, RELEASE_6, RELEASE_7, live_report
from tests.support.scenarios import cdevent, ingest
from tests.support.stage_scenarios import payments_runs
from tests.support.trace_scenarios import SHA, promotion

CAP = "LINEAGE_MAX_LISTED_ITEMS"
APRIL = {"since": "2026-04-01T00:00:00Z", "until": "2026-05-01T00:00:00Z"}
WINDOW = "2026-04-01T00:00:00+00:00 .. 2026-05-01T00:00:00+00:00"
CHANGELOG = 'query { deployment(id: "%s") { id changelog { commitCount %s } } }'
TRACE = 'query { deploymentTrace(commitHash: "SHA") { commitHash %s } }'.replace("SHA", SHA)
STAGES = """
query ($since: DateTime!, $until: DateTime!, $pipeline: String) {
  stageStats(since: $since, until: $until, pipelineName: $pipeline) { pipelineRuns %s }
}
"""
FLAKY = """
query ($since: DateTime!, $until: DateTime!) {
  flakyTests(since: $since, until: $until) { testsExamined %s }
}
"""
APP = 'query { application(id: "payments") { id %s } }'


def answer(store: Store, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    return run_operation(store, query, variables or {})


def assert_capped(
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    query: str,
    size: int,
    message: str,
    variables: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """At the cap `size` the query answers; one below, its only error is `message`."""
    monkeypatch.setenv(CAP, str(size))
    whole = answer(store, query, variables)
    assert whole["errors"] is None, whole["errors"]
    monkeypatch.setenv(CAP, str(size - 1))
    capped = answer(store, query, variables)
    assert [error["message"] for error in capped["errors"] or []] == [message]
    data: dict[str, Any] = whole["data"]
    return data


# -- changelog ----------------------------------------------------------------------------------


def feature_release(authors: int) -> list[dict[str, Any]]:
    """One deployment `rel-1` shipping `authors` feat commits, one by each author."""
    merges = [
        spec_event(
            "change.merged", f"merge-{n}", ts=f"2026-03-02T08:0{n}:00Z",
            subject_id=f"acme/api/pull/{n}",
            custom_data={"commitHash": f"{n:x}" * 40, "title": f"feat: thing {n}",
                         "author": f"author-{n}"},
        )
        for n in range(1, authors + 1)
    ]  # fmt: skip
    build = spec_event(
        "build.finished", "build-1", ts="2026-03-02T09:00:00Z", subject_id="b1",
        after=[m["context"]["id"] for m in merges],
    )  # fmt: skip
    return [*merges, build, deploy("rel-1", "2026-03-02T10:00:00Z", after=["build-1"])]


def test_changelog_groups_over_the_cap_are_an_error_its_count_still_answers(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(store, changelog_release())  # prod-2: six commits in five groups, four authors
    owner = "the changelog of deployment 'prod-2'"

    data = assert_capped(
        store, monkeypatch, CHANGELOG % ("prod-2", "groups { type }"), 5,
        f"{owner} has 5 groups, more than the 4 an answer may list ({CAP}); count its commits "
        "with commitCount",
    )  # fmt: skip
    assert len(data["deployment"]["changelog"]["groups"]) == 5
    assert_capped(
        store, monkeypatch, CHANGELOG % ("prod-2", "authors"), 4,
        f"{owner} has 4 authors, more than the 3 an answer may list ({CAP}); count them with "
        "commitCount and groups { type }, or trace one commit with deploymentTrace(commitHash: …)",
    )  # fmt: skip
    monkeypatch.setenv(CAP, "1")
    assert answer(store, CHANGELOG % ("prod-2", ""))["data"]["deployment"]["changelog"] == {
        "commitCount": 6
    }


def test_changelog_entries_and_markdown_over_the_cap_are_an_error(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(store, feature_release(3))  # one group (feat) of three commits by three authors
    narrow = (
        f"({CAP}); count them with commitCount and groups {{ type }}, or trace one commit with "
        "deploymentTrace(commitHash: …)"
    )

    data = assert_capped(
        store, monkeypatch, CHANGELOG % ("rel-1", "groups { type entries { commitHash } }"), 3,
        f"the feat group of the changelog of deployment 'rel-1' has 3 commits, more than the 2 "
        f"an answer may list {narrow}",
    )  # fmt: skip
    assert len(data["deployment"]["changelog"]["groups"][0]["entries"]) == 3
    markdown = assert_capped(
        store, monkeypatch, CHANGELOG % ("rel-1", "markdown"), 3,
        f"the changelog of deployment 'rel-1' has 3 commits, more than the 2 an answer may list "
        f"{narrow}",
    )  # fmt: skip
    assert markdown["deployment"]["changelog"]["markdown"].count("- thing ") == 3


# -- deployment traces --------------------------------------------------------------------------


def test_a_commit_deployed_more_often_than_the_cap_is_an_error(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(store, promotion())  # the commit went to dev, staging and prod
    owner = f"commit {SHA!r}"

    data = assert_capped(
        store, monkeypatch, TRACE % "deployments { id }", 3,
        f"{owner} has 3 deployments, more than the 2 an answer may list ({CAP}); see where it "
        "went with environments, or one application's latest deployments with "
        "application(id: …) { deployments(first: …) }",
    )  # fmt: skip
    assert [d["id"] for d in data["deploymentTrace"]["deployments"]] == ["dev", "staging", "prod"]
    assert_capped(
        store, monkeypatch, TRACE % "environments", 3,
        f"{owner} has 3 environments, more than the 2 an answer may list ({CAP}); see one "
        "application's latest deployments with application(id: …) { deployments(first: …) }",
    )  # fmt: skip


def test_a_deployment_path_longer_than_the_cap_is_an_error(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(store, promotion())  # merge → ci → build → package → dev: five events

    data = assert_capped(
        store, monkeypatch, 'query { deployment(id: "dev") { id path { id } } }', 5,
        f"the path to deployment 'dev' has 5 events, more than the 4 an answer may list ({CAP}); "
        "walk it with traverse(from: …, direction: UPSTREAM, limit: …)",
    )  # fmt: skip
    assert [e["id"] for e in data["deployment"]["path"]] == [
        "merge", "ci", "build", "package", "dev",
    ]  # fmt: skip


# -- stage statistics ---------------------------------------------------------------------------


def retried_build(attempts: int, name: str = "loop") -> list[dict[str, Any]]:
    """One run of pipeline `{name}-ci` (2026-04-07) whose only stage, build, ran `attempts`
    times, each attempt producing another image: every re-run is non-idempotent."""
    chain, task = f"chain-{name}", {"taskName": "build", "pipelineRun": {"id": name}}
    records = [
        cdevent(f"{name}-run", "dev.cdevents.pipelinerun.started.0.3.0", "2026-04-07T10:00:00Z",
                source="/ci", subject=name, chain=chain, content={"pipelineName": f"{name}-ci"}),
    ]  # fmt: skip
    previous = f"{name}-run"
    for n in range(1, attempts + 1):
        stage = f"{name}-build-{n}"
        records += [
            cdevent(f"{stage}-started", "dev.cdevents.taskrun.started.0.3.0",
                    f"2026-04-07T10:0{n}:00Z", source="/ci", subject=stage, chain=chain,
                    after=[previous], content=task),
            cdevent(f"{stage}-finished", "dev.cdevents.taskrun.finished.0.3.0",
                    f"2026-04-07T10:0{n}:30Z", source="/ci", subject=stage, chain=chain,
                    after=[f"{stage}-started"],
                    content={**task, "outcome": "success",
                             "artifactId": f"pkg:oci/{name}@sha256%3A{str(n) * 64}"}),
        ]  # fmt: skip
        previous = f"{stage}-finished"
    return records


def test_stage_stats_lists_over_the_cap_are_an_error_that_says_to_narrow_the_window(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # payments-ci: build, lint, test; checkout-ci: build; loop-ci: build
    ingest(store, payments_runs() + retried_build(2))
    window = f"the stage-stats window {WINDOW}"
    narrow = f"({CAP}); narrow it with since/until or pipelineName"

    data = assert_capped(
        store, monkeypatch, STAGES % "stages { name }", 5,
        f"{window} has 5 stages, more than the 4 an answer may list {narrow}", APRIL,
    )  # fmt: skip
    assert len(data["stageStats"]["stages"]) == 5
    assert_capped(
        store, monkeypatch, STAGES % "criticalPathSeconds { pipelineName seconds }", 3,
        f"{window} has 3 pipelines, more than the 2 an answer may list {narrow}", APRIL,
    )  # fmt: skip


def test_non_idempotent_reruns_and_a_stage_runs_events_over_the_cap_are_an_error(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(store, retried_build(4) + retried_build(2, "pair"))  # 3 re-runs; 1; two events each
    narrow = f"({CAP}); narrow it with since/until or pipelineName"

    data = assert_capped(
        store, monkeypatch, STAGES % "stages { name nonIdempotentReruns { pipelineRunId } }", 3,
        f"stage 'build' of pipeline 'loop-ci' in the stage-stats window {WINDOW} has 3 "
        f"non-idempotent re-runs, more than the 2 an answer may list {narrow}",
        {**APRIL, "pipeline": "loop-ci"},
    )  # fmt: skip
    (build,) = data["stageStats"]["stages"]
    assert len(build["nonIdempotentReruns"]) == 3
    query = STAGES % "stages { nonIdempotentReruns { earlier { events { id } } } }"
    assert_capped(
        store, monkeypatch, query, 2,
        "stage run 'pair-build-1' has 2 events, more than the 1 an answer may list "
        f'({CAP}); page through them with events(filter: {{subjectId: "pair-build-1"}}, '
        "first: 500, after: …)", {**APRIL, "pipeline": "pair-ci"},
    )  # fmt: skip


def test_a_pipeline_stages_artifacts_over_the_cap_are_an_error(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = retried_build(1, "art")  # its build names one image when it finishes
    records.insert(2, cdevent(
        "art-sbom", "dev.cdevents.artifact.packaged.0.1.1", "2026-04-07T10:01:10Z",
        source="/ci", subject="pkg:generic/art-sbom@1", chain="chain-art",
        after=["art-build-1-started"], content={"change": {"id": "c1"}},
    ))  # an artifact event linked to the build while it ran: a second artifact  # fmt: skip
    ingest(store, records)
    query = 'query { pipelineExecution(id: "art") { stages { id artifacts } } }'

    data = assert_capped(
        store, monkeypatch, query, 2,
        "stage 'art-build-1' has 2 artifacts, more than the 1 an answer may list "
        f'({CAP}); page through its events with events(filter: {{subjectId: "art-build-1"}}, '
        "first: 500, after: …)",
    )  # fmt: skip
    (stage,) = data["pipelineExecution"]["stages"]
    assert len(stage["artifacts"]) == 2


# -- flaky tests --------------------------------------------------------------------------------


def flaky_suite(commits: int, runs: int, suite: str = "unit") -> list[dict[str, Any]]:
    """Suite `suite` flaky on `commits` commits, with `runs` runs on each (pass, fail, pass…)."""
    records = []
    for c in range(1, commits + 1):
        for r in range(1, runs + 1):
            record = cdevent(
                f"{suite}-{c}-{r}", "dev.cdevents.testsuiterun.finished.0.3.0",
                f"2026-04-0{c}T10:0{r}:00Z", source="/ci", subject=f"{suite}-run-{c}-{r}",
                chain=f"chain-{suite}-{c}-{r}",
                content={"outcome": "pass" if r % 2 else "fail", "testSuite": {"id": suite}},
            )  # fmt: skip
            record["customData"] = {"commitHash": f"{c:x}" * 40}
            records.append(record)
    return records


def test_flaky_tests_lists_over_the_cap_are_an_error(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(store, flaky_suite(commits=3, runs=2))
    window = f"the flaky-tests window {WINDOW}"
    narrow = f"({CAP}); narrow it with since/until"

    data = assert_capped(
        store, monkeypatch, FLAKY % "tests { testId evidence { commit } }", 3,
        f"test 'unit' in {window} has 3 flaky commits, more than the 2 an answer may list "
        f"{narrow}", APRIL,
    )  # fmt: skip
    assert len(data["flakyTests"]["tests"][0]["evidence"]) == 3


def test_flaky_test_runs_and_tests_over_the_cap_are_an_error(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(store, flaky_suite(commits=1, runs=3))
    commit = "1" * 40
    window = f"the flaky-tests window {WINDOW}"
    narrow = f"({CAP}); narrow it with since/until"

    data = assert_capped(
        store, monkeypatch, FLAKY % "tests { evidence { runs { eventId verdict } } }", 3,
        f"commit {commit!r} of test 'unit' in {window} has 3 runs, more than the 2 an answer "
        f"may list {narrow}", APRIL,
    )  # fmt: skip
    assert [r["verdict"] for r in data["flakyTests"]["tests"][0]["evidence"][0]["runs"]] == [
        "PASSED", "FAILED", "PASSED",
    ]  # fmt: skip

    ingest(store, flaky_suite(commits=1, runs=2, suite="smoke"))  # a second flaky test
    assert_capped(
        store, monkeypatch, FLAKY % "tests { testId }", 2,
        f"{window} has 2 flaky tests, more than the 1 an answer may list {narrow}", APRIL,
    )  # fmt: skip


# -- applications -------------------------------------------------------------------------------


def drifted_report(target: str, *versions: str) -> dict[str, Any]:
    """A live-state report of `target` with one Deployment per version."""
    report = live_report(target, "2026-02-03T11:00:00Z", versions[0])
    report["resources"] = [
        {"kind": "Deployment", "name": f"payments-{n}", "namespace": f"payments-{target}",
         "health": "Healthy", "version": version}
        for n, version in enumerate(versions)
    ]  # fmt: skip
    return report


def test_application_lists_over_the_cap_are_an_error_and_one_deploy_target_narrows_them(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(store, RELEASE_6 + RELEASE_7)  # prod expects image 6 (rolled back), staging 7
    drifted = [drifted_report("prod", LIVE_7, f"{LIVE_7}-debug"), drifted_report("staging", LIVE_6)]
    ingest(store, drifted)
    narrow = f"({CAP}); ask for one with deployTarget: …"

    states = assert_capped(
        store, monkeypatch, APP % "liveStates { deployTarget }", 2,
        f"application 'payments' has 2 live states, more than the 1 an answer may list {narrow}",
    )  # fmt: skip
    assert [s["deployTarget"] for s in states["application"]["liveStates"]] == ["prod", "staging"]
    drifts = assert_capped(
        store, monkeypatch, APP % "drift { deployTarget expected }", 2,
        "application 'payments' has 2 drifted deploy targets, more than the 1 an answer may "
        f"list {narrow}",
    )  # fmt: skip
    assert {d["deployTarget"] for d in drifts["application"]["drift"]} == {"prod", "staging"}

    one = 'liveStates(deployTarget: "prod") { resources { name } }'
    assert_capped(
        store, monkeypatch, APP % one, 2,
        f"live-state report {first_report_id(store)!r} has 2 resources, more than the 1 an "
        f"answer may list ({CAP}); one report carried them all; raise the cap to read it",
    )  # fmt: skip
    drift = 'drift(deployTarget: "prod") { expected %s }'
    one_report = f"({CAP}); one report carried them all; raise the cap to read it"
    versions = assert_capped(
        store, monkeypatch, APP % (drift % "actual"), 2,
        f"the drift of deploy target 'prod' has 2 versions, more than the 1 an answer may list "
        f"{one_report}",
    )  # fmt: skip
    assert versions["application"]["drift"] == [
        {"expected": IMAGE_6, "actual": [LIVE_7, f"{LIVE_7}-debug"]}
    ]
    assert_capped(
        store, monkeypatch, APP % (drift % "resources { name }"), 2,
        f"the drift of deploy target 'prod' has 2 resources, more than the 1 an answer may list "
        f"{one_report}",
    )  # fmt: skip


def first_report_id(store: Store) -> str:
    """The id of prod's latest live-state report."""
    (report,) = [r for r in store.latest_live_states("payments") if r.deploy_target == "prod"]
    return report.id
