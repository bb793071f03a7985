"""Pipeline executions in the embedded store (`PipelineStore`): the table, fact writers, reads.

One table holds both kinds of execution, keyed by (id, origin): Weave resources (a row replaced
only by a greater `revision`) and CDEvents run summaries (rows merged part by part with the
rules of `RunSummary.merge`: SQLite evaluates every `SET` expression on the old row, so the
statement reads like the method). `sort_ts` (start, else first sign of the run) orders listings.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from lineage.model import Event
from lineage.model.fact import Fact
from lineage.model.pipeline import (
    ExecutionOrigin,
    ExecutionRevision,
    PipelineExecution,
    RunEvent,
    RunSummary,
)
from lineage.store.embedded import schema
from lineage.store.embedded.chains import select_in
from lineage.store.embedded.paging import keyset_page
from lineage.store.embedded.rows import event_from_row
from lineage.store.pipeline_codec import execution_from_record, execution_record, ts
from lineage.store.pipelines import ExecutionFilter
from lineage.store.protocol import Page

DDL = (
    """CREATE TABLE IF NOT EXISTS pipeline_executions (
        id TEXT NOT NULL,
        origin TEXT NOT NULL,
        name TEXT NOT NULL,
        pipeline_name TEXT,
        namespace TEXT,
        status TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT,
        updated_at TEXT,
        first_at TEXT,
        sort_ts TEXT NOT NULL,
        chain_id TEXT,
        revision TEXT NOT NULL,
        label_key TEXT NOT NULL,
        chain_key TEXT NOT NULL,
        body TEXT,
        PRIMARY KEY (id, origin)) WITHOUT ROWID""",
    """CREATE INDEX IF NOT EXISTS ix_pipeline_executions_recent
        ON pipeline_executions (sort_ts, id, origin)""",
    """CREATE INDEX IF NOT EXISTS ix_pipeline_executions_pipeline
        ON pipeline_executions (pipeline_name, sort_ts, id, origin)""",
)

_COLUMNS = (
    "id, origin, name, pipeline_name, namespace, status, started_at, finished_at, updated_at, "
    "first_at, sort_ts, chain_id, revision, label_key, chain_key, body"
)
_VALUES = ",".join("?" * 16)
_SELECT = (
    "SELECT id, origin, name, pipeline_name, namespace, status, started_at, finished_at, "
    "updated_at, sort_ts, chain_id, body FROM pipeline_executions"
)

_UPSERT_REVISION = f"""
    INSERT INTO pipeline_executions ({_COLUMNS}) VALUES ({_VALUES})
    ON CONFLICT (id, origin) DO UPDATE SET
        name = excluded.name, pipeline_name = excluded.pipeline_name,
        namespace = excluded.namespace, status = excluded.status,
        started_at = excluded.started_at, finished_at = excluded.finished_at,
        updated_at = excluded.updated_at, first_at = excluded.first_at,
        sort_ts = excluded.sort_ts, chain_id = excluded.chain_id, revision = excluded.revision,
        body = excluded.body
    WHERE excluded.revision > pipeline_executions.revision
"""

# `revision` of a summary is its status key. min()/max() of two values, either possibly NULL:
# min(coalesce(a, b), coalesce(b, a)).
_MERGE_SUMMARY = f"""
    INSERT INTO pipeline_executions ({_COLUMNS}) VALUES ({_VALUES})
    ON CONFLICT (id, origin) DO UPDATE SET
        status = CASE WHEN excluded.revision > revision THEN excluded.status ELSE status END,
        revision = max(revision, excluded.revision),
        pipeline_name = CASE WHEN excluded.label_key > label_key
            THEN excluded.pipeline_name ELSE pipeline_name END,
        namespace = CASE WHEN excluded.label_key > label_key
            THEN excluded.namespace ELSE namespace END,
        label_key = max(label_key, excluded.label_key),
        chain_id = CASE WHEN excluded.chain_key < chain_key
            THEN excluded.chain_id ELSE chain_id END,
        chain_key = min(chain_key, excluded.chain_key),
        started_at = min(coalesce(started_at, excluded.started_at),
                         coalesce(excluded.started_at, started_at)),
        finished_at = max(coalesce(finished_at, excluded.finished_at),
                          coalesce(excluded.finished_at, finished_at)),
        first_at = min(first_at, excluded.first_at),
        updated_at = max(updated_at, excluded.updated_at),
        sort_ts = coalesce(min(coalesce(started_at, excluded.started_at),
                               coalesce(excluded.started_at, started_at)),
                           min(first_at, excluded.first_at))
"""

Row = tuple[Any, ...]


def write_revisions(cursor: sqlite3.Cursor, facts: Sequence[Fact]) -> None:
    """Store Weave execution revisions; a stored one is replaced by a greater revision only."""
    rows = []
    for fact in facts:
        if isinstance(fact, ExecutionRevision):
            record = execution_record(fact.execution)
            rows.append(
                (
                    record["id"], record["origin"], record["name"], record["pipelineName"],
                    record["namespace"], record["status"], record["startedAt"],
                    record["finishedAt"], record["updatedAt"], record["startedAt"],
                    record["sortTs"], record["chainId"], fact.revision, "", "", record["body"],
                )
            )  # fmt: skip
    cursor.executemany(_UPSERT_REVISION, rows)


def write_run_events(cursor: sqlite3.Cursor, facts: Sequence[Fact]) -> None:
    """Merge the summary parts of CDEvents runs (one merged part per run and batch)."""
    merged: dict[str, RunSummary] = {}
    for fact in facts:
        if isinstance(fact, RunEvent):
            part = fact.summary
            known = merged.get(part.run_id)
            merged[part.run_id] = part if known is None else known.merge(part)
    cursor.executemany(_MERGE_SUMMARY, [_summary_row(merged[key]) for key in sorted(merged)])


def _summary_row(part: RunSummary) -> Row:
    started = ts(part.started_at)
    first = ts(part.first_at)
    return (
        part.run_id, ExecutionOrigin.CDEVENTS.value, part.run_id, part.pipeline_name,
        part.namespace, part.status.value, started, ts(part.finished_at), ts(part.last_at),
        first, started or first, part.chain_id, part.status_key, part.label_key,
        part.chain_key, None,
    )  # fmt: skip


def _execution(row: Row) -> PipelineExecution:
    keys = (
        "id", "origin", "name", "pipelineName", "namespace", "status", "startedAt",
        "finishedAt", "updatedAt", "sortTs", "chainId", "body",
    )  # fmt: skip
    return execution_from_record(dict(zip(keys, row, strict=True)))


class EmbeddedPipelines:
    """`PipelineStore` over the embedded store's connections (a mixin of `EmbeddedStore`)."""

    @property
    def _reader(self) -> sqlite3.Connection:
        raise NotImplementedError  # provided by EmbeddedStore

    def get_pipeline_executions(self, ids: Sequence[str]) -> list[PipelineExecution]:
        """Stored executions with any of `ids` (a Weave and a CDEvents one may share an id)."""
        rows = select_in(self._reader, f"{_SELECT} WHERE id IN ({{}})", ids)
        return [_execution(row) for row in sorted(rows, key=lambda row: (row[0], row[1]))]

    def find_pipeline_executions(
        self, filter: ExecutionFilter, first: int, after: str | None
    ) -> Page[PipelineExecution]:
        """Stored executions matching `filter`, newest (start, else last update) first."""
        where: list[str] = []
        params: list[Any] = []
        for column, value in (("pipeline_name", filter.pipeline_name),
                              ("namespace", filter.namespace)):  # fmt: skip
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if filter.statuses:
            where.append(f"status IN ({','.join('?' * len(filter.statuses))})")
            params.extend(filter.statuses)
        return keyset_page(
            self._reader,
            table="pipeline_executions",
            select=_SELECT,
            where=where,
            params=params,
            order=("sort_ts", "id", "origin"),
            descending=True,
            first=first,
            after=after,
            item=_execution,
            key=lambda row: (row[9], row[0], row[1]),
        )

    def events_of_subjects(
        self, subject_ids: Sequence[str], subject_types: Sequence[str]
    ) -> list[Event]:
        """Events about any of `subject_ids` of any of `subject_types`, by (timestamp, id)."""
        return self._events_where("subject_id", subject_ids, subject_types)

    def events_in_chains(
        self, chain_ids: Sequence[str], subject_types: Sequence[str]
    ) -> list[Event]:
        """Events carrying any of `chain_ids` of any of `subject_types`, by (timestamp, id)."""
        return self._events_where("chain_id", chain_ids, subject_types)

    def latest_subject_events(
        self, subject_id: str, subject_types: Sequence[str], limit: int
    ) -> list[Event]:
        """Up to `limit` events about `subject_id` of any of `subject_types`, newest first."""
        if not subject_types:
            return []
        marks = ",".join("?" * len(subject_types))
        rows = self._reader.execute(
            f"{schema.SELECT_EVENTS} WHERE subject_id = ? AND subject_type IN ({marks}) "
            "ORDER BY ts DESC, id DESC LIMIT ?",
            [subject_id, *subject_types, limit],
        )
        return [event_from_row(row) for row in rows]

    def _events_where(
        self, column: str, values: Sequence[str], subject_types: Sequence[str]
    ) -> list[Event]:
        if not values or not subject_types:
            return []
        marks = ",".join("?" * len(subject_types))
        query = f"{schema.SELECT_EVENTS} WHERE {column} IN ({{}}) AND subject_type IN ({marks})"
        rows = select_in(self._reader, query, values, subject_types)
        events = [event_from_row(row) for row in rows]
        return sorted(events, key=lambda event: (event.timestamp, event.id))
