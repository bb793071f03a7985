"""The attributes of a lineage graph's nodes and edges, their kinds, and how exports encode them.

Every node carries every `NODE_ATTRIBUTES` name and every edge every `EDGE_ATTRIBUTES` name
(None where unknown), so a graph read back from any export can be checked against the original.
Formats that hold only text and numbers (GraphML, GEXF, DOT) get dicts and lists as JSON text
(`json`), instants as RFC 3339 UTC text (`datetime`) and leave None out (an attribute the
schema declares and the file lacks is None); JSON formats (node-link, Cytoscape) keep dicts,
lists and None as they are and carry instants as RFC 3339 text. `decode_graph` undoes both.
"""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import Any, Final

import networkx as nx
import orjson

from lineage.model import format_timestamp, parse_timestamp


class Kind(StrEnum):
    """What an attribute's values are, which decides how a format carries them."""

    STRING = "string"
    BOOLEAN = "boolean"
    JSON = "json"
    DATETIME = "datetime"


#: Node attributes: the event's fields, `label` (`subject.predicate`, what Gephi shows),
#: `placeholder` (an id links reference with no stored event) and `open_links` (links with
#: this node as their only endpoint, such as START: type, chain_id, kind, inferred, timestamp,
#: tags each).
NODE_ATTRIBUTES: Final[dict[str, Kind]] = {
    "label": Kind.STRING,
    "placeholder": Kind.BOOLEAN,
    "type": Kind.STRING,
    "subject_type": Kind.STRING,
    "predicate": Kind.STRING,
    "subject_id": Kind.STRING,
    "source": Kind.STRING,
    "timestamp": Kind.DATETIME,
    "chain_id": Kind.STRING,
    "spec_version": Kind.STRING,
    "type_version": Kind.STRING,
    "schema_uri": Kind.STRING,
    "subject_source": Kind.STRING,
    "subject_content": Kind.JSON,
    "custom_data": Kind.JSON,
    "custom_data_content_type": Kind.STRING,
    "open_links": Kind.JSON,
}

#: Edge attributes (the edge key is the link id): the link's type (START/END/PATH/RELATION),
#: `inferred` (derived by ingest, not sent by a producer), its chainId, RELATION kind,
#: timestamp and tags.
EDGE_ATTRIBUTES: Final[dict[str, Kind]] = {
    "type": Kind.STRING,
    "inferred": Kind.BOOLEAN,
    "chain_id": Kind.STRING,
    "kind": Kind.STRING,
    "timestamp": Kind.DATETIME,
    "tags": Kind.JSON,
}


class Format(StrEnum):
    """The export formats."""

    GRAPHML = "graphml"
    GEXF = "gexf"
    NODE_LINK = "node-link"
    CYTOSCAPE = "cytoscape"
    DOT = "dot"

    @property
    def textual(self) -> bool:
        """Whether the format holds only text and numbers (dicts and lists go as JSON text)."""
        return self in (Format.GRAPHML, Format.GEXF, Format.DOT)


def encode_value(value: Any, kind: Kind, textual: bool) -> Any:
    """An attribute value as a format carries it (None stays None: writers leave it out)."""
    if value is None:
        return None
    if kind is Kind.DATETIME:
        return format_timestamp(value) if isinstance(value, datetime) else str(value)
    if kind is Kind.JSON and textual:
        return orjson.dumps(value, default=_jsonable, option=orjson.OPT_SORT_KEYS).decode()
    if kind is Kind.JSON:
        return orjson.loads(orjson.dumps(value, default=_jsonable))
    return value


def encode_attributes(
    attributes: dict[str, Any], schema: dict[str, Kind], textual: bool
) -> dict[str, Any]:
    """The schema's attributes of a node or edge, encoded for a format, None ones left out."""
    encoded: dict[str, Any] = {}
    for name, kind in schema.items():
        value = encode_value(attributes.get(name), kind, textual)
        if value is not None:
            encoded[name] = value
    return encoded


def decode_value(value: Any, kind: Kind, textual: bool) -> Any:
    """An attribute value as read back from a format, in the form `to_networkx` gives it."""
    if value is None:
        return None
    if kind is Kind.DATETIME:
        return parse_timestamp(value) if isinstance(value, str) else value
    if kind is Kind.JSON and textual:
        return orjson.loads(value) if isinstance(value, str) else value
    if kind is Kind.BOOLEAN and isinstance(value, str):
        return value.strip().lower() == "true"
    return value


def decode_graph(graph: nx.MultiDiGraph[str], fmt: Format | str) -> nx.MultiDiGraph[str]:
    """Restore a graph read from an export of `fmt` to `to_networkx`'s attribute values, in place.

    Every schema attribute is set on every node and edge (None where the file left it out);
    attributes outside the schema (a reader's own, such as Cytoscape's `name`) are kept.
    """
    form = Format(fmt)
    textual = form.textual
    for _, data in graph.nodes(data=True):
        for name, kind in NODE_ATTRIBUTES.items():
            data[name] = decode_value(_unquoted(data.get(name), form), kind, textual)
    for _, _, data in graph.edges(data=True):
        if form is Format.GEXF and "link_type" in data:  # `type` is GEXF's own edge attribute
            data["type"] = data.pop("link_type")
        for name, kind in EDGE_ATTRIBUTES.items():
            data[name] = decode_value(_unquoted(data.get(name), form), kind, textual)
    return graph


def unquote_dot(value: str) -> str:
    """The text of a DOT double-quoted string as networkx's pydot reader returns it (quotes
    and the backslash escapes `lineage.analytics.export.dot.quoted` writes undone)."""
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return _DOT_ESCAPE.sub(lambda m: "\n" if m.group(1) == "n" else m.group(1), value[1:-1])
    return value


_DOT_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def _unquoted(value: Any, form: Format) -> Any:
    return unquote_dot(value) if form is Format.DOT and isinstance(value, str) else value


def _jsonable(value: Any) -> Any:
    """What orjson cannot serialize itself: sets and tuples as lists, the rest as text."""
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)
