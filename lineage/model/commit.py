"""Source commits: a hash plus what producers told about it, and where an event named one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

#: A commit hash as producers send it: 7 to 40 hexadecimal digits (abbreviated or full SHA-1).
MIN_HASH_LENGTH = 7
MAX_HASH_LENGTH = 40
_HEX = re.compile(rf"[0-9a-fA-F]{{{MIN_HASH_LENGTH},{MAX_HASH_LENGTH}}}")


def is_commit_hash(value: object) -> bool:
    """Whether `value` is a string of 7 to 40 hexadecimal digits."""
    return isinstance(value, str) and _HEX.fullmatch(value) is not None


def normalize_commit_hash(value: str) -> str:
    """The canonical (lower-case) form of a commit hash; `ValueError` when it is not one."""
    text = value.strip()
    if not is_commit_hash(text):
        raise ValueError(
            f"not a commit hash: {value!r} (expected {MIN_HASH_LENGTH} to {MAX_HASH_LENGTH} "
            "hexadecimal digits)"
        )
    return text.lower()


@dataclass(frozen=True, slots=True)
class Commit:
    """A source commit and the details a producer gave with it (any of them may be missing)."""

    hash: str
    url: str | None = None
    title: str | None = None
    message: str | None = None
    author: str | None = None
    timestamp: datetime | None = None

    @property
    def headline(self) -> str | None:
        """The title, else the first line of the message."""
        if self.title:
            return self.title
        if self.message:
            return self.message.strip().splitlines()[0] if self.message.strip() else None
        return None


@dataclass(frozen=True, slots=True)
class CommitMention:
    """An event that names a commit: the commit as that event describes it, and the event.

    `event_kind`: the event's subject type and predicate (`change.merged`: a merge of the
    commit), or None for a mention stored before it was recorded (ask `Store.event_kinds`).
    """

    commit: Commit
    event_id: str
    event_timestamp: datetime
    event_kind: str | None = None

    @property
    def kind_pair(self) -> tuple[str, str] | None:
        """`event_kind` as (subject type, predicate), as `Store.event_kinds` gives it."""
        if self.event_kind is None:
            return None
        subject, _, predicate = self.event_kind.rpartition(".")
        return (subject, predicate)


class MentionTime(NamedTuple):
    """What one event's mention of a commit tells of its time, without the other details: the
    commit timestamp it gives (`timestamp`, None if none), and the event's id, time and kind
    (`CommitMention.event_kind`; `change.merged`: a merge). What a commit's time needs (read
    by the ten thousand: a tuple is made in a third of a frozen dataclass's time)."""

    hash: str
    event_id: str
    event_timestamp: datetime
    timestamp: datetime | None
    event_kind: str | None

    @classmethod
    def of(cls, mention: CommitMention) -> MentionTime:
        """The time a full mention tells."""
        return cls(mention.commit.hash, mention.event_id, mention.event_timestamp,
                   mention.commit.timestamp, mention.event_kind)  # fmt: skip


@dataclass(frozen=True, slots=True)
class CommitEntry:
    """A commit in the commit index: when it was first and last reported, by which project.

    Entries of one hash merge: earliest `created_at`, latest `updated_at`, smallest project id,
    `listed` if any is. Listed commits (named by an event or a deployment trace) appear in the
    trace listing; the others (named only by a deployment or a manifest-commit trailer) can still
    be looked up by hash.
    """

    hash: str
    created_at: datetime | None = None
    updated_at: datetime | None = None
    project_id: str | None = None
    listed: bool = False
