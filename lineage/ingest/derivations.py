"""Derivations: what ingest adds to a batch beyond its records (inferred links, indexes).

Each deriver gets the store and a batch's new events, links (those of its records and those
earlier derivers made) and facts (after the identity rules), and returns links and facts to
store in the batch's own transaction: derived data is then never missing for an event that is
stored, nor stored for one that is not. A deriver that looks at the store (say, for the events
an arriving one is to be joined with) sees every earlier batch, because batches are judged and
written one at a time. Register a deriver in `DERIVERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lineage.ingest.delivery_events import derive_delivery_events
from lineage.ingest.run_summaries import derive_run_events
from lineage.ingest.stage_rows import derive_stage_rows
from lineage.ingest.trace_index import derive_trace_index
from lineage.ingest.upstream_commits import derive_upstream_commits
from lineage.model import Event, Link
from lineage.model.fact import Fact
from lineage.store.protocol import Store

Deriver = Callable[
    [Store, Sequence[Event], Sequence[Link], Sequence[Fact]], tuple[list[Link], list[Fact]]
]

#: Every deriver, run in order on each batch. Each feature adds its own (one line each).
DERIVERS: list[Deriver] = [
    derive_trace_index,  # commit trace: inferred edges, subject mentions, commit index
    derive_run_events,  # pipeline executions: the run summary part of each pipelinerun event
    derive_stage_rows,  # stage statistics: the stage rows of each chain the batch changes
    derive_delivery_events,  # DORA metrics: the row of each deployment and incident event
    derive_upstream_commits,  # DORA lead times: the commits upstream of each deployment event
]


def derive(
    store: Store, events: Sequence[Event], links: Sequence[Link], facts: Sequence[Fact]
) -> tuple[list[Link], list[Fact]]:
    """Every deriver's links and facts for one batch of new `events`, `links` and `facts`."""
    derived_links: list[Link] = []
    derived: list[Fact] = []
    for deriver in DERIVERS:
        more_links, more_facts = deriver(store, events, [*links, *derived_links], facts)
        derived_links.extend(more_links)
        derived.extend(more_facts)
    return derived_links, derived
