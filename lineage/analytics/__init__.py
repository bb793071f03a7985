"""The notebook-facing API: lineage as pandas DataFrames, networkx graphs and graph files.

Open a store with `open_store(path or bolt:// URI)`, then ask: `events_frame(store, since,
until)`, `dora_frames(store, since, until)` (deployments with failed/rework flags, lead times,
incidents, from the DORA service), `dora_weekly`, `critical_path_frame(store, chain_id)`,
`stage_stats_frame`, `stage_runs_frame`, `flaky_tests_frame`, `test_runs_frame`,
`to_networkx(store, chain=…)`. Every datetime column is aware UTC (`datetime64[us, UTC]`); the
`*_COLUMNS` dicts of each module document the columns. Everything goes through
`lineage.services`: nothing here stores, fetches or defines a metric by itself.
"""

from __future__ import annotations

from lineage.analytics.chains import critical_path, critical_path_frame
from lineage.analytics.dora import (
    DoraFrames,
    deployments_frame,
    dora_frames,
    dora_weekly,
    incidents_frame,
    lead_times_frame,
)
from lineage.analytics.events import events_frame
from lineage.analytics.graph import to_networkx
from lineage.analytics.instants import as_utc
from lineage.analytics.schema import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, Format, decode_graph
from lineage.analytics.stages import (
    flaky_tests_frame,
    stage_runs_frame,
    stage_stats_frame,
    test_runs_frame,
)
from lineage.store import open_store

__all__ = [
    "EDGE_ATTRIBUTES",
    "NODE_ATTRIBUTES",
    "DoraFrames",
    "Format",
    "as_utc",
    "critical_path",
    "critical_path_frame",
    "decode_graph",
    "deployments_frame",
    "dora_frames",
    "dora_weekly",
    "events_frame",
    "flaky_tests_frame",
    "incidents_frame",
    "lead_times_frame",
    "open_store",
    "stage_runs_frame",
    "stage_stats_frame",
    "test_runs_frame",
    "to_networkx",
]
