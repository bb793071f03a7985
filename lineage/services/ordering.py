"""The orders answers are given in, identical on every backend: time, then id."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from lineage.model import Event, Link
from lineage.services.nodes import Node

#: Sorts before every real instant (stands in for a missing timestamp).
EARLIEST = datetime.min.replace(tzinfo=UTC)


def node_order(node: Node) -> tuple[bool, datetime, str]:
    """Sort key: real events by (timestamp, id), then placeholders by id."""
    if isinstance(node, Event):
        return (False, node.timestamp, node.id)
    return (True, EARLIEST, node.id)


def ordered(nodes: Iterable[Node]) -> list[Node]:
    """Nodes in `node_order`."""
    return sorted(nodes, key=node_order)


def link_order(link: Link) -> tuple[bool, datetime, str]:
    """Sort key of links: untimed first, then by timestamp, then by link id."""
    timestamp = link.timestamp
    return (timestamp is not None, timestamp or EARLIEST, link.id)


def sorted_links(links: Iterable[Link]) -> list[Link]:
    """Links without duplicates, in `link_order`."""
    unique = {link.id: link for link in links}
    return sorted(unique.values(), key=link_order)
