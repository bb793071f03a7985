"""Application live state (PipeCD livestate): what runs where, as reporters see it, and drift.

A reporter flushes an `ApplicationLiveState` report per (application, deploy target) every minute
or faster. A report is an immutable fact identified by (application, deploy target, reportedAt).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class LiveResource:
    """One resource of a live-state report, e.g. a Kubernetes Deployment and its image version."""

    kind: str
    name: str
    namespace: str | None = None
    health: str | None = None
    version: str | None = None


@dataclass(frozen=True, slots=True)
class LiveStateReport:
    """What a reporter saw of one application in one deploy target at `reported_at`.

    `id` is `livestate_id(application_id, deploy_target, reported_at text)`; `digest` covers the
    whole report, so a second delivery of the same report is a duplicate and a different report
    with the same key a conflict. A report is a fact of kind `ApplicationLiveState`.
    """

    kind: ClassVar[str] = "ApplicationLiveState"

    id: str
    application_id: str
    deploy_target: str
    reported_at: datetime
    resources: tuple[LiveResource, ...] = ()
    application_name: str | None = None
    digest: str = ""


@dataclass(frozen=True, slots=True)
class LiveState:
    """The latest report of one (application, deploy target) and whether it is stale."""

    report: LiveStateReport
    stale: bool

    @property
    def deploy_target(self) -> str:
        """Where the application runs."""
        return self.report.deploy_target


@dataclass(frozen=True, slots=True)
class Drift:
    """Live resources of one deploy target disagreeing with the last successful deployment.

    `expected` is the artifact (or version) last deployed successfully; `actual` the distinct
    live versions that do not match it; `resources` the resources carrying them; `since` the
    `reportedAt` of the first report of the current unbroken run of drifted reports.
    """

    application_id: str
    deploy_target: str
    expected: str
    actual: tuple[str, ...]
    since: datetime
    resources: tuple[LiveResource, ...] = ()
    deployment_id: str | None = None


def livestate_id(application_id: str, deploy_target: str, reported_at: str) -> str:
    """Hash a report's identity (application, deploy target, stored `reportedAt` text)."""
    key = "\x1f".join((application_id, deploy_target, reported_at))
    return hashlib.blake2b(key.encode(), digest_size=16).hexdigest()
