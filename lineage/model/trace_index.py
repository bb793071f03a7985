"""The trace index a batch of records adds: a fact derived by ingest, written with the batch.

Ingest derives, from each batch's new events and PipeCD records, which subjects the events
mention (for inferred edges), which commits they name, and the commit-index entries of both;
the store writes them in the batch's own transaction (as the fact kind `TraceIndex`), so the
index never lags behind the events it was derived from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from lineage.model.commit import CommitEntry, CommitMention
from lineage.model.mention import Mention


@dataclass(frozen=True, slots=True)
class TraceIndex:
    """Trace-index rows of one ingest batch; `id` and `digest` hash what they hold."""

    kind: ClassVar[str] = "TraceIndex"

    id: str
    digest: str
    mentions: Sequence[Mention] = ()
    commit_mentions: Sequence[CommitMention] = ()
    commits: Sequence[CommitEntry] = ()

    def __bool__(self) -> bool:
        """Whether there is anything to write."""
        return bool(self.mentions or self.commit_mentions or self.commits)
