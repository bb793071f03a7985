"""Flat records of pipeline executions and live-state reports, the same for every backend.

Scalars stay scalar (indexable, fixed-width UTC timestamp text); nested parts are JSON text.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from lineage.model.identity import format_timestamp
from lineage.model.livestate import LiveResource, LiveStateReport
from lineage.model.pipeline import (
    Condition,
    EnvironmentRun,
    EnvironmentStatus,
    ExecutionOrigin,
    ExecutionStatus,
    PipelineExecution,
    Stage,
)


def ts(value: datetime | None) -> str | None:
    """Fixed-width UTC text of an instant (text order is time order), or None."""
    return format_timestamp(value) if value is not None else None


def instant(text: str | None) -> datetime | None:
    """The instant stored as `ts` text, or None."""
    return datetime.fromisoformat(text) if text else None


# -- pipeline executions ----------------------------------------------------------------------


def execution_body(execution: PipelineExecution) -> str:
    """The JSON body of an execution: everything its columns do not hold."""
    return orjson.dumps(
        {
            "pipelineNamespace": execution.pipeline_namespace,
            "params": execution.params,
            "trigger": execution.trigger,
            "conditions": [
                [c.type, c.status, c.reason, c.message, ts(c.last_transition_time)]
                for c in execution.conditions
            ],
            "stages": [_stage(s) for s in execution.stages],
            "environments": [
                [e.name, e.order, e.status.value, ts(e.time), e.artifact_id, list(e.event_ids)]
                for e in execution.environments
            ],
            "eventIds": list(execution.event_ids),
        }
    ).decode()


def _stage(stage: Stage) -> list[Any]:
    return [
        stage.id,
        stage.name,
        stage.status.value,
        ts(stage.started_at),
        ts(stage.finished_at),
        list(stage.artifacts),
        list(stage.event_ids),
    ]


def _stage_from(values: list[Any]) -> Stage:
    sid, name, status, start, end, artifacts, events = values
    return Stage(
        sid, name, ExecutionStatus(status), instant(start), instant(end), tuple(artifacts),
        tuple(events),
    )


def _environment_from(values: list[Any]) -> EnvironmentRun:
    name, order, status, when, artifact, events = values
    return EnvironmentRun(
        name, order, EnvironmentStatus(status), instant(when), artifact, tuple(events)
    )


def execution_record(execution: PipelineExecution) -> dict[str, Any]:
    """An execution as a flat record: indexable columns plus `body`."""
    return {
        "id": execution.id,
        "origin": execution.origin.value,
        "name": execution.name,
        "pipelineName": execution.pipeline_name,
        "namespace": execution.namespace,
        "status": execution.status.value,
        "startedAt": ts(execution.started_at),
        "finishedAt": ts(execution.finished_at),
        "updatedAt": ts(execution.updated_at),
        "sortTs": execution_sort_ts(execution),
        "chainId": execution.chain_id,
        "body": execution_body(execution),
    }


def execution_sort_ts(execution: PipelineExecution) -> str:
    """The listing key of an execution: when it started, else when it was last updated."""
    return ts(execution.started_at) or ts(execution.updated_at) or ""


def execution_from_record(record: dict[str, Any]) -> PipelineExecution:
    """Rebuild an execution from `execution_record` (a CDEvents summary has no `body`)."""
    body = orjson.loads(record["body"]) if record.get("body") else {}
    return PipelineExecution(
        id=record["id"],
        name=record["name"],
        origin=ExecutionOrigin(record["origin"]),
        status=ExecutionStatus(record["status"]),
        pipeline_name=record["pipelineName"],
        namespace=record["namespace"],
        pipeline_namespace=body.get("pipelineNamespace"),
        started_at=instant(record["startedAt"]),
        finished_at=instant(record["finishedAt"]),
        updated_at=instant(record["updatedAt"]),
        params=body.get("params") or {},
        trigger=body.get("trigger"),
        conditions=tuple(
            Condition(kind, status, reason, message, instant(when))
            for kind, status, reason, message, when in body.get("conditions", ())
        ),
        stages=tuple(_stage_from(values) for values in body.get("stages", ())),
        environments=tuple(_environment_from(values) for values in body.get("environments", ())),
        chain_id=record.get("chainId"),
        event_ids=tuple(body.get("eventIds", ())),
    )


# -- live state -------------------------------------------------------------------------------


def report_body(report: LiveStateReport) -> str:
    """The JSON body of a live-state report: its application name and resources."""
    return orjson.dumps(
        {
            "applicationName": report.application_name,
            "resources": [
                [r.kind, r.name, r.namespace, r.health, r.version] for r in report.resources
            ],
        }
    ).decode()


def report_record(report: LiveStateReport) -> dict[str, Any]:
    """A report as a flat record."""
    return {
        "id": report.id,
        "applicationId": report.application_id,
        "deployTarget": report.deploy_target,
        "reportedAt": ts(report.reported_at),
        "digest": report.digest,
        "body": report_body(report),
    }


def report_from_record(record: dict[str, Any]) -> LiveStateReport:
    """Rebuild a report from `report_record`."""
    body = orjson.loads(record["body"])
    reported = instant(record["reportedAt"])
    assert reported is not None
    return LiveStateReport(
        id=record["id"],
        application_id=record["applicationId"],
        deploy_target=record["deployTarget"],
        reported_at=reported,
        resources=tuple(LiveResource(*resource) for resource in body["resources"]),
        application_name=body.get("applicationName"),
        digest=record["digest"],
    )
