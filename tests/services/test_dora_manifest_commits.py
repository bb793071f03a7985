"""Lead times through a manifest-repo commit, on every backend: a deployment naming a manifest
commit ships the source commits its trailers name (not the manifest commit), and a source
commit's first production deployment may be one that names only its manifest commit."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lineage.services.dora import dora_metrics
from lineage.store import Store
from tests.support import trace_scenarios
from tests.support.scenarios import ingest
from tests.support.trace_scenarios import SOURCE_SHA

SINCE = datetime(2026, 1, 8, tzinfo=UTC)
UNTIL = datetime(2026, 1, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("pipecd", "first", "seconds"),
    [(True, "deploy-api", 3300.0), (False, "argo-sync", 3600.0)],
    ids=["with the PipeCD deployment", "the event alone"],
)
def test_a_manifest_commit_ships_its_source_commits(
    store: Store, pipecd: bool, first: str, seconds: float
) -> None:
    # src-merge 09:00 merges SOURCE_SHA; the manifest commit names it; PipeCD's deploy-api
    # (completed 09:55) traces the manifest commit, and argo-sync (10:00) names it
    records = trace_scenarios.manifest_hop()
    ingest(store, records if pipecd else [r for r in records if r.get("kind") != "Deployment"])

    full = dora_metrics(store, SINCE, UNTIL)
    lean = dora_metrics(store, SINCE, UNTIL, evidence=False)

    assert [(c.hash, c.deployment_id, c.lead_time_seconds, c.from_merge)
            for c in full.commits] == [(SOURCE_SHA, first, seconds, True)]  # fmt: skip
    assert lean.lead_time == full.lead_time
    assert full.lead_time.count == 1
