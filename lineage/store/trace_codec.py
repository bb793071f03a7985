"""Flat records of the trace index, one codec for every backend (like `lineage.store.codec`).

Timestamps are fixed-width UTC text (`format_timestamp`), so text order is time order; every
value is a scalar or a list of strings, which both SQLite (as JSON) and Neo4j (as properties) hold.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from lineage.model import format_timestamp
from lineage.model.commit import Commit, CommitEntry, CommitMention
from lineage.model.deployment_status import DeploymentStatus
from lineage.model.mention import Mention
from lineage.model.pipecd import Deployment, DeploymentTrace, ManifestCommit
from lineage.store.codec import parse_time

Record = dict[str, Any]


def text(value: datetime | None) -> str | None:
    """A timestamp as stored text (None stays None)."""
    return format_timestamp(value) if value is not None else None


def instant(value: str | None) -> datetime | None:
    """Stored timestamp text back to a UTC datetime (None and '' stay None)."""
    return parse_time(value) if value else None


def mention_record(mention: Mention) -> Record:
    """A subject mention as a flat record keyed by its slot."""
    return {
        "slot": mention.slot,
        "subjectType": mention.subject_type,
        "subjectId": mention.subject_id,
        "stage": mention.stage,
        "eventId": mention.event_id,
        "timestamp": format_timestamp(mention.timestamp),
    }


def mention_from_record(record: Record) -> Mention:
    """Rebuild a mention from `mention_record`'s output."""
    return Mention(
        subject_type=record["subjectType"],
        subject_id=record["subjectId"],
        stage=int(record["stage"]),
        event_id=record["eventId"],
        timestamp=parse_time(record["timestamp"]),
    )


def commit_mention_record(mention: CommitMention) -> Record:
    """An event's mention of a commit, with the details the event gave."""
    commit = mention.commit
    return {
        "hash": commit.hash,
        "eventId": mention.event_id,
        "eventTimestamp": format_timestamp(mention.event_timestamp),
        "url": commit.url,
        "title": commit.title,
        "message": commit.message,
        "author": commit.author,
        "commitTimestamp": text(commit.timestamp),
        "eventKind": mention.event_kind,
    }


def commit_mention_from_record(record: Record) -> CommitMention:
    """Rebuild a commit mention from `commit_mention_record`'s output."""
    return CommitMention(
        commit=Commit(
            hash=record["hash"],
            url=record["url"],
            title=record["title"],
            message=record["message"],
            author=record["author"],
            timestamp=instant(record["commitTimestamp"]),
        ),
        event_id=record["eventId"],
        event_timestamp=parse_time(record["eventTimestamp"]),
        event_kind=record.get("eventKind"),
    )


def commit_entry_record(entry: CommitEntry) -> Record:
    """A commit-index entry."""
    return {
        "hash": entry.hash,
        "createdAt": text(entry.created_at),
        "updatedAt": text(entry.updated_at),
        "projectId": entry.project_id,
        "listed": entry.listed,
    }


def commit_entry_from_record(record: Record) -> CommitEntry:
    """Rebuild a commit-index entry."""
    return CommitEntry(
        hash=record["hash"],
        created_at=instant(record["createdAt"]),
        updated_at=instant(record["updatedAt"]),
        project_id=record["projectId"],
        listed=bool(record["listed"]),
    )


def trace_record(trace: DeploymentTrace) -> Record:
    """A PipeCD deployment trace."""
    return {
        "id": trace.id,
        "commitHash": trace.commit_hash,
        "createdAt": format_timestamp(trace.created_at),
        "updatedAt": format_timestamp(trace.updated_at),
        "projectId": trace.project_id,
        "title": trace.title,
        "commitMessage": trace.commit_message,
        "commitUrl": trace.commit_url,
        "commitTimestamp": text(trace.commit_timestamp),
        "author": trace.author,
        "digest": trace.digest,
    }


def trace_from_record(record: Record) -> DeploymentTrace:
    """Rebuild a deployment trace."""
    return DeploymentTrace(
        id=record["id"],
        commit_hash=record["commitHash"],
        created_at=parse_time(record["createdAt"]),
        updated_at=parse_time(record["updatedAt"]),
        project_id=record["projectId"],
        title=record["title"],
        commit_message=record["commitMessage"],
        commit_url=record["commitUrl"],
        commit_timestamp=instant(record["commitTimestamp"]),
        author=record["author"],
        digest=record["digest"],
    )


def deployment_record(deployment: Deployment) -> Record:
    """A PipeCD deployment."""
    return {
        "id": deployment.id,
        "applicationId": deployment.application_id,
        "status": deployment.status.value,
        "pipecdStatus": deployment.pipecd_status,
        "createdAt": format_timestamp(deployment.created_at),
        "applicationName": deployment.application_name,
        "projectId": deployment.project_id,
        "envId": deployment.env_id,
        "traceCommitHash": deployment.trace_commit_hash,
        "completedAt": text(deployment.completed_at),
        "digest": deployment.digest,
    }


def deployment_from_record(record: Record) -> Deployment:
    """Rebuild a PipeCD deployment."""
    return Deployment(
        id=record["id"],
        application_id=record["applicationId"],
        status=DeploymentStatus(record["status"]),
        pipecd_status=record["pipecdStatus"],
        created_at=parse_time(record["createdAt"]),
        application_name=record["applicationName"],
        project_id=record["projectId"],
        env_id=record["envId"],
        trace_commit_hash=record["traceCommitHash"],
        completed_at=instant(record["completedAt"]),
        digest=record["digest"],
    )


def manifest_record(manifest: ManifestCommit) -> Record:
    """A manifest-repo commit and the source hashes its trailers name."""
    return {
        "hash": manifest.hash,
        "message": manifest.message,
        "sourceHashes": list(manifest.source_hashes),
        "digest": manifest.digest,
    }


def manifest_from_record(record: Record) -> ManifestCommit:
    """Rebuild a manifest commit."""
    return ManifestCommit(
        hash=record["hash"],
        message=record["message"],
        source_hashes=tuple(record["sourceHashes"] or ()),
        digest=record["digest"],
    )


def to_json(record: Record) -> str:
    """A record as JSON text (the embedded store's `body` column)."""
    return orjson.dumps(record).decode()


def from_json(body: str | bytes) -> Record:
    """JSON text back to a record."""
    loaded: Record = orjson.loads(body)
    return loaded
