"""`lineage dora`: DORA metrics of a window as a table (with the evidence) or as JSON."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from rich.console import Console
from rich.table import Table

from lineage.cli.errors import CliError
from lineage.model import format_timestamp, parse_timestamp
from lineage.services.dora import DoraMetrics, DurationStats


def window_bound(text: str, option: str) -> datetime:
    """An RFC 3339 instant, or a date (`2026-03-02`, midnight UTC); `CliError` naming `option`."""
    value = text.strip()
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), datetime.min.time(), UTC)
        return parse_timestamp(value)
    except ValueError:
        raise CliError(
            f"{option}: not a date or RFC 3339 instant: {text!r} (e.g. 2026-03-02 or "
            "2026-03-02T09:00:00Z)"
        ) from None


def dora_report(metrics: DoraMetrics) -> dict[str, Any]:
    """The metrics as JSON-able data, with the same names as the GraphQL fields."""
    return {
        "since": format_timestamp(metrics.since),
        "until": format_timestamp(metrics.until),
        "service": metrics.service,
        "productionEnvironments": list(metrics.production_environments),
        "deploymentCount": metrics.deployment_count,
        "deploymentsPerDay": metrics.deployments_per_day,
        "deployDaysPerWeekMedian": metrics.deploy_days_per_week_median,
        "leadTime": _stats(metrics.lead_time),
        "failedDeploymentCount": metrics.failed_deployment_count,
        "changeFailureRate": metrics.change_failure_rate,
        "failedDeploymentRecoveryTime": _stats(metrics.failed_deployment_recovery_time),
        "incidentTimeToRestore": _stats(metrics.incident_time_to_restore),
        "reworkCount": metrics.rework_count,
        "reworkRate": metrics.rework_rate,
        "deployments": [
            {
                "id": d.id,
                "origin": d.origin.value,
                "service": d.service,
                "environment": d.environment,
                "deployedAt": format_timestamp(d.deployed_at),
                "artifactId": d.artifact_id,
                "failed": d.failed,
                "causes": [c.value for c in d.causes],
                "rollbackId": d.rollback_id,
                "incidentIds": list(d.incident_ids),
                "restoredAt": _ts(d.restored_at),
                "restoredBy": d.restored_by.value if d.restored_by else None,
                "recoverySeconds": d.recovery_seconds,
                "rework": d.rework,
                "reworkOf": d.rework_of,
                "commitCount": d.commit_count,
            }
            for d in metrics.deployments
        ],
        "commits": [
            {
                "commitHash": c.hash,
                "deploymentId": c.deployment_id,
                "service": c.service,
                "environment": c.environment,
                "deployedAt": format_timestamp(c.deployed_at),
                "committedAt": _ts(c.committed_at),
                "fromMerge": c.from_merge,
                "leadTimeSeconds": c.lead_time_seconds,
                "counted": c.counted,
                "title": c.title,
                "author": c.author,
                "commitUrl": c.url,
            }
            for c in metrics.commits
        ],
        "incidents": [
            {
                "id": i.id,
                "eventIds": list(i.event_ids),
                "service": i.service,
                "environment": i.environment,
                "artifactId": i.artifact_id,
                "openedAt": format_timestamp(i.opened_at),
                "resolvedAt": _ts(i.resolved_at),
                "timeToRestoreSeconds": i.time_to_restore_seconds,
                "deploymentId": i.deployment_id,
                "attribution": i.attribution.value if i.attribution else None,
            }
            for i in metrics.incidents
        ],
    }


def print_dora(metrics: DoraMetrics, console: Console) -> None:
    """The metrics as a table, then one table each of deployments and incidents."""
    scope = f" · service {metrics.service}" if metrics.service else ""
    console.print(
        f"[bold]DORA metrics[/bold] {format_timestamp(metrics.since)} → "
        f"{format_timestamp(metrics.until)}{scope} · production: "
        f"{', '.join(metrics.production_environments)}",
        highlight=False,
    )
    summary = Table(show_edge=False, header_style="bold")
    summary.add_column("metric")
    summary.add_column("value", justify="right")
    summary.add_column("detail")
    lead, recovery = metrics.lead_time, metrics.failed_deployment_recovery_time
    rows = [
        ("deployments", str(metrics.deployment_count), ""),
        ("deployments per day", f"{metrics.deployments_per_day:.2f}", ""),
        ("deploy days per week (median)", f"{metrics.deploy_days_per_week_median:g}", ""),
        ("lead time (median)", _duration(lead.median_seconds), _spread(lead, "commits")),
        (
            "change failure rate",
            _rate(metrics.change_failure_rate),
            f"{metrics.failed_deployment_count} failed",
        ),
        (
            "failed deployment recovery (median)",
            _duration(recovery.median_seconds),
            _spread(recovery, "failures restored"),
        ),
        (
            "incident time to restore (median)",
            _duration(metrics.incident_time_to_restore.median_seconds),
            f"{metrics.incident_time_to_restore.count} resolved",
        ),
        ("rework rate", _rate(metrics.rework_rate), f"{metrics.rework_count} rework"),
    ]
    for row in rows:
        summary.add_row(*row)
    console.print(summary)
    if metrics.deployments:
        table = Table(title="deployments", show_edge=False, header_style="bold")
        for column in ("deployed", "where", "failed", "restored", "rework", "commits", "id"):
            table.add_column(column)
        for d in metrics.deployments:
            table.add_row(
                _short(d.deployed_at),
                f"{d.service}@{d.environment}",
                ", ".join(c.value.lower().replace("_", " ") for c in d.causes) or "no",
                f"{d.restored_by.value.lower().replace('_', ' ')} +{_duration(d.recovery_seconds)}"
                if d.restored_by
                else "",
                f"fixes {d.rework_of}" if d.rework_of else "",
                str(d.commit_count),
                d.id,
            )
        console.print(table)
    if metrics.incidents:
        table = Table(title="incidents", show_edge=False, header_style="bold")
        for column in ("opened", "incident", "restored in", "deployment", "attributed by"):
            table.add_column(column)
        for i in metrics.incidents:
            table.add_row(
                _short(i.opened_at),
                i.id,
                _duration(i.time_to_restore_seconds),
                i.deployment_id or "",
                i.attribution.value.lower() if i.attribution else "",
            )
        console.print(table)


def _stats(stats: DurationStats) -> dict[str, Any]:
    return {
        "medianSeconds": stats.median_seconds,
        "p90Seconds": stats.p90_seconds,
        "meanSeconds": stats.mean_seconds,
        "count": stats.count,
    }


def _spread(stats: DurationStats, what: str) -> str:
    if not stats.count:
        return f"0 {what}"
    return f"p90 {_duration(stats.p90_seconds)} · {stats.count} {what}"


def _duration(seconds: float | None) -> str:
    """Seconds as `2d 3h`, `3h 20m`, `5m 10s` or `42s`; `-` when unknown."""
    if seconds is None:
        return "-"
    whole = round(seconds)
    sign, whole = ("-", -whole) if whole < 0 else ("", whole)
    days, rest = divmod(whole, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{sign}{days}d {hours}h"
    if hours:
        return f"{sign}{hours}h {minutes}m"
    if minutes:
        return f"{sign}{minutes}m {secs}s"
    return f"{sign}{secs}s"


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _short(moment: datetime) -> str:
    """A UTC instant to the minute, for tables."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


def _ts(value: datetime | None) -> str | None:
    return format_timestamp(value) if value is not None else None
