"""Live state in the embedded store (`LiveStateStore`): tables, the fact writer, the reads.

`livestate_reports` holds every report (history); `livestate_latest` the latest report of each
(application, deploy target), replaced only by a later one, so reading what runs now is one
primary-key range. The writer runs inside the store's write transaction: it inserts history,
advances `livestate_latest`, then prunes each touched target's history older than the retention
before the newest report written for it (their identity rows in `facts` with them).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from lineage.config import livestate_settings
from lineage.model.fact import Fact
from lineage.model.livestate import LiveStateReport
from lineage.store.embedded.paging import keyset_page
from lineage.store.pipeline_codec import report_body, report_from_record, ts
from lineage.store.protocol import Page

KIND = LiveStateReport.kind

DDL = (
    # Clustered by target and time (a report's id is the hash of this key): a write appends to
    # its target's range, history pages and pruning are range scans, and no other index is kept.
    """CREATE TABLE IF NOT EXISTS livestate_reports (
        application_id TEXT NOT NULL,
        deploy_target TEXT NOT NULL,
        reported_at TEXT NOT NULL,
        id TEXT NOT NULL,
        digest TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (application_id, deploy_target, reported_at)) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS livestate_latest (
        application_id TEXT NOT NULL,
        deploy_target TEXT NOT NULL,
        id TEXT NOT NULL,
        reported_at TEXT NOT NULL,
        digest TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (application_id, deploy_target)) WITHOUT ROWID""",
)

_COLUMNS = "id, application_id, deploy_target, reported_at, digest, body"
_INSERT_REPORT = f"INSERT OR IGNORE INTO livestate_reports ({_COLUMNS}) VALUES (?,?,?,?,?,?)"
_UPSERT_LATEST = f"""
    INSERT INTO livestate_latest ({_COLUMNS}) VALUES (?,?,?,?,?,?)
    ON CONFLICT (application_id, deploy_target) DO UPDATE SET
        id = excluded.id, reported_at = excluded.reported_at, digest = excluded.digest,
        body = excluded.body
    WHERE excluded.reported_at > livestate_latest.reported_at
"""
_PRUNE = """
    DELETE FROM livestate_reports
    WHERE application_id = ? AND deploy_target = ? AND reported_at < ?
    RETURNING id
"""
_FORGET = "DELETE FROM facts WHERE kind = ? AND id = ?"

Row = tuple[Any, ...]


def write_live_states(cursor: sqlite3.Cursor, facts: Sequence[Fact]) -> None:
    """Store new reports, advance the latest per target, prune history past the retention."""
    reports = [fact for fact in facts if isinstance(fact, LiveStateReport)]
    rows = [_row(report) for report in reports]
    cursor.executemany(_INSERT_REPORT, rows)
    cursor.executemany(_UPSERT_LATEST, rows)
    newest: dict[tuple[str, str], datetime] = {}
    for report in reports:
        key = (report.application_id, report.deploy_target)
        known = newest.get(key)
        if known is None or known < report.reported_at:
            newest[key] = report.reported_at
    prune(cursor, newest)


def prune(
    cursor: sqlite3.Cursor,
    newest: dict[tuple[str, str], datetime],
    retention: timedelta | None = None,
) -> None:
    """Delete each target's history older than `retention` (default: the setting) before the
    newest report just written for it (never later than the latest, so the latest stays)."""
    keep = retention if retention is not None else livestate_settings().retention
    for (application_id, deploy_target), moment in sorted(newest.items()):
        cutoff = ts(moment - keep)
        gone = cursor.execute(_PRUNE, (application_id, deploy_target, cutoff)).fetchall()
        if gone:
            cursor.executemany(_FORGET, [(KIND, row[0]) for row in gone])


def _row(report: LiveStateReport) -> Row:
    return (
        report.id,
        report.application_id,
        report.deploy_target,
        ts(report.reported_at),
        report.digest,
        report_body(report),
    )


def _report(row: Row) -> LiveStateReport:
    return report_from_record(
        {
            "id": row[0],
            "applicationId": row[1],
            "deployTarget": row[2],
            "reportedAt": row[3],
            "digest": row[4],
            "body": row[5],
        }
    )


class EmbeddedLiveState:
    """`LiveStateStore` over the embedded store's connections (a mixin of `EmbeddedStore`)."""

    @property
    def _reader(self) -> sqlite3.Connection:
        raise NotImplementedError  # provided by EmbeddedStore

    def latest_live_states(self, application_id: str) -> list[LiveStateReport]:
        """The latest report of each deploy target of an application, by deploy target."""
        rows = self._reader.execute(
            f"SELECT {_COLUMNS} FROM livestate_latest WHERE application_id = ? "
            "ORDER BY deploy_target",
            (application_id,),
        )
        return [_report(row) for row in rows]

    def live_state_history(
        self, application_id: str, deploy_target: str, first: int, after: str | None
    ) -> Page[LiveStateReport]:
        """Reports of one (application, deploy target), newest first, after cursor `after`."""
        return keyset_page(
            self._reader,
            table="livestate_reports",
            select=f"SELECT {_COLUMNS} FROM livestate_reports",
            where=["application_id = ?", "deploy_target = ?"],
            params=[application_id, deploy_target],
            order=("reported_at", "id"),
            descending=True,
            first=first,
            after=after,
            item=_report,
            key=lambda row: (row[3], row[0]),
        )
