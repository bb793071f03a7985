"""Stage rows derived at ingest (`lineage.ingest.stage_rows`), on every store: the rows of a chain
are those of its events and PATH links whatever order, batching and repetition they arrive in,
they follow a chain that grows, and `lineage db derive` gives them to a store written without."""

from __future__ import annotations

import copy
import random
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from typer.testing import CliRunner

from lineage.cli.main import app
from lineage.ingest import Ingestor, SourceRecord
from lineage.ingest.records import parse_record
from lineage.ingest.stage_rows import backfill_stage_rows
from lineage.model import Event, Link
from lineage.model.pipeline import ExecutionStatus
from lineage.model.stages import RunStages
from lineage.services.errors import ServiceError
from lineage.services.stage_stats import stage_stats
from lineage.store import Store
from lineage.store.embedded import EmbeddedStore
from tests.conftest import StoreFactory
from tests.support.cdevents import link
from tests.support.scenarios import ingest
from tests.support.stage_scenarios import payments_runs

EVER = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
Record = dict[str, Any]


def rows(store: Store) -> list[RunStages]:
    """Every stored stage row, by first time."""
    return store.run_stages_between(*EVER)


def in_batches(store: Store, records: list[Record], size: int) -> None:
    sources = [SourceRecord(f"test:{i}", raw) for i, raw in enumerate(records)]
    Ingestor(store, batch_size=size).ingest(sources)


def without_links(record: Record) -> Record:
    """The event with its embedded links taken out."""
    stripped = copy.deepcopy(record)
    stripped["context"].pop("links", None)
    return stripped


def standalone_links(record: Record) -> list[Record]:
    """The event's embedded PATH links as standalone link records (the same link ids)."""
    context = record["context"]
    return [
        link("PATH", chain=context["chainId"], from_=item["from"]["contextId"], to=context["id"],
             ts=context["timestamp"])
        for item in context.get("links", [])
        if item["linkType"] == "PATH"
    ]  # fmt: skip


def test_rows_hold_each_run_of_each_chain_with_its_stage_runs(store: Store) -> None:
    """r1 .. r5 are five chains of one run each; r1's critical path is 450 s (see
    tests/services/test_stage_stats.py); its build took 300 s, all of it on the path."""
    ingest(store, payments_runs())

    found = {row.run_id: row for row in rows(store)}

    assert sorted(found) == ["r1", "r2", "r3", "r4", "r5"]
    r1 = found["r1"]
    assert (r1.chain_id, r1.pipeline_name, r1.chain_critical_seconds) == (
        "chain-r1", "payments-ci", 450.0,
    )  # fmt: skip
    assert r1.first_at == datetime(2026, 4, 1, 10, 0, tzinfo=UTC)
    build = next(s for s in r1.stage_runs if s.name == "build")
    assert (build.duration_seconds, build.critical_seconds, build.status) == (
        300.0, 300.0, ExecutionStatus.SUCCEEDED,
    )  # fmt: skip
    assert [s.name for s in found["r2"].stage_runs] == ["build", "build", "test"]
    assert [s.attempt for s in found["r2"].stage_runs] == [1, 2, 1]


def test_window_read_takes_the_runs_that_began_in_it(store: Store) -> None:
    ingest(store, payments_runs())

    april = store.run_stages_between(
        datetime(2026, 4, 2, tzinfo=UTC), datetime(2026, 4, 3, 10, 0, 1, tzinfo=UTC)
    )

    assert [row.run_id for row in april] == ["r5", "r2", "r3"]


def test_rows_do_not_depend_on_arrival_order_or_batching(store_factory: StoreFactory) -> None:
    records = payments_runs()
    in_order = store_factory()
    ingest(in_order, records)
    expected = rows(in_order)
    shuffled = list(records)
    random.Random(11).shuffle(shuffled)

    out_of_order = store_factory()
    in_batches(out_of_order, shuffled, 3)

    assert rows(out_of_order) == expected


def test_links_arriving_before_their_events_give_the_same_rows(
    store_factory: StoreFactory,
) -> None:
    records = payments_runs()
    in_order = store_factory()
    ingest(in_order, records)
    expected = stage_stats(in_order, *EVER)
    links_first = [link_record for r in records for link_record in standalone_links(r)]
    events_later = [without_links(r) for r in records]

    store = store_factory()
    in_batches(store, links_first, 4)
    assert rows(store) == []  # no pipeline run yet
    in_batches(store, events_later, 5)

    assert stage_stats(store, *EVER) == expected


def test_a_path_link_arriving_alone_later_recomputes_the_chain(store: Store) -> None:
    """r1's test started 10:07:00 after build (10:06:40) and lint: its queue time is 20 s. Without
    the links into its start it has no queue time and runs beside build on the critical path."""
    records = payments_runs()
    test_started = next(r for r in records if r["context"]["id"] == "r1-test-started")
    late = standalone_links(test_started)
    ingest(store, [without_links(r) if r is test_started else r for r in records])
    before = next(s for s in _run(store, "r1").stage_runs if s.name == "test")
    assert before.queue_seconds is None

    ingest(store, late)

    after = next(s for s in _run(store, "r1").stage_runs if s.name == "test")
    assert after.queue_seconds == 20.0
    assert _run(store, "r1").chain_critical_seconds == 450.0


def test_duplicates_change_nothing(store: Store) -> None:
    records = payments_runs()
    ingest(store, records)
    expected = rows(store)

    ingest(store, [*records, *records[:7]])

    assert rows(store) == expected


def test_a_chain_that_grows_gets_its_rows_recomputed(store: Store) -> None:
    """r1 without its test stage and run finish: the path is run start 30 + build 300 = 330 s;
    once they arrive, 450 s with the test stage on it."""
    r1 = [r for r in payments_runs() if r["context"]["id"].startswith("r1-")]
    late = {"r1-test-started", "r1-test-finished", "r1-run-finished"}
    ingest(store, [r for r in r1 if r["context"]["id"] not in late])
    first = _run(store, "r1")
    assert first.chain_critical_seconds == 330.0
    assert sorted(s.name for s in first.stage_runs) == ["build", "lint"]

    ingest(store, [r for r in r1 if r["context"]["id"] in late])

    grown = _run(store, "r1")
    assert grown.chain_critical_seconds == 450.0
    assert sorted(s.name for s in grown.stage_runs) == ["build", "lint", "test"]
    assert len(rows(store)) == 1


def test_v04_events_with_a_chain_have_rows_and_v03_events_without_one_do_not(
    store: Store,
) -> None:
    """v0.3 has no chainId: such a run is in no chain, so stage statistics never counted it."""
    v03 = {
        "context": {"version": "0.3.0", "id": "v03-run", "source": "/ci",
                    "type": "dev.cdevents.pipelinerun.started.0.1.0",
                    "timestamp": "2026-04-01T09:00:00Z"},
        "subject": {"id": "old-run", "type": "pipelineRun", "content": {"pipelineName": "old"}},
    }  # fmt: skip
    v04 = [
        _v04("v04-run", "pipelinerun.started.0.2.0", "10:00:00", "run-4", {"pipelineName": "p"}),
        _v04("v04-task-s", "taskrun.started.0.2.0", "10:00:05", "task-4",
             {"taskName": "compile", "pipelineRun": {"id": "run-4"}}),
        _v04("v04-task-f", "taskrun.finished.0.2.0", "10:01:05", "task-4",
             {"taskName": "compile", "pipelineRun": {"id": "run-4"}, "outcome": "success"}),
    ]  # fmt: skip

    ingest(store, [v03, *v04])

    (row,) = rows(store)
    assert (row.run_id, row.chain_id, row.pipeline_name) == ("run-4", "chain-v04", "p")
    (compile_run,) = row.stage_runs
    assert (compile_run.name, compile_run.duration_seconds) == ("compile", 60.0)


def test_backfill_gives_a_store_written_without_rows_the_rows_ingest_derives(
    store_factory: StoreFactory,
) -> None:
    records = payments_runs()
    ingested = store_factory()
    ingest(ingested, records)
    expected = rows(ingested)
    old = store_factory()
    events = [item for item in map(parse_record, records) if isinstance(item, Event)]
    links = [x for e in events for x in e.links if isinstance(x, Link)]
    old.write(events, links)  # as a version without stage rows stored them
    assert rows(old) == []

    assert backfill_stage_rows(old) == 5
    assert rows(old) == expected
    assert backfill_stage_rows(old) == 5  # again: the same rows, none added
    assert rows(old) == expected


def test_lineage_db_derive_backfills_an_embedded_store(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    source = tmp_path / "records.jsonl"
    source.write_bytes(b"\n".join(orjson.dumps(r) for r in payments_runs()))
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(source), "--store", str(path)]).exit_code == 0
    with sqlite3.connect(path) as connection:  # as a store written before stage rows
        expected = connection.execute("SELECT * FROM run_stages ORDER BY 1, 2, 3").fetchall()
        connection.execute("DELETE FROM run_stages")

    result = runner.invoke(app, ["db", "derive", "--store", str(path), "--json"])

    assert result.exit_code == 0, result.output
    assert orjson.loads(result.output) == {
        "store": str(path), "chainsWithStageRows": 5, "deploymentsWithUpstreamCommits": None,
    }  # fmt: skip
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT * FROM run_stages ORDER BY 1, 2, 3").fetchall() == (
            expected
        )


def _run(store: Store, run_id: str) -> RunStages:
    return next(row for row in rows(store) if row.run_id == run_id)


def _v04(event_id: str, kind: str, clock: str, subject: str, content: Record) -> Record:
    return {
        "context": {"specversion": "0.4.1", "id": event_id, "source": "/ci",
                    "type": f"dev.cdevents.{kind}", "timestamp": f"2026-04-01T{clock}Z",
                    "chainId": "chain-v04"},
        "subject": {"id": subject, "content": content},
    }  # fmt: skip


def test_stage_stats_on_a_store_without_stage_rows_says_to_derive_them(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    source = tmp_path / "records.jsonl"
    source.write_bytes(b"\n".join(orjson.dumps(r) for r in payments_runs()))
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(source), "--store", str(path)]).exit_code == 0
    with closing(EmbeddedStore(path)) as store:
        expected = stage_stats(store, *EVER)
    with sqlite3.connect(path) as connection:  # as a store written before stage rows
        connection.execute("DELETE FROM run_stages")
        connection.execute("DELETE FROM facts WHERE kind = 'Derivation' AND id = 'ChainStages'")

    with (
        closing(EmbeddedStore(path)) as store,
        pytest.raises(ServiceError, match="lineage db derive"),
    ):
        stage_stats(store, *EVER)  # never an empty report that looks like "no runs"
    assert runner.invoke(app, ["db", "derive", "--store", str(path)]).exit_code == 0
    with closing(EmbeddedStore(path)) as store:
        assert stage_stats(store, *EVER) == expected
