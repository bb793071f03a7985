"""The DORA metrics do not depend on how producers deliver: every hand-computed scenario ingested
backwards one record per batch (rollbacks and incidents before the deployments they concern,
links before their events), twice (duplicates), gives the answer of the in-order ingest; and a
link that arrives after everything else changes the answer as it should."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lineage.ingest import Ingestor, SourceRecord
from lineage.services.dora import Attribution, dora_metrics
from tests.conftest import StoreFactory
from tests.support import dora_scenarios as scenarios
from tests.support.cdevents import link
from tests.support.dora_scenarios import SINCE, UNTIL, deploy, incident
from tests.support.scenarios import Record, ingest


@pytest.mark.parametrize(
    "scenario",
    [scenarios.frequency, scenarios.failures, scenarios.attributions, scenarios.lead_times,
     scenarios.unrestored_before_window],
)  # fmt: skip
def test_backwards_one_at_a_time_with_duplicates_changes_nothing(
    store_factory: StoreFactory, scenario: Callable[[], list[Record]]
) -> None:
    in_order = store_factory()
    ingest(in_order, scenario())
    expected = dora_metrics(in_order, SINCE, UNTIL)
    sloppy = store_factory()
    backwards = [SourceRecord(f"r:{i}", r) for i, r in enumerate(reversed(scenario()))]

    Ingestor(sloppy, batch_size=1).ingest([*backwards, *backwards])

    assert dora_metrics(sloppy, SINCE, UNTIL) == expected


def test_a_late_link_attributes_an_incident_to_the_deployment_it_names(
    store_factory: StoreFactory,
) -> None:
    records = [
        deploy("x1", "2026-03-02T08:00:00Z", "shop"),
        deploy("x2", "2026-03-05T08:00:00Z", "shop"),
        incident("inc-1", "2026-03-05T09:00:00Z", "inc", service="shop"),
    ]
    store = store_factory()
    ingest(store, records)
    before = dora_metrics(store, SINCE, UNTIL)

    ingest(store, [link("PATH", chain="late", from_="x1", to="inc-1")])
    after = dora_metrics(store, SINCE, UNTIL)

    assert [(i.deployment_id, i.attribution) for i in before.incidents] == [
        ("x2", Attribution.TIME)
    ]
    assert [(i.deployment_id, i.attribution) for i in after.incidents] == [
        ("x1", Attribution.LINK)
    ]
    assert [d.id for d in after.deployments if d.failed] == ["x1"]
