"""Producer status words to our statuses, and the rule that settles an execution's status.

Tools say the same thing many ways (`success`, `Succeeded`, `DEPLOYMENT_SUCCESS`, `passed` ...).
Words are compared lower-case with everything but letters removed, so `In Progress`,
`in_progress` and `InProgress` are one word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lineage.model.pipeline import EnvironmentRun, EnvironmentStatus, ExecutionStatus

_NOT_LETTERS = re.compile(r"[^a-z]")

_EXECUTION_WORDS: dict[ExecutionStatus, frozenset[str]] = {
    ExecutionStatus.SUCCEEDED: frozenset(
        {"success", "succeeded", "successful", "succeed", "pass", "passed", "ok", "completed",
         "complete", "done", "ready", "finished"}
    ),
    ExecutionStatus.FAILED: frozenset(
        {"failure", "failed", "fail", "error", "errored", "timeout", "timedout", "stalled",
         "degraded", "rejected", "broken"}
    ),
    ExecutionStatus.CANCELLED: frozenset(
        {"cancel", "cancelled", "canceled", "aborted", "abort", "terminated", "stopped"}
    ),
    ExecutionStatus.RUNNING: frozenset(
        {"running", "inprogress", "progressing", "started", "reconciling", "executing",
         "promoting"}
    ),
    ExecutionStatus.QUEUED: frozenset({"queued", "pending", "waiting", "scheduled", "notstarted"}),
}  # fmt: skip

_ENVIRONMENT_WORDS: dict[EnvironmentStatus, frozenset[str]] = {
    EnvironmentStatus.SUCCEEDED: frozenset(
        {"success", "succeeded", "successful", "pass", "passed", "ok", "completed", "complete",
         "done", "ready", "deployed", "upgraded", "promoted", "healthy", "synced"}
    ),
    EnvironmentStatus.FAILED: frozenset(
        {"failure", "failed", "fail", "error", "errored", "timeout", "timedout", "degraded",
         "stalled", "cancelled", "canceled", "aborted"}
    ),
    EnvironmentStatus.ROLLED_BACK: frozenset(
        {"rolledback", "rollback", "rollbacked", "reverted", "revert", "rolledbacked"}
    ),
    EnvironmentStatus.RUNNING: frozenset(
        {"running", "inprogress", "progressing", "promoting", "deploying", "syncing", "started",
         "reconciling"}
    ),
    EnvironmentStatus.PENDING: frozenset(
        {"pending", "waiting", "queued", "notstarted", "scheduled"}
    ),
}  # fmt: skip

_EXECUTION_BY_WORD = {word: status for status, words in _EXECUTION_WORDS.items() for word in words}
_ENVIRONMENT_BY_WORD = {
    word: status for status, words in _ENVIRONMENT_WORDS.items() for word in words
}


def status_word(text: str) -> str:
    """A status word as compared: lower-case letters only."""
    return _NOT_LETTERS.sub("", text.lower())


def execution_status(text: str | None) -> ExecutionStatus | None:
    """The execution status a producer's word means, or None when the word is not known."""
    if not text:
        return None
    return _EXECUTION_BY_WORD.get(status_word(text))


def environment_status(text: str | None) -> EnvironmentStatus | None:
    """The environment status a producer's word means, or None when the word is not known."""
    if not text:
        return None
    return _ENVIRONMENT_BY_WORD.get(status_word(text))


def settled_status(own: ExecutionStatus, environments: Iterable[EnvironmentRun]) -> ExecutionStatus:
    """An execution's status: its own, except that a failed or rolled-back environment fails it.

    A promotion that ends in a rollback (or a failed environment) failed, whatever the
    orchestrator reported; a cancelled execution stays cancelled.
    """
    if own is ExecutionStatus.CANCELLED:
        return own
    if any(environment.status.bad for environment in environments):
        return ExecutionStatus.FAILED
    return own
