"""The stage-row part of the store protocol: the rows stage statistics aggregate.

Rows arrive as `ChainStages` facts (`Store.write`), derived at ingest from a chain's events each
time it changes (`lineage.ingest.stage_rows`); a chain's fact replaces all of its stored rows.
Each backend implements the read in its own module (`lineage.store.embedded.stages`,
`lineage.store.neo4j.stages`) as one range seek over the runs' first times.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from lineage.model.stages import RunStages


class StageStore(Protocol):
    """Stored stage rows: one per pipeline run of a chain."""

    def run_stages_between(
        self, since: datetime, until: datetime, pipeline_name: str | None = None
    ) -> list[RunStages]:
        """The stage rows of the pipeline runs that began in `[since, until)` (of pipeline
        `pipeline_name` only, when given), by first time."""
        ...
