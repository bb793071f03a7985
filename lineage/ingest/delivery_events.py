"""What a batch adds for the DORA metrics: the delivery event row of each deployment/incident.

Each new `service.deployed` / `upgraded` / `rolledback` or `incident.*` event gets its
`DeliveryEvent` (`lineage.model.delivery`), written in the batch's own transaction. A row depends
on its event alone, so arrival order, duplicates and later records never change it; what joins
rows to one another (predecessors, links, attribution) is decided when the metrics are read.
"""

from __future__ import annotations

from collections.abc import Sequence

from lineage.model import Event, Link
from lineage.model.delivery import delivery_event
from lineage.model.fact import Fact
from lineage.store.protocol import Store


def derive_delivery_events(
    store: Store, events: Sequence[Event], links: Sequence[Link], facts: Sequence[Fact]
) -> tuple[list[Link], list[Fact]]:
    """The deriver of delivery events (`lineage.ingest.derivations`): no links, one row each."""
    return [], [row for event in events if (row := delivery_event(event)) is not None]
