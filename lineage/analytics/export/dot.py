"""DOT (Graphviz), written statement by statement: every attribute as quoted text."""

from __future__ import annotations

from typing import Any, TextIO

from lineage.analytics.elements import GraphElements
from lineage.analytics.schema import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, encode_attributes


def write_dot(elements: GraphElements, out: TextIO) -> None:
    """Write a `strict`-free `digraph` (parallel edges kept): node statements first, then edge
    statements with `key` (the link id); dicts and lists as JSON text, instants as RFC 3339,
    booleans as `true`/`false`, None values left out. The selection is graph attributes."""
    out.write("digraph lineage {\n")
    for name, value in elements.graph.items():
        if value is not None:
            out.write(f"  {name}={quoted(value)};\n")
    for node, attributes in elements.nodes():
        encoded = encode_attributes(attributes, NODE_ATTRIBUTES, textual=True)
        out.write(f"  {quoted(node)} [{_attributes(encoded)}];\n")
    for source, target, key, attributes in elements.edges():
        encoded = {"key": key, **encode_attributes(attributes, EDGE_ATTRIBUTES, textual=True)}
        out.write(f"  {quoted(source)} -> {quoted(target)} [{_attributes(encoded)}];\n")
    out.write("}\n")


def quoted(value: Any) -> str:
    """A DOT double-quoted string: `"` escaped; a backslash escaped where it would otherwise
    escape the character after it (before a quote, a newline or at the end)."""
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def _attributes(encoded: dict[str, Any]) -> str:
    return ", ".join(f"{name}={quoted(value)}" for name, value in encoded.items())
