"""Live state in Neo4j (`LiveStateStore`): nodes, the fact writer, the reads.

Model: `(:LiveState {id, applicationId, deployTarget, reportedAt, digest, body})` is one report
of history; `(:LiveStateLatest {key, ...the same})` the latest report of each (application,
deploy target), replaced only by a later one. The writer runs inside the store's write
transaction: history, then the latest nodes, then pruning of each touched target's history
older than the retention before the newest report written for it (their `(:Fact)` identity
nodes with them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Final, TypeVar

from neo4j import ManagedTransaction

from lineage.config import livestate_settings
from lineage.model.fact import Fact
from lineage.model.livestate import LiveStateReport
from lineage.store.cursor import decode_cursor, encode_cursor
from lineage.store.neo4j.statements import OPEN_END, Row, _rows, _rows_in, _run_batches
from lineage.store.pipeline_codec import instant, report_from_record, report_record, ts
from lineage.store.protocol import Page

R = TypeVar("R")

#: Constraints and indexes of live state, created idempotently with the store's schema.
LIVESTATE_SCHEMA_STATEMENTS: Final = (
    "constraint_live_state_id",
    "index_live_state_target",
    "constraint_live_state_latest_key",
    "index_live_state_latest_application",
)


def latest_key(application_id: str, deploy_target: str) -> str:
    """The key of the latest-report node of one (application, deploy target)."""
    return f"{application_id}\x1f{deploy_target}"


def write_live_states(tx: ManagedTransaction, facts: Sequence[Fact]) -> None:
    """Store new reports, advance the latest per target, prune history past the retention."""
    reports = [fact for fact in facts if isinstance(fact, LiveStateReport)]
    records = [report_record(report) for report in reports]
    _run_batches(tx, "write_live_states", [{"id": r["id"], "props": r} for r in records])
    latest: dict[str, Row] = {}
    for record in records:
        key = latest_key(record["applicationId"], record["deployTarget"])
        known = latest.get(key)
        if known is None or known["reportedAt"] < record["reportedAt"]:
            latest[key] = record
    newest = [latest[key] for key in sorted(latest)]
    rows = [{"key": key, "props": latest[key]} for key in sorted(latest)]
    _run_batches(tx, "write_live_state_latest", rows)
    prune(tx, newest)


def prune(
    tx: ManagedTransaction, newest: Sequence[Row], retention: timedelta | None = None
) -> None:
    """Delete each target's history older than `retention` (default: the setting) before the
    newest report just written for it (`newest`: report records, one per target)."""
    keep = retention if retention is not None else livestate_settings().retention
    cutoffs = []
    for record in newest:
        moment = instant(record["reportedAt"])
        assert moment is not None
        cutoffs.append(
            {
                "applicationId": record["applicationId"],
                "deployTarget": record["deployTarget"],
                "cutoff": ts(moment - keep),
            }
        )
    if not cutoffs:
        return
    expired = [row["id"] for row in _rows(tx, "expired_live_states", rows=cutoffs)]
    if expired:
        _rows_in(tx, "delete_live_states", expired)


class Neo4jLiveState:
    """`LiveStateStore` reads over the Neo4j store's sessions (a mixin of `Neo4jStore`)."""

    def _read(self, work: Callable[[ManagedTransaction], R]) -> R:
        raise NotImplementedError  # provided by Neo4jStore

    def latest_live_states(self, application_id: str) -> list[LiveStateReport]:
        """The latest report of each deploy target of an application, by deploy target."""
        rows = self._read(
            lambda tx: _rows(tx, "latest_live_states", applicationId=application_id)
        )
        return [report_from_record(row) for row in rows]

    def live_state_history(
        self, application_id: str, deploy_target: str, first: int, after: str | None
    ) -> Page[LiveStateReport]:
        """Reports of one (application, deploy target), newest first, after cursor `after`."""
        after_ts, after_id = decode_cursor(after, 2) if after is not None else (OPEN_END, "")
        target = {"applicationId": application_id, "deployTarget": deploy_target}

        def work(tx: ManagedTransaction) -> tuple[int, list[Row]]:
            total = _rows(tx, "count_live_state_history", **target)[0]["total"]
            rows = _rows(
                tx, "live_state_history", **target, afterTs=after_ts, afterId=after_id,
                limit=first + 1,
            )  # fmt: skip
            return int(total), rows

        total_count, rows = self._read(work)
        items = [report_from_record(row) for row in rows[:first]]
        cursors = [encode_cursor(row["reportedAt"], row["id"]) for row in rows[:first]]
        return Page(
            items, len(rows) > first, cursors[-1] if cursors else None, total_count, cursors
        )
