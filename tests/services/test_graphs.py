"""Chains as networkx graphs and their critical path, on every backend."""

from __future__ import annotations

from lineage.ingest import Ingestor, SourceRecord
from lineage.services.chains import chain_view
from lineage.services.graphs import chain_digraph, critical_path
from lineage.store import Store
from tests.support.cdevents import cdevent, link

C = "c0c0c0c0-0000-4000-8000-0000000000c0"
SA, MAC, WIN, PROMOTE = "e-static", "e-mac", "e-windows", "e-promote"


def test_critical_path_follows_the_slowest_branch(store: Store) -> None:
    records = [
        cdevent("taskrun.started", SA, chain=C, ts="2026-01-05T09:00:00Z"),
        cdevent("build.started", MAC, chain=C, ts="2026-01-05T09:01:00Z", after=[SA]),
        cdevent("build.started", WIN, chain=C, ts="2026-01-05T09:01:00Z", after=[SA]),
        cdevent("taskrun.started", PROMOTE, chain=C, ts="2026-01-05T09:30:00Z", after=[MAC]),
        link("PATH", chain=C, from_=WIN, to=PROMOTE, ts="2026-01-05T09:30:00Z"),
        link("RELATION", chain=C, source=PROMOTE, target="e-ticket", kind="TICKET"),
    ]
    Ingestor(store).ingest(SourceRecord(f"t:{i}", r) for i, r in enumerate(records))
    view = chain_view(store, C)
    assert view is not None
    graph = chain_digraph(view)
    assert set(graph.successors(SA)) == {MAC, WIN}
    assert graph.nodes["e-ticket"]["placeholder"] is True
    assert graph.edges[PROMOTE, "e-ticket"]["kind"] == "TICKET"
    path = [event.id for event in critical_path(view)]
    assert path[0] == SA and path[-1] == PROMOTE and len(path) == 3
