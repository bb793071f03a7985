"""Changelog of a deployment: the commits it shipped, grouped by conventional-commit type.

The commits are those `deployment_commits` finds (what the previous deployment of the same
service and environment had not shipped). Each commit's headline is read as a Conventional
Commit, `type(scope)!: description`; groups come in git-cliff's order (feat, fix, perf, refactor,
docs, style, test, build, ci, chore, revert), then `other` for headlines that are not
conventional or use another type. `!` or a `BREAKING CHANGE:` / `BREAKING-CHANGE:` footer marks a
breaking change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from lineage.services.commits import CommitView
from lineage.services.deployments import DeploymentView, deployment_commits, find_deployment
from lineage.store.protocol import Store

#: Conventional-commit types in changelog order, with their section titles (as git-cliff's).
GROUPS: dict[str, str] = {
    "feat": "Features",
    "fix": "Bug Fixes",
    "perf": "Performance",
    "refactor": "Refactoring",
    "docs": "Documentation",
    "style": "Styling",
    "test": "Testing",
    "build": "Build",
    "ci": "Continuous Integration",
    "chore": "Miscellaneous Tasks",
    "revert": "Reverts",
    "other": "Other",
}
_HEADLINE = re.compile(
    r"^(?P<type>[A-Za-z]+)(?:\((?P<scope>[^()]*)\))?(?P<bang>!)?:\s*(?P<text>\S.*)$"
)
_BREAKING_FOOTER = re.compile(r"^BREAKING[ -]CHANGE:", re.MULTILINE)
SHORT_HASH = 7


@dataclass(frozen=True, slots=True)
class ChangelogEntry:
    """One commit of a changelog: its conventional-commit parts and where it comes from."""

    hash: str
    type: str
    scope: str | None
    breaking: bool
    description: str
    author: str | None
    url: str | None
    timestamp: datetime | None

    @property
    def short_hash(self) -> str:
        """The first 7 hex digits."""
        return self.hash[:SHORT_HASH]


@dataclass(frozen=True, slots=True)
class ChangelogGroup:
    """The entries of one conventional-commit type (`other`: the rest), newest first."""

    type: str
    title: str
    entries: list[ChangelogEntry]


@dataclass(frozen=True, slots=True)
class Changelog:
    """What a deployment shipped, grouped by type in changelog order; `authors` alphabetically."""

    deployment: DeploymentView
    groups: list[ChangelogGroup]
    authors: list[str]

    @property
    def commit_count(self) -> int:
        """How many commits the deployment shipped."""
        return sum(len(group.entries) for group in self.groups)


def parse_headline(
    headline: str | None, message: str | None = None
) -> tuple[str, str | None, bool, str]:
    """(type, scope, breaking, description) of a commit headline; type `other` when it is not a
    conventional commit (or uses a type not in `GROUPS`), the description then the headline."""
    text = (headline or "").strip()
    breaking_footer = bool(message and _BREAKING_FOOTER.search(message))
    match = _HEADLINE.match(text)
    if match is None or match["type"].lower() not in GROUPS:
        return "other", None, breaking_footer, text or "(no message)"
    scope = match["scope"].strip() if match["scope"] else None
    return (
        match["type"].lower(),
        scope or None,
        bool(match["bang"]) or breaking_footer,
        match["text"],
    )


def entry_of(view: CommitView) -> ChangelogEntry:
    """The changelog entry of one commit."""
    commit = view.commit
    kind, scope, breaking, description = parse_headline(commit.headline, commit.message)
    return ChangelogEntry(
        hash=commit.hash,
        type=kind,
        scope=scope,
        breaking=breaking,
        description=description,
        author=commit.author,
        url=commit.url,
        timestamp=commit.timestamp or view.created_at,
    )


def changelog(store: Store, deployment: DeploymentView) -> Changelog:
    """The changelog of a deployment: its shipped commits grouped by type, newest first."""
    entries = [entry_of(view) for view in deployment_commits(store, deployment)]
    groups = [
        ChangelogGroup(kind, title, [e for e in entries if e.type == kind])
        for kind, title in GROUPS.items()
    ]
    authors = sorted({e.author for e in entries if e.author}, key=str.casefold)
    return Changelog(deployment, [g for g in groups if g.entries], authors)


def deployment_changelog(store: Store, deployment_id: str) -> Changelog | None:
    """The changelog of the deployment with this id (PipeCD or CDEvent), or None if unknown."""
    deployment = find_deployment(store, deployment_id)
    return changelog(store, deployment) if deployment is not None else None


def changelog_markdown(log: Changelog) -> str:
    """The changelog as Markdown, git-cliff style: a heading, a section per type, authors."""
    d = log.deployment
    when = d.completed_at or d.started_at
    stamp = f" ({when:%Y-%m-%d %H:%M} UTC)" if when is not None else ""
    lines = [f"## {d.application} → {d.environment or 'unknown environment'}{stamp}", ""]
    lines.append(f"Deployment `{d.id}`: {log.commit_count} commit(s).")
    for group in log.groups:
        lines += ["", f"### {group.title}", ""]
        for entry in group.entries:
            scope = f"**{entry.scope}:** " if entry.scope else ""
            breaking = "[**breaking**] " if entry.breaking else ""
            ref = f"[{entry.short_hash}]({entry.url})" if entry.url else entry.short_hash
            author = f" by {entry.author}" if entry.author else ""
            lines.append(f"- {breaking}{scope}{entry.description} ({ref}){author}")
    if log.authors:
        lines += ["", "### Authors", ""]
        lines += [f"- {author}" for author in log.authors]
    return "\n".join(lines) + "\n"
