"""`Changelog`: what a deployment shipped, grouped by conventional-commit type (git-cliff style)."""
# mypy: disable-error-code="untyped-decorator"
# (strawberry types `@strawberry.field(...)` with arguments as returning Any.)

from __future__ import annotations

from datetime import datetime

import strawberry

from lineage.services import changelog as service
from lineage.services.limits import listed

#: What a client over the cap can ask instead (a changelog is one deployment's: no narrower).
_NARROW = (
    "count them with commitCount and groups { type }, or trace one commit with "
    "deploymentTrace(commitHash: …)"
)


@strawberry.type(description="One commit in a changelog, read as a Conventional Commit.")
class ChangelogEntry:
    commit_hash: str = strawberry.field(description="The full (longest known) commit hash.")
    short_hash: str = strawberry.field(description="The first 7 hex digits of the hash.")
    type: str = strawberry.field(
        description="The conventional-commit type (feat, fix, perf, …), or `other`."
    )
    scope: str | None = strawberry.field(description="The scope in `type(scope):`, if any.")
    breaking: bool = strawberry.field(
        description="Marked breaking by `!` or a `BREAKING CHANGE:` footer."
    )
    description: str = strawberry.field(
        description="The headline after `type(scope):` (the whole headline for `other`)."
    )
    author: str | None = strawberry.field(description="The commit author.")
    commit_url: str | None = strawberry.field(description="A link to the commit.")
    timestamp: datetime | None = strawberry.field(
        description="The commit timestamp, else when the commit was first reported."
    )

    @classmethod
    def from_entry(cls, entry: service.ChangelogEntry) -> ChangelogEntry:
        """The GraphQL view of a changelog entry."""
        return cls(
            commit_hash=entry.hash,
            short_hash=entry.short_hash,
            type=entry.type,
            scope=entry.scope,
            breaking=entry.breaking,
            description=entry.description,
            author=entry.author,
            commit_url=entry.url,
            timestamp=entry.timestamp,
        )


@strawberry.type(description="The commits of one conventional-commit type, newest first.")
class ChangelogGroup:
    type: str = strawberry.field(description="The type (feat, fix, …, other).")
    title: str = strawberry.field(description="The section title (Features, Bug Fixes, …).")
    owner: strawberry.Private[str]
    group: strawberry.Private[service.ChangelogGroup]

    @strawberry.field(
        description="Its commits, newest first; more than `LINEAGE_MAX_LISTED_ITEMS` is an error."
    )
    def entries(self) -> list[ChangelogEntry]:
        """Its commits, newest first, within the listing cap."""
        shown = listed(
            f"the {self.type} group of {self.owner}", "commits", self.group.entries, _NARROW
        )
        return [ChangelogEntry.from_entry(entry) for entry in shown]


@strawberry.type(
    description=(
        "The commits a deployment shipped (those the previous deployment of the same application "
        "to the same environment had not), grouped by type in changelog order: feat, fix, perf, "
        "refactor, docs, style, test, build, ci, chore, revert, other."
    )
)
class Changelog:
    commit_count: int = strawberry.field(description="How many commits were shipped.")
    log: strawberry.Private[service.Changelog]

    def _owner(self) -> str:
        """How an error names this changelog."""
        return f"the changelog of deployment {self.log.deployment.id!r}"

    @strawberry.field(
        description="Non-empty groups, in order; more than `LINEAGE_MAX_LISTED_ITEMS` is an error."
    )
    def groups(self) -> list[ChangelogGroup]:
        """The non-empty groups in changelog order, within the listing cap."""
        shown = listed(
            self._owner(), "groups", self.log.groups, "count its commits with commitCount"
        )
        return [
            ChangelogGroup(type=group.type, title=group.title, owner=self._owner(), group=group)
            for group in shown
        ]

    @strawberry.field(
        description="Every author, alphabetically; more than `LINEAGE_MAX_LISTED_ITEMS` is an "
        "error."
    )
    def authors(self) -> list[str]:
        """Every author, alphabetically, within the listing cap."""
        return list(listed(self._owner(), "authors", self.log.authors, _NARROW))

    @strawberry.field(
        description="The changelog as Markdown (git-cliff style); a changelog of more than "
        "`LINEAGE_MAX_LISTED_ITEMS` commits or authors is an error."
    )
    def markdown(self) -> str:
        """The changelog as Markdown, when its commits and authors are within the listing cap."""
        entries = [entry for group in self.log.groups for entry in group.entries]
        listed(self._owner(), "commits", entries, _NARROW)
        listed(self._owner(), "authors", self.log.authors, _NARROW)
        return service.changelog_markdown(self.log)

    @classmethod
    def from_changelog(cls, log: service.Changelog) -> Changelog:
        """The GraphQL view of a changelog."""
        return cls(commit_count=log.commit_count, log=log)
