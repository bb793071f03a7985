"""`lineage ingest --json` and `lineage db stats --json`: the shapes scripts rely on."""

from __future__ import annotations

from pathlib import Path

import orjson
from typer.testing import CliRunner

from lineage.cli.main import app
from tests.support.cdevents import cdevent

runner = CliRunner()
A = "0a0a0a0a-0000-4000-8000-00000000000a"
B = "0b0b0b0b-0000-4000-8000-00000000000b"


def test_ingest_json_summary_and_problems(tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    first = tmp_path / "a.jsonl"
    first.write_bytes(orjson.dumps(cdevent("build.started", A, subject_id="one")) + b"\n")
    second = tmp_path / "b.jsonl"
    second.write_bytes(
        b"\n".join(
            [
                orjson.dumps(cdevent("build.started", A, subject_id="two")),
                orjson.dumps(cdevent("build.started", B)),
                orjson.dumps(cdevent("build.started", B)),
                b'{"neither": "event nor link"}',
            ]
        )
    )
    missing = tmp_path / "missing.json"
    runner.invoke(app, ["ingest", str(first), "--store", str(store)])

    result = runner.invoke(
        app, ["ingest", str(second), str(missing), "--store", str(store), "--json"]
    )

    assert result.exit_code == 1
    assert result.stderr == ""
    report = orjson.loads(result.stdout)
    assert report == {
        "stored": 1,
        "duplicates": 1,
        "conflicts": 1,
        "rejected": 2,
        "problems": [
            {
                "file": str(second),
                "line": 1,
                "status": "conflict",
                "kind": "event",
                "id": A,
                "reason": f"event {A} is already stored with different content; "
                "the stored one is kept",
            },
            {
                "file": str(second),
                "line": 4,
                "status": "rejected",
                "kind": None,
                "id": None,
                "reason": "not a CDEvent (no 'context'/'subject') nor a standalone link "
                "(no 'linkType')",
            },
            {
                "file": str(missing),
                "line": None,
                "status": "rejected",
                "kind": None,
                "id": None,
                "reason": "no such file or directory",
            },
        ],
    }


def test_db_stats_json(tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    records = tmp_path / "in.jsonl"
    records.write_bytes(orjson.dumps(cdevent("build.finished", B, after=[A])))
    runner.invoke(app, ["ingest", str(records), "--store", str(store)])

    result = runner.invoke(app, ["db", "stats", "--store", str(store), "--json"])

    assert result.exit_code == 0, result.output
    assert orjson.loads(result.stdout) == {
        "store": str(store),
        "events": 1,
        "links": 1,
        "chains": 0,
        "placeholders": 1,
    }
