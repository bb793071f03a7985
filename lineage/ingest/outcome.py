"""What happened to each record: stored, duplicate, conflict or rejected, and the run's tally."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum


class Status(StrEnum):
    """The fate of one record."""

    STORED = "stored"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class RecordOutcome:
    """One record's fate; `reason` explains conflicts and rejections."""

    origin: str
    status: Status
    kind: str | None = None
    record_id: str | None = None
    reason: str | None = None


@dataclass(slots=True)
class IngestReport:
    """Counts per status, every conflict and rejection, and all outcomes when asked to keep them."""

    counts: Counter[Status] = field(default_factory=Counter)
    problems: list[RecordOutcome] = field(default_factory=list)
    outcomes: list[RecordOutcome] = field(default_factory=list)
    keep_outcomes: bool = False

    def add(self, outcome: RecordOutcome) -> None:
        """Count an outcome, keeping it when it is a problem or when all are kept."""
        self.counts[outcome.status] += 1
        if outcome.status in (Status.CONFLICT, Status.REJECTED):
            self.problems.append(outcome)
        if self.keep_outcomes:
            self.outcomes.append(outcome)

    def count(self, status: Status, n: int) -> None:
        """Count `n` unproblematic outcomes without keeping them (when outcomes are not kept)."""
        if n:
            self.counts[status] += n

    @property
    def rejected(self) -> list[RecordOutcome]:
        """The rejected records."""
        return [o for o in self.problems if o.status is Status.REJECTED]

    @property
    def conflicts(self) -> list[RecordOutcome]:
        """The conflicting records."""
        return [o for o in self.problems if o.status is Status.CONFLICT]

    @property
    def total(self) -> int:
        """How many records were seen."""
        return sum(self.counts.values())
