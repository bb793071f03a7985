"""Stage rows as both stores keep them: one record per pipeline run of a chain, its stage runs
as one compact JSON text (a list of lists; the run, pipeline and chain are the record's own)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from lineage.model.pipeline import ExecutionStatus
from lineage.model.stages import ChainStages, RunStages, StageRun
from lineage.store.pipeline_codec import ts

_STATUS = {status.value: status for status in ExecutionStatus}


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
    return run_stages_from_values(record["firstAt"], record["chainId"], record["runId"],
                                  record["pipelineName"], record["criticalSeconds"],
                                  record["stageRuns"])  # fmt: skip


def run_stages_from_values(
    first: str, chain_id: str, run_id: str, name: str | None, critical_seconds: float,
    stage_runs_text: str,
) -> RunStages:  # fmt: skip
    """A row back from its stored values (firstAt, chainId, runId, pipelineName,
    criticalSeconds, stageRuns)."""
    status_of, parse = _STATUS.__getitem__, datetime.fromisoformat
    stage_runs = tuple(
        StageRun(
            run_id, name, chain_id, stage_id, stage_name, attempt, status_of(status),
            parse(ready_at) if ready_at else None, parse(started_at) if started_at else None,
            parse(finished_at) if finished_at else None, queue, duration, on_path, critical,
            tuple(artifacts), tuple(event_ids),
        )
        for (stage_id, stage_name, attempt, status, ready_at, started_at, finished_at, queue,
             duration, on_path, critical, artifacts, event_ids) in orjson.loads(stage_runs_text)
    )  # fmt: skip
    return RunStages(chain_id, run_id, parse(first), name, critical_seconds, stage_runs)


def _stage_runs_text(runs: tuple[StageRun, ...]) -> str:
    return orjson.dumps([_stage_run_fields(r) for r in runs]).decode()


def _stage_run_fields(r: StageRun) -> list[Any]:
    return [r.stage_id, r.name, r.attempt, r.status.value, ts(r.ready_at), ts(r.started_at),
            ts(r.finished_at), r.queue_seconds, r.duration_seconds, r.on_critical_path,
            r.critical_seconds, r.artifacts, r.event_ids]  # fmt: skip
