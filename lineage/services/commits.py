"""Commits as the trace sees them: a hash or unique prefix resolved, details merged from sources.

A producer may name a commit by an abbreviated hash and another by the full one; the index then
holds both. They are one commit when one is a prefix of the other: a lookup resolves to the
longest stored hash (the canonical one) together with its stored abbreviations (`aliases`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime

from lineage.model.commit import (
    MAX_HASH_LENGTH,
    MIN_HASH_LENGTH,
    Commit,
    CommitEntry,
    CommitMention,
    MentionTime,
    is_commit_hash,
)
from lineage.model.pipecd import DeploymentTrace
from lineage.services.errors import ServiceError
from lineage.store.protocol import Store

#: How many matching hashes an ambiguous prefix error lists.
AMBIGUOUS_SHOWN = 5


class AmbiguousCommitError(ServiceError):
    """A hash prefix that matches more than one commit."""


@dataclass(frozen=True, slots=True)
class CommitView:
    """A commit with what every source told about it, and where it sits in the index."""

    commit: Commit
    aliases: tuple[str, ...]
    project_id: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def hash(self) -> str:
        """The canonical (longest known) hash."""
        return self.commit.hash


def check_hash_text(text: str) -> str:
    """`text` as a lower-case hash or prefix; `ServiceError` unless 7 to 40 hex digits."""
    value = text.strip()
    if not is_commit_hash(value):
        raise ServiceError(
            f"commitHash must be a full hash or a unique prefix of {MIN_HASH_LENGTH} to "
            f"{MAX_HASH_LENGTH} hexadecimal digits, got {text!r}"
        )
    return value.lower()


def resolve_commit(
    prefix: str, longer: Sequence[str], shorter: Sequence[str], aliases: Sequence[str]
) -> tuple[str, ...] | None:
    """The stored hashes of the commit `prefix` names, canonical first; None if it names none.

    `prefix` is a checked hash or prefix (`check_hash_text`); `longer`, `shorter` and `aliases`
    are what `TraceStore.commit_trace` found for it. Raises `AmbiguousCommitError` when the
    prefix matches commits that are not abbreviations of one another.
    """
    known = sorted({*longer, *shorter}, key=lambda h: (-len(h), h))
    if not known:
        return None
    canonical = known[0]
    strays = [h for h in longer if not canonical.startswith(h)]
    if strays:
        shown = sorted(longer)[:AMBIGUOUS_SHOWN]
        more = ", …" if len(longer) > AMBIGUOUS_SHOWN else ""
        raise AmbiguousCommitError(
            f"commit prefix {prefix!r} is ambiguous: it matches {', '.join(shown)}{more}; "
            "give more digits"
        )
    # `aliases` are the canonical's stored abbreviations, whether or not more hashes start
    # with the prefix than `longer` lists.
    return tuple(dict.fromkeys([canonical, *(h for h in aliases if h != canonical)]))


def commit_views(store: Store, groups: Sequence[Sequence[str]]) -> list[CommitView]:
    """A view of each commit given as its stored hashes (canonical first), in one store call."""
    every = list(dict.fromkeys(h for group in groups for h in group))
    if not every:
        return [merge_commit(group, {}, [], []) for group in groups]
    facts = store.commit_facts(every)
    traces, mentions = _by_hash(facts.traces, facts.mentions)
    # Each group gets only its own hashes' traces and mentions (linear in the commits).
    return [
        merge_commit(
            group,
            facts.entries,
            [t for h in dict.fromkeys(group) for t in traces.get(h, ())],
            [m for h in dict.fromkeys(group) for m in mentions.get(h, ())],
        )
        for group in groups
    ]


def commit_details(
    store: Store, hashes: Sequence[str], mentions_read: Iterable[CommitMention]
) -> dict[str, CommitView]:
    """Each commit's view (`merge_commit` of its PipeCD traces and its mentions, given: the
    caller's `store.commit_mentions(hashes)`), by hash, without its index entry (no project or
    index times: for callers that need only the commit)."""
    if not hashes:
        return {}
    traces, mentions = _by_hash(store.deployment_traces(hashes), mentions_read)
    views: dict[str, CommitView] = {}
    for h in dict.fromkeys(hashes):
        own = mentions.get(h, ())
        if len(own) == 1 and h not in traces:  # the usual case: one event told all there is
            views[h] = CommitView(own[0].commit, (h,))
        else:
            views[h] = merge_commit([h], {}, traces.get(h, ()), own)
    return views


def commit_timestamps(
    store: Store, hashes: Sequence[str], times_read: Iterable[MentionTime]
) -> dict[str, datetime | None]:
    """Each commit's timestamp as `commit_details` gives it (the first one told by its PipeCD
    traces by id, then by its mentions, given as the caller's `store.mention_times(hashes)`, by
    event time), without building the views or reading the mentions' other details."""
    if not hashes:
        return {}
    # Sources that tell no timestamp cannot be the first to tell one: left out of the sorts.
    traces = sorted(
        (t for t in store.deployment_traces(hashes) if t.commit_timestamp is not None),
        key=_trace_order,
    )
    mentions = sorted((m for m in times_read if m.timestamp is not None), key=_mention_order)
    told: dict[str, datetime] = {}
    for commit_hash, moment in [
        *((t.commit_hash, t.commit_timestamp) for t in traces),
        *((m.hash, m.timestamp) for m in mentions),
    ]:
        if moment is not None and commit_hash not in told:
            told[commit_hash] = moment
    return {h: told.get(h) for h in hashes}


def _by_hash(
    traces: Iterable[DeploymentTrace], mentions: Iterable[CommitMention]
) -> tuple[dict[str, list[DeploymentTrace]], dict[str, list[CommitMention]]]:
    """PipeCD traces and event mentions grouped by the commit hash they name."""
    traces_of: dict[str, list[DeploymentTrace]] = {}
    for trace in traces:
        traces_of.setdefault(trace.commit_hash, []).append(trace)
    mentions_of: dict[str, list[CommitMention]] = {}
    for mention in mentions:
        mentions_of.setdefault(mention.commit.hash, []).append(mention)
    return traces_of, mentions_of


def _trace_order(trace: DeploymentTrace) -> str:
    """The order in which a commit's PipeCD traces tell its details: by trace id."""
    return trace.id


def _mention_order(mention: CommitMention | MentionTime) -> tuple[datetime, str]:
    """The order in which events' mentions tell a commit's details, after the traces: earliest
    event first."""
    return (mention.event_timestamp, mention.event_id)


def merge_commit(
    hashes: Sequence[str],
    entries: dict[str, CommitEntry],
    traces: Iterable[DeploymentTrace],
    mentions: Iterable[CommitMention],
) -> CommitView:
    """One commit's view: PipeCD's trace details first, then each event's, earliest first."""
    wanted = set(hashes)
    own_traces = sorted((t for t in traces if t.commit_hash in wanted), key=_trace_order)
    own_mentions = sorted((m for m in mentions if m.commit.hash in wanted), key=_mention_order)
    sources = [*(_trace_commit(t) for t in own_traces), *(m.commit for m in own_mentions)]
    # The first source of the canonical hash gives every detail it has: it is the start.
    first_own = bool(sources) and sources[0].hash == hashes[0]
    commit = sources[0] if first_own else Commit(hashes[0])
    for source in sources[1:] if first_own else sources:
        commit = _fill(commit, source)
    own_entries = [entries[h] for h in hashes if h in entries]
    created = [e.created_at for e in own_entries if e.created_at is not None]
    updated = [e.updated_at for e in own_entries if e.updated_at is not None]
    projects = sorted(e.project_id for e in own_entries if e.project_id)
    return CommitView(
        commit=commit,
        aliases=tuple(hashes),
        project_id=projects[0] if projects else None,
        created_at=min(created) if created else None,
        updated_at=max(updated) if updated else None,
    )


def _trace_commit(trace: DeploymentTrace) -> Commit:
    return Commit(
        hash=trace.commit_hash,
        url=trace.commit_url,
        title=trace.title,
        message=trace.commit_message,
        author=trace.author,
        timestamp=trace.commit_timestamp,
    )


#: A commit's details (every field but the hash), looked up once.
_DETAILS = tuple(f.name for f in fields(Commit) if f.name != "hash")


def _fill(commit: Commit, source: Commit) -> Commit:
    """`commit` with its missing details taken from `source` (the hash is kept)."""
    missing = {
        name: getattr(source, name) for name in _DETAILS if getattr(commit, name) is None
    }
    return replace(commit, **missing) if missing else commit


def same_commit(a: str, b: str) -> bool:
    """Whether two stored hashes name one commit (one abbreviates the other)."""
    return a.startswith(b) or b.startswith(a)
