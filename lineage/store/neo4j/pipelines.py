"""Pipeline executions in Neo4j (`PipelineStore`): nodes, fact writers, reads.

Model: `(:PipelineExecution {id, origin, name, pipelineName, namespace, status, startedAt,
finishedAt, updatedAt, firstAt, sortTs, chainId, revision, labelKey, chainKey, body})`, one per
(id, origin): Weave resources (replaced only by a greater `revision`) and CDEvents run summaries
(merged part by part by `merge_run_summaries.cypher`, the rules of `RunSummary.merge`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final, TypeVar

from neo4j import ManagedTransaction

from lineage.model import Event
from lineage.model.fact import Fact
from lineage.model.pipeline import (
    ExecutionOrigin,
    ExecutionRevision,
    PipelineExecution,
    RunEvent,
    RunSummary,
)
from lineage.store.codec import event_from_record
from lineage.store.cursor import decode_cursor, encode_cursor
from lineage.store.neo4j.statements import OPEN_END, Nulls, Row, _rows, _rows_in, _run_batches
from lineage.store.pipeline_codec import execution_from_record, execution_record, ts
from lineage.store.pipelines import ExecutionFilter
from lineage.store.protocol import Page

R = TypeVar("R")

#: Constraints and indexes of pipeline executions, created idempotently with the store's schema.
PIPELINE_SCHEMA_STATEMENTS: Final = (
    "constraint_pipeline_execution_key",
    "index_pipeline_execution_sort_ts",
    "index_pipeline_execution_pipeline_name",
    "index_pipeline_execution_id",
)


def write_revisions(tx: ManagedTransaction, facts: Sequence[Fact]) -> None:
    """Store Weave execution revisions; a stored one is replaced by a greater revision only."""
    newest: dict[str, ExecutionRevision] = {}
    for fact in facts:
        if isinstance(fact, ExecutionRevision):
            known = newest.get(fact.execution.id)
            if known is None or known.revision < fact.revision:
                newest[fact.execution.id] = fact
    rows = []
    for key in sorted(newest):
        fact = newest[key]
        props: dict[str, Any] = execution_record(fact.execution)
        props.update(
            revision=fact.revision, labelKey="", chainKey="", firstAt=props["startedAt"]
        )
        rows.append({"id": key, "props": props})
    _run_batches(tx, "write_pipeline_revisions", rows)


def write_run_events(tx: ManagedTransaction, facts: Sequence[Fact]) -> None:
    """Merge the summary parts of CDEvents runs (one merged part per run and batch)."""
    merged: dict[str, RunSummary] = {}
    for fact in facts:
        if isinstance(fact, RunEvent):
            part = fact.summary
            known = merged.get(part.run_id)
            merged[part.run_id] = part if known is None else known.merge(part)
    rows = [{"id": key, "props": _summary_props(merged[key])} for key in sorted(merged)]
    _run_batches(tx, "merge_run_summaries", rows)


def _summary_props(part: RunSummary) -> dict[str, Any]:
    started, first = ts(part.started_at), ts(part.first_at)
    return {
        "id": part.run_id,
        "origin": ExecutionOrigin.CDEVENTS.value,
        "name": part.run_id,
        "pipelineName": part.pipeline_name,
        "namespace": part.namespace,
        "status": part.status.value,
        "startedAt": started,
        "finishedAt": ts(part.finished_at),
        "updatedAt": ts(part.last_at),
        "firstAt": first,
        "sortTs": started or first,
        "chainId": part.chain_id,
        "revision": part.status_key,
        "labelKey": part.label_key,
        "chainKey": part.chain_key,
    }


def _execution(row: Row) -> PipelineExecution:
    return execution_from_record(Nulls(row))


class Neo4jPipelines:
    """`PipelineStore` reads over the Neo4j store's sessions (a mixin of `Neo4jStore`)."""

    def _read(self, work: Callable[[ManagedTransaction], R]) -> R:
        raise NotImplementedError  # provided by Neo4jStore

    def get_pipeline_executions(self, ids: Sequence[str]) -> list[PipelineExecution]:
        """Stored executions with any of `ids` (a Weave and a CDEvents one may share an id)."""
        rows = self._read(lambda tx: _rows_in(tx, "get_pipeline_executions", ids))
        executions = [_execution(row) for row in rows]
        return sorted(executions, key=lambda x: (x.id, x.origin.value))

    def find_pipeline_executions(
        self, filter: ExecutionFilter, first: int, after: str | None
    ) -> Page[PipelineExecution]:
        """Stored executions matching `filter`, newest (start, else last update) first."""
        after_ts, after_id, after_origin = (
            decode_cursor(after, 3) if after is not None else (OPEN_END, "", "")
        )
        params: dict[str, Any] = {
            "pipelineName": filter.pipeline_name,
            "namespace": filter.namespace,
            "statuses": list(dict.fromkeys(filter.statuses)),
        }

        def work(tx: ManagedTransaction) -> tuple[int, list[Row]]:
            total = _rows(tx, "count_pipeline_executions", **params)[0]["total"]
            rows = _rows(
                tx, "find_pipeline_executions", **params, afterTs=after_ts, afterId=after_id,
                afterOrigin=after_origin, limit=first + 1,
            )  # fmt: skip
            return int(total), rows

        total_count, rows = self._read(work)
        items = [_execution(row) for row in rows[:first]]
        cursors = [encode_cursor(row["sortTs"], row["id"], row["origin"]) for row in rows[:first]]
        return Page(
            items, len(rows) > first, cursors[-1] if cursors else None, total_count, cursors
        )

    def events_of_subjects(
        self, subject_ids: Sequence[str], subject_types: Sequence[str]
    ) -> list[Event]:
        """Events about any of `subject_ids` of any of `subject_types`, by (timestamp, id)."""
        if not subject_ids or not subject_types:
            return []
        types = list(subject_types)
        return _by_time(
            self._read(
                lambda tx: _rows_in(tx, "events_of_subjects", subject_ids, subjectTypes=types)
            )
        )

    def events_in_chains(
        self, chain_ids: Sequence[str], subject_types: Sequence[str]
    ) -> list[Event]:
        """Events carrying any of `chain_ids` of any of `subject_types`, by (timestamp, id)."""
        if not chain_ids or not subject_types:
            return []
        types = list(subject_types)
        return _by_time(
            self._read(lambda tx: _rows_in(tx, "events_in_chains", chain_ids, subjectTypes=types))
        )

    def latest_subject_events(
        self, subject_id: str, subject_types: Sequence[str], limit: int
    ) -> list[Event]:
        """Up to `limit` events about `subject_id` of any of `subject_types`, newest first."""
        if not subject_types:
            return []
        rows = self._read(
            lambda tx: _rows(
                tx,
                "latest_subject_events",
                subjectId=subject_id,
                subjectTypes=list(subject_types),
                limit=limit,
            )
        )
        return [event_from_record(row) for row in rows]


def _by_time(rows: list[Row]) -> list[Event]:
    events = {row["id"]: event_from_record(row) for row in rows}
    return sorted(events.values(), key=lambda event: (event.timestamp, event.id))
