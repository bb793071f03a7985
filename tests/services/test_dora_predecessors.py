"""The previous deployment event lead times take from the history is the one the store scan
(`previous_deployment_event`) finds, rollbacks included, on every backend."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lineage.services.deployments import previous_deployment_event
from lineage.services.dora import dora_metrics
from lineage.services.dora.facts import read_history
from lineage.services.dora.lead_time import known_predecessors, lead_time_seconds, lead_times
from lineage.services.dora.outcomes import ATTRIBUTION_WINDOW
from lineage.services.dora.production import ProductionEnvironments
from lineage.store import Store
from tests.support import dora_scenarios as scenarios
from tests.support.cdevents import cdevent, link
from tests.support.dora_scenarios import C1, C2, C3, SINCE, UNTIL, deploy
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


@pytest.mark.parametrize("day", ["2026-03-01", "2026-02-01"])  # in the history, before it
def test_a_rollback_as_the_previous_deployment_event_hides_what_it_named(
    store: Store, day: str
) -> None:
    # C5 was first named upstream of a rollback, the previous deployment event of prod-1 (read
    # with the history, or found by the store scan before it): prod-1 did not ship it (it was
    # there already), though no deployment shipped it before
    c5 = "5" * 40
    release_0 = {"merge-0": "08:00", "build-0": "09:00", "prod-0": "10:00"}
    ingest(store, [
        *(
            {**r, "context": {**r["context"], "timestamp": f"{day}T{release_0[ident]}:00Z"}}
            if (ident := r["context"]["id"]) in release_0 else r
            for r in scenarios.lead_times()
        ),
        cdevent("change.merged", "merge-5", ts=f"{day}T11:00:00Z", subject_id="pr/5",
                custom_data={"commitHash": c5}),
        cdevent("build.finished", "build-5", ts=f"{day}T11:30:00Z", subject_id="build-5",
                after=["merge-5"]),
        deploy("back-0", f"{day}T12:00:00Z", kind="service.rolledback", after=["build-5"]),
        cdevent("build.finished", "build-1b", ts="2026-03-02T09:41:00Z", subject_id="build-1b",
                after=["merge-5"]),
        link("PATH", chain="late", from_="build-1b", to="prod-1"),
    ])  # fmt: skip

    full = dora_metrics(store, SINCE, UNTIL)
    # without the lookback dora_metrics takes: a February predecessor is outside the history
    production = ProductionEnvironments(store)
    history = read_history(store, production, SINCE - ATTRIBUTION_WINDOW, UNTIL)
    counted = [d for d in history.deployments if d.deployed_at >= SINCE]
    short = lead_times(store, counted, production, history)

    expected = [(C1, "prod-1", True), (C2, "prod-1", True), (C3, "prod-3", False)]
    assert [(c.hash, c.deployment_id, c.counted) for c in full.commits] == expected
    assert [(c.hash, c.deployment_id, c.counted) for c in short] == expected
    assert dora_metrics(store, SINCE, UNTIL, evidence=False).lead_time == full.lead_time
    assert sorted(lead_time_seconds(store, counted, production, history)) == [1800.0, 7200.0]
