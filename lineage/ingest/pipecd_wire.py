"""Wire shapes of PipeCD's records, as PipeCD's API (protojson) or our producers send them.

Field names are PipeCD's (`commitHash`, `deploymentTraceCommitHash` …); timestamps are unix
seconds (a number, or a digit string as protojson writes int64), 0 meaning unset where the field
is optional. Unknown fields are ignored.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from lineage.ingest.instants import to_instant
from lineage.model.commit import normalize_commit_hash


def _commit_hash(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a commit hash string, got {type(value).__name__}")
    return normalize_commit_hash(value)


def _optional_commit_hash(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return _commit_hash(value)


def _unix_seconds(value: Any) -> datetime:
    if isinstance(value, str) and not value.strip().isdigit():
        raise ValueError(f"expected unix seconds, got {value!r}")
    return to_instant(value)


def _optional_unix_seconds(value: Any) -> datetime | None:
    if value is None or value in (0, "0", ""):
        return None
    return _unix_seconds(value)


CommitHash = Annotated[str, BeforeValidator(_commit_hash)]
OptionalCommitHash = Annotated[str | None, BeforeValidator(_optional_commit_hash)]
UnixSeconds = Annotated[datetime, BeforeValidator(_unix_seconds)]
OptionalUnixSeconds = Annotated[datetime | None, BeforeValidator(_optional_unix_seconds)]
_Text = Annotated[str, Field(min_length=1)]


class _Wire(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True, frozen=True)


class WireDeploymentTrace(_Wire):
    """`{"kind": "DeploymentTrace", ...}`: PipeCD's `model.DeploymentTrace`."""

    kind: Literal["DeploymentTrace"]
    id: _Text
    project_id: str | None = Field(default=None, alias="projectId")
    title: str | None = None
    commit_message: str | None = Field(default=None, alias="commitMessage")
    commit_hash: CommitHash = Field(alias="commitHash")
    commit_url: str | None = Field(default=None, alias="commitUrl")
    commit_timestamp: OptionalUnixSeconds = Field(default=None, alias="commitTimestamp")
    author: str | None = None
    created_at: UnixSeconds = Field(alias="createdAt")
    updated_at: UnixSeconds = Field(alias="updatedAt")


class WireDeployment(_Wire):
    """`{"kind": "Deployment", ...}`: the fields of PipeCD's `model.Deployment` we use."""

    kind: Literal["Deployment"]
    id: _Text
    application_id: _Text = Field(alias="applicationId")
    application_name: str | None = Field(default=None, alias="applicationName")
    project_id: str | None = Field(default=None, alias="projectId")
    env_id: str | None = Field(default=None, alias="envId")
    status: _Text
    deployment_trace_commit_hash: OptionalCommitHash = Field(
        default=None, alias="deploymentTraceCommitHash"
    )
    created_at: UnixSeconds = Field(alias="createdAt")
    completed_at: OptionalUnixSeconds = Field(default=None, alias="completedAt")


class WireManifestCommit(_Wire):
    """`{"kind": "ManifestCommit", "hash": ..., "message": ...}`: a manifest-repo commit."""

    kind: Literal["ManifestCommit"]
    hash: CommitHash
    message: str
