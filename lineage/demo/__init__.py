"""Deterministic demo / load generator: realistic CDEvents v0.5.1 records at any volume."""

from lineage.demo.generator import (
    DEFAULT_START,
    SCENARIOS,
    SPEC_VERSION,
    demo_events,
    demo_live_states,
    demo_records,
    events_per_chain_estimate,
    sloppy_records,
    write_jsonl,
)
from lineage.demo.history import HISTORY_WEEKS, history_records

__all__ = [
    "DEFAULT_START",
    "HISTORY_WEEKS",
    "SCENARIOS",
    "SPEC_VERSION",
    "demo_events",
    "demo_live_states",
    "demo_records",
    "events_per_chain_estimate",
    "history_records",
    "sloppy_records",
    "write_jsonl",
]
