"""`lineage ingest` / `lineage validate`: summaries, FILE:LINE errors and exit codes."""

from __future__ import annotations

from pathlib import Path

import orjson
from typer.testing import CliRunner

from lineage.cli.main import app
from lineage.store.embedded import EmbeddedStore
from tests.conftest import SPEC_DIR
from tests.support.cdevents import cdevent, link

runner = CliRunner()
A = "0a0a0a0a-0000-4000-8000-00000000000a"
B = "0b0b0b0b-0000-4000-8000-00000000000b"
CHAIN = "4c8cb7dd-3448-41de-8768-eec704e2829b"


def write_jsonl(path: Path, *lines: object) -> Path:
    path.write_bytes(
        b"\n".join(line if isinstance(line, bytes) else orjson.dumps(line) for line in lines)
    )
    return path


def test_validate_accepts_every_spec_example() -> None:
    examples = [str(p) for p in sorted((SPEC_DIR / "examples").rglob("*.json"))]
    result = runner.invoke(app, ["validate", *examples])
    assert result.exit_code == 0, result.output
    assert "46 valid · 0 invalid" in result.output


def test_validate_names_each_bad_record_by_file_and_line(tmp_path: Path) -> None:
    bad = cdevent("build.started", B)
    del bad["context"]["timestamp"]
    path = write_jsonl(tmp_path / "in.jsonl", cdevent("build.started", A), bad, b"{not json")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:2: context.timestamp: Field required" in result.output
    assert f"{path}:3: invalid JSON" in result.output
    assert "1 valid · 2 invalid" in result.output


def test_ingest_stores_valid_records_and_exits_1_on_rejects(tmp_path: Path) -> None:
    store_path = tmp_path / "store.db"
    bad = link("PATH", chain=CHAIN, from_=A)
    path = write_jsonl(
        tmp_path / "in.jsonl",
        cdevent("build.started", A, chain=CHAIN),
        bad,
        cdevent("build.finished", B, chain=CHAIN, after=[A]),
        cdevent("build.finished", B, chain=CHAIN, after=[A]),
    )
    result = runner.invoke(app, ["ingest", str(path), "--store", str(store_path)])
    assert result.exit_code == 1
    assert "stored 2 · duplicates 1 · conflicts 0 · rejected 1" in result.output
    assert f"{path}:2: rejected: PATH link needs 'to'" in result.output
    store = EmbeddedStore(store_path)
    assert set(store.get_events([A, B])) == {A, B}
    store.close()


def test_ingest_reports_conflicts_but_succeeds(tmp_path: Path) -> None:
    store_path = tmp_path / "store.db"
    first = write_jsonl(tmp_path / "a.jsonl", cdevent("build.started", A, subject_id="one"))
    second = write_jsonl(tmp_path / "b.jsonl", cdevent("build.started", A, subject_id="two"))
    runner.invoke(app, ["ingest", str(first), "--store", str(store_path)])
    result = runner.invoke(app, ["ingest", str(second)], env={"LINEAGE_STORE": str(store_path)})
    assert result.exit_code == 0, result.output
    assert "conflicts 1" in result.output
    assert f"{second}:1: conflict: event {A} is already stored with different content" in (
        result.output
    )


def test_ingest_reads_arrays_objects_and_yaml(tmp_path: Path) -> None:
    store_path = tmp_path / "store.db"
    array = tmp_path / "array.json"
    records = [cdevent("build.started", A), link("START", chain=CHAIN, start=A)]
    array.write_bytes(orjson.dumps(records))
    single = tmp_path / "one.json"
    single.write_bytes(orjson.dumps(cdevent("build.finished", B, after=[A])))
    yaml_file = tmp_path / "links.yaml"
    yaml_file.write_text(
        f"chainId: {CHAIN}\nlinkType: PATH\ntimestamp: '2026-01-05T09:00:00Z'\n"
        f"from: {{contextId: {A}}}\nto: {{contextId: {B}}}\n"
    )
    result = runner.invoke(
        app, ["ingest", str(array), str(single), str(yaml_file), "--store", str(store_path)]
    )
    assert result.exit_code == 0, result.output
    assert "stored 4 · duplicates 0 · conflicts 0 · rejected 0" in result.output


def test_missing_file_is_reported_not_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.jsonl"
    result = runner.invoke(app, ["ingest", str(missing), "--store", str(tmp_path / "s.db")])
    assert result.exit_code == 1
    assert f"{missing}: rejected: no such file or directory" in result.stderr
