"""`lineage trace COMMIT`: the deployments a commit reached, as a table or as JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.console import Console
from rich.table import Table

from lineage.model import format_timestamp
from lineage.services.commits import CommitView
from lineage.services.deployments import DeploymentView
from lineage.services.traces import commit_trace
from lineage.store import Store


def trace_report(store: Store, commit_hash: str) -> dict[str, Any] | None:
    """The trace of a commit (full hash or unique prefix) as JSON-able data, or None if unknown.

    Raises `ServiceError` for text that is not a hash and for an ambiguous prefix.
    """
    trace = commit_trace(store, commit_hash)
    if trace is None:
        return None
    return {
        **_commit(trace.view),
        "deployments": [_deployment(d) for d in trace.deployments or ()],
    }


def print_trace(report: dict[str, Any], console: Console) -> None:
    """Print a trace report: the commit, then one table row per deployment."""
    title = report["title"] or ""
    console.print(f"[bold]{report['commitHash']}[/bold] {title}", highlight=False)
    details = [
        f"author {report['author']}" if report["author"] else None,
        f"project {report['projectId']}" if report["projectId"] else None,
        report["commitUrl"],
    ]
    if any(details):
        console.print(" · ".join(d for d in details if d), highlight=False, markup=False)
    deployments = report["deployments"]
    if not deployments:
        console.print("no deployments", highlight=False)
        return
    table = Table(show_edge=False, header_style="bold")
    for column in ("started", "application", "environment", "status", "origin", "artifact",
                   "deployment", "hops"):  # fmt: skip
        table.add_column(column)
    for row in deployments:
        table.add_row(
            row["startedAt"] or "",
            row["application"],
            row["environment"] or "",
            row["status"],
            row["origin"],
            row["artifactId"] or "",
            row["id"],
            str(max(len(row["path"]) - 1, 0)) if row["path"] else "",
        )
    console.print(table)


def _commit(view: CommitView) -> dict[str, Any]:
    commit = view.commit
    return {
        "commitHash": commit.hash,
        "commitUrl": commit.url,
        "title": commit.headline,
        "commitMessage": commit.message,
        "author": commit.author,
        "commitTimestamp": _ts(commit.timestamp),
        "projectId": view.project_id,
        "createdAt": _ts(view.created_at),
        "updatedAt": _ts(view.updated_at),
    }


def _deployment(view: DeploymentView) -> dict[str, Any]:
    return {
        "id": view.id,
        "origin": view.origin.value,
        "application": view.application,
        "environment": view.environment,
        "status": view.status.value,
        "artifactId": view.artifact_id,
        "startedAt": _ts(view.started_at),
        "completedAt": _ts(view.completed_at),
        "traceCommitHash": view.trace_commit_hash,
        "manifestCommitHash": view.manifest_commit_hash,
        "path": [{"id": e.id, "type": e.type} for e in view.path],
    }


def _ts(value: datetime | None) -> str | None:
    return format_timestamp(value) if value is not None else None
