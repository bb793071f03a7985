"""What a Neo4j cluster (or Aura) needs from the store, shown on the suite's single instance.

Reads run in `execute_read` and writes in `execute_write` transactions (so `neo4j://` routing
sends them to a reader or the leader), the driver retries them on transient errors, and every
session of a store shares one bookmark manager, so a read after a write waits for that write on
whichever member it lands.
"""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import ManagedTransaction
from neo4j.exceptions import TransientError

from lineage.ingest import Ingestor, SourceRecord
from lineage.ingest.outcome import Status
from lineage.store.neo4j import Neo4jStore
from lineage.store.neo4j import store as neo4j_store_module
from tests.support.cdevents import cdevent

A = "0a0a0a0a-0000-4000-8000-0000000000c1"
B = "0b0b0b0b-0000-4000-8000-0000000000c2"


def fail_once(monkeypatch: pytest.MonkeyPatch, prefix: str) -> list[str]:
    """Make the first statement whose name starts with `prefix` fail once with a transient error
    (as a cluster member does during a leader switch); returns the names that failed."""
    real = neo4j_store_module._rows
    failed: list[str] = []

    def once(tx: ManagedTransaction, name: str, **params: Any) -> list[dict[str, Any]]:
        if not failed and name.startswith(prefix):
            failed.append(name)
            raise TransientError("leader switch (injected by the test)")
        return real(tx, name, **params)

    monkeypatch.setattr(neo4j_store_module, "_rows", once)
    return failed


def test_a_transient_error_in_a_write_is_retried_and_stores_once(
    neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    failed = fail_once(monkeypatch, "write_events_")
    report = Ingestor(neo4j_store).ingest(
        [SourceRecord("t:1", cdevent("build.started", A, chain="c-1"))]
    )
    assert failed == ["write_events_build"]
    assert report.counts[Status.STORED] == 1
    assert list(neo4j_store.get_events([A])) == [A]
    assert neo4j_store.stats().events == 1


def test_a_transient_error_in_a_read_is_retried(
    neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    Ingestor(neo4j_store).ingest([SourceRecord("t:1", cdevent("build.started", B, chain="c-2"))])
    failed = fail_once(monkeypatch, "get_events")
    assert list(neo4j_store.get_events([B])) == [B]
    assert failed == ["get_events"]


def test_each_write_leaves_a_bookmark_the_next_read_waits_for(neo4j_store: Neo4jStore) -> None:
    before = set(neo4j_store._bookmarks.get_bookmarks())
    Ingestor(neo4j_store).ingest([SourceRecord("t:1", cdevent("build.started", A, chain="c-3"))])
    after_write = set(neo4j_store._bookmarks.get_bookmarks())
    assert after_write and after_write != before
    assert list(neo4j_store.get_events([A])) == [A]  # the read carried the write's bookmark
