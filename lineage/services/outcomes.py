"""Outcomes: how an event, a fan branch or a chain turned out, as the explorer colours them.

An event's outcome, first rule that applies:

- a placeholder: PLACEHOLDER;
- `service.rolledback`: ROLLED_BACK;
- an `outcome` (else `status`) word in its subject content or customData that names a status
  (`lineage.ingest.statuses`): SUCCEEDED, FAILED, CANCELLED, RUNNING, QUEUED or ROLLED_BACK;
- `errors` in its subject content: FAILED;
- `incident.detected|reported`: FAILED; `testcaserun.skipped`: CANCELLED;
- `*.queued`: QUEUED; `*.started`: RUNNING;
- anything else (finished, deployed, published, merged ...): SUCCEEDED.

A group of events (a fan branch) turned out as the worst of its events (`WORST_FIRST`); a
chain as its END event while it is complete, else RUNNING.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from enum import Enum
from typing import Any

from lineage.ingest.statuses import environment_status, execution_status
from lineage.model import Event
from lineage.model.pipeline import EnvironmentStatus, ExecutionStatus
from lineage.services.nodes import Node


class Outcome(Enum):
    """How an event (or a group of them) turned out."""

    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    ROLLED_BACK = "ROLLED_BACK"
    CANCELLED = "CANCELLED"
    RUNNING = "RUNNING"
    QUEUED = "QUEUED"
    PLACEHOLDER = "PLACEHOLDER"


#: From worst to best: a group shows its worst member.
WORST_FIRST = (
    Outcome.FAILED,
    Outcome.ROLLED_BACK,
    Outcome.CANCELLED,
    Outcome.RUNNING,
    Outcome.QUEUED,
    Outcome.PLACEHOLDER,
    Outcome.SUCCEEDED,
)
_RANK = {outcome: rank for rank, outcome in enumerate(WORST_FIRST)}

_BY_STATUS = {
    ExecutionStatus.SUCCEEDED: Outcome.SUCCEEDED,
    ExecutionStatus.FAILED: Outcome.FAILED,
    ExecutionStatus.CANCELLED: Outcome.CANCELLED,
    ExecutionStatus.RUNNING: Outcome.RUNNING,
    ExecutionStatus.QUEUED: Outcome.QUEUED,
}
_BAD_NEWS = frozenset({("incident", "detected"), ("incident", "reported")})


def event_outcome(node: Node) -> Outcome:
    """How one event turned out (see the module's rules)."""
    if not isinstance(node, Event):
        return Outcome.PLACEHOLDER
    if node.predicate == "rolledback":
        return Outcome.ROLLED_BACK
    said = _reported(node.subject_content) or _reported(node.custom_data)
    if said is not None:
        return said
    if node.subject_content.get("errors"):
        return Outcome.FAILED
    if (node.subject_type, node.predicate) in _BAD_NEWS:
        return Outcome.FAILED
    if node.predicate == "skipped":
        return Outcome.CANCELLED
    if node.predicate == "queued":
        return Outcome.QUEUED
    if node.predicate == "started":
        return Outcome.RUNNING
    return Outcome.SUCCEEDED


def worst_outcome(nodes: Iterable[Node]) -> Outcome | None:
    """The worst outcome among `nodes` (None when there are none)."""
    outcomes = [event_outcome(node) for node in nodes]
    return min(outcomes, key=_RANK.__getitem__) if outcomes else None


def outcome_counts(outcomes: Iterable[Outcome]) -> list[tuple[Outcome, int]]:
    """How many of each outcome, worst first, leaving out those that do not occur."""
    counts = Counter(outcomes)
    return [(outcome, counts[outcome]) for outcome in WORST_FIRST if counts[outcome]]


def chain_outcome(complete: bool, end: Outcome | None) -> Outcome:
    """A chain's outcome: that of its END event (`end`) once complete, else RUNNING."""
    if not complete or end is None:
        return Outcome.RUNNING
    return end


def _reported(holder: Any) -> Outcome | None:
    """The outcome an `outcome` (else `status`) word of a content mapping names, if any."""
    if not isinstance(holder, dict):
        return None
    for key in ("outcome", "status"):
        word = holder.get(key)
        if not isinstance(word, str):
            continue
        status = execution_status(word)
        if status is not None and status in _BY_STATUS:
            return _BY_STATUS[status]
        if environment_status(word) is EnvironmentStatus.ROLLED_BACK:
            return Outcome.ROLLED_BACK
    return None
