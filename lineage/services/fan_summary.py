"""What a folded fan group says at a glance ("3 x build, 2 ok, 1 failed"), how each branch went.

The explorer draws a folded fan-out/fan-in group as one node; its label and status bar come
from here so the browser computes nothing the backend knows. A branch turned out as the worst
of its events (`lineage.services.outcomes`); a branch with no events of its own (the successor
is the sink) has no outcome and is not counted.
"""

from __future__ import annotations

from lineage.model import Event
from lineage.services.fans import FanBranch, FanGroup
from lineage.services.outcomes import Outcome, outcome_counts, worst_outcome

#: The multiplication sign between a fan's branch count and what its branches are.
TIMES = "\u00d7"
#: The mark of each outcome in a fan label.
MARKS = {
    Outcome.SUCCEEDED: "✓",
    Outcome.FAILED: "✗",
    Outcome.ROLLED_BACK: "↩",
    Outcome.CANCELLED: "⊘",
    Outcome.RUNNING: "…",
    Outcome.QUEUED: "◷",
    Outcome.PLACEHOLDER: "?",
}


def branch_outcome(branch: FanBranch) -> Outcome | None:
    """How a branch turned out: the worst of its events (None when it has none)."""
    return worst_outcome(branch.events)


def branch_outcomes(group: FanGroup) -> list[tuple[Outcome, int]]:
    """How many branches of the group turned out each way, worst first."""
    outcomes = [branch_outcome(branch) for branch in group.branches]
    return outcome_counts(outcome for outcome in outcomes if outcome is not None)


def fan_label(group: FanGroup) -> str:
    """The folded group's label: branch count, what the branches are, their outcomes."""
    kinds = {
        branch.via.subject_type if isinstance(branch.via, Event) else "placeholder"
        for branch in group.branches
        if branch.events
    }
    what = kinds.pop() if len(kinds) == 1 else "branches"
    marks = " ".join(f"{count}{MARKS[outcome]}" for outcome, count in branch_outcomes(group))
    label = f"{len(group.branches)}{TIMES} {what}"
    return f"{label} · {marks}" if marks else label
