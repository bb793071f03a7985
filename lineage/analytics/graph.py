"""Lineage graphs as networkx `MultiDiGraph`s: a chain, an event's neighbourhood, a time window."""

from __future__ import annotations

from datetime import datetime

import networkx as nx

from lineage.analytics.elements import (
    GraphElements,
    around_elements,
    chain_elements,
    window_elements,
)
from lineage.services.errors import ServiceError
from lineage.services.limits import DEFAULT_TRAVERSE_DEPTH
from lineage.store.protocol import Store


def select(
    store: Store,
    *,
    chain: str | None = None,
    around: str | None = None,
    depth: int = DEFAULT_TRAVERSE_DEPTH,
    since: datetime | None = None,
    until: datetime | None = None,
    include_inferred: bool = True,
) -> GraphElements:
    """The elements of exactly one selection: `chain`, `around` (with `depth`) or `since`+`until`.

    Raises `ServiceError` (a caller's mistake) for none, several, or half a window.
    """
    window = since is not None or until is not None
    chosen = [name for name, given in (("chain", chain is not None),
                                       ("around", around is not None),
                                       ("since/until", window)) if given]  # fmt: skip
    if len(chosen) != 1:
        raise ServiceError(
            "choose exactly one selection: a chain, an event to look around, or since and until"
            + (f" (got {' and '.join(chosen)})" if chosen else "")
        )
    if chain is not None:
        return chain_elements(store, chain, include_inferred)
    if around is not None:
        return around_elements(store, around, depth, include_inferred)
    if since is None or until is None:
        raise ServiceError("a time window needs both since and until")
    return window_elements(store, since, until, include_inferred)


def to_networkx(
    store: Store,
    *,
    chain: str | None = None,
    around: str | None = None,
    depth: int = DEFAULT_TRAVERSE_DEPTH,
    since: datetime | None = None,
    until: datetime | None = None,
    include_inferred: bool = True,
) -> nx.MultiDiGraph[str]:
    """A `MultiDiGraph` of one selection: a chain's members and links (`chain=`), every event
    within `depth` link hops of an event either way and the links between them (`around=`), or
    the events timed in `[since, until)` and the links between them.

    Nodes are event ids with the event's fields as attributes (`placeholder=True` for ids links
    reference with no stored event); edges are keyed by link id with `type`, `inferred`,
    `chain_id`, `kind`, `timestamp`, `tags` (`lineage.analytics.schema` lists them all).
    Inferred edges are included (flagged) unless `include_inferred` is False.
    """
    elements = select(
        store, chain=chain, around=around, depth=depth, since=since, until=until,
        include_inferred=include_inferred,
    )  # fmt: skip
    return collect(elements)


def collect(elements: GraphElements) -> nx.MultiDiGraph[str]:
    """The elements as an in-memory `MultiDiGraph`."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(**elements.graph)
    for node, attributes in elements.nodes():
        graph.add_node(node, **attributes)
    for source, target, key, attributes in elements.edges():
        graph.add_edge(source, target, key=key, **attributes)
    return graph
