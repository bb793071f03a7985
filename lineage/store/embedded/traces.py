"""The embedded store's trace index (`TraceStore`): a mixin of `EmbeddedStore`, and the writers
of the fact kinds `TraceIndex`, `DeploymentTrace`, `Deployment` and `ManifestCommit` (registered
with `lineage.store.embedded.facts` on import, with their tables), which run inside the store's
write transaction, so a batch's events, links and trace index commit together.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, TypeVar

from lineage.model import Direction, Event, LinkType, format_timestamp
from lineage.model.commit import MIN_HASH_LENGTH, CommitEntry, CommitMention, MentionTime
from lineage.model.deployment_status import DeploymentStatus
from lineage.model.fact import Fact
from lineage.model.mention import Mention, parse_slot
from lineage.model.pipecd import Deployment, DeploymentTrace, ManifestCommit
from lineage.model.trace_index import TraceIndex
from lineage.store import trace_codec as codec
from lineage.store.codec import parse_time
from lineage.store.embedded import schema
from lineage.store.embedded import trace_schema as sql
from lineage.store.embedded.chains import select_in
from lineage.store.embedded.facts import FACT_DDL, FACT_WRITERS
from lineage.store.embedded.paging import keyset_page
from lineage.store.embedded.rows import event_from_row
from lineage.store.protocol import Page, Walk
from lineage.store.traces import CommitFacts, CommitTrace, DeploymentSources, TraceWalk


def write_trace_index(cursor: sqlite3.Cursor, facts: Sequence[Fact]) -> None:
    """Store the subject mentions, commit mentions and commit-index entries of `TraceIndex`es."""
    for index in _of(TraceIndex, facts):
        cursor.executemany(
            sql.INSERT_MENTION,
            [(m.slot, m.event_id, format_timestamp(m.timestamp)) for m in index.mentions],
        )
        cursor.executemany(
            sql.INSERT_COMMIT_MENTION,
            [
                (m.commit.hash, m.event_id, format_timestamp(m.event_timestamp),
                 codec.to_json(codec.commit_mention_record(m)), codec.text(m.commit.timestamp),
                 m.event_kind)
                for m in index.commit_mentions
            ],
        )  # fmt: skip
        cursor.executemany(
            sql.UPSERT_COMMIT,
            [
                (e.hash, codec.text(e.created_at), codec.text(e.updated_at), e.project_id,
                 int(e.listed))
                for e in index.commits
            ],
        )  # fmt: skip


def write_deployment_traces(cursor: sqlite3.Cursor, facts: Sequence[Fact]) -> None:
    """Store PipeCD deployment traces."""
    cursor.executemany(
        sql.INSERT_TRACE,
        [
            (t.id, t.commit_hash, t.digest, codec.to_json(codec.trace_record(t)))
            for t in _of(DeploymentTrace, facts)
        ],
    )


def write_deployments(cursor: sqlite3.Cursor, facts: Sequence[Fact]) -> None:
    """Store PipeCD deployments."""
    cursor.executemany(
        sql.INSERT_DEPLOYMENT,
        [
            (d.id, d.application_id, d.env_id, format_timestamp(d.created_at),
             d.trace_commit_hash, d.digest, codec.to_json(codec.deployment_record(d)))
            for d in _of(Deployment, facts)
        ],
    )  # fmt: skip


def write_manifest_commits(cursor: sqlite3.Cursor, facts: Sequence[Fact]) -> None:
    """Store manifest-repo commits and the source commits their trailers name."""
    manifests = _of(ManifestCommit, facts)
    cursor.executemany(
        sql.INSERT_MANIFEST,
        [(m.hash, m.digest, codec.to_json(codec.manifest_record(m))) for m in manifests],
    )
    cursor.executemany(
        sql.INSERT_MANIFEST_SOURCE, [(s, m.hash) for m in manifests for s in m.source_hashes]
    )


FACT_DDL.extend(statement for statement in sql.DDL if statement not in FACT_DDL)
FACT_WRITERS.update(
    {
        TraceIndex.kind: write_trace_index,
        DeploymentTrace.kind: write_deployment_traces,
        Deployment.kind: write_deployments,
        ManifestCommit.kind: write_manifest_commits,
    }
)


class EmbeddedTraces:
    """`TraceStore` over the embedded store's connections."""

    @property
    def _reader(self) -> sqlite3.Connection:
        raise NotImplementedError  # provided by EmbeddedStore

    def _trace_select(
        self, query: str, ids: Sequence[str], params: Sequence[Any] = (), table: str = ""
    ) -> Iterator[tuple[Any, ...]]:
        # Nothing to look up when `table` (the one the query reads by key) holds no row: a store
        # without PipeCD records or manifest commits answers lead times' lookups of tens of
        # thousands of hashes in them (~0.013 s each) at once.
        empty = f"SELECT NOT EXISTS (SELECT 1 FROM {table})"
        if table and self._reader.execute(empty).fetchone()[0]:
            return iter(())
        return select_in(self._reader, query, ids, params)

    # -- reads -----------------------------------------------------------------------------------

    def mentions_in_slots(self, slots: Sequence[str]) -> list[Mention]:
        """Stored subject mentions whose slot is one of `slots`."""
        rows = self._trace_select(
            "SELECT slot, event_id, ts FROM mentions WHERE slot IN ({})", slots
        )
        return [Mention(*parse_slot(slot), event_id, parse_time(ts)) for slot, event_id, ts in rows]

    def commit_hashes(self, prefix: str, limit: int) -> list[str]:
        """Up to `limit` of the longest stored hashes starting with `prefix`, in hash order."""
        rows = self._reader.execute(sql.LONGEST_COMMIT_HASHES, (prefix, prefix + "g", limit))
        return [row[0] for row in rows]

    def commit_entries(self, hashes: Sequence[str]) -> dict[str, CommitEntry]:
        """The index entries of the given hashes that exist."""
        rows = self._trace_select(
            f"SELECT {sql.COMMIT_COLUMNS} FROM commits WHERE hash IN ({{}})", hashes
        )
        return {row[0]: _entry(row) for row in rows}

    def find_commits(
        self, project_id: str | None, first: int, after: str | None
    ) -> Page[CommitEntry]:
        """Listed commits (of a project, if given), newest-updated first, keyset-paginated."""
        where = ["listed = 1", "hash NOT IN (SELECT hash FROM manifest_commits)"]
        params: list[Any] = []
        if project_id is not None:
            where.append("project_id = ?")
            params.append(project_id)
        return keyset_page(
            self._reader,
            table="commits",
            select=f"SELECT {sql.COMMIT_COLUMNS} FROM commits",
            where=where,
            params=params,
            order=("updated_at", "hash"),
            descending=True,
            first=first,
            after=after,
            item=_entry,
            key=lambda row: (row[2] or "", row[0]),
        )

    def commit_mentions(self, hashes: Sequence[str]) -> list[CommitMention]:
        """Mentions of any of `hashes` by events, by (event timestamp, event id)."""
        rows = self._trace_select("SELECT body FROM commit_mentions WHERE hash IN ({})", hashes)
        return _by_event_time(codec.commit_mention_from_record(codec.from_json(r[0])) for r in rows)

    def mention_times(self, hashes: Sequence[str]) -> list[MentionTime]:
        """What the mentions of any of `hashes` tell of their commits' times, from the columns
        (no body decoded), in no set order."""
        rows = self._trace_select(
            "SELECT hash, event_id, event_ts, commit_ts, event_kind FROM commit_mentions "
            "WHERE hash IN ({})",
            hashes,
        )
        return [MentionTime(h, event_id, parse_time(at), codec.instant(told), kind)
                for h, event_id, at, told, kind in rows]  # fmt: skip

    def event_commit_mentions(self, event_ids: Sequence[str]) -> list[CommitMention]:
        """The commits the given events name."""
        rows = self._trace_select(
            "SELECT body FROM commit_mentions WHERE event_id IN ({})", event_ids
        )
        return _by_event_time(codec.commit_mention_from_record(codec.from_json(r[0])) for r in rows)

    def deployment_traces(self, hashes: Sequence[str]) -> list[DeploymentTrace]:
        """PipeCD deployment traces of any of `hashes`, by id."""
        rows = self._trace_select(
            "SELECT body FROM deployment_traces WHERE commit_hash IN ({})", hashes,
            table="deployment_traces",
        )
        traces = [codec.trace_from_record(codec.from_json(row[0])) for row in rows]
        return sorted(traces, key=lambda t: t.id)

    def get_deployments(self, ids: Sequence[str]) -> dict[str, Deployment]:
        """The PipeCD deployments among `ids`."""
        rows = self._trace_select("SELECT body FROM pipecd_deployments WHERE id IN ({})", ids)
        found = (codec.deployment_from_record(codec.from_json(row[0])) for row in rows)
        return {d.id: d for d in found}

    def deployments_tracing(self, hashes: Sequence[str]) -> list[Deployment]:
        """PipeCD deployments whose trace commit is one of `hashes`, by (createdAt, id)."""
        rows = self._trace_select(
            "SELECT body FROM pipecd_deployments WHERE trace_commit_hash IN ({})", hashes,
            table="pipecd_deployments",
        )
        found = [codec.deployment_from_record(codec.from_json(row[0])) for row in rows]
        return sorted(found, key=lambda d: (d.created_at, d.id))

    def commit_facts(self, hashes: Sequence[str]) -> CommitFacts:
        """Entries, deployment traces and mentions of `hashes` (3 queries)."""
        return CommitFacts(
            self.commit_entries(hashes),
            self.deployment_traces(hashes),
            self.commit_mentions(hashes),
        )

    def deployment_sources(self, hashes: Sequence[str]) -> DeploymentSources:
        """Manifest commits naming `hashes`, then deployments and mentions of all (3 queries)."""
        manifests = self.manifest_commits_naming(hashes)
        tracing = [*hashes, *(m.hash for m in manifests)]
        return DeploymentSources(
            manifests, self.deployments_tracing(tracing), self.commit_mentions(tracing)
        )

    def commit_trace(self, prefix: str, candidates: int, walk: TraceWalk | None) -> CommitTrace:
        """The commit a hash prefix names and what its trace needs, by the store's own reads."""
        longer = self.commit_hashes(prefix, candidates)
        shorter = _longest_first(self.commit_entries(_abbreviations(prefix)))
        longest = min([*longer, *shorter], key=lambda h: (-len(h), h), default=None)
        aliases: list[str] = []
        if longest is not None and all(longest.startswith(h) for h in longer):
            aliases = _longest_first(self.commit_entries(_abbreviations(longest)))
        facts = self.commit_facts(aliases)
        if walk is None:
            return CommitTrace(longer, shorter, aliases, facts, None, None)
        sources = self.deployment_sources(aliases)
        roots = list(dict.fromkeys(m.event_id for m in sources.mentions))
        reached = self.walk(
            roots,
            Direction.DOWNSTREAM,
            walk.max_depth,
            max(0, walk.max_events - len(roots)),
            walk.types,
            walk.include_inferred,
            walk.skipped_inferred_kinds,
        )
        return CommitTrace(longer, shorter, aliases, facts, sources, reached)

    def walk(
        self,
        roots: Sequence[str],
        direction: Direction,
        max_depth: int,
        limit: int,
        types: Sequence[LinkType] = (),
        include_inferred: bool = True,
        skipped_inferred_kinds: Sequence[str] = (),
    ) -> Walk:
        """`Store.walk`."""
        raise NotImplementedError  # provided by EmbeddedStore

    def previous_deployment(self, deployment: Deployment) -> Deployment | None:
        """The latest PipeCD deployment of the same application and environment before this one."""
        created = format_timestamp(deployment.created_at)
        row = self._reader.execute(
            "SELECT body FROM pipecd_deployments WHERE application_id = ? AND env_id IS ? "
            "AND (created_at < ? OR (created_at = ? AND id < ?)) "
            "ORDER BY created_at DESC, id DESC LIMIT 1",
            (deployment.application_id, deployment.env_id, created, created, deployment.id),
        ).fetchone()
        return codec.deployment_from_record(codec.from_json(row[0])) if row else None

    def deployments_between(self, since: datetime, until: datetime) -> list[Deployment]:
        """PipeCD deployments created at or after `since` and before `until`, by (createdAt, id)."""
        rows = self._reader.execute(
            "SELECT body FROM pipecd_deployments WHERE created_at >= ? AND created_at < ? "
            "ORDER BY created_at, id",
            (format_timestamp(since), format_timestamp(until)),
        )
        return [codec.deployment_from_record(codec.from_json(row[0])) for row in rows]

    def deployments_of_application(self, application_id: str, first: int) -> list[Deployment]:
        """Up to `first` PipeCD deployments of an application, newest (createdAt, id) first."""
        rows = self._reader.execute(
            "SELECT body FROM pipecd_deployments WHERE application_id = ? "
            "ORDER BY created_at DESC, id DESC LIMIT ?",
            (application_id, first),
        )
        return [codec.deployment_from_record(codec.from_json(row[0])) for row in rows]

    def latest_deployment(
        self, application_id: str, env_id: str | None, statuses: Sequence[DeploymentStatus]
    ) -> Deployment | None:
        """The newest PipeCD deployment of an application to an environment in one of `statuses`."""
        wanted = [status.value for status in dict.fromkeys(statuses)]
        if not wanted:
            return None
        marks = ", ".join("?" for _ in wanted)
        row = self._reader.execute(
            "SELECT body FROM pipecd_deployments WHERE application_id = ? AND env_id IS ? "
            f"AND json_extract(body, '$.status') IN ({marks}) "
            "ORDER BY created_at DESC, id DESC LIMIT 1",
            (application_id, env_id, *wanted),
        ).fetchone()
        return codec.deployment_from_record(codec.from_json(row[0])) if row else None

    def manifest_commits(self, hashes: Sequence[str]) -> dict[str, ManifestCommit]:
        """The manifest commits among `hashes`."""
        rows = self._trace_select(
            "SELECT body FROM manifest_commits WHERE hash IN ({})", hashes, table="manifest_commits"
        )
        found = (codec.manifest_from_record(codec.from_json(row[0])) for row in rows)
        return {m.hash: m for m in found}

    def manifest_commits_naming(self, source_hashes: Sequence[str]) -> list[ManifestCommit]:
        """Manifest commits whose trailers name any of `source_hashes`, by hash."""
        rows = self._trace_select(
            "SELECT m.body FROM manifest_sources s "
            "JOIN manifest_commits m ON m.hash = s.manifest_hash WHERE s.source_hash IN ({})",
            source_hashes,
            table="manifest_sources",
        )
        found = {
            m.hash: m for m in (codec.manifest_from_record(codec.from_json(r[0])) for r in rows)
        }
        return [found[h] for h in sorted(found)]

    def subject_events_before(self, event: Event, limit: int) -> list[Event]:
        """Up to `limit` events of `event`'s subject id before it, newest (timestamp, id) first."""
        ts = format_timestamp(event.timestamp)
        rows = self._reader.execute(
            f"{schema.SELECT_EVENTS} WHERE subject_id = ? AND (ts < ? OR (ts = ? AND id < ?)) "
            "ORDER BY ts DESC, id DESC LIMIT ?",
            (event.subject_id, ts, ts, event.id, limit),
        )
        return [event_from_row(row) for row in rows]


F = TypeVar("F")


def _of(kind: type[F], facts: Sequence[Fact]) -> list[F]:
    """The facts of one type (a writer is only handed its own kind)."""
    return [fact for fact in facts if isinstance(fact, kind)]


def _abbreviations(hash_text: str) -> list[str]:
    """Every abbreviation of `hash_text` of at least the minimum length, itself included."""
    return [hash_text[:n] for n in range(MIN_HASH_LENGTH, len(hash_text) + 1)]


def _longest_first(hashes: Iterable[str]) -> list[str]:
    return sorted(hashes, key=lambda h: (-len(h), h))


def _entry(row: tuple[Any, ...]) -> CommitEntry:
    commit_hash, created, updated, project_id, listed = row
    return CommitEntry(
        commit_hash, codec.instant(created), codec.instant(updated), project_id, bool(listed)
    )


def _by_event_time(mentions: Any) -> list[CommitMention]:
    return sorted(mentions, key=lambda m: (m.event_timestamp, m.event_id, m.commit.hash))
