"""The notebook-facing API: lineage as networkx graphs and graph files (and pandas frames).

Open a store with `open_store(path or bolt:// URI)` and ask: `to_networkx(store, chain=…)`.
Everything here goes through `lineage.services`; nothing here stores or fetches by itself.
"""

from __future__ import annotations

from lineage.analytics.graph import to_networkx
from lineage.analytics.schema import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, Format, decode_graph
from lineage.store import open_store

__all__ = [
    "EDGE_ATTRIBUTES",
    "NODE_ATTRIBUTES",
    "Format",
    "decode_graph",
    "open_store",
    "to_networkx",
]
