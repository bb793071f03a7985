"""`lineage ingest` reads Weave's YAML as written; `lineage query` lists and fetches it."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from lineage.cli.main import app
from lineage.store import Store
from lineage.store.embedded import EmbeddedStore
from lineage.store.neo4j import Neo4jStore
from tests.support.neo4j_server import BoltServer
from tests.support.pipelines import WEAVE_YAML

runner = CliRunner()
QUERIES = Path(__file__).resolve().parents[2] / "graphql" / "queries"


def location(store: Store, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The `--store` value of a test store (Bolt credentials go through the environment)."""
    if isinstance(store, EmbeddedStore):
        return str(store.path)
    assert isinstance(store, Neo4jStore)
    server: BoltServer = request.getfixturevalue("bolt_server")
    monkeypatch.setenv("NEO4J_USERNAME", server.username)
    monkeypatch.setenv("NEO4J_PASSWORD", server.password)
    monkeypatch.setenv("NEO4J_DATABASE", server.database)
    return server.uri


def test_weave_yaml_ingests_and_queries(
    store: Store, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = location(store, request, monkeypatch)

    ingested = runner.invoke(app, ["ingest", str(WEAVE_YAML), "--store", target])
    again = runner.invoke(app, ["ingest", str(WEAVE_YAML), "--store", target])
    listed = runner.invoke(
        app,
        ["query", f"@{QUERIES / 'pipeline_executions.graphql'}", "--store", target,
         "--variables", '{"pipelineName": "podinfo"}'],
    )  # fmt: skip
    fetched = runner.invoke(
        app,
        ["query", f"@{QUERIES / 'pipeline_execution.graphql'}", "--store", target,
         "--variables", '{"id": "flux-system/podinfo-6.5.3-x7k2p"}'],
    )  # fmt: skip

    assert ingested.exit_code == 0, ingested.output
    assert "stored 2 · duplicates 0 · conflicts 0 · rejected 0" in ingested.output
    assert "stored 0 · duplicates 2" in again.output
    assert listed.exit_code == 0, listed.output
    edges = orjson.loads(listed.stdout)["data"]["pipelineExecutions"]["edges"]
    assert [(e["node"]["name"], e["node"]["status"]) for e in edges] == [
        ("podinfo-6.5.4-q9w3e", "failed"), ("podinfo-6.5.3-x7k2p", "succeeded"),
    ]  # fmt: skip
    run = orjson.loads(fetched.stdout)["data"]["pipelineExecution"]
    assert run["trigger"]["type"] == "ImageUpdate"
    assert [e["order"] for e in run["environments"]] == [0, 1, 2]


def test_a_broken_resource_is_named_by_file_and_line(tmp_path: Path) -> None:
    text = WEAVE_YAML.read_text().replace(
        "    name: podinfo\n  params:\n    - name", "  params:\n    - name"
    )
    broken = tmp_path / "broken.yaml"
    broken.write_text(text)

    result = runner.invoke(app, ["ingest", str(broken), "--store", str(tmp_path / "s.db")])

    assert result.exit_code == 1
    expected = f"{broken}:50: rejected: spec.pipelineRef: Input should be a valid dictionary"
    assert expected in result.output
