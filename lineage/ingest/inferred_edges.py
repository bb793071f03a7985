"""Inferred edges for a batch, whichever side of an edge arrived first.

An inferred edge joins two events that mention one subject at different stages
(`lineage.ingest.inference`). Ingest stores every mention with its event, indexed by slot; a new
event looks up the stored mentions of the other stages of each subject it mentions and gets an
edge to or from each, and the mentions within its own batch are joined too. So the edge appears
when its second event arrives, whether that is the referencing or the referenced one: the stored
graph is the same in any arrival order (edges are materialized, read by every traversal like any
link, and told apart by `inferred`).
"""

from __future__ import annotations

from collections.abc import Sequence

from lineage.ingest.inference import inferred_links, other_slots
from lineage.model import Link
from lineage.model.mention import Mention
from lineage.store.traces import TraceStore


def derive_inferred_links(store: TraceStore, new: Sequence[Mention]) -> list[Link]:
    """The inferred edges between `new` mentions, and between them and stored ones."""
    if not new:
        return []
    wanted = sorted({slot for mention in new for slot in other_slots(mention)})
    known = store.mentions_in_slots(wanted)
    return inferred_links(new, known)
