"""`lineage changelog DEPLOYMENT_ID`: a deployment's changelog as Markdown or JSON."""

from __future__ import annotations

from typing import Any

from lineage.model import format_timestamp
from lineage.services.changelog import Changelog

FORMATS = ("markdown", "json")


def changelog_report(log: Changelog) -> dict[str, Any]:
    """The changelog as JSON-able data, with the names of the GraphQL fields."""
    d = log.deployment
    return {
        "deploymentId": d.id,
        "application": d.application,
        "environment": d.environment,
        "commitCount": log.commit_count,
        "groups": [
            {
                "type": group.type,
                "title": group.title,
                "entries": [
                    {
                        "commitHash": e.hash,
                        "shortHash": e.short_hash,
                        "type": e.type,
                        "scope": e.scope,
                        "breaking": e.breaking,
                        "description": e.description,
                        "author": e.author,
                        "commitUrl": e.url,
                        "timestamp": format_timestamp(e.timestamp) if e.timestamp else None,
                    }
                    for e in group.entries
                ],
            }
            for group in log.groups
        ],
        "authors": list(log.authors),
    }
