"""What a folded fan group says at a glance ("3 x build, 2 ok, 1 failed"), how each branch went.

The explorer draws a folded fan-out/fan-in group as one node; its label and status bar come
from here so the browser computes nothing the backend knows. A branch turned out as the worst
of its events (`lineage.services.outcomes`); a branch with no events of its own (the successor
is the sink) has no outcome and is not counted.
"""

from __future__ import annotations

from collections import Counter

from lineage.model import Event
from lineage.services.fans import FanBranch, FanGroup
from lineage.services.nodes import Node
from lineage.services.outcomes import Outcome, event_outcome, outcome_counts, worst_outcome

#: The multiplication sign between a fan's branch count and what its branches are.
TIMES = "\u00d7"
#: What a branch with no events of its own (its successor is the sink) counts as in a mixed fan.
DIRECT = "direct"
#: A mixed fan's label names up to this many kinds of branch, else just counts its branches.
MAX_KINDS = 3
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


#: Outcomes that only say a subject has not finished yet.
PENDING = frozenset({Outcome.RUNNING, Outcome.QUEUED})


def branch_outcome(branch: FanBranch) -> Outcome | None:
    """How a branch turned out: the worst of its events (None when it has none).

    A started (or queued) event whose subject has a settled event in the branch too (its
    `finished`) is not counted: a build that started and succeeded is a success, not running.
    """
    return worst_outcome(_latest_words(branch.events))


def _latest_words(nodes: list[Node]) -> list[Node]:
    """`nodes` without the pending events of subjects that also have a settled event among them."""
    settled = {
        (node.subject_type, node.subject_id)
        for node in nodes
        if isinstance(node, Event) and event_outcome(node) not in PENDING
    }
    return [
        node
        for node in nodes
        if not (
            isinstance(node, Event)
            and event_outcome(node) in PENDING
            and (node.subject_type, node.subject_id) in settled
        )
    ]


def branch_outcomes(group: FanGroup) -> list[tuple[Outcome, int]]:
    """How many branches of the group turned out each way, worst first."""
    outcomes = [branch_outcome(branch) for branch in group.branches]
    return outcome_counts(outcome for outcome in outcomes if outcome is not None)


def fan_label(group: FanGroup) -> str:
    """The folded group's label: what its branches are, how many, and their outcomes.

    `3x build · 1✗ 2✓` (with the sign `TIMES`) when every branch starts with the same subject
    type; a mixed fan counts each type, most first (`2x build + 1x testSuiteRun · 3✓`), and more
    than `MAX_KINDS` types read `5x branches`. A branch that goes straight to the sink has no type
    of its own: it counts as `direct` (`2x build + 1x direct`).
    """
    kinds = Counter(
        (branch.via.subject_type if isinstance(branch.via, Event) else "placeholder")
        if branch.events
        else DIRECT
        for branch in group.branches
    )
    if len(kinds) == 1:
        (kind,) = kinds
        what = f"{len(group.branches)}{TIMES} {'branches' if kind == DIRECT else kind}"
    elif len(kinds) <= MAX_KINDS:
        ranked = sorted(kinds.items(), key=lambda item: (item[0] == DIRECT, -item[1], item[0]))
        what = " + ".join(f"{count}{TIMES} {kind}" for kind, count in ranked)
    else:
        what = f"{len(group.branches)}{TIMES} branches"
    marks = " ".join(f"{count}{MARKS[outcome]}" for outcome, count in branch_outcomes(group))
    return f"{what} · {marks}" if marks else what
