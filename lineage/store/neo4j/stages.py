"""Stage rows in Neo4j (`StageStore`): `(:RunStages)` nodes, the fact writer, the window read.

Model: `(:RunStages {chainId, runId, firstAt, pipelineName, criticalSeconds, stageRuns})`, one
per pipeline run of a chain (`lineage.store.stage_codec`). A `ChainStages` fact replaces every
node of its chain (`delete_run_stages`, then `write_run_stages`); the window is one range seek of
the `firstAt` index (`run_stages_between`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Final, TypeVar

from neo4j import ManagedTransaction

from lineage.model.fact import Fact
from lineage.model.stages import ChainStages, RunStages
from lineage.store.neo4j.statements import _chunks, _rows, _run, _run_batches
from lineage.store.pipeline_codec import ts
from lineage.store.stage_codec import run_stages_from_record, run_stages_records

R = TypeVar("R")

#: Indexes of stage rows, created idempotently with the store's schema.
STAGE_SCHEMA_STATEMENTS: Final = ("index_run_stages_first_at", "index_run_stages_chain_id")


def write_chain_stages(tx: ManagedTransaction, facts: Sequence[Fact]) -> None:
    """Replace the stored rows of each chain with its latest computation (the last one given)."""
    latest = {fact.id: fact for fact in facts if isinstance(fact, ChainStages)}
    chain_ids = sorted(latest)
    for chunk in _chunks(chain_ids):
        _run(tx, "delete_run_stages", ids=list(chunk))
    _run_batches(
        tx, "write_run_stages", [r for c in chain_ids for r in run_stages_records(latest[c])]
    )


class Neo4jStages:
    """`StageStore` reads over the Neo4j store's sessions (a mixin of `Neo4jStore`)."""

    def _read(self, work: Callable[[ManagedTransaction], R]) -> R:
        raise NotImplementedError  # provided by Neo4jStore

    def run_stages_between(
        self, since: datetime, until: datetime, pipeline_name: str | None = None
    ) -> list[RunStages]:
        """The stage rows of the pipeline runs that began in `[since, until)` (of pipeline
        `pipeline_name` only, when given), by first time."""
        params = {"since": ts(since), "until": ts(until), "pipelineName": pipeline_name}
        rows = self._read(lambda tx: _rows(tx, "run_stages_between", **params))
        found = [run_stages_from_record(row) for row in rows]
        return sorted(found, key=lambda r: (r.first_at, r.chain_id, r.run_id))
