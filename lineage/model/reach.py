"""How far a commit trace reaches: the links it follows and its bounds (one place for the walks
services take at read time and the ones ingest takes for derived rows)."""

from __future__ import annotations

from lineage.model.link import LinkType

#: Link types a trace follows (START only marks where a chain begins; RELATION points either way).
TRACE_LINK_TYPES = (LinkType.PATH, LinkType.END)
#: Kinds of inferred edges a trace does not follow.
SKIPPED_INFERRED_KINDS = frozenset({"ENVIRONMENT"})
#: How far (link hops) and how many events one reach may go.
MAX_REACH_DEPTH = 64
MAX_REACH_EVENTS = 20_000
