"""node-link JSON (networkx's `node_link_data` shape) and Cytoscape JSON (Cytoscape.js
`elements`, networkx's `cytoscape_data` shape), written element by element."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TextIO

import orjson

from lineage.analytics.elements import GraphElements
from lineage.analytics.schema import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, encode_attributes


def write_node_link(elements: GraphElements, out: TextIO) -> None:
    """Write `{"directed", "multigraph", "graph", "nodes": [{"id", …}], "edges": [{"source",
    "target", "key", …}]}`: dicts, lists and None as JSON, instants as RFC 3339 text."""
    out.write('{"directed":true,"multigraph":true,"graph":')
    out.write(_json(elements.graph))
    out.write(',\n"nodes":[')
    _items(out, ({"id": node, **_node(attributes)} for node, attributes in elements.nodes()))
    out.write('],\n"edges":[')
    _items(
        out,
        (
            {"source": source, "target": target, "key": key, **_edge(attributes)}
            for source, target, key, attributes in elements.edges()
        ),
    )
    out.write("]}\n")


def write_cytoscape(elements: GraphElements, out: TextIO) -> None:
    """Write `{"data", "directed", "multigraph", "elements": {"nodes": [{"data": {"id",
    "value", "name", …}}], "edges": [{"data": {"id", "source", "target", "key", …}}]}}`, which
    Cytoscape.js and Cytoscape desktop load; `name` is the node's label."""
    out.write('{"data":')
    out.write(_json(elements.graph))
    out.write(',"directed":true,"multigraph":true,\n"elements":{"nodes":[')
    _items(
        out,
        (
            {
                "data": {
                    "id": node,
                    "value": node,
                    "name": attributes.get("label") or node,
                    **_node(attributes),
                }
            }
            for node, attributes in elements.nodes()
        ),
    )
    out.write('],\n"edges":[')
    _items(
        out,
        (
            {
                "data": {
                    "id": key,
                    "source": source,
                    "target": target,
                    "key": key,
                    **_edge(attributes),
                }
            }
            for source, target, key, attributes in elements.edges()
        ),
    )
    out.write("]}}\n")


def _node(attributes: dict[str, Any]) -> dict[str, Any]:
    return _with_nulls(encode_attributes(attributes, NODE_ATTRIBUTES, textual=False),
                       NODE_ATTRIBUTES)  # fmt: skip


def _edge(attributes: dict[str, Any]) -> dict[str, Any]:
    return _with_nulls(encode_attributes(attributes, EDGE_ATTRIBUTES, textual=False),
                       EDGE_ATTRIBUTES)  # fmt: skip


def _with_nulls(encoded: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """JSON holds None: every schema attribute is written, null where unknown."""
    return {name: encoded.get(name) for name in schema}


def _items(out: TextIO, items: Iterator[dict[str, Any]]) -> None:
    for i, item in enumerate(items):
        if i:
            out.write(",\n")
        out.write(_json(item))


def _json(value: Any) -> str:
    return orjson.dumps(value).decode()
