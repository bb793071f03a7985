"""The orders answers are given in, identical on every backend: time, then id."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from lineage.model import Event, Link, link_order
from lineage.model.link import EARLIEST
from lineage.services.nodes import Node

__all__ = ["EARLIEST", "link_order", "node_order", "ordered", "sorted_links"]


def node_order(node: Node) -> tuple[bool, datetime, str]:
    """Sort key: real events by (timestamp, id), then placeholders by id."""
    if isinstance(node, Event):
        return (False, node.timestamp, node.id)
    return (True, EARLIEST, node.id)


def ordered(nodes: Iterable[Node]) -> list[Node]:
    """Nodes in `node_order`."""
    return sorted(nodes, key=node_order)


def sorted_links(links: Iterable[Link]) -> list[Link]:
    """Links without duplicates, in `link_order`."""
    unique = {link.id: link for link in links}
    return sorted(unique.values(), key=link_order)
