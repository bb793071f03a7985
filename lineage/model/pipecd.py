"""PipeCD's records: deployment traces, deployments, and manifest-repo commits.

Each is a fact with a `kind`, an `id` and a content `digest` (same id, same digest: a duplicate;
same id, other digest: a conflict, the stored one kept), built by ingest after validation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from lineage.model.deployment_status import DeploymentStatus


@dataclass(frozen=True, slots=True)
class DeploymentTrace:
    """PipeCD's deployment trace: one source commit whose deployments are followed."""

    kind: ClassVar[str] = "DeploymentTrace"

    id: str
    commit_hash: str
    created_at: datetime
    updated_at: datetime
    project_id: str | None = None
    title: str | None = None
    commit_message: str | None = None
    commit_url: str | None = None
    commit_timestamp: datetime | None = None
    author: str | None = None
    digest: str = ""


@dataclass(frozen=True, slots=True)
class Deployment:
    """A PipeCD deployment of one application to one environment, naming the commit it traces.

    `trace_commit_hash` is the source commit, or a manifest-repo commit whose trailer names it.
    `status` is normalized; `pipecd_status` keeps PipeCD's own name.
    """

    kind: ClassVar[str] = "Deployment"

    id: str
    application_id: str
    status: DeploymentStatus
    pipecd_status: str
    created_at: datetime
    application_name: str | None = None
    project_id: str | None = None
    env_id: str | None = None
    trace_commit_hash: str | None = None
    completed_at: datetime | None = None
    digest: str = ""


@dataclass(frozen=True, slots=True)
class ManifestCommit:
    """A commit of a manifest (GitOps) repository whose trailers name the source commit(s)."""

    kind: ClassVar[str] = "ManifestCommit"

    hash: str
    message: str
    source_hashes: tuple[str, ...] = ()
    digest: str = ""

    @property
    def id(self) -> str:
        """A manifest commit is identified by its hash."""
        return self.hash
