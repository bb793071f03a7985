"""`chain(id).criticalPath` in-process, on every store, with the example operation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lineage.graphql_api import run_operation
from lineage.store import Store
from tests.support.critical_path_scenarios import FANOUT_CHAIN, fan_out_release
from tests.support.scenarios import ingest

QUERIES = Path(__file__).resolve().parents[2] / "graphql" / "queries"


def test_chain_critical_path_example(store: Store) -> None:
    """The hand-computed release (tests/services/test_critical_path.py) through GraphQL."""
    ingest(store, fan_out_release())
    query = (QUERIES / "chain_critical_path.graphql").read_text()

    answer: dict[str, Any] = run_operation(store, query, {"id": FANOUT_CHAIN})

    assert answer.get("errors") is None, answer["errors"]
    chain = answer["data"]["chain"]
    path = chain["criticalPath"]
    assert chain["duration"] == 1260.0
    assert (path["totalSeconds"], path["queueSeconds"], path["runSeconds"]) == (990.0, 90.0, 900.0)
    assert [(s["name"], s["weightSeconds"]) for s in path["path"]] == [
        ("change.merged myorg/app/pull/41", 0.0), ("release (start)", 30.0), ("lint", 120.0),
        ("release-41-build-sles", 540.0), ("smoke sles", 240.0), ("promote", 60.0),
        ("service.deployed app", 0.0), ("release (finish)", 0.0),
    ]  # fmt: skip
    sles = next(s for s in path["steps"] if s["name"] == "release-41-build-sles")
    assert sles["event"] == {"id": "sles-build-queued", "type": "dev.cdevents.build.queued.0.3.0"}
    assert [e["id"] for e in sles["events"]] == [
        "sles-build-queued", "sles-build-started", "sles-build-finished",
    ]  # fmt: skip
    assert (sles["kind"], sles["queueSeconds"], sles["durationSeconds"]) == ("RUN", 60.0, 480.0)
    assert (sles["earliestStart"], sles["latestStart"], sles["slackSeconds"]) == (150.0, 150.0, 0.0)
    mac = next(s for s in path["steps"] if s["name"] == "release-41-build-mac")
    assert (mac["slackSeconds"], mac["onCriticalPath"], mac["status"]) == (60.0, False, "succeeded")
    assert path["islandCount"] == 1 and path["ignoredLinkIds"] == []


def test_unknown_chain_is_null(store: Store) -> None:
    answer = run_operation(store, "{ chain(id: \"nope\") { criticalPath { totalSeconds } } }", {})

    assert answer.get("errors") is None
    assert answer["data"] == {"chain": None}
