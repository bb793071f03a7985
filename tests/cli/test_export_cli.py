"""`lineage export`: a graph file on stdout or in -o FILE; user mistakes named, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from lineage.analytics import decode_graph
from lineage.cli.main import app
from lineage.store.embedded import EmbeddedStore
from tests.support.analytics_scenario import CHAIN, ingest

runner = CliRunner()


@pytest.fixture
def store(tmp_path: Path) -> str:
    path = tmp_path / "lineage.db"
    ingest(EmbeddedStore(path)).close()
    return str(path)


def test_a_chain_to_stdout(store: str) -> None:
    result = runner.invoke(app, ["export", "--store", store, "--format", "node-link",
                                 "--chain", CHAIN])  # fmt: skip

    assert result.exit_code == 0, result.output
    graph = nx.node_link_graph(json.loads(result.stdout), edges="edges")
    assert "ticket-7" in graph and graph.number_of_nodes() == 7


def test_a_window_to_a_file(store: str, tmp_path: Path) -> None:
    target = tmp_path / "window.graphml"

    result = runner.invoke(app, ["export", "--store", store, "-f", "graphml", "--since",
                                 "2026-01-05", "--until", "2026-01-05T10:00:00Z", "-o",
                                 str(target), "--no-inferred"])  # fmt: skip

    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    graph = decode_graph(nx.read_graphml(target, edge_key_type=str, force_multigraph=True),
                         "graphml")  # fmt: skip
    assert set(graph) == {"merge", "ci", "tests", "build", "package", "dev", "ticket-7"}
    assert not any(d["inferred"] for _, _, d in graph.edges(data=True))


def test_around_an_event_as_gexf(store: str) -> None:
    result = runner.invoke(app, ["export", "--store", store, "-f", "gexf", "--around", "dev",
                                 "--depth", "1"])  # fmt: skip

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith('<?xml version="1.0"') and "<edges>" in result.stdout


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["-f", "xml", "--chain", CHAIN], "--format: unknown format 'xml'"),
        (["-f", "dot"], "choose exactly one selection"),
        (["-f", "dot", "--chain", CHAIN, "--around", "dev"], "got chain and around"),
        (["-f", "dot", "--since", "yesterday", "--until", "2026-01-06"], "--since: 'yesterday'"),
        (["-f", "dot", "--since", "2026-01-06"], "needs both since and until"),
        (["-f", "dot", "--chain", "nope"], "no chain with id 'nope'"),
        (["-f", "dot", "--around", "nope"], "no event with id 'nope'"),
        (["-f", "dot", "--around", "dev", "--depth", "99"], "exceeds the server cap"),
    ],
)
def test_mistakes_are_named_without_a_traceback(
    store: str, tmp_path: Path, arguments: list[str], message: str
) -> None:
    target = tmp_path / "out.dot"

    result = runner.invoke(app, ["export", "--store", store, "-o", str(target), *arguments])

    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not target.exists()
