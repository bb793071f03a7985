"""The demo's delivery history (lineage.demo.history): valid, deterministic, and rich enough that
every DORA metric and plot has something to show."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from lineage.demo import DEFAULT_START, history_records
from lineage.ingest import Ingestor, SourceRecord, Status
from lineage.services.dora import Attribution, FailureCause, RestoredBy, dora_metrics
from lineage.store import Store
from lineage.store.embedded import EmbeddedStore
from tests.demo.test_generator import _validators, needs_spec

WEEKS = 6
SINCE = DEFAULT_START - timedelta(weeks=WEEKS)


def test_same_seed_same_history_and_another_seed_another() -> None:
    assert list(history_records(weeks=2, seed=3)) == list(history_records(weeks=2, seed=3))
    assert list(history_records(weeks=2, seed=3)) != list(history_records(weeks=2, seed=4))


@needs_spec
def test_every_history_record_validates_and_arrives_in_time_order_before_the_end() -> None:
    events, links = _validators()
    stamps: list[str] = []
    kinds: Counter[str] = Counter()
    for record in history_records(weeks=WEEKS):
        if "context" in record:
            kind = record["context"]["type"]
            errors = [e.message for e in events[kind].iter_errors(record)]
            stamps.append(record["context"]["timestamp"])
            kinds[".".join(kind.split(".")[2:4])] += 1
        else:
            errors = [e.message for e in links[record["linkType"]].iter_errors(record)]
            stamps.append(record["timestamp"])
        assert not errors, (record, errors)
    assert stamps == sorted(stamps)
    assert stamps[-1] < DEFAULT_START.strftime("%Y-%m-%dT%H:%M:%S")
    assert {
        "incident.detected", "incident.reported", "incident.resolved", "service.rolledback",
        "environment.created", "service.deployed", "service.upgraded",
    } <= set(kinds)  # fmt: skip


@pytest.fixture(scope="module")
def history_store(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path_factory.mktemp("history") / "history.db")
    records = (SourceRecord(f"history:{i}", r) for i, r in enumerate(history_records(WEEKS)))
    report = Ingestor(store).ingest(records)
    assert not report.rejected
    return store


def test_every_dora_metric_has_something_to_show(history_store: EmbeddedStore) -> None:
    metrics = dora_metrics(history_store, SINCE, DEFAULT_START)

    services = Counter(d.service for d in metrics.deployments)
    assert set(services) == {"payments", "checkout", "inventory", "search"}
    assert min(services.values()) >= 10
    weeks = {d.deployed_at.isocalendar()[:2] for d in metrics.deployments}
    assert len(weeks) >= WEEKS - 1
    assert 0 < metrics.change_failure_rate < 0.5  # type: ignore[operator]
    assert {c for d in metrics.deployments for c in d.causes} == set(FailureCause)
    assert {d.restored_by for d in metrics.deployments if d.failed} == {
        RestoredBy.ROLLBACK, RestoredBy.INCIDENT_RESOLVED,
    }  # fmt: skip
    assert metrics.rework_count > 0
    assert {i.attribution for i in metrics.incidents} == {
        Attribution.LINK, Attribution.ARTIFACT, Attribution.TIME,
    }  # fmt: skip
    assert metrics.incident_time_to_restore.count == len(metrics.incidents)
    assert metrics.lead_time.count > 50
    assert all(c.counted and not c.from_merge for c in metrics.commits)


def test_failed_pipelines_and_other_environments_are_not_deployments(
    history_store: EmbeddedStore,
) -> None:
    staging = dora_metrics(history_store, SINCE, DEFAULT_START, environments=["staging"])
    prod = dora_metrics(history_store, SINCE, DEFAULT_START)
    failed_runs = [
        r
        for r in history_records(WEEKS)
        if r.get("context", {}).get("type", "").startswith("dev.cdevents.pipelinerun.finished")
        and r["subject"]["content"]["outcome"] == "failure"
    ]

    assert failed_runs
    assert staging.deployment_count >= prod.deployment_count > 0
    assert {d.environment for d in staging.deployments} == {"staging"}


def test_history_ends_where_the_demo_chains_begin() -> None:
    end = datetime(2026, 3, 2, tzinfo=UTC)
    first = next(r for r in history_records(weeks=1, end=end) if "context" in r)

    assert first["context"]["timestamp"].startswith("2026-02-23")


def test_demo_store_holds_history_and_chains(tmp_path: Path) -> None:
    from lineage.cli.demo import build_demo_store

    report = build_demo_store(tmp_path / "demo.db", chains=3, seed=7, weeks=1)
    without = build_demo_store(tmp_path / "plain.db", chains=3, seed=7, weeks=0)

    assert report.counts[Status.STORED] > without.counts[Status.STORED] > 0


def test_a_week_of_history_ingests_on_every_backend(store: Store) -> None:
    records = list(history_records(weeks=1))
    ends = [
        link for r in records for link in r.get("context", {}).get("links", [])
        if link["linkType"] == "END"
    ]  # fmt: skip

    report = Ingestor(store).ingest(SourceRecord(f"h:{i}", r) for i, r in enumerate(records))

    assert not report.rejected
    assert ends and all("from" in link for link in ends)
    assert dora_metrics(store, DEFAULT_START - timedelta(weeks=1), DEFAULT_START).deployment_count
