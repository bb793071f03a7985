"""`lineage trace COMMIT`: a table of deployments, `--json` for scripts, clear exits."""

from __future__ import annotations

from pathlib import Path

import orjson
from typer.testing import CliRunner

from lineage.cli.main import app
from tests.support.trace_scenarios import IDLE_SHA, SHA, idle_commit, pipecd_trace, promotion

runner = CliRunner()


def ingested(tmp_path: Path) -> Path:
    store = tmp_path / "store.db"
    records = tmp_path / "records.jsonl"
    records.write_bytes(
        b"\n".join(orjson.dumps(r) for r in promotion() + idle_commit() + pipecd_trace())
    )
    result = runner.invoke(app, ["ingest", str(records), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "stored 11" in result.output
    return store


def test_trace_prints_a_table(tmp_path: Path) -> None:
    store = ingested(tmp_path)

    result = runner.invoke(app, ["trace", SHA[:7], "--store", str(store)])

    assert result.exit_code == 0, result.output
    assert SHA in result.output and "Fix rounding in totals" in result.output
    for word in ("dev", "staging", "prod", "DERIVED", "SUCCESS", "payments"):
        assert word in result.output


def test_trace_json_for_scripts(tmp_path: Path) -> None:
    store = ingested(tmp_path)

    result = runner.invoke(app, ["trace", SHA, "--store", str(store), "--json"])

    assert result.exit_code == 0, result.output
    report = orjson.loads(result.stdout)
    assert report["commitHash"] == SHA
    assert [d["environment"] for d in report["deployments"]] == ["dev", "staging", "prod"]
    assert [p["id"] for p in report["deployments"][0]["path"]] == [
        "merge", "ci", "build", "package", "dev",
    ]  # fmt: skip


def test_undeployed_unknown_and_bad_commits(tmp_path: Path) -> None:
    store = ingested(tmp_path)

    idle = runner.invoke(app, ["trace", IDLE_SHA, "--store", str(store), "--json"])
    unknown = runner.invoke(app, ["trace", "0123456789", "--store", str(store)])
    bad = runner.invoke(app, ["trace", "main", "--store", str(store)])

    assert idle.exit_code == 0 and orjson.loads(idle.stdout)["deployments"] == []
    assert unknown.exit_code == 1 and "no commit 0123456789" in unknown.output
    assert bad.exit_code == 2 and "7 to 40 hexadecimal digits" in bad.output
