"""GraphML, written element by element (networkx's `read_graphml` and yEd/Gephi read it)."""

from __future__ import annotations

from typing import Any, TextIO

from lineage.analytics.elements import GraphElements
from lineage.analytics.export.xml_text import attr, text
from lineage.analytics.schema import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, Kind, encode_attributes

_HEADER = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
_TYPES = {Kind.BOOLEAN: "boolean", Kind.STRING: "string", Kind.JSON: "string",
          Kind.DATETIME: "string"}  # fmt: skip


def write_graphml(elements: GraphElements, out: TextIO) -> None:
    """Write the elements as GraphML: dicts and lists as JSON text, instants as RFC 3339 text,
    None values left out (each key's `desc` says which encoding it carries)."""
    out.write(_HEADER)
    node_keys = _keys(out, "node", "n", NODE_ATTRIBUTES)
    edge_keys = _keys(out, "edge", "e", EDGE_ATTRIBUTES)
    graph_keys = {name: f"g{i}" for i, name in enumerate(elements.graph)}
    for name, key in graph_keys.items():
        kind = "boolean" if isinstance(elements.graph[name], bool) else "string"
        if isinstance(elements.graph[name], int) and kind != "boolean":
            kind = "long"
        out.write(f'  <key id="{key}" for="graph" attr.name={attr(name)} attr.type="{kind}"/>\n')
    out.write('  <graph edgedefault="directed">\n')
    for name, value in elements.graph.items():
        if value is not None:
            out.write(f'    <data key="{graph_keys[name]}">{text(value)}</data>\n')
    for node, attributes in elements.nodes():
        out.write(f"    <node id={attr(node)}>")
        _data(out, node_keys, encode_attributes(attributes, NODE_ATTRIBUTES, textual=True))
        out.write("</node>\n")
    for source, target, key, attributes in elements.edges():
        out.write(f"    <edge id={attr(key)} source={attr(source)} target={attr(target)}>")
        _data(out, edge_keys, encode_attributes(attributes, EDGE_ATTRIBUTES, textual=True))
        out.write("</edge>\n")
    out.write("  </graph>\n</graphml>\n")


def _keys(out: TextIO, domain: str, prefix: str, schema: dict[str, Kind]) -> dict[str, str]:
    keys: dict[str, str] = {}
    for i, (name, kind) in enumerate(schema.items()):
        keys[name] = f"{prefix}{i}"
        out.write(
            f'  <key id="{prefix}{i}" for="{domain}" attr.name={attr(name)} '
            f'attr.type="{_TYPES[kind]}"><desc>{kind.value}</desc></key>\n'
        )
    return keys


def _data(out: TextIO, keys: dict[str, str], encoded: dict[str, Any]) -> None:
    for name, value in encoded.items():
        out.write(f'<data key="{keys[name]}">{text(value)}</data>')
