"""GEXF 1.2 (what Gephi opens), written element by element: nodes first, then edges."""

from __future__ import annotations

from typing import TextIO

from lineage.analytics.elements import GraphElements
from lineage.analytics.export.xml_text import attr, text
from lineage.analytics.schema import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, Kind, encode_attributes

_HEADER = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<gexf xmlns="http://www.gexf.net/1.2draft" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
    'version="1.2">\n'
)
_TYPES = {Kind.BOOLEAN: "boolean", Kind.STRING: "string", Kind.JSON: "string",
          Kind.DATETIME: "string"}  # fmt: skip
#: Node attributes GEXF carries as the node's own `label`, not as an attribute value.
_NODE_OWN = ("label",)
#: An edge's `type` is GEXF's own (directed, undirected, mutual): the link type goes by this title.
EDGE_TYPE_TITLE = "link_type"


def write_gexf(elements: GraphElements, out: TextIO) -> None:
    """Write the elements as GEXF 1.2: the node label is the event's `subject.predicate`, the
    edge label its link type (an attribute titled `link_type` too: `type` is GEXF's own);
    dicts and lists as JSON text, instants as RFC 3339 text, None
    values left out. The selection (chain, neighbourhood or window) is the meta description."""
    out.write(_HEADER)
    description = ", ".join(f"{k}={v}" for k, v in elements.graph.items())
    out.write(
        f"  <meta><creator>cdevents-lineage</creator>"
        f"<description>{text(description)}</description></meta>\n"
    )
    out.write('  <graph defaultedgetype="directed" mode="static">\n')
    node_ids = _attributes(out, "node", {k: v for k, v in NODE_ATTRIBUTES.items()
                                         if k not in _NODE_OWN})  # fmt: skip
    edge_ids = _attributes(out, "edge", EDGE_ATTRIBUTES, {"type": EDGE_TYPE_TITLE})
    out.write("    <nodes>\n")
    for node, attributes in elements.nodes():
        encoded = encode_attributes(attributes, NODE_ATTRIBUTES, textual=True)
        label = encoded.pop("label", node)
        out.write(f"      <node id={attr(node)} label={attr(label)}>")
        _attvalues(out, node_ids, encoded)
        out.write("</node>\n")
    out.write("    </nodes>\n    <edges>\n")
    for source, target, key, attributes in elements.edges():
        encoded = encode_attributes(attributes, EDGE_ATTRIBUTES, textual=True)
        out.write(
            f"      <edge id={attr(key)} source={attr(source)} target={attr(target)} "
            f"label={attr(encoded.get('type', ''))}>"
        )
        _attvalues(out, edge_ids, encoded)
        out.write("</edge>\n")
    out.write("    </edges>\n  </graph>\n</gexf>\n")


def _attributes(
    out: TextIO, domain: str, schema: dict[str, Kind], titles: dict[str, str] | None = None
) -> dict[str, str]:
    ids: dict[str, str] = {}
    out.write(f'    <attributes class="{domain}" mode="static">\n')
    for i, (name, kind) in enumerate(schema.items()):
        ids[name] = str(i)
        title = (titles or {}).get(name, name)
        out.write(f'      <attribute id="{i}" title={attr(title)} type="{_TYPES[kind]}"/>\n')
    out.write("    </attributes>\n")
    return ids


def _attvalues(out: TextIO, ids: dict[str, str], encoded: dict[str, object]) -> None:
    values = [(ids[name], value) for name, value in encoded.items() if name in ids]
    if not values:
        return
    out.write("<attvalues>")
    for key, value in values:
        out.write(f'<attvalue for="{key}" value={attr(value)}/>')
    out.write("</attvalues>")
