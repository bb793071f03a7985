"""A deployment's changelog: shipped commits grouped by conventional-commit type (git-cliff)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from typer.testing import CliRunner

from lineage.cli.main import app
from lineage.graphql_api import run_operation
from lineage.services.changelog import deployment_changelog, parse_headline
from lineage.store import Store
from tests.support.cdevents import cdevent
from tests.support.dora_scenarios import deploy
from tests.support.scenarios import ingest

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "graphql" / "queries" / "deployment_changelog.graphql"
)
SHAS = {name: (f"{i:x}" * 40)[:40] for i, name in enumerate(
    ["old", "feat", "fix", "perf", "other", "docs", "chore"], start=1
)}  # fmt: skip


def merge(name: str, ts: str, title: str, author: str, message: str | None = None) -> Any:
    data = {"commitHash": SHAS[name], "title": title, "author": author,
            "commitUrl": f"https://git.example.com/acme/api/commit/{SHAS[name]}"}  # fmt: skip
    if message is not None:
        data["message"] = message
    return cdevent("change.merged", f"merge-{name}", ts=ts, subject_id=f"acme/api/pull/{name}",
                   custom_data=data)  # fmt: skip


def release() -> list[Any]:
    """prod-1 ships `old`; prod-2's build comes from every merge, so prod-2 ships the rest."""
    names = ["feat", "fix", "perf", "other", "docs", "chore"]
    return [
        merge("old", "2026-03-01T08:00:00Z", "feat: the old thing", "zoe"),
        cdevent("build.finished", "build-1", ts="2026-03-01T09:00:00Z", subject_id="b1",
                after=["merge-old"]),
        deploy("prod-1", "2026-03-01T10:00:00Z", after=["build-1"]),
        merge("feat", "2026-03-02T08:00:00Z", "feat(api): add retries to the client", "alice"),
        merge("fix", "2026-03-02T08:10:00Z", "fix: rounding in totals", "bob"),
        merge("perf", "2026-03-02T08:20:00Z", "perf(db)!: drop the slow index", "alice"),
        merge("other", "2026-03-02T08:30:00Z", "Bump base image", "carol"),
        merge("docs", "2026-03-02T08:40:00Z", "docs: explain retries", "Dmitri",
              message="docs: explain retries\n\nBREAKING CHANGE: the retry flag is gone"),
        merge("chore", "2026-03-02T08:50:00Z", "wip: nobody uses this type", "bob"),
        cdevent("build.finished", "build-2", ts="2026-03-02T09:00:00Z", subject_id="b2",
                after=["merge-old", *(f"merge-{n}" for n in names)]),
        deploy("prod-2", "2026-03-02T10:00:00Z", after=["build-2"]),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("headline", "parsed"),
    [
        ("feat(api): add x", ("feat", "api", False, "add x")),
        ("Fix!: y", ("fix", None, True, "y")),
        ("refactor(): z", ("refactor", None, False, "z")),
        ("Merge pull request #9", ("other", None, False, "Merge pull request #9")),
        ("wip: later", ("other", None, False, "wip: later")),
        (None, ("other", None, False, "(no message)")),
    ],
)
def test_parse_headline(headline: str | None, parsed: tuple[str, str | None, bool, str]) -> None:
    assert parse_headline(headline) == parsed


def test_changelog_groups_what_the_deployment_shipped(store: Store) -> None:
    ingest(store, release())

    log = deployment_changelog(store, "prod-2")

    assert log is not None
    assert [(g.type, g.title) for g in log.groups] == [
        ("feat", "Features"), ("fix", "Bug Fixes"), ("perf", "Performance"),
        ("docs", "Documentation"), ("other", "Other"),
    ]  # fmt: skip
    feat, _, perf, docs, other = log.groups
    assert [(e.hash, e.scope, e.description) for e in feat.entries] == [
        (SHAS["feat"], "api", "add retries to the client")
    ]
    assert (perf.entries[0].breaking, docs.entries[0].breaking) == (True, True)
    assert [e.description for e in other.entries] == [
        "wip: nobody uses this type", "Bump base image",
    ]  # fmt: skip
    assert log.authors == ["alice", "bob", "carol", "Dmitri"]
    assert log.commit_count == 6
    assert deployment_changelog(store, "nope") is None


def test_changelog_in_graphql_and_markdown(store: Store) -> None:
    ingest(store, release())

    result = run_operation(store, EXAMPLE.read_text(), {"id": "prod-2"})

    assert result["errors"] is None, result["errors"]
    log = result["data"]["deployment"]["changelog"]
    assert log["commitCount"] == 6
    perf = log["groups"][2]
    assert (perf["type"], perf["title"]) == ("perf", "Performance")
    assert [(e["shortHash"], e["scope"], e["breaking"], e["author"]) for e in perf["entries"]] == [
        (SHAS["perf"][:7], "db", True, "alice")
    ]
    markdown = log["markdown"]
    assert markdown.startswith("## api → prod (2026-03-02 10:00 UTC)\n")
    assert "### Features\n\n- **api:** add retries to the client ([" in markdown
    assert f"](https://git.example.com/acme/api/commit/{SHAS['feat']})) by alice" in markdown
    assert "- [**breaking**] **db:** drop the slow index" in markdown
    assert (
        markdown.index("### Bug Fixes")
        < markdown.index("### Other")
        < markdown.index("### Authors")
    )


def test_changelog_cli(tmp_path: Any) -> None:
    store, source = tmp_path / "s.db", tmp_path / "r.jsonl"
    source.write_bytes(b"\n".join(orjson.dumps(r) for r in release()))
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(source), "--store", str(store)]).exit_code == 0

    markdown = runner.invoke(app, ["changelog", "prod-2", "--store", str(store)])
    as_json = runner.invoke(app, ["changelog", "prod-2", "--store", str(store), "-f", "json"])
    missing = runner.invoke(app, ["changelog", "nope", "--store", str(store)])
    bad = runner.invoke(app, ["changelog", "prod-2", "--store", str(store), "-f", "xml"])

    assert markdown.exit_code == 0 and "### Bug Fixes\n\n- rounding in totals" in markdown.stdout
    report = orjson.loads(as_json.stdout)
    assert [g["type"] for g in report["groups"]] == ["feat", "fix", "perf", "docs", "other"]
    assert report["groups"][0]["entries"][0]["commitHash"] == SHAS["feat"]
    assert (missing.exit_code, bad.exit_code) == (1, 2)
    assert "no deployment nope" in missing.output
    assert "--format: unknown format 'xml'" in bad.output
