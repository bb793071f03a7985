"""`dora_metrics(evidence=False)`: the same aggregates as with the evidence, on every DORA
scenario and every backend, with the evidence lists left empty."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from lineage.services.dora import dora_metrics
from lineage.store import Store
from tests.support import dora_scenarios as scenarios
from tests.support.dora_scenarios import SINCE, UNTIL
from tests.support.scenarios import ingest

SCENARIOS: dict[str, Callable[[], list[dict[str, Any]]]] = {
    "frequency": scenarios.frequency,
    "failures": scenarios.failures,
    "attributions": scenarios.attributions,
    "lead_times": scenarios.lead_times,
    "unrestored_before_window": scenarios.unrestored_before_window,
}
#: Each scenario asked as a whole, for one service, and with its own production environments.
ASKS: list[dict[str, Any]] = [
    {},
    {"service": "web"},
    {"service": "api", "environments": ["PROD", "staging"]},
]


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_aggregates_are_the_same_without_the_evidence(store: Store, name: str) -> None:
    ingest(store, SCENARIOS[name]())

    for ask in ASKS:
        full = dora_metrics(store, SINCE, UNTIL, **ask)
        lean = dora_metrics(store, SINCE, UNTIL, **ask, evidence=False)

        assert (lean.deployments, lean.commits, lean.incidents) == ([], [], [])
        assert lean == replace(full, deployments=[], commits=[], incidents=[]), ask


def test_the_scenarios_give_the_comparison_something_to_compare(store: Store) -> None:
    for name in ("failures", "attributions", "lead_times"):
        ingest(store, SCENARIOS[name]())

    lean = dora_metrics(store, SINCE, UNTIL, evidence=False)

    assert lean.deployment_count > 0
    assert lean.lead_time.count > 0
    assert lean.failed_deployment_count > 0
    assert lean.failed_deployment_recovery_time.count > 0
    assert lean.incident_time_to_restore.count > 0
    assert lean.rework_count > 0
