"""Every export format round-trips through networkx's own readers: nodes, edges, attributes."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import networkx as nx
import pytest

from lineage.analytics import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, Format, decode_graph
from lineage.analytics.elements import GraphElements, window_elements
from lineage.analytics.export import write_export
from lineage.analytics.graph import collect, select
from lineage.analytics.schema import encode_attributes, unquote_dot
from lineage.store.embedded import EmbeddedStore
from tests.support.analytics_scenario import AWKWARD, CHAIN, ingest

Graph = nx.MultiDiGraph  # type: ignore[type-arg]

READERS: dict[Format, Callable[[Path], Any]] = {
    Format.GRAPHML: lambda p: nx.read_graphml(p, edge_key_type=str, force_multigraph=True),
    Format.GEXF: lambda p: nx.read_gexf(p),
    Format.NODE_LINK: lambda p: nx.node_link_graph(json.loads(p.read_text()), edges="edges"),
    Format.CYTOSCAPE: lambda p: nx.cytoscape_graph(json.loads(p.read_text())),
    Format.DOT: lambda p: nx.nx_pydot.read_dot(p),
}
SELECTIONS: dict[str, dict[str, Any]] = {
    "chain": {"chain": CHAIN},
    "around": {"around": "build", "depth": 2},
    "window": {
        "since": datetime(2026, 1, 5, tzinfo=UTC),
        "until": datetime(2026, 1, 7, tzinfo=UTC),
    },
}


@pytest.fixture
def store(tmp_path: Path) -> EmbeddedStore:
    """The scenario in an embedded store (formats do not depend on the backend)."""
    return ingest(EmbeddedStore(tmp_path / "lineage.db"))  # type: ignore[return-value]


def exported(elements: GraphElements, fmt: Format, path: Path) -> Graph:
    with path.open("w", encoding="utf-8") as file:
        write_export(elements, fmt, file)
    read = READERS[fmt](path)
    graph = read if read.is_multigraph() else nx.MultiDiGraph(read)
    return decode_graph(graph, fmt)


def key_of(fmt: Format, key: Any, data: dict[str, Any]) -> str:
    """The link id an edge was written under, as each reader hands it back."""
    if fmt is Format.DOT:
        return unquote_dot(str(key))  # pydot hands the `key` attribute over as the key
    return str(key)


def shape(graph: Graph, fmt: Format | None = None) -> tuple[dict[str, Any], list[Any]]:
    nodes = {n: {a: d[a] for a in NODE_ATTRIBUTES} for n, d in graph.nodes(data=True)}
    edges = sorted(
        (u, v, key_of(fmt, k, d) if fmt else k, json.dumps({a: d[a] for a in EDGE_ATTRIBUTES},
                                                          sort_keys=True, default=str))
        for u, v, k, d in graph.edges(keys=True, data=True)
    )  # fmt: skip
    return nodes, edges


@pytest.mark.parametrize("selection", SELECTIONS)
@pytest.mark.parametrize("fmt", list(Format), ids=lambda f: f.value)
def test_each_format_round_trips(
    store: EmbeddedStore, tmp_path: Path, fmt: Format, selection: str
) -> None:
    expected = collect(select(store, **SELECTIONS[selection]))

    read = exported(select(store, **SELECTIONS[selection]), fmt, tmp_path / f"g.{fmt.value}")

    assert expected.number_of_nodes() >= 3 and expected.number_of_edges() >= 3
    assert shape(read, fmt) == shape(expected)


@pytest.mark.parametrize("fmt", list(Format), ids=lambda f: f.value)
def test_values_formats_cannot_hold_come_back(store: EmbeddedStore, tmp_path: Path,
                                              fmt: Format) -> None:  # fmt: skip
    read = exported(select(store, chain=CHAIN), fmt, tmp_path / "g")

    tests = read.nodes["tests"]
    assert tests["custom_data"] == AWKWARD  # dict with quotes, backslashes, newlines, None
    assert tests["timestamp"] == datetime(2026, 1, 5, 9, 4, tzinfo=UTC)  # aware UTC again
    assert read.nodes["ticket-7"]["placeholder"] is True
    assert read.nodes["ticket-7"]["timestamp"] is None
    assert read.nodes["merge"]["open_links"][0]["type"] == "START"  # a one-ended link
    assert all(isinstance(d["inferred"], bool) for _, _, d in read.edges(data=True))


@pytest.mark.parametrize("fmt", [Format.GRAPHML, Format.NODE_LINK, Format.CYTOSCAPE])
def test_the_selection_travels_as_graph_attributes(store: EmbeddedStore, tmp_path: Path,
                                                   fmt: Format) -> None:  # fmt: skip
    read = exported(select(store, around="build", depth=2), fmt, tmp_path / "g")

    assert {k: read.graph[k] for k in ("selection", "root", "depth", "truncated")} == {
        "selection": "around", "root": "build", "depth": 2, "truncated": False,
    }  # fmt: skip


def test_gexf_reads_back_as_networkx_own_gexf_does(store: EmbeddedStore, tmp_path: Path) -> None:
    """networkx's GEXF writer produces what Gephi opens; ours must read back identically."""
    ours = nx.read_gexf(_write(select(store, chain=CHAIN), Format.GEXF, tmp_path / "ours.gexf"))
    reference = collect(select(store, chain=CHAIN))
    textual: Graph = nx.MultiDiGraph()
    for node, data in reference.nodes(data=True):
        textual.add_node(node, **encode_attributes(data, NODE_ATTRIBUTES, textual=True))
    for u, v, k, data in reference.edges(keys=True, data=True):
        encoded = encode_attributes(data, EDGE_ATTRIBUTES, textual=True)
        encoded["link_type"] = encoded.pop("type")  # networkx writes `type` as GEXF's own
        textual.add_edge(u, v, key=k, id=k, label=data["type"], **encoded)
    nx.write_gexf(textual, tmp_path / "nx.gexf")
    theirs = nx.read_gexf(tmp_path / "nx.gexf")

    assert dict(ours.nodes(data=True)) == dict(theirs.nodes(data=True))
    assert sorted(ours.edges(keys=True)) == sorted(theirs.edges(keys=True))
    for u, v, k, data in theirs.edges(keys=True, data=True):
        assert ours.edges[u, v, k] == data


def test_gexf_is_gexf_1_2_with_declared_attributes(store: EmbeddedStore, tmp_path: Path) -> None:
    root = ElementTree.parse(_write(select(store, chain=CHAIN), Format.GEXF, tmp_path / "g.gexf"))
    ns = {"g": "http://www.gexf.net/1.2draft"}

    assert root.getroot().tag == "{http://www.gexf.net/1.2draft}gexf"
    assert root.getroot().get("version") == "1.2"
    graph = root.find("g:graph", ns)
    assert graph is not None and graph.get("defaultedgetype") == "directed"
    children = [child.tag.split("}")[1] for child in graph]
    assert children == ["attributes", "attributes", "nodes", "edges"]
    declared = {
        (a.get("class"), b.get("id"))
        for a in graph.findall("g:attributes", ns)
        for b in a.findall("g:attribute", ns)
    }
    for domain in ("node", "edge"):
        for value in graph.iterfind(f"g:{domain}s/g:{domain}/g:attvalues/g:attvalue", ns):
            assert (domain, value.get("for")) in declared
    ids = [e.get("id") for e in graph.iterfind("g:edges/g:edge", ns)]
    assert len(ids) == len(set(ids))


class RecordingText(io.StringIO):
    """A text stream that remembers the size of every write."""

    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []

    def write(self, s: str) -> int:
        self.sizes.append(len(s))
        return super().write(s)


@pytest.mark.parametrize("fmt", list(Format), ids=lambda f: f.value)
def test_exports_are_written_as_they_are_read(store: EmbeddedStore, fmt: Format) -> None:
    window = SELECTIONS["window"]
    out = RecordingText()

    write_export(window_elements(store, window["since"], window["until"], page=2), fmt, out)

    total = len(out.getvalue())
    assert len(out.sizes) > 20
    assert max(out.sizes) < total / 4  # no write holds the document, or most of it


def _write(elements: GraphElements, fmt: Format, path: Path) -> Path:
    with path.open("w", encoding="utf-8") as file:
        write_export(elements, fmt, file)
    return path


def test_xml_escapes_what_it_must_and_refuses_what_it_cannot_hold() -> None:
    from lineage.analytics.export.xml_text import attr, text

    assert text("plain") == "plain" and attr("plain") == '"plain"'
    assert text("a<b & c>") == "a&lt;b &amp; c&gt;"
    awkward = 'say "hi"\n\tnow'
    assert ElementTree.fromstring("<x a=" + attr(awkward) + "/>").get("a") == awkward
    assert text(True) == "true"
    with pytest.raises(ValueError, match="cannot be written to XML"):
        text("bell \x07")
