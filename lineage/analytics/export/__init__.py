"""Exports of lineage graphs: GraphML, GEXF, node-link JSON, Cytoscape JSON and DOT.

Each writer takes `GraphElements` and writes to a text stream as the nodes and edges come, so
an export of a large time window is never held whole in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from lineage.analytics.elements import GraphElements
from lineage.analytics.export.dot import write_dot
from lineage.analytics.export.gexf import write_gexf
from lineage.analytics.export.graphml import write_graphml
from lineage.analytics.export.json_formats import write_cytoscape, write_node_link
from lineage.analytics.schema import Format

WRITERS: dict[Format, Callable[[GraphElements, TextIO], None]] = {
    Format.GRAPHML: write_graphml,
    Format.GEXF: write_gexf,
    Format.NODE_LINK: write_node_link,
    Format.CYTOSCAPE: write_cytoscape,
    Format.DOT: write_dot,
}


def write_export(elements: GraphElements, fmt: Format | str, out: TextIO) -> None:
    """Write the elements to `out` in format `fmt`, node by node and edge by edge."""
    WRITERS[Format(fmt)](elements, out)


__all__ = ["WRITERS", "Format", "write_export"]
