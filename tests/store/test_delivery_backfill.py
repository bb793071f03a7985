"""A store written before the DORA rows existed gets them: the delivery events when this version
opens it (the embedded store's schema migration, the Neo4j store's schema set-up, once), the
upstream commits of its deployments through `lineage db derive` (graph walks, maybe minutes).
Until then lead times are walked as before; the metrics are the same all along."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import neo4j
from typer.testing import CliRunner

from lineage.cli.main import app
from lineage.ingest.upstream_commits import derive_stored_upstream_commits
from lineage.services.dora import dora_metrics
from lineage.store.embedded import EmbeddedStore
from lineage.store.neo4j import Neo4jStore
from tests.support import dora_scenarios as scenarios
from tests.support.dora_scenarios import SINCE, UNTIL
from tests.support.neo4j_server import BoltServer
from tests.support.old_stores import VERSION_7_ADDED, as_version
from tests.support.scenarios import Record, ingest

EVER = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
runner = CliRunner()


def history() -> list[Record]:
    return [*scenarios.failures(), *scenarios.attributions(), *scenarios.lead_times()]


def test_embedded_store_of_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    store = EmbeddedStore(path)
    ingest(store, history())
    rows = store.delivery_events_between(*EVER)
    upstream = store.upstream_commits_between(*EVER)
    expected = dora_metrics(store, SINCE, UNTIL)
    store.close()
    as_version(path, 3, (
        "DROP TABLE delivery_events",
        "DROP TABLE upstream_commits",
        "DELETE FROM facts WHERE kind IN ('DeliveryEvent', 'UpstreamCommits', 'Derivation')",
    ))  # fmt: skip

    reopened = EmbeddedStore(path)  # migrates: delivery events derived, upstream commits not
    assert len(rows) == 19 and len(upstream) == 8
    assert reopened.delivery_events_between(*EVER) == rows
    assert reopened.upstream_commits_between(*EVER) == []
    assert dora_metrics(reopened, SINCE, UNTIL) == expected  # lead times walked
    reopened.close()

    derived = runner.invoke(app, ["db", "derive", "--store", str(path)])
    again = runner.invoke(app, ["db", "derive", "--store", str(path)])

    assert derived.exit_code == 0, derived.output
    assert "upstream commits: derived for 12 deployment events" in derived.output
    assert again.exit_code == 0 and "upstream commits: derived already" in again.output
    final = EmbeddedStore(path)
    assert final.upstream_commits_between(*EVER) == upstream
    assert dora_metrics(final, SINCE, UNTIL) == expected  # lead times from the rows
    final.close()


def test_embedded_store_of_version_4_gets_the_dora_indexes(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    store = EmbeddedStore(path)
    ingest(store, history())
    expected = dora_metrics(store, SINCE, UNTIL)
    store.close()
    new = ("ix_delivery_events_environment", "ix_delivery_events_what",
           "ix_upstream_commits_hash_environment")  # fmt: skip
    as_version(path, 4, (
        *(f"DROP INDEX {name}" for name in new),
        "CREATE INDEX ix_upstream_commits_hash ON upstream_commits (hash)",
    ))  # fmt: skip

    reopened = EmbeddedStore(path)
    indexes = {
        row[0]
        for row in reopened._reader.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
    }
    assert set(new) <= indexes and "ix_upstream_commits_hash" not in indexes
    assert dora_metrics(reopened, SINCE, UNTIL) == expected
    reopened.close()


def test_commit_mentions_stored_without_their_events_kind(tmp_path: Path) -> None:
    path = tmp_path / "v5.db"
    store = EmbeddedStore(path)
    ingest(store, history())
    expected = dora_metrics(store, SINCE, UNTIL)
    store.close()

    def strip(version: int) -> None:  # what a version-5 store's mentions look like
        unmark = "UPDATE commit_mentions SET body = json_remove(body, '$.eventKind')"
        as_version(path, version, (unmark, *VERSION_7_ADDED))

    strip(6)  # not migrated: merges are told apart by looking their events up
    unmarked = EmbeddedStore(path)
    assert all(m.event_kind is None for m in unmarked.commit_mentions([scenarios.C2]))
    assert all(t.event_kind is None for t in unmarked.mention_times([scenarios.C2]))
    assert any(c.from_merge for c in expected.commits)
    assert dora_metrics(unmarked, SINCE, UNTIL) == expected
    assert dora_metrics(unmarked, SINCE, UNTIL, evidence=False).lead_time == expected.lead_time
    unmarked.close()
    strip(5)  # migrated to version 6: every mention gets its event's kind
    migrated = EmbeddedStore(path)
    assert [m.event_kind for m in migrated.commit_mentions([scenarios.C2])] == ["change.merged"]
    assert dora_metrics(migrated, SINCE, UNTIL) == expected
    migrated.close()


def test_embedded_store_of_version_6_gets_the_mentions_times_as_columns(tmp_path: Path) -> None:
    path = tmp_path / "v6.db"
    store = EmbeddedStore(path)
    ingest(store, history())
    expected = dora_metrics(store, SINCE, UNTIL)
    hashes = [c.hash for c in expected.commits]
    times = sorted(store.mention_times(hashes), key=lambda t: (t.hash, t.event_id))
    store.close()
    as_version(path, 6, VERSION_7_ADDED)

    reopened = EmbeddedStore(path)

    assert sorted(reopened.mention_times(hashes), key=lambda t: (t.hash, t.event_id)) == times
    assert {t.event_kind for t in times} == {"change.merged"}
    assert any(t.timestamp is not None for t in times) and any(t.timestamp is None for t in times)
    assert dora_metrics(reopened, SINCE, UNTIL) == expected
    assert dora_metrics(reopened, SINCE, UNTIL, evidence=False).lead_time == expected.lead_time
    indexes = {
        row[0]
        for row in reopened._reader.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
    }
    assert "ix_upstream_commits_environment" in indexes
    reopened.close()


def test_neo4j_commit_mentions_stored_without_their_events_kind(bolt_server: BoltServer) -> None:
    store = Neo4jStore(
        bolt_server.uri, bolt_server.username, bolt_server.password, bolt_server.database
    )
    try:
        store.clear()
        ingest(store, history())
        expected = dora_metrics(store, SINCE, UNTIL)
        auth = (bolt_server.username, bolt_server.password)
        with neo4j.GraphDatabase.driver(bolt_server.uri, auth=auth) as driver:
            # what a store written before mentions recorded their event's kind holds
            driver.execute_query(
                "MATCH ()-[m:NAMES_COMMIT]->() REMOVE m.eventKind", database_=bolt_server.database
            )
        assert all(m.event_kind is None for m in store.commit_mentions([scenarios.C2]))
        assert all(t.event_kind is None for t in store.mention_times([scenarios.C2]))
        assert any(c.from_merge for c in expected.commits)
        assert dora_metrics(store, SINCE, UNTIL) == expected
        assert dora_metrics(store, SINCE, UNTIL, evidence=False).lead_time == expected.lead_time
    finally:
        store.clear()
        store.close()


def test_neo4j_store_of_the_previous_version(bolt_server: BoltServer) -> None:
    def connect() -> Neo4jStore:
        return Neo4jStore(
            bolt_server.uri, bolt_server.username, bolt_server.password, bolt_server.database
        )

    store = connect()
    store.clear()
    ingest(store, history())
    rows = store.delivery_events_between(*EVER)
    upstream = store.upstream_commits_between(*EVER)
    expected = dora_metrics(store, SINCE, UNTIL)
    store.close()
    auth = (bolt_server.username, bolt_server.password)
    with neo4j.GraphDatabase.driver(bolt_server.uri, auth=auth) as driver:
        # what a store written by the previous version holds: no rows, no derivation markers
        driver.execute_query(
            "MATCH (n) WHERE n:DeliveryEvent OR n:UpstreamCommit OR (n:Fact AND n.kind IN "
            "['DeliveryEvent', 'UpstreamCommits', 'Derivation']) DETACH DELETE n",
            database_=bolt_server.database,
        )
    Neo4jStore._schema_done.clear()  # a new process: the schema is made sure of again

    reopened = connect()
    try:
        assert len(rows) == 19 and len(upstream) == 8
        assert reopened.delivery_events_between(*EVER) == rows
        assert reopened.upstream_commits_between(*EVER) == []
        assert dora_metrics(reopened, SINCE, UNTIL) == expected
        assert derive_stored_upstream_commits(reopened) == 12
        assert reopened.upstream_commits_between(*EVER) == upstream
        assert dora_metrics(reopened, SINCE, UNTIL) == expected
    finally:
        reopened.clear()
        reopened.close()
