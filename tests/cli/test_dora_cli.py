"""`lineage dora`: a table by default, `--json` with the evidence, clear errors for bad windows."""

from __future__ import annotations

from pathlib import Path

import orjson
from typer.testing import CliRunner

from lineage.cli.main import app
from tests.support import dora_scenarios as scenarios

runner = CliRunner()
WINDOW = ["--since", "2026-03-02", "--until", "2026-03-16T00:00:00Z"]


def ingested(tmp_path: Path, records: list[scenarios.Record]) -> Path:
    store = tmp_path / "store.db"
    source = tmp_path / "records.jsonl"
    source.write_bytes(b"\n".join(orjson.dumps(r) for r in records))
    result = runner.invoke(app, ["ingest", str(source), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def test_dora_prints_the_metrics_and_the_evidence(tmp_path: Path) -> None:
    store = ingested(tmp_path, scenarios.failures())

    result = runner.invoke(app, ["dora", *WINDOW, "--store", str(store), "--service", "api"])

    assert result.exit_code == 0, result.output
    for text in (
        "change failure rate",
        "50.0%",
        "2 failed",
        "rework rate",
        "25.0%",
        "fixes d2",
        "rolled",
        "inc-1",
        "2h 0m",
        "time",
    ):
        assert text in result.output, text


def test_dora_json_with_service_and_environments(tmp_path: Path) -> None:
    store = ingested(tmp_path, scenarios.failures() + scenarios.frequency())

    result = runner.invoke(
        app,
        ["dora", *WINDOW, "--store", str(store), "--service", "web", "--env", "prod", "--json"],
    )

    assert result.exit_code == 0, result.output
    report = orjson.loads(result.stdout)
    assert report["productionEnvironments"] == ["prod"]
    assert [d["id"] for d in report["deployments"]] == ["web-1", "pipecd-web-ok", "web-2"]
    assert report["deploymentCount"] == 3
    assert report["changeFailureRate"] == 1 / 3  # web-1 rolled back
    assert report["deployments"][0]["causes"] == ["ROLLED_BACK"]


def test_bad_windows_are_one_line_errors(tmp_path: Path) -> None:
    store = ingested(tmp_path, scenarios.failures())

    bad = runner.invoke(app, ["dora", "--since", "last week", "--until", "2026-03-16",
                              "--store", str(store)])  # fmt: skip
    reversed_window = runner.invoke(
        app, ["dora", "--since", "2026-03-16", "--until", "2026-03-02", "--store", str(store)]
    )

    assert bad.exit_code == 2
    assert "--since: not a date or RFC 3339 instant: 'last week'" in bad.output
    assert "Traceback" not in bad.output
    assert reversed_window.exit_code == 2
    assert "must be after since" in reversed_window.output
