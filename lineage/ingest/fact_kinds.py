"""The record kinds besides CDEvents and links ("facts"), by their `kind` field.

A fact kind is registered here with the function that parses its raw record; ingest then applies
the same identity rules as for events (same id + same digest = duplicate, different digest =
conflict, the first is kept) and hands new facts to the store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lineage.ingest.livestate import parse_live_state
from lineage.ingest.pipecd import PIPECD_PARSERS
from lineage.ingest.weave import parse_weave_revision
from lineage.model.fact import Fact

FactParser = Callable[[dict[str, Any]], Fact]

#: `kind` value -> parser. Each feature adds its kinds here (one line each).
FACT_PARSERS: dict[str, FactParser] = {
    "ApplicationLiveState": parse_live_state,
    "PipelineExecution": parse_weave_revision,
    **PIPECD_PARSERS,  # DeploymentTrace, Deployment, ManifestCommit (commit trace)
}
