"""Chains as networkx graphs, for notebooks and graph questions such as the critical path."""

from __future__ import annotations

import networkx as nx

from lineage.model import Event, LinkType
from lineage.services.chains import ChainView


def chain_digraph(view: ChainView) -> nx.DiGraph[str]:
    """A directed graph of the chain: members as nodes, its links (not START) as edges.

    Node attributes: `type`, `subject_id`, `timestamp` (None for placeholders), `placeholder`.
    Edge attributes: `type` (PATH/RELATION/END), `kind`, `inferred`.
    """
    graph: nx.DiGraph[str] = nx.DiGraph()
    for node in view.events:
        if isinstance(node, Event):
            graph.add_node(
                node.id,
                type=node.type,
                subject_id=node.subject_id,
                timestamp=node.timestamp,
                placeholder=False,
            )
        else:
            graph.add_node(node.id, type=None, subject_id=None, timestamp=None, placeholder=True)
    for link in view.links:
        if link.from_id is None or link.to_id is None:
            continue
        graph.add_edge(
            link.from_id, link.to_id, type=link.type.value, kind=link.kind, inferred=link.inferred
        )
    return graph


def critical_path(view: ChainView) -> list[Event]:
    """The PATH route through the chain that took longest from first to last event.

    Each PATH edge weighs the seconds between its two events; placeholders and cycles are left
    out (a cycle's latest-pointing edge is dropped by taking only edges forward in time).
    """
    events = {event.id: event for event in view.real_events}
    dag: nx.DiGraph[str] = nx.DiGraph()
    dag.add_nodes_from(events)
    for link in view.links:
        if link.type is not LinkType.PATH or link.from_id not in events or link.to_id not in events:
            continue
        assert link.from_id is not None and link.to_id is not None
        start, end = events[link.from_id], events[link.to_id]
        if (end.timestamp, end.id) > (start.timestamp, start.id):
            seconds = (end.timestamp - start.timestamp).total_seconds()
            dag.add_edge(start.id, end.id, seconds=seconds)
    if dag.number_of_edges() == 0:
        return []
    return [events[i] for i in nx.dag_longest_path(dag, weight="seconds")]
