"""What each `pipelinerun.*` event says about its run, as a fact stored with the event.

Stores merge these parts into the run's summary (`RunSummary.merge`), the listing of CDEvents
pipeline executions: status from the furthest phase (queued < started < finished, then time),
names from the latest event naming them, times by min / max. Order-independent by construction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lineage.ingest.statuses import execution_status
from lineage.model import Event, Link
from lineage.model.fact import Fact
from lineage.model.identity import format_timestamp
from lineage.model.pipeline import NO_KEY_HIGH, NO_KEY_LOW, ExecutionStatus, RunEvent, RunSummary
from lineage.store.protocol import Store

RUN_SUBJECT = "pipelineRun"
_PHASES = {"queued": 1, "started": 2, "finished": 3}


def finished_status(content: dict[str, Any]) -> ExecutionStatus:
    """The status a `finished` event reports: its `outcome`, else failed when it has `errors`."""
    outcome = content.get("outcome")
    status = execution_status(outcome) if isinstance(outcome, str) else None
    if status is not None:
        return status
    if outcome is None:
        return ExecutionStatus.FAILED if content.get("errors") else ExecutionStatus.SUCCEEDED
    return ExecutionStatus.UNKNOWN


def run_summary(event: Event) -> RunSummary | None:
    """The summary part one `pipelinerun.*` event makes, or None for any other event."""
    phase = _PHASES.get(event.predicate)
    if event.subject_type != RUN_SUBJECT or phase is None:
        return None
    content = event.subject_content
    if event.predicate == "finished":
        status = finished_status(content)
    else:
        status = ExecutionStatus.RUNNING if phase == 2 else ExecutionStatus.QUEUED
    key = f"{format_timestamp(event.timestamp)}|{event.id}"
    pipeline_name, namespace = _text(event, "pipelineName"), _text(event, "namespace")
    named = pipeline_name is not None or namespace is not None
    return RunSummary(
        run_id=event.subject_id,
        status=status,
        status_key=f"{phase}|{key}",
        first_at=event.timestamp,
        last_at=event.timestamp,
        started_at=event.timestamp if event.predicate == "started" else None,
        finished_at=event.timestamp if event.predicate == "finished" else None,
        pipeline_name=pipeline_name,
        namespace=namespace,
        label_key=key if named else NO_KEY_LOW,
        chain_id=event.chain_id,
        chain_key=key if event.chain_id is not None else NO_KEY_HIGH,
    )


def derive_run_events(
    store: Store, events: Sequence[Event], links: Sequence[Link], facts: Sequence[Fact]
) -> tuple[list[Link], list[Fact]]:
    """The deriver of pipeline runs (`lineage.ingest.derivations`): no links, the run facts."""
    return [], list(run_events(events))


def run_events(events: Sequence[Event]) -> list[RunEvent]:
    """The run facts of a batch's new events: one per `pipelinerun.*` event."""
    found = []
    for event in events:
        if event.subject_type == RUN_SUBJECT:
            summary = run_summary(event)
            if summary is not None:
                found.append(RunEvent(event.id, summary, event.digest))
    return found


def _text(event: Event, key: str) -> str | None:
    for holder in (event.subject_content, event.custom_data):
        if isinstance(holder, dict):
            value = holder.get(key)
            if isinstance(value, str) and value:
                return value
    return None
