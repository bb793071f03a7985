"""Producer status words and the rule settling an execution's status."""

from __future__ import annotations

import pytest

from lineage.ingest.statuses import environment_status, execution_status, settled_status
from lineage.model.pipeline import EnvironmentRun, EnvironmentStatus, ExecutionStatus


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("success", ExecutionStatus.SUCCEEDED), ("Succeeded", ExecutionStatus.SUCCEEDED),
        ("FAILURE", ExecutionStatus.FAILED), ("error", ExecutionStatus.FAILED),
        ("cancelled", ExecutionStatus.CANCELLED), ("Canceled", ExecutionStatus.CANCELLED),
        ("In Progress", ExecutionStatus.RUNNING), ("in_progress", ExecutionStatus.RUNNING),
        ("queued", ExecutionStatus.QUEUED), ("gibberish", None), (None, None), ("", None),
    ],
)  # fmt: skip
def test_execution_words(word: str | None, status: ExecutionStatus | None) -> None:
    assert execution_status(word) is status


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("Succeeded", EnvironmentStatus.SUCCEEDED), ("deployed", EnvironmentStatus.SUCCEEDED),
        ("RolledBack", EnvironmentStatus.ROLLED_BACK),
        ("rolled back", EnvironmentStatus.ROLLED_BACK),
        ("Failed", EnvironmentStatus.FAILED), ("Progressing", EnvironmentStatus.RUNNING),
        ("Pending", EnvironmentStatus.PENDING), ("Exploded", None),
    ],
)  # fmt: skip
def test_environment_words(word: str, status: EnvironmentStatus | None) -> None:
    assert environment_status(word) is status


def env(status: EnvironmentStatus) -> EnvironmentRun:
    return EnvironmentRun("prod", 0, status)


def test_a_bad_environment_fails_an_execution_unless_it_was_cancelled() -> None:
    rolled_back = [env(EnvironmentStatus.SUCCEEDED), env(EnvironmentStatus.ROLLED_BACK)]

    assert settled_status(ExecutionStatus.SUCCEEDED, rolled_back) is ExecutionStatus.FAILED
    assert settled_status(ExecutionStatus.RUNNING, rolled_back) is ExecutionStatus.FAILED
    assert settled_status(ExecutionStatus.CANCELLED, rolled_back) is ExecutionStatus.CANCELLED
    assert (
        settled_status(ExecutionStatus.RUNNING, [env(EnvironmentStatus.SUCCEEDED)])
        is ExecutionStatus.RUNNING
    )
