"""`Changelog`: what a deployment shipped, grouped by conventional-commit type (git-cliff style)."""
# mypy: disable-error-code="untyped-decorator"
# (strawberry types `@strawberry.field(...)` with arguments as returning Any.)

from __future__ import annotations

from datetime import datetime

import strawberry

from lineage.services import changelog as service


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
    entries: list[ChangelogEntry] = strawberry.field(description="Its commits, newest first.")


@strawberry.type(
    description=(
        "The commits a deployment shipped (those the previous deployment of the same application "
        "to the same environment had not), grouped by type in changelog order: feat, fix, perf, "
        "refactor, docs, style, test, build, ci, chore, revert, other."
    )
)
class Changelog:
    commit_count: int = strawberry.field(description="How many commits were shipped.")
    groups: list[ChangelogGroup] = strawberry.field(description="Non-empty groups, in order.")
    authors: list[str] = strawberry.field(description="Every author, alphabetically.")
    markdown: str = strawberry.field(description="The changelog as Markdown (git-cliff style).")

    @classmethod
    def from_changelog(cls, log: service.Changelog) -> Changelog:
        """The GraphQL view of a changelog."""
        return cls(
            commit_count=log.commit_count,
            groups=[
                ChangelogGroup(
                    type=group.type,
                    title=group.title,
                    entries=[ChangelogEntry.from_entry(e) for e in group.entries],
                )
                for group in log.groups
            ],
            authors=list(log.authors),
            markdown=service.changelog_markdown(log),
        )
