"""The demo's live-state reports: every deployed target reports, one drifted, one stale."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from lineage.demo import demo_live_states, demo_records
from lineage.ingest import Ingestor, SourceRecord
from lineage.services.applications import find_application
from lineage.services.drift import application_drift
from lineage.services.staleness import live_state
from lineage.store.embedded import EmbeddedStore

NOW = datetime(2026, 1, 6, 12, 0, tzinfo=UTC)


def test_the_reports_are_deterministic() -> None:
    records = list(demo_records(chains=12, seed=7))

    assert demo_live_states(records, NOW) == demo_live_states(list(records), NOW)
    assert demo_live_states(records, NOW) != demo_live_states(records, NOW.replace(hour=13))


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    records = list(demo_records(chains=12, seed=7))
    reports = demo_live_states(records, NOW)
    store = EmbeddedStore(Path(tmp_path_factory.mktemp("demo")) / "demo.db")
    result = Ingestor(store).ingest(
        SourceRecord(f"demo:{i}", raw) for i, raw in enumerate([*records, *reports])
    )
    assert not result.problems, result.problems
    return store


def test_every_deployed_target_reports_and_most_are_in_sync(demo_store: EmbeddedStore) -> None:
    apps = sorted(
        {report["applicationId"] for report in demo_live_states(demo_records(12, 7), NOW)}
    )
    judged = {}
    drifted = set()
    for app in apps:
        application = find_application(demo_store, app)
        assert application is not None and application.latest, app
        for report in application.latest:
            judged[(app, report.deploy_target)] = live_state(report, now=NOW).stale
        drifted |= {(app, drift.deploy_target) for drift in application_drift(demo_store, app)}

    stale = {target for target, is_stale in judged.items() if is_stale}
    assert len(apps) >= 3
    assert len(stale) == 1 and next(iter(stale))[1] == "dev"
    assert len(drifted) == 1 and next(iter(drifted))[1] == "staging"
    assert stale.isdisjoint(drifted)
    assert len(judged) - len(stale) - len(drifted) >= 3  # in sync and fresh


def test_the_drift_says_what_runs_instead_and_since_when(demo_store: EmbeddedStore) -> None:
    reports = demo_live_states(demo_records(12, 7), NOW)
    (app,) = {r["applicationId"] for r in reports if "Degraded" in str(r["resources"])}

    (drift,) = application_drift(demo_store, app)

    assert drift.deploy_target == "staging"
    assert drift.actual == (f"registry.example.com/myorg/{app}@sha256:{'f' * 8}{'0' * 56}",)
    assert drift.expected.startswith(f"pkg:oci/{app}@sha256%3A")
    assert drift.since == datetime(2026, 1, 6, 11, 40, tzinfo=UTC)
