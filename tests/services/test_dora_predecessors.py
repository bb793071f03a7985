"""The previous deployment event lead times take from the history is the one the store scan
(`previous_deployment_event`) finds, rollbacks included, on every backend."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lineage.services.deployments import previous_deployment_event
from lineage.services.dora.facts import read_history
from lineage.services.dora.lead_time import known_predecessors
from lineage.services.dora.outcomes import ATTRIBUTION_WINDOW
from lineage.services.dora.production import ProductionEnvironments
from lineage.store import Store
from tests.support import dora_scenarios as scenarios
from tests.support.dora_scenarios import SINCE, UNTIL
from tests.support.scenarios import Record, ingest


@pytest.mark.parametrize(
    "scenario", [scenarios.failures, scenarios.lead_times, scenarios.frequency]
)
def test_history_predecessors_match_the_store_scan(
    store: Store, scenario: Callable[[], list[Record]]
) -> None:
    ingest(store, scenario())
    history = read_history(store, ProductionEnvironments(store), SINCE - ATTRIBUTION_WINDOW, UNTIL)

    known = known_predecessors(history)

    scanned: dict[str, str] = {}
    events = store.get_events([d.id for d in history.deployments if d.record is None])
    for deployment in history.deployments:
        event = events.get(deployment.id)
        if event is None:
            continue
        found = previous_deployment_event(store, event)
        if found is not None and found.timestamp >= SINCE - ATTRIBUTION_WINDOW:
            scanned[deployment.id] = found.id
    assert known == scanned


def test_a_rollback_is_the_previous_deployment_event(store: Store) -> None:
    ingest(store, scenarios.failures())
    history = read_history(store, ProductionEnvironments(store), SINCE - ATTRIBUTION_WINDOW, UNTIL)

    known = known_predecessors(history)

    assert known == {"d2": "r1", "d3": "d2", "d4": "d3"}
