"""Stage rows in the embedded store (`StageStore`): the table, the fact writer, the window read.

`run_stages` holds one row per pipeline run of a chain, keyed by the run's first time first, so
the window's rows are one range seek of the primary key; a `ChainStages` fact replaces every row
of its chain (found by `ix_run_stages_chain`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime

from lineage.model.fact import Fact
from lineage.model.stages import ChainStages, RunStages
from lineage.store.pipeline_codec import ts
from lineage.store.stage_codec import run_stages_from_values, run_stages_records

DDL = (
    """CREATE TABLE IF NOT EXISTS run_stages (
        first_at TEXT NOT NULL,
        chain_id TEXT NOT NULL,
        run_id TEXT NOT NULL,
        pipeline_name TEXT,
        critical_seconds REAL NOT NULL,
        stage_runs TEXT NOT NULL,
        PRIMARY KEY (first_at, chain_id, run_id)) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS ix_run_stages_chain ON run_stages (chain_id)",
)
_DELETE = "DELETE FROM run_stages WHERE chain_id = ?"
_INSERT = """INSERT OR REPLACE INTO run_stages
    (first_at, chain_id, run_id, pipeline_name, critical_seconds, stage_runs)
    VALUES (:firstAt, :chainId, :runId, :pipelineName, :criticalSeconds, :stageRuns)"""
_BETWEEN = """SELECT first_at, chain_id, run_id, pipeline_name, critical_seconds, stage_runs
    FROM run_stages WHERE first_at >= ?1 AND first_at < ?2
        AND (?3 IS NULL OR pipeline_name = ?3) ORDER BY first_at, chain_id, run_id"""


def write_chain_stages(cursor: sqlite3.Cursor, facts: Sequence[Fact]) -> None:
    """Replace the stored rows of each chain with its latest computation (the last one given)."""
    latest = {fact.id: fact for fact in facts if isinstance(fact, ChainStages)}
    chain_ids = sorted(latest)
    cursor.executemany(_DELETE, [(chain_id,) for chain_id in chain_ids])
    cursor.executemany(
        _INSERT, [record for c in chain_ids for record in run_stages_records(latest[c])]
    )


class EmbeddedStages:
    """`StageStore` over the embedded store's connections (a mixin of `EmbeddedStore`)."""

    @property
    def _reader(self) -> sqlite3.Connection:
        raise NotImplementedError  # provided by EmbeddedStore

    def run_stages_between(
        self, since: datetime, until: datetime, pipeline_name: str | None = None
    ) -> list[RunStages]:
        """The stage rows of the pipeline runs that began in `[since, until)` (of pipeline
        `pipeline_name` only, when given), by first time."""
        rows = self._reader.execute(_BETWEEN, (ts(since), ts(until), pipeline_name))
        return [run_stages_from_values(*row) for row in rows]
