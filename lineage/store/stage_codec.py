"""Stage rows as both stores keep them: one record per pipeline run of a chain, its stage runs
as one compact JSON text (a list of lists; the run, pipeline and chain are the record's own)."""

from __future__ import annotations

from typing import Any

import orjson

from lineage.model.pipeline import ExecutionStatus
from lineage.model.stages import ChainStages, RunStages, StageRun
from lineage.store.pipeline_codec import instant, ts


def run_stages_records(fact: ChainStages) -> list[dict[str, Any]]:
    """The records of a chain's rows: chainId, runId, firstAt, pipelineName, criticalSeconds,
    stageRuns (timestamps as fixed-width UTC text, which sorts like time)."""
    return [
        {
            "chainId": run.chain_id,
            "runId": run.run_id,
            "firstAt": ts(run.first_at),
            "pipelineName": run.pipeline_name,
            "criticalSeconds": run.chain_critical_seconds,
            "stageRuns": _stage_runs_text(run.stage_runs),
        }
        for run in fact.runs
    ]


def run_stages_from_record(record: Any) -> RunStages:
    """A row back from its record (a mapping with `run_stages_records`' keys)."""
    chain_id, run_id, name = record["chainId"], record["runId"], record["pipelineName"]
    first_at = instant(record["firstAt"])
    if first_at is None:  # pragma: no cover - written NOT NULL
        raise ValueError(f"stage row {chain_id}/{run_id} has no firstAt")
    stage_runs = tuple(
        StageRun(
            pipeline_run_id=run_id,
            pipeline_name=name,
            chain_id=chain_id,
            stage_id=stage_id,
            name=stage_name,
            attempt=attempt,
            status=ExecutionStatus(status),
            ready_at=instant(ready_at),
            started_at=instant(started_at),
            finished_at=instant(finished_at),
            queue_seconds=queue,
            duration_seconds=duration,
            on_critical_path=on_path,
            critical_seconds=critical,
            artifacts=tuple(artifacts),
            event_ids=tuple(event_ids),
        )
        for (stage_id, stage_name, attempt, status, ready_at, started_at, finished_at, queue,
             duration, on_path, critical, artifacts, event_ids) in orjson.loads(record["stageRuns"])
    )  # fmt: skip
    return RunStages(chain_id, run_id, first_at, name, record["criticalSeconds"], stage_runs)


def _stage_runs_text(runs: tuple[StageRun, ...]) -> str:
    return orjson.dumps([_stage_run_fields(r) for r in runs]).decode()


def _stage_run_fields(r: StageRun) -> list[Any]:
    return [r.stage_id, r.name, r.attempt, r.status.value, ts(r.ready_at), ts(r.started_at),
            ts(r.finished_at), r.queue_seconds, r.duration_seconds, r.on_critical_path,
            r.critical_seconds, r.artifacts, r.event_ids]  # fmt: skip
