"""The Neo4j backend's trace index (`TraceStore`): a mixin of `Neo4jStore`.

Model: `(:Commit {hash, createdAt, updatedAt, projectId, listed})` is the commit index;
`(:Event)-[:NAMES_COMMIT {details}]->(:Commit)` says which events name which commit;
`(:DeploymentTrace)`, `(:Deployment)` and `(:ManifestCommit)-[:NAMES_SOURCE]->(:Commit)` hold
PipeCD's records; `(:Event)-[:AT_STAGE]->(:SubjectStage {slot})` the subject mentions that inferred
edges are derived from. Every statement is a file under `cypher/`. The writers of the fact kinds
`TraceIndex`, `DeploymentTrace`, `Deployment` and `ManifestCommit` (registered with
`lineage.store.neo4j.facts` on import, with the schema statements) run inside the store's write
transaction, after the events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import Any, Final, TypeVar

from neo4j import ManagedTransaction

from lineage.model import Event, format_timestamp
from lineage.model.commit import CommitEntry, CommitMention, MentionTime
from lineage.model.deployment_status import DeploymentStatus
from lineage.model.fact import Fact
from lineage.model.mention import Mention
from lineage.model.pipecd import Deployment, DeploymentTrace, ManifestCommit
from lineage.model.trace_index import TraceIndex
from lineage.store import trace_codec as codec
from lineage.store.codec import event_from_record, parse_time
from lineage.store.cursor import decode_cursor, encode_cursor
from lineage.store.neo4j import queries
from lineage.store.neo4j.facts import FACT_SCHEMA_STATEMENTS, FACT_WRITERS
from lineage.store.protocol import Page
from lineage.store.traces import CommitFacts, DeploymentSources

R = TypeVar("R")
T = TypeVar("T")
Row = dict[str, Any]

#: Rows per UNWIND batch.
CHUNK: Final = 5000
#: Upper bound of the fixed-width timestamp text, for first-page cursors.
OPEN_END: Final = "\uffff"

#: Constraints and indexes of the trace index, created idempotently with the store's schema.
TRACE_SCHEMA_STATEMENTS: Final = (
    "constraint_commit_hash",
    "index_commit_updated_at",
    "index_commit_project_id",
    "constraint_deployment_trace_id",
    "index_deployment_trace_commit_hash",
    "constraint_deployment_id",
    "index_deployment_trace_commit",
    "index_deployment_application",
    "index_deployment_created_at",
    "constraint_manifest_commit_hash",
    "constraint_subject_stage_slot",
)


def write_trace_index(tx: ManagedTransaction, facts: Sequence[Fact]) -> None:
    """Store the commit-index entries, subject mentions and commit mentions of `TraceIndex`es."""
    for index in _of(TraceIndex, facts):
        _run_batches(tx, "write_commits", [codec.commit_entry_record(e) for e in index.commits])
        _run_batches(
            tx, "write_subject_mentions", [codec.mention_record(m) for m in index.mentions]
        )
        _run_batches(
            tx,
            "write_commit_mentions",
            [
                {"hash": m.commit.hash, "eventId": m.event_id,
                 "props": codec.commit_mention_record(m)}
                for m in index.commit_mentions
            ],
        )  # fmt: skip


def write_deployment_traces(tx: ManagedTransaction, facts: Sequence[Fact]) -> None:
    """Store PipeCD deployment traces as `(:DeploymentTrace)` nodes."""
    rows = [{"id": t.id, "props": codec.trace_record(t)} for t in _of(DeploymentTrace, facts)]
    _run_batches(tx, "write_deployment_traces", rows)


def write_deployments(tx: ManagedTransaction, facts: Sequence[Fact]) -> None:
    """Store PipeCD deployments as `(:Deployment)` nodes."""
    rows = [{"id": d.id, "props": codec.deployment_record(d)} for d in _of(Deployment, facts)]
    _run_batches(tx, "write_deployments", rows)


def write_manifest_commits(tx: ManagedTransaction, facts: Sequence[Fact]) -> None:
    """Store manifest-repo commits and `[:NAMES_SOURCE]` to the source commits they name."""
    rows = [
        {"hash": m.hash, "sourceHashes": list(m.source_hashes), "props": codec.manifest_record(m)}
        for m in _of(ManifestCommit, facts)
    ]
    _run_batches(tx, "write_manifest_commits", rows)


FACT_WRITERS.update(
    {
        TraceIndex.kind: write_trace_index,
        DeploymentTrace.kind: write_deployment_traces,
        Deployment.kind: write_deployments,
        ManifestCommit.kind: write_manifest_commits,
    }
)
FACT_SCHEMA_STATEMENTS.extend(n for n in TRACE_SCHEMA_STATEMENTS if n not in FACT_SCHEMA_STATEMENTS)


class Neo4jTraces:
    """`TraceStore` reads over the Neo4j store's sessions."""

    def _read(self, work: Callable[[ManagedTransaction], R]) -> R:
        raise NotImplementedError  # provided by Neo4jStore

    def mentions_in_slots(self, slots: Sequence[str]) -> list[Mention]:
        """Stored subject mentions whose slot is one of `slots`."""
        rows = self._read(lambda tx: _rows_in(tx, "subject_mentions_in_slots", slots))
        return [codec.mention_from_record(row) for row in rows]

    def commit_hashes(self, prefix: str, limit: int) -> list[str]:
        """Up to `limit` of the longest stored hashes starting with `prefix`, in hash order."""
        rows = self._read(
            lambda tx: _rows(tx, "commit_hashes_by_prefix", prefix=prefix, limit=limit)
        )
        return [row["hash"] for row in rows]

    def commit_entries(self, hashes: Sequence[str]) -> dict[str, CommitEntry]:
        """The index entries of the given hashes that exist."""
        rows = self._read(lambda tx: _rows_in(tx, "commit_entries", hashes))
        return {row["hash"]: codec.commit_entry_from_record(row) for row in rows}

    def find_commits(
        self, project_id: str | None, first: int, after: str | None
    ) -> Page[CommitEntry]:
        """Listed commits (of a project, if given), newest-updated first, keyset-paginated."""
        after_ts, after_hash = decode_cursor(after, 2) if after is not None else (OPEN_END, "")

        def work(tx: ManagedTransaction) -> tuple[int, list[Row]]:
            total = _rows(tx, "count_commits", projectId=project_id)[0]["total"]
            rows = _rows(
                tx,
                "find_commits",
                projectId=project_id,
                afterUpdatedAt=after_ts,
                afterHash=after_hash,
                limit=first + 1,
            )
            return int(total), rows

        total_count, rows = self._read(work)
        items = [codec.commit_entry_from_record(row) for row in rows[:first]]
        cursors = [encode_cursor(row["updatedAt"] or "", row["hash"]) for row in rows[:first]]
        return Page(
            items, len(rows) > first, cursors[-1] if cursors else None, total_count, cursors
        )

    def commit_mentions(self, hashes: Sequence[str]) -> list[CommitMention]:
        """Mentions of any of `hashes` by events, by (event timestamp, event id)."""
        rows = self._read(lambda tx: _rows_in(tx, "commit_mentions_by_hash", hashes))
        return _by_event_time(codec.commit_mention_from_record(row) for row in rows)

    def mention_times(self, hashes: Sequence[str]) -> list[MentionTime]:
        """What the mentions of any of `hashes` tell of their commits' times (the relationships'
        time and kind properties alone), in no set order."""
        rows = self._read(lambda tx: _rows_in(tx, "mention_times_by_hash", hashes))
        return [
            MentionTime(row["hash"], row["eventId"], parse_time(row["eventTimestamp"]),
                        codec.instant(row["commitTimestamp"]), row["eventKind"])
            for row in rows
        ]  # fmt: skip

    def event_commit_mentions(self, event_ids: Sequence[str]) -> list[CommitMention]:
        """The commits the given events name."""
        rows = self._read(lambda tx: _rows_in(tx, "commit_mentions_by_event", event_ids))
        return _by_event_time(codec.commit_mention_from_record(row) for row in rows)

    def deployment_traces(self, hashes: Sequence[str]) -> list[DeploymentTrace]:
        """PipeCD deployment traces of any of `hashes`, by id."""
        rows = self._read(lambda tx: _rows_in(tx, "deployment_traces_by_commit", hashes))
        traces = {t.id: t for t in (codec.trace_from_record(_full(row)) for row in rows)}
        return [traces[i] for i in sorted(traces)]

    def get_deployments(self, ids: Sequence[str]) -> dict[str, Deployment]:
        """The PipeCD deployments among `ids`."""
        rows = self._read(lambda tx: _rows_in(tx, "get_deployments", ids))
        found = (codec.deployment_from_record(_full(row)) for row in rows)
        return {d.id: d for d in found}

    def deployments_tracing(self, hashes: Sequence[str]) -> list[Deployment]:
        """PipeCD deployments whose trace commit is one of `hashes`, by (createdAt, id)."""
        rows = self._read(lambda tx: _rows_in(tx, "deployments_by_trace_commit", hashes))
        found = {d.id: d for d in (codec.deployment_from_record(_full(row)) for row in rows)}
        return sorted(found.values(), key=lambda d: (d.created_at, d.id))

    def commit_facts(self, hashes: Sequence[str]) -> CommitFacts:
        """Entries, deployment traces and mentions of `hashes`: one statement."""
        row = self._read(lambda tx: _rows(tx, "commit_facts", ids=_distinct(hashes)))[0]
        return commit_facts_of(row)

    def deployment_sources(self, hashes: Sequence[str]) -> DeploymentSources:
        """Manifest commits naming `hashes`, then deployments and mentions of all: one statement."""
        row = self._read(lambda tx: _rows(tx, "deployment_sources", ids=_distinct(hashes)))[0]
        return deployment_sources_of(row, "mentions")

    def previous_deployment(self, deployment: Deployment) -> Deployment | None:
        """The latest PipeCD deployment of the same application and environment before this one."""
        rows = self._read(
            lambda tx: _rows(
                tx,
                "previous_deployment",
                applicationId=deployment.application_id,
                envId=deployment.env_id,
                createdAt=format_timestamp(deployment.created_at),
                id=deployment.id,
            )
        )
        return codec.deployment_from_record(_full(rows[0])) if rows else None

    def deployments_between(self, since: datetime, until: datetime) -> list[Deployment]:
        """PipeCD deployments created at or after `since` and before `until`, by (createdAt, id)."""
        rows = self._read(
            lambda tx: _rows(
                tx,
                "deployments_between",
                since=format_timestamp(since),
                until=format_timestamp(until),
            )
        )
        return [codec.deployment_from_record(_full(row)) for row in rows]

    def deployments_of_application(self, application_id: str, first: int) -> list[Deployment]:
        """Up to `first` PipeCD deployments of an application, newest (createdAt, id) first."""
        rows = self._read(
            lambda tx: _rows(
                tx, "deployments_of_application", applicationId=application_id, limit=first
            )
        )
        return [codec.deployment_from_record(_full(row)) for row in rows]

    def latest_deployment(
        self, application_id: str, env_id: str | None, statuses: Sequence[DeploymentStatus]
    ) -> Deployment | None:
        """The newest PipeCD deployment of an application to an environment in one of `statuses`."""
        wanted = [status.value for status in dict.fromkeys(statuses)]
        if not wanted:
            return None
        rows = self._read(
            lambda tx: _rows(
                tx,
                "latest_deployment",
                applicationId=application_id,
                envId=env_id,
                statuses=wanted,
            )
        )
        return codec.deployment_from_record(_full(rows[0])) if rows else None

    def manifest_commits(self, hashes: Sequence[str]) -> dict[str, ManifestCommit]:
        """The manifest commits among `hashes`."""
        rows = self._read(lambda tx: _rows_in(tx, "get_manifest_commits", hashes))
        found = (codec.manifest_from_record(_full(row)) for row in rows)
        return {m.hash: m for m in found}

    def manifest_commits_naming(self, source_hashes: Sequence[str]) -> list[ManifestCommit]:
        """Manifest commits whose trailers name any of `source_hashes`, by hash."""
        rows = self._read(lambda tx: _rows_in(tx, "manifest_commits_naming", source_hashes))
        found = {m.hash: m for m in (codec.manifest_from_record(_full(row)) for row in rows)}
        return [found[h] for h in sorted(found)]

    def subject_events_before(self, event: Event, limit: int) -> list[Event]:
        """Up to `limit` events of `event`'s subject id before it, newest (timestamp, id) first."""
        rows = self._read(
            lambda tx: _rows(
                tx,
                "subject_events_before",
                subjectId=event.subject_id,
                timestamp=format_timestamp(event.timestamp),
                id=event.id,
                limit=limit,
            )
        )
        return [event_from_record(row) for row in rows]


def commit_facts_of(row: Row) -> CommitFacts:
    """The `CommitFacts` in a row with `entries`, `traces` and `mentions` (see commit_facts)."""
    entries = {e["hash"]: codec.commit_entry_from_record(e) for e in row["entries"]}
    traces = {t.id: t for t in map(codec.trace_from_record, map(_Nulls, row["traces"]))}
    return CommitFacts(
        entries,
        [traces[i] for i in sorted(traces)],
        _by_event_time(codec.commit_mention_from_record(m) for m in row["mentions"]),
    )


def deployment_sources_of(row: Row, mentions: str) -> DeploymentSources:
    """The `DeploymentSources` in a row with `manifests`, `deployments` and the mentions in
    column `mentions` (see deployment_sources)."""
    manifests = {m.hash: m for m in map(codec.manifest_from_record, map(_Nulls, row["manifests"]))}
    deployments = {
        d.id: d for d in map(codec.deployment_from_record, map(_Nulls, row["deployments"]))
    }
    return DeploymentSources(
        [manifests[h] for h in sorted(manifests)],
        sorted(deployments.values(), key=lambda d: (d.created_at, d.id)),
        _by_event_time(codec.commit_mention_from_record(m) for m in row[mentions]),
    )


F = TypeVar("F")


def _of(kind: type[F], facts: Sequence[Fact]) -> list[F]:
    """The facts of one type (a writer is only handed its own kind)."""
    return [fact for fact in facts if isinstance(fact, kind)]


def _distinct(values: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _full(row: Row) -> Row:
    """A node's properties as a record: properties Neo4j does not store (nulls) read as None."""
    record: Row = row["record"]
    return _Nulls(record)


class _Nulls(dict[str, Any]):
    """A record whose missing keys read as None (Neo4j drops null properties)."""

    def __missing__(self, key: str) -> None:
        return None


def _by_event_time(mentions: Iterator[CommitMention]) -> list[CommitMention]:
    unique = {(m.commit.hash, m.event_id): m for m in mentions}
    return sorted(unique.values(), key=lambda m: (m.event_timestamp, m.event_id, m.commit.hash))


def _rows(tx: ManagedTransaction, name: str, **params: Any) -> list[Row]:
    """Run statement `name` and return its rows as dicts."""
    return tx.run(queries.load(name), params).data()


def _rows_in(tx: ManagedTransaction, name: str, ids: Sequence[str]) -> list[Row]:
    """Run statement `name` once per chunk of distinct `ids` (as `$ids`), collecting rows."""
    rows: list[Row] = []
    for chunk in _chunks(list(dict.fromkeys(ids))):
        rows.extend(_rows(tx, name, ids=list(chunk)))
    return rows


def _run_batches(tx: ManagedTransaction, name: str, rows: Sequence[Row]) -> None:
    """Run statement `name` for its effect once per chunk of `rows` (as `$rows`)."""
    for chunk in _chunks(rows):
        tx.run(queries.load(name), {"rows": list(chunk)}).consume()


def _chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
